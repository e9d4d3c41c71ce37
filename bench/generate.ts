/**
Writes synthetic corpora of a given size for the benchmark: the seed format (WikiSER, `<s>`
sentences, token<TAB>tag) and CoNLL-2003 (4 space-separated columns, -DOCSTART-, blank lines).
Deterministic (seeded), so every run measures the same bytes.
*/
import fs from 'node:fs';

const types = ['Application', 'Algorithm', 'Protocol', 'Language', 'General_Concept', 'Operating_System', 'Device', 'Data_Structure', 'Library', 'License', 'Error_Name', 'Architecture'];
const words = ['the', 'of', 'and', 'a', 'in', 'is', 'to', 'was', 'for', 'as', 'with', 'by', 'on', 'that', 'from', 'it', 'system', 'data', 'software', 'version', 'used', 'which', 'an', 'are', 'be', 'first', 'also', 'can', 'program', 'code', 'file', 'network', 'user', 'memory', 'support', 'release', ',', '.', '(', ')'];
const names = ['Linux', 'Python', 'Java', 'TCP', 'HTTP', 'Unix', 'Windows', 'Git', 'SQL', 'ARM', 'Quicksort', 'B-tree', 'GPL', 'NumPy', 'Ethernet', 'Haskell', 'Rust', 'Emacs', 'vim', 'x86'];

export type CorpusKind = 'seed' | 'conll';

/** A small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6D_2B_79_F5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Writes about `tokens` tokens of `kind` to `file`. */
export function generateCorpus(file: string, kind: CorpusKind, tokens: number, seed = 42): void {
	const next = random(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
	const fd = fs.openSync(file, 'w');
	let buffer = kind === 'conll' ? '-DOCSTART- -X- -X- O\n\n' : '';
	let written = 0;
	let sentences = 0;
	while (written < tokens) {
		const length = Math.min(tokens - written, 5 + Math.floor(next() * 30));
		if (kind === 'seed') {
			buffer += '<s>\n';
		} else if (sentences > 0 && sentences % 200 === 0) {
			buffer += '-DOCSTART- -X- -X- O\n\n';
		}

		let i = 0;
		while (i < length) {
			if (next() < 0.1) {
				const type = pick(types);
				const span = Math.min(length - i, 1 + Math.floor(next() * 3));
				for (let j = 0; j < span; j++) {
					buffer += line(kind, pick(names), `${j === 0 ? 'B' : 'I'}-${type}`);
				}

				i += span;
			} else {
				buffer += line(kind, pick(words), 'O');
				i++;
			}
		}

		buffer += kind === 'seed' ? '</s>\n' : '\n';
		written += length;
		sentences++;
		if (buffer.length > 1 << 20) {
			fs.writeSync(fd, buffer);
			buffer = '';
		}
	}

	fs.writeSync(fd, buffer);
	fs.closeSync(fd);
}

function line(kind: CorpusKind, token: string, tag: string): string {
	return kind === 'seed' ? `${token}\t${tag}\n` : `${token} NN I-NP ${tag}\n`;
}

if (process.argv[1] !== undefined && import.meta.filename === fs.realpathSync(process.argv[1])) {
	const [file, kind, count] = process.argv.slice(2);
	generateCorpus(file!, kind as CorpusKind, Number(count));
}
