/**
styledText (source/ui/views/styled-text.ts) against Ink itself: a row built as one Text of styled
strings draws the same bytes as the nested Texts it replaces, for every style the views use, inside
an outer Text that is bold, dim or neither and truncates.
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {styledText, type TextStyle} from '../source/ui/views/styled-text.js';

const colors = [undefined, 'blue', 'magenta', 'green', 'red', 'cyan', 'yellow'];
const flags = [undefined, false, true];

/** Every style the views pass: each palette color or none, with each of dim, bold, underline, inverse set, unset or absent. */
function styles(): TextStyle[] {
	const all: TextStyle[] = [];
	for (const color of colors) {
		for (const dimColor of flags) {
			for (const bold of flags) {
				for (const underline of flags) {
					for (const inverse of flags) {
						all.push({color, dimColor, bold, underline, inverse});
					}
				}
			}
		}
	}

	return all;
}

function drawn(element: React.ReactElement): string {
	const {lastFrame, unmount} = render(element);
	const frame = lastFrame() ?? '';
	unmount();
	return frame;
}

test('one Text of styled strings draws what nested Texts draw, for every style and outer style, colored or not', () => {
	const level = chalk.level;
	try {
		for (const colorLevel of [0, 1, 3] as const) {
			chalk.level = colorLevel;
			const all = styles();
			for (const [index, style] of all.entries()) {
				const next = all[(index * 7 + 3) % all.length]!;
				for (const outer of [{}, {bold: true}, {dimColor: true}]) {
					const nested = drawn(<Text wrap="truncate" {...outer}>{'  3  '}<Text {...style}>[Ada Lovelace]</Text><Text {...next}> wrote</Text>{''}<Text {...style}>{''}</Text></Text>);
					const joined = drawn(<Text wrap="truncate" {...outer}>{`  3  ${styledText('[Ada Lovelace]', style)}${styledText(' wrote', next)}${styledText('', style)}`}</Text>);
					assert.equal(joined, nested, JSON.stringify({colorLevel, style, next, outer}));
				}
			}
		}
	} finally {
		chalk.level = level;
	}
});

test('a long row truncates the same either way, with its styles cut where the line ends', () => {
	const level = chalk.level;
	chalk.level = 1;
	try {
		const pieces = Array.from({length: 40}, (_, index) => ({text: ` word${index} [Entity ${index}]`, style: {color: colors[1 + (index % 6)], bold: index % 3 === 0, underline: index % 4 === 0}}));
		const nested = drawn(<Text wrap="truncate" bold>{pieces.map((piece, index) => <Text key={index} {...piece.style}>{piece.text}</Text>)}</Text>);
		const joined = drawn(<Text wrap="truncate" bold>{pieces.map(piece => styledText(piece.text, piece.style)).join('')}</Text>);
		assert.ok(nested.includes('…'), nested);
		assert.equal(joined, nested);
	} finally {
		chalk.level = level;
	}
});
