/**
The one-line prompts (`:`, `t`, `W`, `F`, `/`): opening one, typing into it, Tab completion, and
what Enter does with the text. The store owns the text, so keys typed faster than a frame are
neither lost nor reordered.
*/
import {filterNames} from '../../review/index.js';
import type {PromptKind, Step} from './actions.js';
import {typeNameProblem} from '../../corpus/index.js';
import {applyLabel, askNewType, removeEntity} from './editing.js';
import {completeLabel, resolveLabel} from './label-names.js';
import {error, info, step} from './messages.js';
import {goToNumber} from './navigation.js';
import {applyFilter, flagWithNote, startSearch} from './review.js';
import type {State} from './state.js';
import type {World} from './world.js';

export function openPrompt(state: State, world: World, prompt: PromptKind): State {
	// `W` suggests a name beside the file, selected: Enter takes it, typing replaces it.
	const text = prompt === 'write' ? `${world.file}.edited` : '';
	return {...state, mode: {kind: 'prompt', prompt, text, cursor: [...text].length, selected: text !== ''}};
}

type PromptMode = Extract<State['mode'], {kind: 'prompt'}>;

/** The prompt with `text`, the cursor at `cursor` (code points), nothing selected. */
function edited(mode: PromptMode, text: string, cursor: number): PromptMode {
	const {typed, ...rest} = mode;
	return {...rest, text, cursor: Math.max(0, Math.min(cursor, [...text].length)), selected: false};
}

/** Typed text; a paste or a fast burst can carry Enter inside it, which submits what came before it. */
export function typeIntoPrompt(state: State, world: World, typed: string): Step<State> {
	if (state.mode.kind !== 'prompt') {
		return step(state);
	}

	const {mode} = state;
	const chars = mode.selected ? [] : [...mode.text];
	const cursor = mode.selected ? 0 : mode.cursor;
	const newline = /[\r\n]/.exec(typed);
	const inserted = [...(newline === null ? typed : typed.slice(0, newline.index)).replaceAll(/\p{Cc}/gu, '')];
	const text = [...chars.slice(0, cursor), ...inserted, ...chars.slice(cursor)].join('');
	if (newline !== null) {
		return submitPrompt({...state, mode: {kind: 'normal'}}, world, mode.prompt, text.trim());
	}

	return step({...state, mode: edited(mode, text, cursor + inserted.length)});
}

/** Backspace: the character before the cursor, or the whole selected text. */
export function deleteFromPrompt(state: State): State {
	if (state.mode.kind !== 'prompt') {
		return state;
	}

	const {mode} = state;
	if (mode.selected) {
		return {...state, mode: edited(mode, '', 0)};
	}

	const chars = [...mode.text];
	return mode.cursor === 0 ? state : {...state, mode: edited(mode, [...chars.slice(0, mode.cursor - 1), ...chars.slice(mode.cursor)].join(''), mode.cursor - 1)};
}

/** The line-editing keys of a shell: Left/Right, Ctrl-A/E (Home/End), Ctrl-U, Ctrl-W, Ctrl-K. */
export function editPrompt(state: State, edit: 'left' | 'right' | 'start' | 'end' | 'delete-to-start' | 'delete-word' | 'delete-to-end'): State {
	if (state.mode.kind !== 'prompt') {
		return state;
	}

	const {mode} = state;
	const chars = [...mode.text];
	const {cursor} = mode;
	switch (edit) {
		case 'left': {
			return {...state, mode: edited(mode, mode.text, mode.selected ? 0 : cursor - 1)};
		}

		case 'right': {
			return {...state, mode: edited(mode, mode.text, cursor + 1)};
		}

		case 'start': {
			return {...state, mode: edited(mode, mode.text, 0)};
		}

		case 'end': {
			return {...state, mode: edited(mode, mode.text, chars.length)};
		}

		case 'delete-to-start': {
			return {...state, mode: edited(mode, chars.slice(cursor).join(''), 0)};
		}

		case 'delete-to-end': {
			return {...state, mode: edited(mode, chars.slice(0, cursor).join(''), cursor)};
		}

		case 'delete-word': {
			// As readline's Ctrl-W for file names: the spaces and slashes before the cursor, then the word (or path part) before them.
			let start = cursor;
			while (start > 0 && (chars[start - 1] === ' ' || chars[start - 1] === '/')) {
				start--;
			}

			while (start > 0 && chars[start - 1] !== ' ' && chars[start - 1] !== '/') {
				start--;
			}

			return {...state, mode: edited(mode, [...chars.slice(0, start), ...chars.slice(cursor)].join(''), start)};
		}
	}
}

/** Tab: complete a label name (`t`) or a filter name (`F`). */
export function completePrompt(state: State): State {
	if (state.mode.kind !== 'prompt' || (state.mode.prompt !== 'label' && state.mode.prompt !== 'filter')) {
		return state;
	}

	const choices = state.mode.prompt === 'filter' ? [...filterNames, 'all', ...state.labels] : state.labels;
	const {text, typed} = completeLabel(state.mode.text, choices, state.mode.typed);
	const mode = edited(state.mode, text, [...text].length);
	return {...state, mode: typed === undefined ? mode : {...mode, typed}};
}

/** Enter: what the prompt's text asks for. */
export function submitOpenPrompt(state: State, world: World): Step<State> {
	return state.mode.kind === 'prompt' ? submitPrompt({...state, mode: {kind: 'normal'}}, world, state.mode.prompt, state.mode.text.trim()) : step(state);
}

/**
`t` NAME Enter: `O` (or `o`) or nothing removes the entity (as `x` does); a scheme prefix is dropped (`B-PER` means
PER, and the status line says so); a name the bar does not have asks first, so a typo does not
add a type; a name that cannot be a type (spaces, invisible characters) is refused.
*/
function labelFromPrompt(state: State, world: World, text: string): Step<State> {
	// `o` too, as other names match whatever their case (QA: `t o` asked to add a type "o").
	if (text === '' || (text.toUpperCase() === 'O' && !state.labels.includes(text))) {
		return removeEntity(state, world);
	}

	const prefixed = /^[BIESLUM]-(.+)$/.exec(text);
	const named = prefixed === null ? text : prefixed[1]!;
	const problem = typeNameProblem(named);
	if (problem !== undefined) {
		// The prompt stays open with the name, to be mended (closing it lost what was typed, as a flag's note did).
		return step({...state, mode: {kind: 'prompt', prompt: 'label', text, cursor: [...text].length, selected: false}, message: error(`${problem}: mend it, or Esc`)});
	}

	const label = resolveLabel(named, state.labels);
	const note = prefixed === null ? undefined : `${text} means the type ${label}: the scheme's prefixes are written for you`;
	if (!state.labels.includes(label)) {
		return step(askNewType(state, world, label, note));
	}

	const applied = applyLabel(state, world, label);
	return note === undefined ? applied : {...applied, state: {...applied.state, message: info(`${note}; ${applied.state.message?.text ?? ''}`)}};
}

function submitPrompt(state: State, world: World, prompt: PromptKind, text: string): Step<State> {
	switch (prompt) {
		case 'goto': {
			return goToNumber(state, world, text);
		}

		case 'label': {
			return labelFromPrompt(state, world, text);
		}

		case 'filter': {
			return step(applyFilter(state, world, text));
		}

		case 'search': {
			return startSearch(state, world, text);
		}

		case 'write': {
			return text === '' ? step(state) : step(state, {type: 'write', path: text});
		}

		case 'flag': {
			return flagWithNote(state, text);
		}
	}
}
