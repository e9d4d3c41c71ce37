/**
Wrapping the current sentence into screen lines: the `[text]TYPE` units, where each line breaks,
which line holds the cursor, and how far the view scrolls to keep it in sight.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import type {Decoded, Span} from '../source/corpus/scheme.js';
import {layoutSentence, sentenceUnits, type PlacedLine, type SentenceLayout} from '../source/ui/sentence-layout.js';
import {clampTop, windowAround} from '../source/ui/state/window.js';

/** The sentence view's window: a third of its rows above the cursor line. */
const scrollTop = (lineCount: number, line: number, height: number) => windowAround(line, lineCount, height, Math.floor(height / 3));

const noEntities: Decoded = {spans: [], invalid: []};

/** A line as the view draws it in plain mode: a gap before each unit, marks around it, and the closing gap. */
function drawn(line: PlacedLine): string {
	let text = '';
	for (const unit of line.units) {
		text += ` ${unit.opens ? '[' : ''}${unit.text}${unit.closes ? `]${unit.label}` : ''}${unit.invalid ? '!' : ''}`;
	}

	return `${text} `;
}

/** Lays a sentence out the way SentenceView does: units at most `width - 2` wide. */
function lay(texts: readonly string[], width: number, decoded: Decoded = noEntities): SentenceLayout {
	return layoutSentence(sentenceUnits(texts, decoded, width - 2), width);
}

function assertLayoutFits(layout: SentenceLayout, width: number, tokenCount: number) {
	const placed: number[] = [];
	for (const [index, line] of layout.lines.entries()) {
		assert.ok(stringWidth(drawn(line)) <= width, `line ${index} is ${stringWidth(drawn(line))} columns, more than ${width}: ${JSON.stringify(drawn(line))}`);
		assert.ok(line.units.length > 0 || tokenCount === 0, `line ${index} is empty`);
		for (const unit of line.units) {
			assert.equal(layout.lineOfToken[unit.token], index, `token ${unit.token} is on line ${index}`);
			placed.push(unit.token);
		}
	}

	assert.deepEqual(placed, Array.from({length: tokenCount}, (_, token) => token), 'every token once, in order');
}

describe('sentenceUnits', () => {
	test('an entity opens with [ and closes with ]TYPE, and the marks count in its width', () => {
		const decoded: Decoded = {spans: [{start: 0, end: 2, type: 'PER'}, {start: 4, end: 5, type: 'LOC'}], invalid: []};
		const units = sentenceUnits(['John', 'Smith', 'lives', 'in', 'Paris'], decoded, 40);
		assert.deepEqual(units.map(unit => [unit.text, unit.type, unit.opens, unit.closes, unit.width]), [
			['John', 'PER', true, false, 5],
			['Smith', 'PER', false, true, 9],
			['lives', undefined, false, false, 5],
			['in', undefined, false, false, 2],
			['Paris', 'LOC', true, true, 10],
		]);
	});

	test('a token whose tag breaks the scheme gets a ! and a column for it', () => {
		const units = sentenceUnits(['a', 'b'], {spans: [], invalid: [1]}, 40);
		assert.deepEqual(units.map(unit => [unit.invalid, unit.width]), [[false, 1], [true, 2]]);
	});

	test('token text is made visible: an escape sequence cannot reach the terminal', () => {
		const [unit] = sentenceUnits(['x\u001B[2Jy'], noEntities, 40);
		assert.equal(unit!.text, 'x␛[2Jy');
	});

	test('CJK and emoji count two columns each', () => {
		const units = sentenceUnits(['東京', '😀'], noEntities, 40);
		assert.deepEqual(units.map(unit => unit.width), [4, 2]);
	});

	test('a token wider than a line is cut with … to fit, marks included', () => {
		const long = 'x'.repeat(100);
		const [unit] = sentenceUnits([long], {spans: [{start: 0, end: 1, type: 'ORG'}], invalid: []}, 20);
		assert.equal(unit!.width, 20);
		assert.equal(unit!.text, `${'x'.repeat(14)}…`);
	});

	test('an entity type longer than the line still fits the line', () => {
		const type = 'T'.repeat(50);
		const layout = lay(['a', 'b'], 39, {spans: [{start: 0, end: 1, type}], invalid: []});
		assertLayoutFits(layout, 39, 2);
	});
});

describe('layoutSentence', () => {
	test('words wrap when the next one would not fit, with one column between them', () => {
		// Each unit is 4 wide: 1 + 3 * (4 + 1) = 16 fits, a fourth does not.
		const layout = lay(Array.from({length: 10}, () => 'word'), 16);
		assert.deepEqual(layout.lines.map(line => line.units.map(unit => unit.token)), [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
		assert.equal(drawn(layout.lines[0]!), ' word word word ');
	});

	test('lineOfToken gives the line of the cursor token', () => {
		const layout = lay(Array.from({length: 10}, () => 'word'), 16);
		assert.equal(layout.lineOfToken[0], 0);
		assert.equal(layout.lineOfToken[2], 0);
		assert.equal(layout.lineOfToken[3], 1);
		assert.equal(layout.lineOfToken[7], 2);
		assert.equal(layout.lineOfToken[9], 3);
	});

	test('an empty sentence is one empty line', () => {
		const layout = lay([], 40);
		assert.equal(layout.lines.length, 1);
		assert.equal(layout.lineOfToken.length, 0);
	});

	test('no line is ever wider than the width, with CJK, emoji, entities and invalid tags', () => {
		const tokenText = fc.array(fc.constantFrom('a', 'Zz', '東', '京', '😀', '👍🏽', 'é', '-', '\u001B', '\t', '\u202E'), {minLength: 1, maxLength: 30}).map(chars => chars.join(''));
		const sentence = fc.array(tokenText, {minLength: 1, maxLength: 60}).chain(texts => fc.record({
			texts: fc.constant(texts),
			width: fc.integer({min: 12, max: 120}),
			spans: fc.array(fc.record({at: fc.nat(texts.length - 1), length: fc.integer({min: 1, max: 4}), type: fc.constantFrom('PER', 'LOC', 'ORG', 'MISC', '人名')})),
			invalid: fc.uniqueArray(fc.nat(texts.length - 1)),
		}));
		fc.assert(fc.property(sentence, ({texts, width, spans, invalid}) => {
			// Non-overlapping spans, as decoding gives them.
			const decodedSpans: Span[] = [];
			let free = 0;
			for (const {at, length, type} of [...spans].sort((a, b) => a.at - b.at)) {
				if (at >= free) {
					const end = Math.min(texts.length, at + length);
					decodedSpans.push({start: at, end, type});
					free = end;
				}
			}

			const layout = lay(texts, width, {spans: decodedSpans, invalid: invalid.sort((a, b) => a - b)});
			assertLayoutFits(layout, width, texts.length);
		}), {numRuns: 300});
	});

	test('a 3757-token sentence lays out, every line within the width', () => {
		const texts = Array.from({length: 3757}, (_, index) => (index % 7 === 0 ? '東京' : `tok${index}`));
		const spans: Span[] = [];
		for (let start = 0; start + 2 <= texts.length; start += 10) {
			spans.push({start, end: start + 2, type: 'LOC'});
		}

		const layout = lay(texts, 79, {spans, invalid: []});
		assert.ok(layout.lines.length > 300, `${layout.lines.length} lines`);
		assertLayoutFits(layout, 79, 3757);
		assert.equal(layout.lineOfToken[3756], layout.lines.length - 1);
	});
});

describe('the window of a wrapped sentence (windowAround)', () => {
	test('a sentence that fits the window does not scroll', () => {
		assert.equal(scrollTop(5, 4, 5), 0);
		assert.equal(scrollTop(1, 0, 3), 0);
	});

	test('keeps a third of the window above the cursor line as context', () => {
		assert.equal(scrollTop(100, 50, 9), 47);
		assert.equal(scrollTop(100, 1, 9), 0);
	});

	test('does not scroll past the last line', () => {
		assert.equal(scrollTop(100, 99, 9), 91);
	});

	test('the cursor line is always in the window and the window within the lines', () => {
		fc.assert(fc.property(fc.integer({min: 1, max: 500}), fc.integer({min: 1, max: 60}), fc.nat(), (lineCount, height, seed) => {
			const line = seed % lineCount;
			const top = scrollTop(lineCount, line, height);
			assert.ok(top >= 0);
			assert.ok(line >= top && line < top + height, `line ${line} of ${lineCount} at top ${top}, height ${height}`);
			assert.ok(top + Math.min(height, lineCount) <= lineCount, 'no empty rows below the last line');
		}), {numRuns: 1000});
	});

	test('the cursor of a long sentence stays visible as it moves through every token', () => {
		const texts = Array.from({length: 3757}, (_, index) => `w${index}`);
		const layout = lay(texts, 39);
		const height = 3;
		for (let token = 0; token < texts.length; token++) {
			const line = layout.lineOfToken[token]!;
			const top = scrollTop(layout.lines.length, line, height);
			const visible = layout.lines.slice(top, top + height).flatMap(placed => placed.units.map(unit => unit.token));
			assert.ok(visible.includes(token), `token ${token} is not on screen`);
		}
	});
});

describe('clampTop, the window scrolled by hand (help, statistics)', () => {
	test('stays within the lines and keeps the last page full', () => {
		assert.equal(clampTop(-3, 100, 10), 0);
		assert.equal(clampTop(95, 100, 10), 90);
		assert.equal(clampTop(40, 100, 10), 40);
		assert.equal(clampTop(5, 8, 10), 0, 'fewer lines than rows: no scrolling');
	});
});
