/**
Finding a column in a corpus line, written here independently of the engine (source/corpus/cells.ts),
so tests that check which bytes an edit may change do not trust the code they test.
*/

/** Column `column` of a line's content, by the format's rules, written here independently of the engine. */
export function cellOf(line: Buffer, column: number, separator: 'tab' | 'space'): [number, number] | undefined {
	if (separator === 'tab') {
		let start = 0;
		for (let seen = 0; seen < column; seen++) {
			start = line.indexOf(0x09, start) + 1;
			if (start === 0) {
				return undefined;
			}
		}

		let end = line.indexOf(0x09, start);
		end = end === -1 ? line.length : end;
		while (start < end && line[start] === 0x20) {
			start++;
		}

		while (end > start && line[end - 1] === 0x20) {
			end--;
		}

		return [start, end];
	}

	const words = /[^ \t]+/g;
	const text = line.toString('latin1');
	let seen = 0;
	for (let match = words.exec(text); match !== null; match = words.exec(text)) {
		if (seen++ === column) {
			return [match.index, match.index + match[0].length];
		}
	}

	return undefined;
}
