/**
The screen's state: where the cursor is, what mode the keyboard is in, what the status line says,
and every scroll window. The corpus itself lives in the Session (large and mutable, changed only by
the effect runner); `revision` counts its changes so that memoized views know when to redraw.
*/
import type {FileIdentity, TokenRange} from '../../corpus/index.js';
import type {Filter, SearchQuery} from '../../review/index.js';
import type {TerminalSize} from '../layout.js';
import type {Action, AwaitedWork, PendingRecovery, PlannedEdit, PromptKind} from './actions.js';
import type {UndoStep} from './undo.js';

export type Mode =
	| {readonly kind: 'normal'}
	| {readonly kind: 'help'}
	| {readonly kind: 'quit'}
	/** A journal of unsaved edits from a session that died: replay it? */
	| {readonly kind: 'recover'; readonly pending: PendingRecovery}
	/**
	A bulk relabel or a repair, previewed: the key of a choice applies its edit as one undoable step
	(`y` when there is one choice); `n` or Esc cancels. Either way the screen goes back to `back`
	(the consistency view it was asked from), or to the sentences.
	*/
	| {readonly kind: 'confirm'; readonly question: string; readonly choices: readonly ConfirmChoice[]; readonly back?: ConsistencyMode}
	/** Every occurrence of one string and its labels (`c`); `selected` is a row of the view. */
	| ConsistencyMode
	/** Corpus statistics (`%`). */
	| {readonly kind: 'stats'}
	| {
		readonly kind: 'prompt';
		readonly prompt: PromptKind;
		readonly text: string;
		/** Where typing goes, in code points from the start. */
		readonly cursor: number;
		/** A prefilled text, selected: typing replaces it, moving the cursor keeps it. */
		readonly selected: boolean;
		/** After a Tab: the text typed before it, whose matches the next Tab cycles through. */
		readonly typed?: string;
	};

export type ConsistencyMode = {readonly kind: 'consistency'; readonly text: string; readonly selected: number};

/**
One answer to a confirmation: its key, and the edit it applies (with a new type it adds to the label
bar), or the file it writes over (`W` to a file that exists).
*/
export type ConfirmChoice =
	| {readonly key: string; readonly edit: PlannedEdit; readonly addsLabel?: string}
	| {readonly key: string; readonly write: {readonly path: string; readonly replace: FileIdentity}};

export type Message = {readonly text: string; readonly tone: 'info' | 'error'};

/** The first visible row of each scrolled part of the screen (see window.ts). */
export type Windows = {
	/** Position in the sentence list (in the filtered sentences when a filter is set). */
	readonly list: number;
	/** Wrapped line of the current sentence. */
	readonly sentence: number;
	/** Row of the consistency view. */
	readonly consistency: number;
	/** Line of the help. */
	readonly help: number;
	/** Line of the statistics. */
	readonly stats: number;
};

export type State = {
	readonly sentence: number;
	/** Cursor token, relative to the sentence. */
	readonly token: number;
	/** Where `v` started a selection; the selection runs from here to the cursor. */
	readonly anchor?: number;
	readonly mode: Mode;
	readonly message?: Message;
	/** Label bar order: keys 1..9 apply the labels of the bar's page (see label-pages.ts). */
	readonly labels: readonly string[];
	/**
	A key has come since the first frame: the label bar's order is the reviewer's now. Until then it
	may still take the whole file's counts, once the file is indexed (the first frame has only its
	first 16 KB's).
	*/
	readonly keyed?: boolean;
	/** The label bar's page, when the labels take more than one (`]` and `[` turn it). */
	readonly labelPage: number;
	readonly size: TerminalSize;
	/** Bumped by every change of the tags or the marks: the memo key of the views. */
	readonly revision: number;
	/** Set when the app should exit. */
	readonly exit: boolean;
	/** Navigation walks only these sentences. */
	readonly filter?: Filter;
	/** The last `/` query, for `n` and `N`. */
	readonly search?: SearchQuery;
	readonly windows: Windows;
	/** Share of a large file indexed so far, while it is still being read in the background. */
	readonly indexing?: number;
	/** Share of the whole-corpus analysis built so far, while it is built in the background. */
	readonly analysing?: number;
	/** `e` walks the ranked queue (`rank`, most suspicious first) or the problems in file order (`#` switches). */
	readonly queueOrder: 'rank' | 'file';
	/** The queue entry `e` went to last (-1: none yet). */
	readonly queuePosition: number;
	/** The tagger's training, the share done, while it trains in the background. */
	readonly training?: number;
	/** The tagger waits for a pause in the reviewer's keys (to start, or between two sentences). */
	readonly trainingWaits?: boolean;
	/** What `u` takes back, last first, and what Ctrl-R makes again (see undo.ts). */
	readonly undo: readonly UndoStep[];
	readonly redo: readonly UndoStep[];
	/**
	A key that waited for the whole index or the analysis (a search, `:` N, `e`) and found a prompt
	or a question open when they were ready: it runs once that is closed (reducer.ts).
	*/
	readonly waiting?: {readonly until: AwaitedWork; readonly then: Action};
};

const noWindows: Windows = {list: 0, sentence: 0, consistency: 0, help: 0, stats: 0};

export function initialState(labels: readonly string[], size: TerminalSize): State {
	return {sentence: 0, token: 0, mode: {kind: 'normal'}, labels, labelPage: 0, size, revision: 0, exit: false, windows: noWindows, undo: [], redo: [], queueOrder: 'rank', queuePosition: -1};
}

/** The selected tokens, when a selection is active. */
export function selectionOf(state: State): TokenRange | undefined {
	if (state.anchor === undefined) {
		return undefined;
	}

	return {start: Math.min(state.anchor, state.token), end: Math.max(state.anchor, state.token) + 1};
}
