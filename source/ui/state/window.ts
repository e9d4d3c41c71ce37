/**
The one windowing rule of the screen: which entry of a scrolled list is its first visible row.
The sentence list, the current sentence's wrapped lines, the consistency view, the help and the
statistics all keep their window in the state and place it with these two functions, after every
action (placeWindows).
*/
import {positionInFilter} from '../../review/index.js';
import {labelBarRows, overlayRows, screenLayout} from '../layout.js';
import {sentenceLayoutOf} from '../sentence-layout.js';
import {consistencyRows} from './consistency-rows.js';
import {helpLines} from './help-lines.js';
import {pageRows} from './page-scroll.js';
import {shownSuggestion} from './queue.js';
import type {State} from './state.js';
import {statsPageLines} from './stats-lines.js';
import type {World} from './world.js';

/**
The first visible entry of `rows` rows over `count` entries, showing `cursor` with `above` rows of
context above it where the list allows (the list centres its sentence, the sentence keeps a third
above its cursor line).
*/
export function windowAround(cursor: number, count: number, rows: number, above: number): number {
	return clampTop(cursor - above, count, rows);
}

/** A window moved by hand (help, statistics): `top` kept in range, so the last page is full. */
export function clampTop(top: number, count: number, rows: number): number {
	return Math.max(0, Math.min(top, count - Math.max(1, rows)));
}

/**
Every scroll window placed for the state as it now is: the sentence list around the current
sentence, the sentence's wrapped lines around the cursor, and the open view's rows.
*/
export function placeWindows(state: State, world: World): State {
	const layout = screenLayout(state.size);
	const {corpus} = world;
	const {windows} = state;
	const listCount = state.filter === undefined ? corpus.sentenceCount : state.filter.sentences.length;
	const listPosition = state.filter === undefined ? state.sentence : positionInFilter(state.filter.sentences, state.sentence);
	const list = windowAround(listPosition, listCount, layout.listRows, Math.floor(layout.listRows / 2));
	const lines = sentenceLayoutOf(corpus, state.sentence, layout.width, world.history.revision, world.second, shownSuggestion(state, world));
	const sentence = windowAround(lines.lineOfToken[state.token] ?? 0, lines.lines.length, layout.sentenceRows, Math.floor(layout.sentenceRows / 3));
	let {consistency, help, stats} = windows;
	const analysis = world.analysis();
	if (state.mode.kind === 'consistency' && analysis !== undefined) {
		// The view has a summary and a key hint above its rows, and the label bar below.
		const rows = Math.max(1, overlayRows(layout) - labelBarRows - 2);
		consistency = windowAround(state.mode.selected, consistencyRows(analysis.index.occurrences(state.mode.text)).length, rows, Math.floor(rows / 2));
	} else if (state.mode.kind === 'help') {
		help = clampTop(help, helpLines(layout.width).length, pageRows(state));
	} else if (state.mode.kind === 'stats' && analysis !== undefined) {
		stats = clampTop(stats, statsPageLines(world, analysis, layout.width).length, pageRows(state));
	}

	const placed = {list, sentence, consistency, help, stats};
	return sameWindows(placed, windows) ? state : {...state, windows: placed};
}

function sameWindows(a: State['windows'], b: State['windows']): boolean {
	return a.list === b.list && a.sentence === b.sentence && a.consistency === b.consistency && a.help === b.help && a.stats === b.stats;
}
