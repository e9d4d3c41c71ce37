/**
Turning token text into something safe and measurable for the terminal. What makes a string safe
is source/text/inert.ts, shared with `check`, `stats` and the error lines; this adds widths.
*/
import stringWidth from 'string-width';

/**
A visible, single-line, terminal-safe form of `text`: the one sanitiser of source/text/inert.ts,
under the name the views know it by.
*/
export {inert as displayText} from '../text/inert.js';

/** Printable ASCII: one column a character, the common case of tokens and of the screen's own text. */
const printableAscii = /^[\u0020-\u007E]*$/;

/**
Widths of the other texts met lately. string-width splits such a text into graphemes with
Intl.Segmenter and tests each against emoji regular expressions: microseconds a character, and
every frame measures the texts on screen again (and `truncate` measured a long one character by
character: 8 ms of one key's frame for a sentence with accented words). Bounded: cleared when full.
*/
const widths = new Map<string, number>();
const maxCachedWidths = 20_000;

/** Columns the text takes in the terminal (CJK and emoji count 2). */
export function textWidth(text: string): number {
	if (printableAscii.test(text)) {
		return text.length;
	}

	let width = widths.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (widths.size >= maxCachedWidths) {
			widths.clear();
		}

		widths.set(text, width);
	}

	return width;
}

/** Cuts `text` to at most `width` columns, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (printableAscii.test(text)) {
		return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
	}

	if (textWidth(text) <= width) {
		return text;
	}

	let result = '';
	let used = 0;
	for (const char of text) {
		const charWidth = textWidth(char);
		if (used + charWidth > width - 1) {
			break;
		}

		result += char;
		used += charWidth;
	}

	return `${result}…`;
}

/** Cuts `text` to at most `width` columns from its start, beginning with `…` when cut: the end stays (a prompt's text before its cursor). */
export function truncateStart(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (textWidth(text) <= width) {
		return text;
	}

	const chars = [...text];
	let result = '';
	let used = 0;
	for (let index = chars.length - 1; index >= 0; index--) {
		const charWidth = textWidth(chars[index]!);
		if (used + charWidth > width - 1) {
			break;
		}

		result = chars[index]! + result;
		used += charWidth;
	}

	return `…${result}`;
}

/**
`text` in lines of at most `width` columns, broken between words; a line after the first starts with
`indent` (a word wider than a line is cut).
*/
export function wrapWords(text: string, width: number, indent = ''): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const lead = lines.length === 0 ? '' : indent;
		if (line !== '' && line !== lead && textWidth(`${line} ${word}`) > width) {
			lines.push(truncate(line, width));
			line = `${indent}${word}`;
		} else {
			line = line === '' ? `${lead}${word}` : `${line} ${word}`;
		}
	}

	lines.push(truncate(line, width));
	return lines;
}
