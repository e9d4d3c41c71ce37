/**
The view model: everything the screen shows, as plain rows computed from the state and the world.
Views receive these rows and only draw them, so a view can be rendered from canned rows in a test
without a corpus, and nothing whole-corpus runs during a render.
*/
import {describeFilter} from '../../review/index.js';
import {labelBarRows, overlayRows, screenLayout} from '../layout.js';
import {currentPage, labelPages, type LabelSlot} from '../state/label-pages.js';
import {shownSuggestion} from '../state/queue.js';
import {selectionOf, type State} from '../state/state.js';
import type {World} from '../state/world.js';
import {headerModel, type HeaderModel} from './header.js';
import {consistencyModel, helpPage, statsPage, type ConsistencyModel, type PageModel} from './overlays.js';
import {tooSmallLines} from './too-small.js';
import {otherSide, sentenceLines, tokenDetail, type OtherSideModel, type SentenceLine, type TokenDetailModel} from './sentence.js';
import {listRows, type ListRow} from './sentence-list.js';
import {screenStatus, statusRows, type StatusModel} from './status.js';

export type {HeaderModel} from './header.js';
export type {ConsistencyModel, ConsistencyRowModel, PageModel} from './overlays.js';
export type {OtherSideModel, SentenceLine, TokenDetailModel} from './sentence.js';
export type {ListRow, Piece} from './sentence-list.js';
export type {StatusModel} from './status.js';

export type LabelBarModel = {
	readonly rows: ReadonlyArray<readonly LabelSlot[]>;
	/** `[ ] page 1/2` when the labels take more than one page. */
	readonly indicator?: string;
};

/** The label bar's page as the number keys read it. */
function labelBar(labels: readonly string[], page: number, width: number): LabelBarModel {
	const pages = labelPages(labels, width);
	const shown = currentPage(pages, page);
	if (pages.length === 1) {
		return {rows: shown.page.rows};
	}

	// A page whose nine labels fill its first row has room for `[ ] page 1/2` only on the second (QA: at 80
	// to 99 columns it was cut to `…` at the end of the first, and nothing said a second page existed).
	const rows = shown.page.rows.length < labelBarRows ? [...shown.page.rows, []] : shown.page.rows;
	return {rows, indicator: `[ ] page ${shown.index + 1}/${pages.length}`};
}

export type BodyModel =
	| {
		readonly kind: 'review';
		readonly list: readonly ListRow[];
		readonly listRows: number;
		readonly sentence: readonly SentenceLine[];
		readonly sentenceRows: number;
		/** The second opinion under the sentence (compare mode, or another tag layer), with its rows. */
		readonly other?: OtherSideModel;
		readonly otherRows: number;
		readonly detail: TokenDetailModel;
		readonly labels: LabelBarModel;
	}
	| {readonly kind: 'page'; readonly page: PageModel; readonly rows: number}
	| {readonly kind: 'consistency'; readonly view: ConsistencyModel; readonly rows: number; readonly labels: LabelBarModel}
	/** The analysis the view needs is being built (a large corpus): the status line says so. */
	| {readonly kind: 'waiting'; readonly rows: number};

export type ScreenModel =
	/** The terminal is too small for the layout: only a message, its lines fitted to the terminal. */
	| {readonly kind: 'too-small'; readonly lines: readonly string[]}
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
		return {kind: 'too-small', lines: tooSmallLines(size, state.mode.kind === 'quit')};
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
		readOnly: world.readOnly !== undefined,
		notKept: world.notKept !== undefined,
		indexing: state.indexing,
		// Only while it is not ready: a progress left from an analysis started again is never a stuck `checking 26%`.
		analysing: world.analysis() === undefined ? state.analysing : undefined,
		training: state.training,
		trainingWaits: state.trainingWaits,
		reviewed: marks?.reviewedCount,
		flagged: marks?.flaggedCount,
		filter: state.filter === undefined ? undefined : describeFilter(state.filter, world.corpus.complete),
		document: documentOf(corpus, state.sentence),
		compare: world.second?.kind === 'compare' ? `≠ ${world.second.disagreements.count}${world.second.disagreements.complete ? '' : '+'}` : undefined,
		width,
	});
	const status = screenStatus(state);
	const extraStatusRows = statusRows(status) - 1;
	const listRowsShown = Math.max(1, layout.listRows - extraStatusRows);
	const sentenceRowsShown = layout.sentenceRows - (extraStatusRows - (layout.listRows - listRowsShown));
	const viewRows = overlayRows(layout) - extraStatusRows;
	const analysis = world.analysis();
	let body: BodyModel;
	// A question asked from the consistency view keeps the view on screen behind it.
	const mode = state.mode.kind === 'confirm' && state.mode.back !== undefined ? state.mode.back : state.mode;
	switch (mode.kind) {
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
				: {kind: 'consistency', view: consistencyModel(world, analysis, mode.text, mode.selected, state.windows.consistency, Math.max(1, rows - 2), width), rows, labels: labelBar(state.labels, state.labelPage, width)};
			break;
		}

		default: {
			// A second opinion takes the lower half of the sentence's rows.
			const otherRows = world.second === undefined || sentenceRowsShown < 4 ? 0 : Math.floor(sentenceRowsShown / 2);
			const oursRows = sentenceRowsShown - otherRows;
			body = {
				kind: 'review',
				list: keepCurrent(listRows(world, state.sentence, state.windows.list, layout.listRows, width, state.filter?.sentences), listRowsShown),
				listRows: listRowsShown,
				sentence: sentenceLines(world, state.sentence, state.token, state.windows.sentence, oursRows, width, shownSuggestion(state, world)),
				sentenceRows: oursRows,
				other: otherSide(world, state.sentence, state.token, otherRows, width),
				otherRows,
				detail: tokenDetail(world, state.sentence, state.token, selection, width),
				labels: labelBar(state.labels, state.labelPage, width),
			};
		}
	}

	return {kind: 'screen', width, header, body, status, cursor: state.token, selection};
}

function documentOf(corpus: World['corpus'], sentence: number): {index: number; count: number} | undefined {
	const index = corpus.documentOf(sentence);
	return index === undefined ? undefined : {index, count: corpus.documentStarts.length};
}

/** The list cut to `rows`, from its end unless that would drop the current sentence. */
function keepCurrent(rows: readonly ListRow[], count: number): readonly ListRow[] {
	if (rows.length <= count) {
		return rows;
	}

	const current = rows.findIndex(row => row.isCurrent);
	const first = Math.max(0, Math.min(current - Math.floor(count / 2), rows.length - count));
	return current === -1 ? rows.slice(0, count) : rows.slice(first, first + count);
}
