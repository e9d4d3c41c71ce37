/**
Token text on its way to the terminal: every control character, escape sequence and invisible
formatting character becomes a visible stand-in, and widths are measured as the terminal does.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {displayText, textWidth, truncate} from '../source/ui/display-text.js';

/** The first character the terminal would interpret rather than print, if any. */
function firstUnsafe(text: string): string | undefined {
	return [...text].find(char => {
		const code = char.codePointAt(0)!;
		return code < 0x20 || (code >= 0x7F && code <= 0x9F);
	});
}

const hex = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Characters that attack or confuse a terminal, mixed into ordinary text. */
const nastyChar = fc.constantFrom(
	'\u001B', '\u0007', '\u0000', '\t', '\n', '\r', '\b', '\u007F', '\u0080', '\u0085', '\u009B', '\u009D', '\u009F',
	'\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069', '\uFEFF', '\u00AD',
	'[2J', ']8;;', '東', '😀', 'e\u0301', 'a', ' ',
);
const nastyText = fc.array(nastyChar, {maxLength: 30}).map(chars => chars.join(''));

describe('displayText', () => {
	test('ordinary text, accents, CJK and emoji are unchanged', () => {
		for (const text of ['Paris', 'Zürich', 'São Paulo', '東京', '😀', 'e\u0301', 'O\'Neil']) {
			assert.equal(displayText(text), text);
		}
	});

	test('a ZWJ is shown even inside an emoji sequence (a deliberate choice: every ZWJ stays visible)', () => {
		assert.equal(displayText('👩\u200D💻'), '👩<U+200D>💻');
	});

	test('a clear-screen sequence shows as ␛[2J', () => {
		assert.equal(displayText('a\u001B[2Jb'), 'a␛[2Jb');
	});

	test('an OSC 8 hyperlink shows its escapes and BELs', () => {
		const link = '\u001B]8;;https://example.com\u0007click\u001B]8;;\u0007';
		assert.equal(displayText(link), '␛]8;;https://example.com␇click␛]8;;␇');
	});

	test('a color sequence cannot recolor the screen', () => {
		assert.equal(displayText('\u001B[31mred\u001B[0m'), '␛[31mred␛[0m');
	});

	test('C0 controls become Control Pictures and DEL becomes ␡', () => {
		assert.equal(displayText('\u0000\u0007\b\t\n\r'), '␀␇␈␉␊␍');
		assert.equal(displayText('\u007F'), '␡');
	});

	test('C1 controls become <U+00xx>', () => {
		assert.equal(displayText('\u0080'), '<U+0080>');
		assert.equal(displayText('a\u009B2Jb'), 'a<U+009B>2Jb', 'the one-byte CSI');
		assert.equal(displayText('\u0085'), '<U+0085>');
		assert.equal(displayText('\u009F'), '<U+009F>');
	});

	test('bidi overrides, embeddings and isolates are shown, not obeyed', () => {
		assert.equal(displayText('abc\u202Edef'), 'abc<U+202E>def');
		assert.equal(displayText('\u202A\u202B\u202C\u202D'), '<U+202A><U+202B><U+202C><U+202D>');
		assert.equal(displayText('\u2066x\u2069'), '<U+2066>x<U+2069>');
		assert.equal(displayText('\u200E\u200F'), '<U+200E><U+200F>');
	});

	test('zero-width characters, a BOM and a soft hyphen are shown', () => {
		assert.equal(displayText('a\u200Bb'), 'a<U+200B>b');
		assert.equal(displayText('می\u200Cخواهم'), 'می<U+200C>خواهم', 'ZWNJ');
		assert.equal(displayText('a\u200Db'), 'a<U+200D>b');
		assert.equal(displayText('\uFEFFword'), '<U+FEFF>word');
		assert.equal(displayText('co\u00ADop'), 'co<U+00AD>op');
		assert.equal(displayText('a\u2060b'), 'a<U+2060>b', 'word joiner');
	});

	test('the result never holds a C0 or C1 control or DEL, whatever the input', () => {
		fc.assert(fc.property(fc.oneof(nastyText, fc.string({unit: 'binary'})), text => {
			const shown = displayText(text);
			const unsafe = firstUnsafe(shown);
			assert.equal(unsafe, undefined, `${JSON.stringify(text)} shows ${unsafe === undefined ? '' : hex(unsafe)}`);
		}), {numRuns: 500});
	});

	test('every character of the input stays visible: the output is at least as wide as the input has characters to show', () => {
		fc.assert(fc.property(nastyText, text => {
			const visibleInput = [...text].filter(char => char !== '\u0301').length;
			assert.ok(stringWidth(displayText(text)) >= visibleInput, JSON.stringify(text));
		}), {numRuns: 300});
	});
});

describe('textWidth', () => {
	test('counts columns as the terminal does', () => {
		assert.equal(textWidth('abc'), 3);
		assert.equal(textWidth('東京'), 4);
		assert.equal(textWidth('😀'), 2);
		assert.equal(textWidth('e\u0301'), 1, 'a combining mark takes no column');
		assert.equal(textWidth(''), 0);
	});
});

describe('widths measured once (an ASCII fast path and a bounded cache)', () => {
	const mixed = fc.array(fc.constantFrom('a', 'Z', '~', ' ', '東', '😀', '👍🏽', 'é', 'e\u0301', '\u00AD', '─', '…', '\u200B'), {maxLength: 40}).map(chars => chars.join(''));

	/** truncate as it was, measuring every character with string-width. */
	function referenceTruncate(text: string, width: number): string {
		if (width <= 0) {
			return '';
		}

		if (stringWidth(text) <= width) {
			return text;
		}

		let result = '';
		let used = 0;
		for (const char of text) {
			const charWidth = stringWidth(char);
			if (used + charWidth > width - 1) {
				break;
			}

			result += char;
			used += charWidth;
		}

		return `${result}…`;
	}

	test('textWidth is string-width\'s width, the first time and from the cache', () => {
		fc.assert(fc.property(mixed, text => {
			assert.equal(textWidth(text), stringWidth(text));
			assert.equal(textWidth(text), stringWidth(text));
		}), {numRuns: 500});
	});

	test('truncate cuts where measuring every character with string-width cuts', () => {
		fc.assert(fc.property(mixed, fc.integer({min: -1, max: 45}), (text, width) => {
			assert.equal(truncate(text, width), referenceTruncate(text, width));
		}), {numRuns: 1000});
	});
});

describe('truncate', () => {
	test('leaves text that fits alone', () => {
		assert.equal(truncate('Paris', 5), 'Paris');
		assert.equal(truncate('東京', 4), '東京');
	});

	test('cuts longer text and ends it with …', () => {
		assert.equal(truncate('Amsterdam', 5), 'Amst…');
		assert.equal(truncate('abc', 1), '…');
		assert.equal(truncate('abc', 0), '');
		assert.equal(truncate('abc', -3), '');
	});

	test('never splits a wide character: the cut stops before one that would not fit', () => {
		assert.equal(truncate('東京都庁', 5), '東京…');
		assert.equal(truncate('東京都庁', 4), '東…', '東京 would leave no room for …');
		assert.equal(truncate('😀😀😀', 4), '😀…');
	});

	test('the result is never wider than asked, with CJK and emoji', () => {
		const token = fc.array(fc.constantFrom('a', 'Z', '東', '京', '😀', '👍🏽', 'é', 'e\u0301', '-', ' '), {maxLength: 40}).map(chars => chars.join(''));
		fc.assert(fc.property(token, fc.integer({min: 0, max: 50}), (text, width) => {
			const cut = truncate(text, width);
			assert.ok(stringWidth(cut) <= width, `${JSON.stringify(text)} at ${width}: ${JSON.stringify(cut)} is ${stringWidth(cut)} wide`);
			if (stringWidth(text) <= width) {
				assert.equal(cut, text);
			} else if (width > 0) {
				assert.ok(cut.endsWith('…'));
			}
		}), {numRuns: 500});
	});
});
