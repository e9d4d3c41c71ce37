/**
The reducer's vocabulary: actions in (a key's command, or the result of something the effect
runner did), effects out (what the runner must do to the world: edit the corpus, write a file, mark
a sentence, build the analysis). Kept apart from the reducer so the keymap, the runner and the
tests import the types without importing the reducer.
*/
import type {EditRecord, FileIdentity, SaveResult} from '../../corpus/index.js';
import type {TerminalSize} from '../layout.js';

export type PromptKind = 'goto' | 'label' | 'write' | 'filter' | 'search' | 'flag';

/** A planned edit: tag changes plus where the cursor was, applied as one undoable step. */
export type PlannedEdit = Omit<EditRecord, 'id'>;

export type Action =
	// Moving
	| {type: 'move-sentence'; delta: number}
	| {type: 'page'; direction: 1 | -1}
	| {type: 'first-sentence'}
	| {type: 'last-sentence'}
	| {type: 'move-token'; delta: number}
	| {type: 'next-entity'}
	| {type: 'previous-entity'}
	| {type: 'toggle-selection'}
	| {type: 'escape'}
	// Editing and files
	| {type: 'apply-label-number'; number: number}
	/** `]` / `[`: the label bar's next or previous page. */
	| {type: 'label-page'; delta: 1 | -1}
	| {type: 'remove-entity'}
	| {type: 'resize-entity'; side: 'left' | 'right'; change: 'grow' | 'shrink'}
	| {type: 'undo'}
	| {type: 'redo'}
	| {type: 'save'}
	| {type: 'quit'}
	| {type: 'quit-answer'; answer: 'yes' | 'no' | 'cancel'}
	/** A key at a confirmation: a choice's key (`y`, or `o`/`t`/`a` in the consistency view), or `no`. */
	| {type: 'confirm-answer'; answer: string}
	// Prompts
	| {type: 'open-prompt'; prompt: PromptKind}
	| {type: 'prompt-type'; text: string}
	| {type: 'prompt-backspace'}
	/** Line editing: the cursor to a place, or text before or after it deleted. */
	| {type: 'prompt-edit'; edit: 'left' | 'right' | 'start' | 'end' | 'delete-to-start' | 'delete-word' | 'delete-to-end'}
	| {type: 'prompt-complete'}
	| {type: 'prompt-submit'}
	| {type: 'prompt-cancel'}
	// Review
	| {type: 'mark-reviewed'}
	| {type: 'toggle-flag'}
	| {type: 'toggle-reviewed'}
	| {type: 'recover-answer'; answer: 'yes' | 'no' | 'later'}
	| {type: 'next-problem'}
	| {type: 'previous-problem'}
	| {type: 'repair'}
	/** `text`: the mention to show (the one under the cursor when the key was pressed, for a key that waited). */
	| {type: 'open-consistency'; text?: string}
	| {type: 'consistency-move'; delta: number}
	| {type: 'consistency-jump'}
	| {type: 'consistency-relabel'; number: number}
	/** The analysis was built again after an edit in the consistency view: its rows may have changed. */
	| {type: 'consistency-refresh'}
	/** `:` N Enter once the file is indexed (it asked for a sentence past those read so far). */
	| {type: 'go-to-number'; text: string}
	/** `n`, `N`; also a search just submitted, run again once the file is indexed. */
	| {type: 'search-again'; direction: 1 | -1}
	// Compare mode
	| {type: 'next-difference'; direction: 1 | -1}
	| {type: 'take-other-side'; scope: 'cursor' | 'sentence'}
	/** `L`: edit the file's next tag layer (GermEval's nested entities): the app opens the file again on it. */
	| {type: 'switch-layer'}
	/** The other side was read further: the header's count of disagreeing sentences changed. */
	| {type: 'compare-progress'}
	/** The problem queue was ranked (again: with the tagger's doubts once it has trained). */
	| {type: 'queue-ranked'; withTagger: boolean}
	/** The tagger's training: the share done, undefined once it is over. */
	| {type: 'training-progress'; done: number | undefined}
	/** The tagger waits for a pause in the keys (its worker yields to them), or goes on. */
	| {type: 'training-waits'; waits: boolean}
	/** `#`: the problem queue's order, most suspicious first or file order. */
	| {type: 'toggle-queue-order'}
	/** `a`: take the suggestion the queue has here. */
	| {type: 'accept-suggestion'}
	// Overlays
	| {type: 'toggle-help'}
	| {type: 'open-stats'}
	/** The open page (help or statistics) scrolled by a line, by a page, or to its top or bottom. */
	| {type: 'scroll-page'; step: 'line' | 'page' | 'end'; direction: 1 | -1}
	| {type: 'close-view'}
	// What the world told the screen (the terminal, the indexer, the effect runner)
	| {type: 'resize'; size: TerminalSize}
	| {type: 'indexing-progress'; progress: number}
	/** The whole-corpus analysis's progress while it is built in the background; undefined once it is ready. */
	| {type: 'analysis-progress'; progress: number | undefined}
	| {type: 'corpus-grew'; labels?: readonly string[]; complete?: boolean}
	/** An edit, an undo or redo, or a review mark reached the corpus or the marks: what is built from them is built again. */
	| {type: 'tags-or-marks-changed'}
	/** `labels`: the label bar's order of the last session. */
	| {type: 'restore-review'; position?: {sentence: number; token: number}; message?: string; pending?: PendingRecovery; labels?: readonly string[]}
	| {type: 'saved'; result: SaveResult; then: 'stay' | 'exit'}
	| {type: 'written'; result: SaveResult}
	/** The journal was replayed: `done` edits are in effect (undoable), `undone` can be redone. */
	| {type: 'recovered'; message: string; done: number; undone: number}
	/** What an action waited for (`await`: the whole index, or the analysis) is there: it runs now. */
	| {type: 'ready'; until: AwaitedWork; then: Action}
	/**
	The review has something to say on its own (the journal stopped on a full disk, the lock was
	lost); a `quiet` notice (background work starting again) never replaces a message on screen.
	*/
	| {type: 'notice'; text: string; quiet?: boolean};

/** What a session that died left in its journal, for the recovery question. */
export type PendingRecovery = {
	readonly edits: number;
	/** Of those, the ones that still match the file and would be replayed. */
	readonly matching: number;
	/** The lines of the edits that no longer match. */
	readonly unmatchedLines: readonly number[];
	/** What became of the others, in words (`1 already among this session's edits`). */
	readonly others?: readonly string[];
};

/** Review marks a sentence can carry. */
export type MarkKind = 'reviewed' | 'flagged';

/** What the reducer asks the world to do; the effect runner (source/ui/effects.ts) does it. */
export type Effect =
	/** Apply tag changes through the session: one undoable, journaled step. */
	| {type: 'apply-edit'; edit: PlannedEdit}
	| {type: 'undo-edit'}
	| {type: 'redo-edit'}
	/** A review mark set or cleared; a flag carries the reviewer's reason, if any. */
	| {type: 'set-mark'; sentence: number; mark: MarkKind; on: boolean; note?: string}
	/** Save to the file (or --output); the result comes back as a `saved` action. */
	| {type: 'save'; then: 'stay' | 'exit'}
	/** Write the corpus with its edits to another file (`W`); the result comes back as `written`. */
	/** `W`: `replace`, the version of an existing file the user agreed to write over. */
	| {type: 'write'; path: string; replace?: FileIdentity}
	/** Replay the journal of a session that died; `recovered` comes back. */
	| {type: 'recover'}
	/** Start a new journal, setting the old one's edits aside. */
	| {type: 'discard-recovery'}
	/**
	Dispatch `then` (as `ready`) once the whole file is indexed (a search that found nothing in the part
	read so far, `:` N past it), or once the whole-corpus analysis is built (checks, consistency,
	statistics); at once when it is.
	*/
	| {type: 'await'; until: AwaitedWork; then: Action}
	/** Esc: a key that waits for the index or the analysis no longer runs when it is ready. */
	| {type: 'cancel-waits'}
	/** End the app; with `reopen`, open the file again editing tag column `reopen.tagColumn` (1-based). */
	| {type: 'exit'; reopen?: {tagColumn: number}};

/** What a key can wait for: a large file's whole index, or the whole-corpus analysis (which comes after it). */
export type AwaitedWork = 'index' | 'analysis';

/** A reducer's answer: the next state and the effects to run, in order. */
export type Step<State> = {readonly state: State; readonly effects: readonly Effect[]};
