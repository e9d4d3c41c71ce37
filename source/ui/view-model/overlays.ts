import type {Analysis, Place} from '../../review/index.js';
import {displayText, textWidth, truncate} from '../display-text.js';
import {consistencyRows, type ConsistencyRow} from '../state/consistency-rows.js';
import {helpLines} from '../state/help-lines.js';
import {consistencyBindings, helpBindings, keyHint, statsBindings} from '../state/keymap.js';
import {statsPageLines} from '../state/stats-lines.js';
import type {World} from '../state/world.js';

/** A titled page of text lines (the help, the statistics). */
export type PageModel = {readonly title: string; readonly lines: readonly string[]; readonly top: number};

/** What part of `count` lines a page of `rows` body rows shows, for its title. */
function linesShown(top: number, rows: number, count: number): {first: number; last: number} | undefined {
	return count > rows ? {first: top + 1, last: Math.min(count, top + rows)} : undefined;
}

/** `Statistics: hints (lines 1-20 of 57)`; where that is too wide, the place in the page comes before the hints, which are cut. */
function pageTitle(name: string, hints: string, more: string, width: number): string {
	const title = `${name}: ${hints}${more}`;
	return textWidth(title) <= width || more === '' ? truncate(title, width) : truncate(`${name} ${more.trim()}: ${hints}`, width);
}

export function helpPage(top: number, rows: number, width: number): PageModel {
	const lines = helpLines(width);
	const shown = linesShown(top, rows, lines.length);
	const more = shown === undefined ? '' : `  (lines ${shown.first}-${shown.last} of ${lines.length})`;
	// The help's first hint is how to close it: it keeps its place before the line counter.
	return {title: truncate(`Keys: ${keyHint(helpBindings)}${more}`, width), lines: lines.slice(top, top + rows), top};
}

export function statsPage(world: World, analysis: Analysis, top: number, rows: number, width: number): PageModel {
	const lines = statsPageLines(world, analysis, width);
	const shown = linesShown(top, rows, lines.length);
	const more = shown === undefined ? '' : ` (lines ${shown.first}-${shown.last} of ${lines.length})`;
	return {
		title: pageTitle('Statistics', keyHint(statsBindings, ', '), more, width),
		lines: lines.slice(top, top + rows),
		top,
	};
}

export type ConsistencyRowModel = {
	readonly key: number;
	readonly text: string;
	readonly selected: boolean;
	/** The type the row stands for (its color), if any. */
	readonly type?: string;
};

export type ConsistencyModel = {
	readonly summary: string;
	readonly hint: string;
	readonly rows: readonly ConsistencyRowModel[];
};

/** `c`: what the corpus labels one string as, and where; the selected row is the one a key acts on. */
export function consistencyModel(world: World, analysis: Analysis, text: string, selected: number, top: number, rows: number, width: number): ConsistencyModel {
	const {index} = analysis;
	const all = consistencyRows(index.occurrences(text));
	return {
		summary: truncate(displayText(index.summary(text)), width),
		hint: truncate(keyHint(consistencyBindings), width),
		rows: all.slice(top, top + rows).map((row, offset) => {
			const isSelected = top + offset === selected;
			const type = row.kind === 'type' ? row.type : row.kind === 'place' ? row.place.type : undefined;
			return {key: top + offset, text: truncate(`${isSelected ? '>' : ' '} ${describeRow(world, row)}`, width), selected: isSelected, type};
		}),
	};
}

function describeRow(world: World, row: ConsistencyRow): string {
	switch (row.kind) {
		case 'all': {
			return row.mentions === 1 ? 'the 1 labelled mention' : `all ${row.mentions} labelled mentions`;
		}

		case 'type': {
			return `${displayText(row.type)} x${row.count}`;
		}

		case 'unlabelled': {
			return `O (not labelled) x${row.count}`;
		}

		case 'place': {
			return describePlace(world, row.place);
		}
	}
}

function describePlace(world: World, place: Place): string {
	const texts = world.corpus.sentenceDisplayTexts(place.sentence, 40);
	const before = texts.slice(Math.max(0, place.start - 4), place.start).join(' ');
	const match = texts.slice(place.start, place.end).join(' ');
	const after = texts.slice(place.end, place.end + 6).join(' ');
	return `  ${place.sentence + 1}: ${displayText(before)} [${displayText(match)}]${displayText(place.type ?? 'O')} ${displayText(after)}`;
}
