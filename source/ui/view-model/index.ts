/**
The view model: everything the screen shows, as plain rows computed from the state and the world.
Views receive these rows and only draw them, so a view can be rendered from canned rows in a test
without a corpus, and nothing whole-corpus runs during a render.
*/
import {describeFilter} from '../../review/filter.js';
import {labelBarRows, minimumSize, overlayRows, screenLayout} from '../layout.js';
import {selectionOf, type State} from '../state/state.js';
import type {World} from '../state/world.js';
import {headerModel, type HeaderModel} from './header.js';
import {consistencyModel, helpPage, statsPage, type ConsistencyModel, type PageModel} from './overlays.js';
import {sentenceLines, tokenDetail, type SentenceLine, type TokenDetailModel} from './sentence.js';
import {listRows, type ListRow} from './sentence-list.js';
import {statusModel, type StatusModel} from './status.js';

export type {HeaderModel} from './header.js';
export type {ConsistencyModel, ConsistencyRowModel, PageModel} from './overlays.js';
export type {SentenceLine, TokenDetailModel} from './sentence.js';
export type {ListRow, Piece} from './sentence-list.js';
export type {StatusModel} from './status.js';

export type BodyModel =
	| {
		readonly kind: 'review';
		readonly list: readonly ListRow[];
		readonly listRows: number;
		readonly sentence: readonly SentenceLine[];
		readonly sentenceRows: number;
		readonly detail: TokenDetailModel;
		readonly labels: readonly string[];
	}
	| {readonly kind: 'page'; readonly page: PageModel; readonly rows: number}
	| {readonly kind: 'consistency'; readonly view: ConsistencyModel; readonly rows: number; readonly labels: readonly string[]}
	/** The analysis the view needs is being built (a large corpus): the status line says so. */
	| {readonly kind: 'waiting'; readonly rows: number};

export type ScreenModel =
	| {readonly kind: 'too-small'; readonly text: string}
	| {
		readonly kind: 'screen';
		readonly width: number;
		readonly header: HeaderModel;
		readonly body: BodyModel;
		readonly status: StatusModel;
		/** Cursor and selection in the current sentence, for the sentence view's styles. */
		readonly cursor: number;
		readonly selection?: {readonly start: number; readonly end: number};
	};

export function screenModel(state: State, world: World, fileName: string): ScreenModel {
	const {size} = state;
	const layout = screenLayout(size);
	if (layout.tooSmall) {
		return {kind: 'too-small', text: `Terminal too small: ${size.columns}x${size.rows}, need ${minimumSize.columns}x${minimumSize.rows}. Enlarge it, or q to quit.`.slice(0, Math.max(1, size.columns - 1))};
	}

	const {corpus, marks} = world;
	const {width} = layout;
	const selection = selectionOf(state);
	const [first, end] = corpus.sentenceTokens(state.sentence);
	const header = headerModel({
		fileName,
		sentence: state.sentence,
		sentenceCount: corpus.sentenceCount,
		token: state.token,
		tokenCount: end - first,
		scheme: corpus.format.scheme,
		dirty: world.dirty,
		indexing: state.indexing,
		reviewed: marks?.reviewedCount,
		flagged: marks?.flaggedCount,
		filter: state.filter === undefined ? undefined : describeFilter(state.filter),
		width,
	});
	const viewRows = overlayRows(layout);
	const analysis = world.analysis();
	let body: BodyModel;
	switch (state.mode.kind) {
		case 'help': {
			body = {kind: 'page', page: helpPage(state.windows.help, viewRows - 1, width), rows: viewRows};
			break;
		}

		case 'stats': {
			body = analysis === undefined ? {kind: 'waiting', rows: viewRows} : {kind: 'page', page: statsPage(world, analysis, state.windows.stats, viewRows - 1, width), rows: viewRows};
			break;
		}

		case 'consistency': {
			const rows = viewRows - labelBarRows;
			body = analysis === undefined
				? {kind: 'waiting', rows: viewRows}
				: {kind: 'consistency', view: consistencyModel(world, analysis, state.mode.text, state.mode.selected, state.windows.consistency, Math.max(1, rows - 2), width), rows, labels: state.labels};
			break;
		}

		default: {
			body = {
				kind: 'review',
				list: listRows(world, state.sentence, state.windows.list, layout.listRows, width, state.filter?.sentences),
				listRows: layout.listRows,
				sentence: sentenceLines(world, state.sentence, state.windows.sentence, layout.sentenceRows, width),
				sentenceRows: layout.sentenceRows,
				detail: tokenDetail(world, state.sentence, state.token, selection, width),
				labels: state.labels,
			};
		}
	}

	return {kind: 'screen', width, header, body, status: statusModel(state.mode, state.message, state.labels, width), cursor: state.token, selection};
}
