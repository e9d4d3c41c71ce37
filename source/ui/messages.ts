import type {Message} from './state.js';

/** A status line message that reports. */
export function info(text: string): Message {
	return {text, tone: 'info'};
}

/** A status line message that says something went wrong. */
export function error(text: string): Message {
	return {text, tone: 'error'};
}
