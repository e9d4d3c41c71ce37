/**
The screen's state: where the cursor is, what mode the keyboard is in, and what the status line
says. The corpus itself lives in the Session (it is large and mutable); `revision` counts its
changes so that memoized views know when to redraw.
*/
import type {EditRecord, TokenRange} from '../corpus/index.js';
import type {Filter} from '../review/filter.js';
import type {SearchQuery} from '../review/search.js';
import type {Action} from './reducer.js';
import type {TerminalSize} from './layout.js';

export type PromptKind = 'goto' | 'label' | 'write' | 'filter' | 'search';

export type Mode =
	| {readonly kind: 'normal'}
	| {readonly kind: 'help'; readonly scroll: number}
	| {readonly kind: 'quit'}
	/** A journal of unsaved edits from a session that died: replay it? */
	| {readonly kind: 'recover'; readonly pendingEdits: number}
	/** A bulk relabel or a repair, previewed: y applies it as one undoable edit. */
	| {readonly kind: 'confirm'; readonly question: string; readonly edit: Omit<EditRecord, 'id'>}
	/** Every occurrence of one string and its labels (`c`). */
	| {readonly kind: 'consistency'; readonly text: string; readonly selected: number}
	/** Corpus statistics (`%`). */
	| {readonly kind: 'stats'; readonly scroll: number}
	| {
		readonly kind: 'prompt';
		readonly prompt: PromptKind;
		readonly text: string;
	};

export type Message = {readonly text: string; readonly tone: 'info' | 'error'};

export type State = {
	readonly sentence: number;
	/** Cursor token, relative to the sentence. */
	readonly token: number;
	/** Where `v` started a selection; the selection runs from here to the cursor. */
	readonly anchor?: number;
	readonly mode: Mode;
	readonly message?: Message;
	/** Label bar order: keys 1..9 apply the first nine. */
	readonly labels: readonly string[];
	readonly size: TerminalSize;
	/** Bumped by every edit, undo, redo and save. */
	readonly revision: number;
	/** Set when the app should exit. */
	readonly exit: boolean;
	/** Navigation walks only these sentences. */
	readonly filter?: Filter;
	/** The last `/` query, for `n` and `N`. */
	readonly search?: SearchQuery;
	/**
	An action that needs the whole-corpus analysis, held back while the status line says it is being
	built (seconds on a corpus of millions of tokens); the App runs it after that frame is drawn.
	*/
	readonly waitingFor?: Action;
};

export function initialState(labels: readonly string[], size: TerminalSize): State {
	return {sentence: 0, token: 0, mode: {kind: 'normal'}, labels, size, revision: 0, exit: false};
}

/** The selected tokens, when a selection is active. */
export function selectionOf(state: State): TokenRange | undefined {
	if (state.anchor === undefined) {
		return undefined;
	}

	return {start: Math.min(state.anchor, state.token), end: Math.max(state.anchor, state.token) + 1};
}
