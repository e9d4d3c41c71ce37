import {filterNames} from '../../review/index.js';
import {screenLayout} from '../layout.js';
import {plural} from '../../text/plural.js';
import {displayText, textWidth, truncate, truncateStart} from '../display-text.js';
import {hintParts} from '../state/keymap.js';
import type {Message, Mode, State} from '../state/state.js';

export type StatusModel =
	| {
		readonly kind: 'prompt';
		readonly title: string;
		/** The text before the cursor, the character under it (a space at the end), and the rest; terminal-safe. */
		readonly before: string;
		readonly at: string;
		readonly after: string;
		/** The whole text is a selected suggestion: typing replaces it. */
		readonly selected: boolean;
		readonly hint: string;
	}
	/** A question the keyboard must answer (quit, recover, confirm), wrapped: it is never cut. */
	| {readonly kind: 'question'; readonly lines: readonly string[]}
	/** The last message, wrapped onto up to three rows: a message the user must act on is never cut. */
	| {readonly kind: 'message'; readonly lines: readonly string[]; readonly tone: Message['tone']}
	| {readonly kind: 'hint'; readonly text: string};

const shortPromptTitles = {goto: 'go to: ', label: 'label: ', write: 'write to: ', filter: 'filter: ', search: 'search: ', flag: 'note: '} as const;
const promptTitles = {goto: 'go to sentence: ', label: 'label: ', write: 'write to: ', filter: 'filter (flagged, unreviewed, problems, all, a label): ', search: 'search (/regex/ or text): ', flag: 'flag, with a note for later (Enter for none): '} as const;

/** The bottom line: a prompt, a question, the last message, or the view's key hint. */
export function statusModel(mode: Mode, message: Message | undefined, labels: readonly string[], width: number, maxRows = defaultMaxRows): StatusModel {
	switch (mode.kind) {
		case 'prompt': {
			// With a message to say (why Enter kept the prompt open), the short title leaves it room.
			const title = message === undefined ? promptTitles[mode.prompt] : shortPromptTitles[mode.prompt];
			const choices = mode.prompt === 'label' ? labels : mode.prompt === 'filter' ? [...filterNames, 'all', ...labels] : undefined;
			// A message with the prompt open says why Enter kept it open (a note too long): it goes with the next key.
			const hint = message !== undefined ? `  ${displayText(message.text)}`
				: choices === undefined ? '' : completionHint(mode.text, choices, mode.prompt === 'label' ? '(new label)' : '(no match)');
			const chars = [...mode.text];
			// Pasted text can hold bidi overrides or zero-width characters: shown as stand-ins, like tokens.
			const at = displayText(chars[mode.cursor] ?? ' ');
			// A text longer than the line scrolls as a shell's does: the cursor and what comes just before
			// it stay in view, the start is cut (it showed the start, and what was typed went out of sight).
			// Why Enter kept the prompt open keeps its room (QA: a note filling the line hid the reason), the text scrolling in the rest.
			const reserved = message === undefined ? 0 : Math.min(textWidth(hint), Math.max(0, width - textWidth(title) - 1 - textWidth(at) - 12));
			const room = Math.max(1, width - textWidth(title) - 1 - textWidth(at) - reserved);
			const before = truncateStart(displayText(chars.slice(0, mode.cursor).join('')), room);
			const after = truncate(displayText(chars.slice(mode.cursor + 1).join('')), room - textWidth(before));
			const used = textWidth(title) + textWidth(before) + textWidth(at) + textWidth(after) + 1;
			return {kind: 'prompt', title, before, at, after, selected: mode.selected, hint: truncate(hint, Math.max(0, width - used))};
		}

		case 'quit': {
			return {kind: 'question', lines: wrapWords('Save changes? (y)es (n)o (c)ancel', width, maxRows)};
		}

		case 'confirm': {
			return {kind: 'question', lines: wrapWords(displayText(mode.question), width, maxRows)};
		}

		case 'recover': {
			const {edits, matching, unmatchedLines, others = []} = mode.pending;
			const unmatched = unmatchedLines.length;
			const lines = `${unmatched === 1 ? 'line' : 'lines'} ${unmatchedLines.slice(0, 5).join(', ')}${unmatched > 5 ? ', ...' : ''}`;
			// Every edit accounted for (QA: "2 still match the file, 0 no longer do (lines )" of 3, one made again meanwhile).
			const parts = [`${matching} still ${matching === 1 ? 'matches' : 'match'} the file`, ...(unmatched === 0 ? [] : [`${unmatched} no longer ${unmatched === 1 ? 'does' : 'do'} (${lines})`]), ...others];
			const match = matching === edits ? '' : `; ${parts.join(', ')}`;
			return {kind: 'question', lines: wrapWords(`The last session ended with ${plural(edits, 'unsaved edit')}${match}. Recover? (y)es (n)o, q decides later`, width, maxRows)};
		}

		default: {
			return message === undefined
				? {kind: 'hint', text: fitHint(hintParts(mode.kind), width)}
				: {kind: 'message', lines: wrapWords(displayText(message.text), width, maxRows), tone: message.tone};
		}
	}
}

/** The choices that start with the text typed, or `none` when there are none: a new name is a new label for `t`, nothing to match for `F` (a filter cannot add one). */
function completionHint(text: string, labels: readonly string[], none: string): string {
	const matches = labels.filter(label => label.toLowerCase().startsWith(text.toLowerCase()));
	if (matches.length === 0) {
		return text === '' ? '' : `  ${none}`;
	}

	return `  ${matches.slice(0, 6).map(label => displayText(label)).join(' ')}${matches.length > 6 ? ' ...' : ''}  (Tab completes)`;
}

/**
The status line of the screen `state` draws. A wrapped message takes rows from the sentence list
first, then from the sentence (or the open view): at most what they can give, and at most three.
*/
export function screenStatus(state: State): StatusModel {
	const layout = screenLayout(state.size);
	const spareRows = layout.listRows - 1 + layout.sentenceRows - 1;
	return statusModel(state.mode, state.message, state.labels, layout.width, Math.min(3, 1 + spareRows));
}

/** Rows the status line takes: a long message or question wraps. */
export function statusRows(status: StatusModel): number {
	return status.kind === 'message' || status.kind === 'question' ? status.lines.length : 1;
}

/** Most rows a message wraps onto; a longer one (rare) is cut on its last row. */
const defaultMaxRows = 3;

/** Words wrapped to `width` columns, on at most `maxRows` rows; a word wider than a row (a long path) is broken across rows. */
export function wrapWords(text: string, width: number, maxRows = defaultMaxRows): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ').flatMap(word => breakWord(word, width))) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (line !== '' && textWidth(candidate) > width) {
			lines.push(line);
			line = word;
		} else {
			line = candidate;
		}
	}

	lines.push(line);
	const wrapped = lines.map(row => truncate(row, width));
	if (wrapped.length > maxRows) {
		const kept = wrapped.slice(0, maxRows);
		kept[maxRows - 1] = truncate(`${lines[maxRows - 1]!} ${lines.slice(maxRows).join(' ')}`, width);
		return kept;
	}

	return wrapped;
}

/**
The key hint fitted to the width: the parts in table order, dropping from the end what does not
fit, but the essential ones (`q quit`, `? help`) always, at the end.
*/
export function fitHint(parts: ReadonlyArray<{text: string; essential: boolean}>, width: number): string {
	const essential = parts.filter(part => part.essential).map(part => part.text);
	const others = parts.filter(part => !part.essential).map(part => part.text);
	for (let count = others.length; count >= 0; count--) {
		const text = [...others.slice(0, count), ...essential].join('  ');
		if (textWidth(text) <= width) {
			return text;
		}
	}

	return truncate(essential.join('  '), width);
}

/** A word cut into pieces of at most `width` columns. */
function breakWord(word: string, width: number): string[] {
	if (textWidth(word) <= width) {
		return [word];
	}

	const pieces: string[] = [];
	let piece = '';
	for (const char of word) {
		if (textWidth(piece + char) > width) {
			pieces.push(piece);
			piece = '';
		}

		piece += char;
	}

	return [...pieces, piece];
}
