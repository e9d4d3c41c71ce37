import type {Effect, Step} from './actions.js';
import type {Message, State} from './state.js';

/** A status line message that reports. */
export function info(text: string): Message {
	return {text, tone: 'info'};
}

/** A status line message that says something went wrong. */
export function error(text: string): Message {
	return {text, tone: 'error'};
}

/** A reducer step: the next state, and the effects (none by default). */
export function step(state: State, ...effects: Effect[]): Step<State> {
	return {state, effects};
}
