import {filterNames} from '../../review/filter.js';
import {displayText, truncate} from '../display-text.js';
import {hintFor} from '../state/keymap.js';
import type {Message, Mode} from '../state/state.js';

export type StatusModel =
	| {readonly kind: 'prompt'; readonly title: string; readonly text: string; readonly hint: string}
	/** A question the keyboard must answer (quit, recover, confirm). */
	| {readonly kind: 'question'; readonly text: string}
	| {readonly kind: 'message'; readonly text: string; readonly tone: Message['tone']}
	| {readonly kind: 'hint'; readonly text: string};

const promptTitles = {goto: 'go to sentence: ', label: 'label: ', write: 'write to: ', filter: 'filter (flagged, unreviewed, problems, all, a label): ', search: 'search (/regex/ or text): '} as const;

/** The bottom line: a prompt, a question, the last message, or the view's key hint. */
export function statusModel(mode: Mode, message: Message | undefined, labels: readonly string[], width: number): StatusModel {
	switch (mode.kind) {
		case 'prompt': {
			const title = promptTitles[mode.prompt];
			const choices = mode.prompt === 'label' ? labels : mode.prompt === 'filter' ? [...filterNames, 'all', ...labels] : undefined;
			const hint = choices === undefined ? '' : completionHint(mode.text, choices);
			return {kind: 'prompt', title, text: mode.text, hint: truncate(hint, Math.max(0, width - title.length - mode.text.length - 2))};
		}

		case 'quit': {
			return {kind: 'question', text: 'Save changes? (y)es (n)o (c)ancel'};
		}

		case 'confirm': {
			return {kind: 'question', text: truncate(displayText(mode.question), width)};
		}

		case 'recover': {
			return {kind: 'question', text: truncate(`The last session ended with ${mode.pendingEdits} unsaved edit${mode.pendingEdits === 1 ? '' : 's'}. Recover? (y)es (n)o`, width)};
		}

		default: {
			return message === undefined
				? {kind: 'hint', text: truncate(hintFor(mode.kind), width)}
				: {kind: 'message', text: truncate(displayText(message.text), width), tone: message.tone};
		}
	}
}

function completionHint(text: string, labels: readonly string[]): string {
	const matches = labels.filter(label => label.toLowerCase().startsWith(text.toLowerCase()));
	if (matches.length === 0) {
		return text === '' ? '' : '  (new label)';
	}

	return `  ${matches.slice(0, 6).map(label => displayText(label)).join(' ')}${matches.length > 6 ? ' ...' : ''}  (Tab completes)`;
}
