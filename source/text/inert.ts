/**
The one sanitiser every outside string passes through before it reaches a terminal: token text,
tags, file names, flag values, side-file contents, in the screen, `check`, `stats` and every
`ner-review: ...` error line alike. A string may hold escape sequences, control characters, bidi
overrides, zero-width or other invisible characters: none of them may reach the terminal raw
(they could recolor, retitle, reorder the screen, write the clipboard with OSC 52, or make two
different strings look the same), and each must stay visible to a reader, so each becomes a
printable stand-in. No UI imports: the CLI's non-interactive commands use it too.
*/

const controlPictures = 0x24_00;

/**
Characters that are shown as `<U+XXXX>`: C1 controls, every Unicode format character (category
Cf: zero-width spaces and joiners, bidi embeddings, overrides and isolates, the BOM, the soft
hyphen, the tag block U+E0000-U+E007F, interlinear annotations), the Hangul and halfwidth fillers
and the Braille blank (letters that draw nothing), the line and paragraph separators (a new line
in some terminals), and unassigned tag-block code points.
*/
const standInClass = String.raw`\u0080-\u009F\p{Cf}\u115F\u1160\u3164\uFFA0\u2800\u2028\u2029\u{E0000}-\u{E007F}`;
const standIn = new RegExp(`[${standInClass}]`, 'u');

/**
Whether a string has anything `inert` replaces (a C0 control, DEL, or a stand-in): most do not (an
accented token, a `→` in a check line), and are returned after one native scan instead of a loop
over their characters.
*/
const replaced = new RegExp(String.raw`[\u0000-\u001F\u007F${standInClass}]`, 'u');

/**
Printable ASCII, Latin letters and signs, general punctuation, arrows and box drawing: none of them
is replaced. A string made only of these (nearly every token, tag and `check` line) is known to
come back untouched after a scan by this plain class, some ten times faster than `replaced`'s
Unicode property class (0.3 against 2.7 us for a `check` line: 0.25 s of `check` on a 10M-token
corpus).
*/
const plain = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u257F]*$/;

/** A visible, single-line, terminal-safe form of `text`. */
export function inert(text: string): string {
	if (plain.test(text) || !replaced.test(text)) {
		return text;
	}

	let result = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x20) {
			// C0 controls, ESC among them, become their Control Pictures glyphs (␛, ␉, ␀ ...).
			result += String.fromCodePoint(controlPictures + code);
		} else if (code === 0x7F) {
			result += '␡';
		} else if (code >= 0x80 && standIn.test(char)) {
			result += `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
		} else {
			result += char;
		}
	}

	return result;
}

/** Each line of a multi-line text made inert, the line breaks kept (a table printed by `stats`). */
export function inertLines(text: string): string {
	return text.split('\n').map(line => inert(line)).join('\n');
}

/**
JSON for a terminal or a pipe: every character `inert` would replace is written as a `\uXXXX`
escape, so the JSON means the same but prints nothing a terminal would obey.
*/
export function inertJson(json: string): string {
	let result = '';
	for (const char of json) {
		const code = char.codePointAt(0)!;
		// Raw tabs and line breaks in JSON.stringify's output are its indentation (inside strings it escapes them).
		if (code === 0x09 || code === 0x0A || (code >= 0x20 && code !== 0x7F && !(code >= 0x80 && standIn.test(char)))) {
			result += char;
		} else {
			for (let i = 0; i < char.length; i++) {
				result += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
			}
		}
	}

	return result;
}

/** Shows a byte count the way a reader skims it: 812 B, 4.2 KB, 50 MB. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) {
		return `${bytes} B`;
	}

	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${units[unit]}`;
}
