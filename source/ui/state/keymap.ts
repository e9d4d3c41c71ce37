/**
The key bindings: one table that the key handler, the `?` help overlay and the readme's key
table are all derived from. Keys are named as `keyNames` reports them.
*/
import type {Action} from './actions.js';
import type {Mode} from './state.js';

/** The parts of Ink's `Key` that the app reads; tests can describe a key press with a few fields. */
export type KeyPress = {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	meta?: boolean;
};

export type Binding = {
	/** Key names as `keyNames` gives them. */
	readonly keys: readonly string[];
	/** How the readme and help show the keys, when not simply the key names. */
	readonly display?: string;
	readonly description: string;
	/** The binding's words in the status line's key hint (`j/k sentence`), for the bindings worth a place there. */
	readonly hint?: string;
	/** The hint stays however narrow the terminal (the way out and the way to every other key). */
	readonly essential?: boolean;
	readonly action: (key: string) => Action;
};

/**
Names the keys of one `useInput` call. Several printable keys typed quickly arrive as one string
(`jjj`): each character is a key of its own.

Esc and the next key in one read (fast typing, a paste, a laggy SSH link) come as Alt+key: no key
is bound to Alt, so it is the Esc, then the key, in a prompt too (an Esc then Enter applied what the
reviewer meant to cancel). Before a punctuation key Ink drops the Esc with no sign at all: `Esc %`
is `%`.
*/
export function keyNames(input: string, key: KeyPress): string[] {
	const special = key.upArrow ? 'up'
		: key.downArrow ? 'down'
			: key.leftArrow ? 'left'
				: key.rightArrow ? 'right'
					: key.pageUp ? 'pageup'
						: key.pageDown ? 'pagedown'
							: key.home ? 'home'
								: key.end ? 'end'
									: key.return ? 'return'
										: key.tab ? (key.shift ? 'shift+tab' : 'tab')
											: key.backspace || key.delete ? 'delete'
												: key.escape ? 'escape' : undefined;
	if (special !== undefined) {
		// Alt+Enter is Esc then Enter; Alt with the arrows and the paging keys comes as their own sequences.
		return special === 'return' && key.meta === true ? ['escape', special] : [special];
	}

	if (key.ctrl && input.length === 1) {
		return [`ctrl+${input.toLowerCase()}`];
	}

	// Alt+key: the Esc, then the key (its action was lost, and `Esc 3` labelled the selection it cancelled).
	const names = [...input].map(char => nameOfChar(char));
	return key.meta === true && input !== '' ? ['escape', ...names] : names;
}

/**
One character of a burst. Ink names a control key only when it arrives alone: in a burst (`Ctrl-A`
then `Ctrl-E` in one read) the raw bytes come through, so they are named here the same way.
*/
function nameOfChar(char: string): string {
	if (char === '\r' || char === '\n') {
		return 'return';
	}

	if (char === '\u007F' || char === '\b') {
		return 'delete';
	}

	if (char === '\u001B') {
		return 'escape';
	}

	if (char === '\t') {
		return 'tab';
	}

	const code = char.codePointAt(0)!;
	return code >= 1 && code <= 26 ? `ctrl+${String.fromCodePoint(code + 96)}` : char;
}

const fixed = (action: Action) => () => action;

/** Keys of the main view. The readme's key table is generated from this list (see `npm run readme`). */
export const normalBindings: readonly Binding[] = [
	{keys: ['j', 'down'], description: 'next sentence', hint: 'j/k sentence', action: fixed({type: 'move-sentence', delta: 1})},
	{keys: ['k', 'up'], description: 'previous sentence', action: fixed({type: 'move-sentence', delta: -1})},
	{keys: ['pagedown'], description: 'a screen of sentences forward', action: fixed({type: 'page', direction: 1})},
	{keys: ['pageup'], description: 'a screen of sentences back', action: fixed({type: 'page', direction: -1})},
	{keys: ['g', 'home'], description: 'first sentence', action: fixed({type: 'first-sentence'})},
	{keys: ['G', 'end'], description: 'last sentence', action: fixed({type: 'last-sentence'})},
	{keys: [':'], display: '`:` N Enter', description: 'go to sentence N (1-based, as numbered on screen)', action: fixed({type: 'open-prompt', prompt: 'goto'})},
	{keys: ['l', 'right'], description: 'next token', hint: 'h/l token', action: fixed({type: 'move-token', delta: 1})},
	{keys: ['h', 'left'], description: 'previous token', action: fixed({type: 'move-token', delta: -1})},
	{keys: ['w'], description: 'next entity in the sentence', action: fixed({type: 'next-entity'})},
	{keys: ['b'], description: 'previous entity in the sentence', action: fixed({type: 'previous-entity'})},
	{keys: ['v'], description: 'start a selection at the cursor (moving extends it; `v` or Esc cancels)', hint: 'v select', action: fixed({type: 'toggle-selection'})},
	{keys: ['escape'], description: 'cancel the selection, or a key still waiting for the file to be read or checked', action: fixed({type: 'escape'})},
	{
		keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
		display: '`1`..`9`',
		description: 'apply label N of the label bar: to the selection (replacing the entities it overlaps; the status line names those it cuts, whose tokens outside the selection become O), else to the entity under the cursor (keeping its boundaries), else make the token a one-token entity',
		hint: '1-9 label',
		action: key => ({type: 'apply-label-number', number: Number(key)}),
	},
	{keys: [']'], description: 'the label bar\'s next page, when the labels take more than one (`[` the previous)', action: fixed({type: 'label-page', delta: 1})},
	{keys: ['['], description: 'the label bar\'s previous page', action: fixed({type: 'label-page', delta: -1})},
	{keys: ['t'], display: '`t` NAME Enter', description: 'type a label name (Tab completes; a new name adds a label) and apply it like a number key; `O` (or `o`), or no name, removes the entity as `x` does; a name that cannot be a type keeps the prompt open with the reason', action: fixed({type: 'open-prompt', prompt: 'label'})},
	{keys: ['x', 'delete'], description: 'remove the entity under the cursor, or every entity touching the selection (Backspace too)', hint: 'x remove', action: fixed({type: 'remove-entity'})},
	{keys: ['<'], description: 'grow the entity under the cursor by one token on the left (`>` on the right)', action: fixed({type: 'resize-entity', side: 'left', change: 'grow'})},
	{keys: ['>'], description: 'grow the entity under the cursor by one token on the right', action: fixed({type: 'resize-entity', side: 'right', change: 'grow'})},
	{keys: [','], description: 'shrink the entity under the cursor by one token on the left (`.` on the right)', action: fixed({type: 'resize-entity', side: 'left', change: 'shrink'})},
	{keys: ['.'], description: 'shrink the entity under the cursor by one token on the right', action: fixed({type: 'resize-entity', side: 'right', change: 'shrink'})},
	{keys: ['return'], description: 'mark the sentence reviewed and go to the next (of the filter, when one is set)', action: fixed({type: 'mark-reviewed'})},
	{keys: ['r'], description: 'mark the sentence reviewed, or take its mark back, without moving', action: fixed({type: 'toggle-reviewed'})},
	{keys: ['f'], display: '`f` NOTE Enter', description: 'flag the sentence with an optional note of up to 200 characters (`F flagged` lists them with their notes), or unflag it', action: fixed({type: 'toggle-flag'})},
	{keys: ['e'], description: 'next problem, most suspicious first: invalid tags, inconsistent labels, and where the tagger trained on the corpus doubts a label; the status line says why and what it suggests', action: fixed({type: 'next-problem'})},
	{keys: ['E'], description: 'previous problem in the same order', action: fixed({type: 'previous-problem'})},
	{keys: ['a'], description: 'take the suggestion shown for the problem `e` went to (or one covering the cursor): one edit, one `u` takes it back', action: fixed({type: 'accept-suggestion'})},
	{keys: ['#'], description: 'switch `e` between the problems most suspicious first (the default) and the same problems in file order, from the cursor', action: fixed({type: 'toggle-queue-order'})},
	{keys: ['R'], description: 'repair the invalid tags of the sentence (shows before and after, y applies)', action: fixed({type: 'repair'})},
	{keys: ['c'], description: 'consistency view: every occurrence of the entity under the cursor and its labels; relabel them all at once', action: fixed({type: 'open-consistency'})},
	{keys: ['d'], description: 'compare mode: the next difference from the other side (this sentence, then the next that disagrees); the status line says what each side has', action: fixed({type: 'next-difference', direction: 1})},
	{keys: ['D'], description: 'compare mode: the previous difference', action: fixed({type: 'next-difference', direction: -1})},
	{keys: ['o'], description: 'compare mode: take the other side\'s entity where the cursor is (one undoable edit; `d` keeps this side and goes on)', action: fixed({type: 'take-other-side', scope: 'cursor'})},
	{keys: ['O'], description: 'compare mode: take the other side\'s entities for the whole sentence', action: fixed({type: 'take-other-side', scope: 'sentence'})},
	{keys: ['L'], description: 'files with several tag columns (GermEval\'s nested entities): edit the next layer; the one left is drawn dimmed under the sentence', action: fixed({type: 'switch-layer'})},
	{keys: ['/'], display: '`/` TEXT Enter', description: 'search whole tokens, smart case (`New York`, `Linux*`, `/^[A-Z]+$/` per token, `the @ORG` by label; see the readme); a match of several tokens is selected', action: fixed({type: 'open-prompt', prompt: 'search'})},
	{keys: ['n'], description: 'next match', action: fixed({type: 'search-again', direction: 1})},
	{keys: ['N'], description: 'previous match', action: fixed({type: 'search-again', direction: -1})},
	{keys: ['F'], display: '`F` NAME Enter', description: 'show only sentences that are flagged, unreviewed, have problems, or contain a label (Tab completes; `all` or empty shows every sentence)', action: fixed({type: 'open-prompt', prompt: 'filter'})},
	{keys: ['u'], description: 'undo the last edit or review mark (unlimited within the session)', hint: 'u undo', action: fixed({type: 'undo'})},
	{keys: ['ctrl+r'], description: 'redo', action: fixed({type: 'redo'})},
	{keys: ['s'], description: 'save (atomic; the first save keeps FILE.bak, the file before any save, never replaced)', hint: 's save', action: fixed({type: 'save'})},
	{keys: ['W'], display: '`W` PATH Enter', description: 'write the corpus with your edits to another file', action: fixed({type: 'open-prompt', prompt: 'write'})},
	{keys: ['q', 'ctrl+c'], description: 'quit; with unsaved edits asks `Save changes? (y)es (n)o (c)ancel`', hint: 'q quit', essential: true, action: fixed({type: 'quit'})},
	{keys: ['%'], description: 'statistics: mentions and distinct strings per type, tag counts, problems (the checks\', as `stats` counts them), how many places the tagger doubts beyond them, review progress', action: fixed({type: 'open-stats'})},
	{keys: ['?'], description: 'show or hide this help', hint: '? help', essential: true, action: fixed({type: 'toggle-help'})},
];

const quitBindings: readonly Binding[] = [
	{keys: ['y'], description: 'save, then quit', action: fixed({type: 'quit-answer', answer: 'yes'})},
	{keys: ['n'], description: 'quit without saving', action: fixed({type: 'quit-answer', answer: 'no'})},
	{keys: ['c', 'escape'], description: 'back to the corpus', action: fixed({type: 'quit-answer', answer: 'cancel'})},
	{keys: ['ctrl+c'], description: 'back to the corpus', action: fixed({type: 'quit-answer', answer: 'cancel'})},
];

const recoverBindings: readonly Binding[] = [
	{keys: ['y'], description: 'replay the unsaved edits', action: fixed({type: 'recover-answer', answer: 'yes'})},
	{keys: ['n'], description: 'discard them', action: fixed({type: 'recover-answer', answer: 'no'})},
	{keys: ['q', 'ctrl+c'], description: 'quit and leave them to the next open (ner-review diff --unsaved FILE shows them)', action: fixed({type: 'recover-answer', answer: 'later'})},
];

const confirmBindings: readonly Binding[] = [
	{keys: ['y'], description: 'apply', action: fixed({type: 'confirm-answer', answer: 'y'})},
	{keys: ['o', 't', 'a'], description: 'in the consistency view: relabel only this occurrence, all with its label, or all of them', action: key => ({type: 'confirm-answer', answer: key})},
	{keys: ['n', 'escape', 'ctrl+c'], description: 'cancel', action: fixed({type: 'confirm-answer', answer: 'no'})},
];

/** Keys of the consistency view (`c`). */
export const consistencyBindings: readonly Binding[] = [
	{keys: ['j', 'down'], description: 'select the next row', hint: 'j/k select', action: fixed({type: 'consistency-move', delta: 1})},
	{keys: ['k', 'up'], description: 'select the previous row', action: fixed({type: 'consistency-move', delta: -1})},
	{keys: ['pagedown'], description: 'ten rows down', action: fixed({type: 'consistency-move', delta: 10})},
	{keys: ['pageup'], description: 'ten rows up', action: fixed({type: 'consistency-move', delta: -10})},
	{keys: ['return'], description: 'go to the selected occurrence', hint: 'Enter go to the occurrence', action: fixed({type: 'consistency-jump'})},
	{
		keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
		display: '`1`..`9`',
		description: 'relabel the selected group (all mentions, one type, or the unlabelled ones) as label N, after a preview',
		hint: '1-9 relabel the selected group',
		action: key => ({type: 'consistency-relabel', number: Number(key)}),
	},
	{keys: [']'], description: 'the label bar\'s next page', action: fixed({type: 'label-page', delta: 1})},
	{keys: ['['], description: 'the label bar\'s previous page', action: fixed({type: 'label-page', delta: -1})},
	{keys: ['u'], description: 'undo the last edit', action: fixed({type: 'undo'})},
	{keys: ['ctrl+r'], description: 'redo', action: fixed({type: 'redo'})},
	{keys: ['s'], description: 'save', action: fixed({type: 'save'})},
	{keys: ['escape', 'q', 'c'], description: 'close the view', hint: 'Esc close', action: fixed({type: 'close-view'})},
	{keys: ['ctrl+c'], description: 'close the view', action: fixed({type: 'close-view'})},
];

/**
Scrolling a page of text, the help (`?`) or the statistics (`%`), as a pager does. The `?` help and
the readme list them under the main view's keys.
*/
export const pageScrollBindings: readonly Binding[] = [
	{keys: ['j', 'down'], description: 'a line down', hint: 'j/k scroll', action: fixed({type: 'scroll-page', step: 'line', direction: 1})},
	{keys: ['k', 'up'], description: 'a line up', action: fixed({type: 'scroll-page', step: 'line', direction: -1})},
	{keys: ['pagedown', ' '], display: 'PageDown / Space', description: 'a page down', hint: 'Space page', action: fixed({type: 'scroll-page', step: 'page', direction: 1})},
	{keys: ['pageup'], description: 'a page up', action: fixed({type: 'scroll-page', step: 'page', direction: -1})},
	{keys: ['g', 'home'], description: 'the top', action: fixed({type: 'scroll-page', step: 'end', direction: -1})},
	{keys: ['G', 'end'], description: 'the bottom', action: fixed({type: 'scroll-page', step: 'end', direction: 1})},
];

export const statsBindings: readonly Binding[] = [
	...pageScrollBindings,
	{keys: ['escape', 'q', '%', 'ctrl+c'], description: 'close', hint: 'Esc closes', action: fixed({type: 'close-view'})},
];

export const helpBindings: readonly Binding[] = [
	{keys: ['?', 'escape', 'q'], description: 'close the help', hint: '? or Esc closes', action: fixed({type: 'toggle-help'})},
	...pageScrollBindings,
	{keys: ['ctrl+c'], description: 'quit', action: fixed({type: 'quit'})},
];

/** Keys while a prompt (`:`, `t`, `W`, `F`, `/`) is open: a shell's line editing; other keys type. */
export const promptBindings: readonly Binding[] = [
	{keys: ['escape', 'ctrl+c'], description: 'cancel', action: fixed({type: 'prompt-cancel'})},
	{keys: ['tab'], description: 'complete the label or filter name', action: fixed({type: 'prompt-complete'})},
	{keys: ['return'], description: 'apply', action: fixed({type: 'prompt-submit'})},
	{keys: ['delete'], description: 'delete the character before the cursor (a selected suggestion: all of it)', action: fixed({type: 'prompt-backspace'})},
	{keys: ['left'], description: 'cursor left', action: fixed({type: 'prompt-edit', edit: 'left'})},
	{keys: ['right'], description: 'cursor right', action: fixed({type: 'prompt-edit', edit: 'right'})},
	{keys: ['ctrl+a', 'home'], description: 'cursor to the start', action: fixed({type: 'prompt-edit', edit: 'start'})},
	{keys: ['ctrl+e', 'end'], description: 'cursor to the end', action: fixed({type: 'prompt-edit', edit: 'end'})},
	{keys: ['ctrl+u'], description: 'delete everything before the cursor', action: fixed({type: 'prompt-edit', edit: 'delete-to-start'})},
	{keys: ['ctrl+w'], description: 'delete the word before the cursor', action: fixed({type: 'prompt-edit', edit: 'delete-word'})},
	{keys: ['ctrl+k'], description: 'delete everything after the cursor', action: fixed({type: 'prompt-edit', edit: 'delete-to-end'})},
];

const bindingsByMode: Record<Mode['kind'], readonly Binding[]> = {
	normal: normalBindings,
	quit: quitBindings,
	help: helpBindings,
	prompt: promptBindings,
	recover: recoverBindings,
	confirm: confirmBindings,
	consistency: consistencyBindings,
	stats: statsBindings,
};

/** Builds a lookup from key name to action for each mode. */
const lookup = new Map<string, Map<string, Binding>>(
	Object.entries(bindingsByMode).map(([mode, bindings]) => [mode, new Map(bindings.flatMap(binding => binding.keys.map(key => [key, binding] as const)))]),
);

/** The action a key stands for in a mode, if any. */
export function actionFor(mode: Mode['kind'], key: string): Action | undefined {
	return lookup.get(mode)?.get(key)?.action(key);
}

/**
While the terminal is too small to draw the screen, only `q` and Ctrl-C act (as the message there
says): any other key would act unseen (QA: `x` removed an entity, `y` answered the hidden recovery
question). The quit question `q` opens with unsaved edits is asked on the small screen, so its y/n/c act.
*/
export function actsWhileTooSmall(key: string, mode: Mode['kind'] = 'normal'): boolean {
	// The quit question is asked on the small screen itself, so its answers act.
	return key === 'q' || key === 'ctrl+c' || (mode === 'quit' && actionFor(mode, key) !== undefined);
}

/**
What a key does in a mode: its binding, or in a prompt, a character typed into it. The key handler
and the tests go through this one function.
*/
export function keyAction(mode: Mode['kind'], key: string): Action | undefined {
	const bound = actionFor(mode, key);
	if (bound === undefined && mode === 'prompt' && [...key].length === 1) {
		return {type: 'prompt-type', text: key};
	}

	return bound;
}

const keyLabels: Record<string, string> = {
	up: 'Up', down: 'Down', left: 'Left', right: 'Right', pageup: 'PageUp', pagedown: 'PageDown', home: 'Home', end: 'End',
	return: 'Enter', escape: 'Esc', tab: 'Tab', delete: 'Delete', 'shift+tab': 'Shift-Tab',
	'ctrl+r': 'Ctrl-R', 'ctrl+c': 'Ctrl-C', 'ctrl+a': 'Ctrl-A', 'ctrl+e': 'Ctrl-E', 'ctrl+u': 'Ctrl-U', 'ctrl+w': 'Ctrl-W', 'ctrl+k': 'Ctrl-K',
};

/** How a binding's keys are written for people: `` `j` / Down ``. */
export function describeKeys(binding: Binding): string {
	return binding.display ?? binding.keys.map(key => keyLabels[key] ?? `\`${key}\``).join(' / ');
}

/** The key hint of a list of bindings, in table order: `j/k sentence  h/l token ...`. */
export function keyHint(bindings: readonly Binding[] = normalBindings, separator = '  '): string {
	return bindings.flatMap(binding => (binding.hint === undefined ? [] : [binding.hint])).join(separator);
}

/** The parts of the status line's key hint in a mode, in table order (modes that ask a question or show a prompt have none). */
export function hintParts(mode: Mode['kind']): Array<{text: string; essential: boolean}> {
	return bindingsByMode[mode].flatMap(binding => (binding.hint === undefined ? [] : [{text: binding.hint, essential: binding.essential === true}]));
}

/** The markdown table of the main view's keys (or of other bindings), as the readme shows it. */
export function keyTableMarkdown(bindings: readonly Binding[] = normalBindings): string {
	const rows = bindings.map(binding => `| ${describeKeys(binding)} | ${binding.description} |`);
	return ['| key | action |', '| --- | --- |', ...rows].join('\n');
}
