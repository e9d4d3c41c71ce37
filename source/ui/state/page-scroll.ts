/**
Scrolling a page of text, the help (`?`) or the statistics (`%`): by a line, by a page, or to its
top or bottom. The window is only moved here; the reducer's placeWindows keeps it in range (so
PageDown or G near the bottom stops with the last line on the last row).
*/
import {overlayRows, screenLayout} from '../layout.js';
import {screenStatus, statusRows} from '../view-model/status.js';
import type {State} from './state.js';

/**
Rows of a page's lines as `state` draws them: the view between the header and the status line,
less its title, and less the rows a wrapped message takes from it.
*/
export function pageRows(state: State): number {
	return Math.max(1, overlayRows(screenLayout(state.size)) - (statusRows(screenStatus(state)) - 1) - 1);
}

/**
Moves the open page's window. `shownRows`: the rows the page showed when the key was pressed (a
message the key clears may have taken some): a page down starts at the first line not shown.
*/
export function scrollPage(state: State, step: 'line' | 'page' | 'end', direction: 1 | -1, shownRows: number): State {
	const page = state.mode.kind === 'help' ? 'help' : state.mode.kind === 'stats' ? 'stats' : undefined;
	if (page === undefined) {
		return state;
	}

	const top = state.windows[page];
	const moved = step === 'line' ? top + direction
		: step === 'page' ? top + (direction * shownRows)
			: (direction > 0 ? Number.MAX_SAFE_INTEGER : 0);
	return {...state, windows: {...state.windows, [page]: moved}};
}
