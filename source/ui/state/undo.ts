/**
One undo log for everything a reviewer can take back: tag edits (whose changes the session's
history keeps) and review marks (reviewed, flagged). `u` and Ctrl-R walk this log, so a stray Enter
or `f` is undone like an edit, in the order they were made.
*/
import type {MarkKind, Step} from './actions.js';
import {info, step} from './messages.js';
import {goToSentence} from './navigation.js';
import type {State} from './state.js';
import type {World} from './world.js';

export type UndoStep =
	/** A tag edit: the session's history holds its changes and where it was made; `addedLabel` joined the label bar with it. */
	| {readonly kind: 'edit'; readonly addedLabel?: string}
	/** A review mark set (`on`) or cleared on a sentence; `note` is the flag's reason (set, or taken away). */
	| {readonly kind: 'mark'; readonly sentence: number; readonly mark: MarkKind; readonly on: boolean; readonly note?: string};

/** A new edit or mark: it can be undone, and what was undone before can no longer be redone. */
export function remember(state: State, undoStep: UndoStep): State {
	return {...state, undo: [...state.undo, undoStep], redo: []};
}

/** `u` / Ctrl-R: back to where the step was made, and the step reverted or made again. */
export function undoOrRedo(state: State, world: World, which: 'undo' | 'redo'): Step<State> {
	const from = which === 'undo' ? state.undo : state.redo;
	const last = from.at(-1);
	if (last === undefined) {
		return step({...state, message: info(which === 'undo' ? 'nothing to undo' : 'nothing to redo')});
	}

	const moved = which === 'undo'
		? {...state, undo: state.undo.slice(0, -1), redo: [...state.redo, last]}
		: {...state, redo: state.redo.slice(0, -1), undo: [...state.undo, last]};
	const verb = which === 'undo' ? 'undid' : 'redid';
	if (last.kind === 'mark') {
		const on = which === 'undo' ? !last.on : last.on;
		const there = goToSentence(moved, world, last.sentence);
		return step(
			{...there, revision: state.revision + 1, message: info(`${verb}: sentence ${last.sentence + 1} ${describeMark(last.mark, last.on)}`)},
			{type: 'set-mark', sentence: last.sentence, mark: last.mark, on, ...(on && last.note !== undefined ? {note: last.note} : {})},
		);
	}

	const record = which === 'undo' ? world.history.peekUndo() : world.history.peekRedo();
	if (record === undefined) {
		return step({...moved, message: info(which === 'undo' ? 'nothing to undo' : 'nothing to redo')});
	}

	// A type added with the edit leaves the label bar with it, and comes back with a redo.
	const labels = last.addedLabel === undefined ? moved.labels
		: (which === 'undo' ? moved.labels.filter(label => label !== last.addedLabel) : [...moved.labels, last.addedLabel]);
	return step(
		{...moved, labels, sentence: record.sentence, token: record.token, anchor: undefined, revision: state.revision + 1, message: info(`${verb} ${record.description}`)},
		{type: which === 'undo' ? 'undo-edit' : 'redo-edit'},
	);
}

function describeMark(mark: MarkKind, on: boolean): string {
	return mark === 'reviewed' ? (on ? 'marked reviewed' : 'unmarked') : (on ? 'flagged' : 'unflagged');
}

/** The undo log of a session whose history was replayed from its journal: each replayed edit can be undone, each undone one redone. */
export function replayedEdits(state: State, done: number, undone: number): State {
	return {...state, undo: Array.from({length: done}, () => ({kind: 'edit'}) as const), redo: Array.from({length: undone}, () => ({kind: 'edit'}) as const)};
}
