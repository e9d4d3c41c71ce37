/**
Scrolling a page of text, the help (`?`) or the statistics (`%`): by a line, by a page, or to its
top or bottom. The window is only moved here; the reducer's placeWindows keeps it in range (so
PageDown or G near the bottom stops with the last line on the last row).
*/
import {overlayRows, screenLayout, type TerminalSize} from '../layout.js';
import type {State} from './state.js';

/** Rows of a page's lines: the view between the header and the status line, less its title. */
export function pageRows(size: TerminalSize): number {
	return Math.max(1, overlayRows(screenLayout(size)) - 1);
}

export function scrollPage(state: State, step: 'line' | 'page' | 'end', direction: 1 | -1): State {
	const page = state.mode.kind === 'help' ? 'help' : state.mode.kind === 'stats' ? 'stats' : undefined;
	if (page === undefined) {
		return state;
	}

	const top = state.windows[page];
	const moved = step === 'line' ? top + direction
		: step === 'page' ? top + (direction * pageRows(state.size))
			: (direction > 0 ? Number.MAX_SAFE_INTEGER : 0);
	return {...state, windows: {...state.windows, [page]: moved}};
}
