/**
The one-line prompts (`:`, `t`, `W`, `F`, `/`): opening one, typing into it, Tab completion, and
what Enter does with the text. The store owns the text, so keys typed faster than a frame are
neither lost nor reordered.
*/
import {filterNames} from '../../review/filter.js';
import type {PromptKind, Step} from './actions.js';
import {applyLabel} from './editing.js';
import {completeLabel, resolveLabel} from './label-names.js';
import {error, step} from './messages.js';
import {goToNumber} from './navigation.js';
import {applyFilter, startSearch} from './review.js';
import type {State} from './state.js';
import type {World} from './world.js';

export function openPrompt(state: State, world: World, prompt: PromptKind): State {
	const text = prompt === 'write' ? `${world.file}.edited` : '';
	return {...state, mode: {kind: 'prompt', prompt, text}};
}

/** Typed text; a paste or a fast burst can carry Enter inside it, which submits what came before it. */
export function typeIntoPrompt(state: State, world: World, typed: string): Step<State> {
	if (state.mode.kind !== 'prompt') {
		return step(state);
	}

	const text = state.mode.text + typed;
	const newline = /[\r\n]/.exec(text);
	if (newline !== null) {
		return submitPrompt({...state, mode: {kind: 'normal'}}, world, state.mode.prompt, text.slice(0, newline.index).trim());
	}

	return step({...state, mode: {...state.mode, text: text.replaceAll(/\p{Cc}/gu, '')}});
}

export function deleteFromPrompt(state: State): State {
	return state.mode.kind === 'prompt' ? {...state, mode: {...state.mode, text: [...state.mode.text].slice(0, -1).join('')}} : state;
}

/** Tab: complete a label name (`t`) or a filter name (`F`). */
export function completePrompt(state: State): State {
	if (state.mode.kind !== 'prompt' || (state.mode.prompt !== 'label' && state.mode.prompt !== 'filter')) {
		return state;
	}

	const choices = state.mode.prompt === 'filter' ? [...filterNames, 'all', ...state.labels] : state.labels;
	return {...state, mode: {...state.mode, text: completeLabel(state.mode.text, choices)}};
}

/** Enter: what the prompt's text asks for. */
export function submitOpenPrompt(state: State, world: World): Step<State> {
	return state.mode.kind === 'prompt' ? submitPrompt({...state, mode: {kind: 'normal'}}, world, state.mode.prompt, state.mode.text.trim()) : step(state);
}

function submitPrompt(state: State, world: World, prompt: PromptKind, text: string): Step<State> {
	switch (prompt) {
		case 'goto': {
			return step(goToNumber(state, world, text));
		}

		case 'label': {
			if (text === '') {
				return step(state);
			}

			const label = resolveLabel(text, state.labels);
			if (/\s/.test(label)) {
				return step({...state, message: error('a label name cannot contain spaces')});
			}

			return applyLabel(state, world, label);
		}

		case 'filter': {
			return step(applyFilter(state, world, text));
		}

		case 'search': {
			return step(startSearch(state, world, text));
		}

		case 'write': {
			return text === '' ? step(state) : step(state, {type: 'write', path: text});
		}
	}
}
