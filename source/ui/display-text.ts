/**
Turning token text into something safe and measurable for the terminal. A token may hold escape
sequences, control characters, bidi overrides or zero-width characters: none of them may reach
the terminal raw (they could recolor, retitle or reorder the screen), and each must stay visible
to a reviewer, so each becomes a printable stand-in.
*/
import stringWidth from 'string-width';

const controlPictures = 0x24_00;

/** A visible, single-line, terminal-safe form of `text`. */
export function displayText(text: string): string {
	let result = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x20) {
			// C0 controls, ESC among them, become their Control Pictures glyphs (␛, ␉, ␀ ...).
			result += String.fromCodePoint(controlPictures + code);
		} else if (code === 0x7F) {
			result += '␡';
		} else if ((code >= 0x80 && code <= 0x9F) || isInvisibleFormat(code)) {
			result += `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
		} else {
			result += char;
		}
	}

	return result;
}

/** Zero-width and direction-changing characters that would otherwise hide or reorder text. */
function isInvisibleFormat(code: number): boolean {
	return (code >= 0x20_0B && code <= 0x20_0F) // ZWSP, ZWNJ, ZWJ, LRM, RLM
		|| (code >= 0x20_2A && code <= 0x20_2E) // bidi embeddings and overrides
		|| (code >= 0x20_60 && code <= 0x20_6F) // word joiner, invisible operators, bidi isolates
		|| code === 0xFE_FF // zero-width no-break space (a BOM inside a token)
		|| code === 0xAD; // soft hyphen
}

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
