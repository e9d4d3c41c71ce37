/**
Changing the tags and the files: labels, removal, undo and redo, bulk edits after a preview, save,
write elsewhere and quit. The reducer plans each edit from the corpus as it is and asks the effect
runner to apply it; it never changes the corpus itself.
*/
import {planRelabel, planRemove, type SaveResult} from '../../corpus/index.js';
import type {Step} from './actions.js';
import {error, info, step} from './messages.js';
import {selectionOf, type State} from './state.js';
import {remember} from './undo.js';
import type {World} from './world.js';

/** A number key or `t`: the label on the selection, the entity under the cursor, or the token. */
export function applyLabel(state: State, world: World, label: string): Step<State> {
	const labels = state.labels.includes(label) ? state.labels : [...state.labels, label];
	const changes = planRelabel(world.corpus, state.sentence, state.token, selectionOf(state), label);
	if (changes.length === 0) {
		return step({...state, labels, anchor: undefined, message: info(`already ${label}`)});
	}

	return step(
		remember({...state, labels, anchor: undefined, revision: state.revision + 1, message: info(`${label}: ${describeCount(changes.length)}`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit: {changes, sentence: state.sentence, token: state.token, description: `label ${label}`}},
	);
}

export function removeEntity(state: State, world: World): Step<State> {
	const changes = planRemove(world.corpus, state.sentence, state.token, selectionOf(state));
	if (changes.length === 0) {
		return step({...state, message: info('no entity here to remove')});
	}

	return step(
		remember({...state, anchor: undefined, revision: state.revision + 1, message: info(`removed: ${describeCount(changes.length)}`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit: {changes, sentence: state.sentence, token: state.token, description: 'remove entity'}},
	);
}

/** `y` in a confirmation: the previewed edit, applied as one undoable step. */
export function confirmEdit(state: State): Step<State> {
	if (state.mode.kind !== 'confirm') {
		return step(state);
	}

	const {edit} = state.mode;
	const normal = {...state, mode: {kind: 'normal'} as const};
	if (edit.changes.length === 0) {
		return step({...normal, message: info('nothing changed')});
	}

	return step(
		remember({...normal, revision: state.revision + 1, message: info(`${edit.description}: ${edit.changes.length} tags changed (u undoes all of it)`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit},
	);
}

export function quit(state: State, world: World): Step<State> {
	return world.dirty ? step({...state, mode: {kind: 'quit'}}) : step({...state, exit: true}, {type: 'exit'});
}

export function answerQuit(state: State, answer: 'yes' | 'no' | 'cancel'): Step<State> {
	switch (answer) {
		case 'cancel': {
			return step({...state, mode: {kind: 'normal'}});
		}

		case 'no': {
			return step({...state, exit: true}, {type: 'exit'});
		}

		case 'yes': {
			return step({...state, mode: {kind: 'normal'}}, {type: 'save', then: 'exit'});
		}
	}
}

/** The save's outcome; after `y` at the quit question, a successful save also quits. */
export function saved(state: State, world: World, result: SaveResult, then: 'stay' | 'exit'): Step<State> {
	const next = {...state, revision: state.revision + 1, message: result.ok ? info(result.message) : error(`${result.message}; press W to write them to another file`)};
	return then === 'exit' && result.ok && !world.dirty ? step({...next, exit: true}, {type: 'exit'}) : step(next);
}

export function written(state: State, result: SaveResult): Step<State> {
	return step({...state, message: result.ok ? info(result.message) : error(result.message)});
}

export function describeCount(count: number): string {
	return `${count} tag${count === 1 ? '' : 's'} changed`;
}
