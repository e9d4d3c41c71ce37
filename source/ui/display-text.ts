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

/** Columns the text takes in the terminal (CJK and emoji count 2). */
export function textWidth(text: string): number {
	return stringWidth(text);
}

/** Cuts `text` to at most `width` columns, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
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
