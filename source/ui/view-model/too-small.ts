/**
What the screen says when the terminal is smaller than the layout needs. The longest wording that
fits, word-wrapped over the rows there are: the size it needs always shows, from 6 columns on (the
width of `40x10` and the screen's spare column).
*/
import {textWidth, truncate} from '../display-text.js';
import {minimumSize, type TerminalSize} from '../layout.js';
import {wrapWords} from './status.js';

/**
`quitting`: the quit question is open (q with unsaved edits): it is asked here, and its keys answer
it (QA: "q to quit" opened a question nobody could see, and the reviewer could not leave).
*/
export function tooSmallLines(size: TerminalSize, quitting = false): string[] {
	// As the whole screen: at most `columns - 1` wide and `rows - 1` tall (layout.ts says why).
	const width = Math.max(1, size.columns - 1);
	const rows = Math.max(1, size.rows - 1);
	const have = `${size.columns}x${size.rows}`;
	const need = `${minimumSize.columns}x${minimumSize.rows}`;
	const wordings = quitting ? [
		`Terminal too small: ${have}, need ${need}. Save changes? (y)es (n)o (c)ancel`,
		`Too small. Save changes? (y)es (n)o (c)ancel`,
		'Save changes? y/n/c',
		'save? y/n/c',
		'y/n/c',
	] : [
		`Terminal too small: ${have}, need ${need}. Enlarge it, or q to quit.`,
		`Too small: ${have}, need ${need}. q quits.`,
		`Too small, need ${need}`,
		`need ${need}`,
		need,
	];
	for (const wording of wordings) {
		// A word cut across rows (`40x1`, `0`) would not read: only wordings whose every word fits a row.
		if (wording.split(' ').every(word => textWidth(word) <= width)) {
			const lines = wrapWords(wording, width, Number.POSITIVE_INFINITY);
			if (lines.length <= rows) {
				return lines;
			}
		}
	}

	return [truncate(need, width)];
}
