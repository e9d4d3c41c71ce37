/**
Every keyboard command as an action, and what it does to the state. Edits go through the Session
(which owns the corpus and the undo history); everything else is a pure state change. The store
calls this exactly once per action, so the Session side effects happen once.
*/
import type {EditRecord, Session} from '../corpus/index.js';
import {buildFilter, describeFilter, filterNames, stepInFilter, type FilterKind} from '../review/filter.js';
import {analysisOf, hasAnalysis} from '../review/analysis.js';
import type {Review} from '../review/review.js';
import {confirmEdit, goToProblem, jumpFromConsistency, moveInConsistency, openConsistency, proposeBulkRelabel, proposeRepair, searchAgain, startSearch} from './review-actions.js';
import {helpLines} from './help-lines.js';
import {clampScroll, overlayRows, screenLayout, type TerminalSize} from './layout.js';
import {statsLines} from './stats-lines.js';
import {completeLabel, resolveLabel} from './label-names.js';
import {error, info} from './messages.js';
import {selectionOf, type PromptKind, type State} from './state.js';

export type Action =
	| {type: 'move-sentence'; delta: number}
	| {type: 'page'; direction: 1 | -1}
	| {type: 'first-sentence'}
	| {type: 'last-sentence'}
	| {type: 'move-token'; delta: number}
	| {type: 'next-entity'}
	| {type: 'previous-entity'}
	| {type: 'toggle-selection'}
	| {type: 'escape'}
	| {type: 'apply-label-number'; number: number}
	| {type: 'remove-entity'}
	| {type: 'undo'}
	| {type: 'redo'}
	| {type: 'save'}
	| {type: 'quit'}
	| {type: 'quit-answer'; answer: 'yes' | 'no' | 'cancel'}
	| {type: 'toggle-help'}
	| {type: 'scroll-help'; delta: number}
	| {type: 'open-prompt'; prompt: PromptKind}
	| {type: 'prompt-text'; text: string}
	| {type: 'prompt-type'; text: string}
	| {type: 'prompt-backspace'}
	| {type: 'prompt-complete'}
	| {type: 'prompt-submit'}
	| {type: 'prompt-cancel'}
	| {type: 'resize'; size: TerminalSize}
	| {type: 'corpus-grew'; labels?: readonly string[]}
	| {type: 'mark-reviewed'}
	| {type: 'toggle-flag'}
	| {type: 'restore-review'; position?: {sentence: number; token: number}; message?: string; pendingEdits?: number}
	| {type: 'recover-answer'; answer: 'yes' | 'no'}
	| {type: 'next-problem'}
	| {type: 'previous-problem'}
	| {type: 'repair'}
	| {type: 'confirm-answer'; answer: 'yes' | 'no'}
	| {type: 'open-consistency'}
	| {type: 'consistency-move'; delta: number}
	| {type: 'consistency-jump'}
	| {type: 'consistency-relabel'; number: number}
	| {type: 'close-view'}
	| {type: 'search-again'; direction: 1 | -1}
	| {type: 'open-stats'}
	| {type: 'scroll-stats'; delta: number};

/** `review` (the sidecar and journal) is absent when the app runs without one, as in most component tests. */
export function reduce(state: State, action: Action, session: Session, review?: Review): State {
	const next = action.type === 'resize' || action.type === 'corpus-grew' || action.type === 'restore-review' ? state : {...state, message: undefined, waitingFor: undefined};
	if (needsAnalysis(action, next) && !hasAnalysis(session) && session.corpus.tokenCount > analysisNoticeTokens) {
		return {...next, waitingFor: action, message: info(`checking the whole corpus (${session.corpus.tokenCount.toLocaleString('en')} tokens) for problems and label consistency...`)};
	}

	switch (action.type) {
		case 'move-sentence': {
			return moveSentences(next, session, action.delta);
		}

		case 'page': {
			return moveSentences(next, session, action.direction * screenLayout(next.size).listRows);
		}

		case 'first-sentence': {
			return goToSentence(next, session, next.filter === undefined ? 0 : next.filter.sentences[0] ?? next.sentence);
		}

		case 'last-sentence': {
			const last = next.filter === undefined ? session.corpus.sentenceCount - 1 : next.filter.sentences.at(-1) ?? next.sentence;
			const indexing = session.corpus.complete ? undefined : info('still indexing: this is the last sentence read so far');
			return {...goToSentence(next, session, last), message: indexing};
		}

		case 'move-token': {
			const length = session.corpus.sentenceLength(next.sentence);
			return {...next, token: clamp(next.token + action.delta, 0, length - 1)};
		}

		case 'next-entity':
		case 'previous-entity': {
			const {spans} = session.corpus.decode(next.sentence);
			const starts = spans.map(span => span.start).sort((a, b) => a - b);
			const target = action.type === 'next-entity'
				? starts.find(start => start > next.token)
				: starts.findLast(start => start < next.token);
			return target === undefined ? {...next, message: info(action.type === 'next-entity' ? 'no entity after the cursor' : 'no entity before the cursor')} : {...next, token: target};
		}

		case 'toggle-selection': {
			return {...next, anchor: next.anchor === undefined ? next.token : undefined};
		}

		case 'escape': {
			return {...next, anchor: undefined, mode: {kind: 'normal'}};
		}

		case 'apply-label-number': {
			const label = next.labels[action.number - 1];
			if (label === undefined) {
				return {...next, message: error(`no label ${action.number} in the label bar (t types a label name)`)};
			}

			return applyLabel(next, session, label);
		}

		case 'remove-entity': {
			const record = session.remove(next.sentence, next.token, selectionOf(next));
			if (record === undefined) {
				return {...next, message: info('no entity here to remove')};
			}

			return {...next, anchor: undefined, revision: next.revision + 1, message: info(`removed: ${describeChanges(record)}`)};
		}

		case 'undo':
		case 'redo': {
			const record = action.type === 'undo' ? session.undo() : session.redo();
			if (record === undefined) {
				return {...next, message: info(action.type === 'undo' ? 'nothing to undo' : 'nothing to redo')};
			}

			return {
				...next,
				sentence: record.sentence,
				token: record.token,
				anchor: undefined,
				revision: next.revision + 1,
				message: info(`${action.type === 'undo' ? 'undid' : 'redid'} ${record.description}`),
			};
		}

		case 'save': {
			return save(next, session);
		}

		case 'quit': {
			return session.dirty ? {...next, mode: {kind: 'quit'}} : {...next, exit: true};
		}

		case 'quit-answer': {
			if (action.answer === 'cancel') {
				return {...next, mode: {kind: 'normal'}};
			}

			if (action.answer === 'no') {
				return {...next, exit: true};
			}

			const saved = save({...next, mode: {kind: 'normal'}}, session);
			return session.dirty ? saved : {...saved, exit: true};
		}

		case 'toggle-help': {
			return {...next, mode: next.mode.kind === 'help' ? {kind: 'normal'} : {kind: 'help', scroll: 0}};
		}

		case 'scroll-help': {
			if (next.mode.kind !== 'help') {
				return next;
			}

			const layout = screenLayout(next.size);
			return {...next, mode: {kind: 'help', scroll: clampScroll(next.mode.scroll + action.delta, helpLines(layout.width).length, overlayRows(layout))}};
		}

		case 'open-prompt': {
			const text = action.prompt === 'write' ? `${session.options.file}.edited` : '';
			return {...next, mode: {kind: 'prompt', prompt: action.prompt, text}};
		}

		case 'prompt-text': {
			if (next.mode.kind !== 'prompt') {
				return next;
			}

			// A paste or a fast burst can carry Enter inside the text: it submits what came before it.
			const newline = /[\r\n]/.exec(action.text);
			if (newline !== null) {
				const text = action.text.slice(0, newline.index);
				return submitPrompt({...next, mode: {kind: 'normal'}}, session, next.mode.prompt, text.trim(), review);
			}

			return {...next, mode: {...next.mode, text: action.text.replaceAll(/\p{Cc}/gu, '')}};
		}

		case 'prompt-type': {
			return next.mode.kind === 'prompt' ? reduce(next, {type: 'prompt-text', text: next.mode.text + action.text}, session, review) : next;
		}

		case 'prompt-backspace': {
			return next.mode.kind === 'prompt' ? {...next, mode: {...next.mode, text: [...next.mode.text].slice(0, -1).join('')}} : next;
		}

		case 'prompt-complete': {
			if (next.mode.kind !== 'prompt' || (next.mode.prompt !== 'label' && next.mode.prompt !== 'filter')) {
				return next;
			}

			const choices = next.mode.prompt === 'filter' ? [...filterNames, 'all', ...next.labels] : next.labels;
			const completed = completeLabel(next.mode.text, choices);
			return {...next, mode: {...next.mode, text: completed}};
		}

		case 'prompt-cancel': {
			return {...next, mode: {kind: 'normal'}};
		}

		case 'prompt-submit': {
			return next.mode.kind === 'prompt' ? submitPrompt({...next, mode: {kind: 'normal'}}, session, next.mode.prompt, next.mode.text.trim(), review) : next;
		}

		case 'resize': {
			return {...next, size: action.size};
		}

		case 'mark-reviewed': {
			review?.setReviewed(next.sentence, true);
			const last = next.sentence >= session.corpus.sentenceCount - 1;
			const moved = goToSentence({...next, revision: next.revision + 1}, session, next.sentence + 1);
			return last ? {...moved, message: info(`marked reviewed; this is the last sentence${review === undefined ? '' : ` (${review.marks.reviewedCount} reviewed)`}`)} : moved;
		}

		case 'toggle-flag': {
			if (review === undefined) {
				return next;
			}

			const flagged = review.toggleFlag(next.sentence);
			return {...next, revision: next.revision + 1, message: info(flagged ? 'flagged' : 'flag removed')};
		}

		case 'restore-review': {
			// A large file is restored once it is indexed, a second or so after the first frame: a
			// reviewer who has moved by then keeps their place instead of being pulled away.
			const moved = next.sentence !== 0 || next.token !== 0;
			const saved = action.position;
			const position = saved === undefined || moved ? {sentence: next.sentence, token: next.token} : saved;
			const keptPlace = moved && saved !== undefined && saved.sentence !== next.sentence
				? `kept your place; the last review stopped at sentence ${saved.sentence + 1} (:${saved.sentence + 1} Enter goes there)`
				: undefined;
			const text = [action.message, keptPlace].filter(part => part !== undefined).join('; ');
			const restored = {...next, sentence: position.sentence, token: position.token, revision: next.revision + 1, message: text === '' ? next.message : info(text)};
			return action.pendingEdits === undefined ? restored : {...restored, mode: {kind: 'recover', pendingEdits: action.pendingEdits}};
		}

		case 'recover-answer': {
			if (review === undefined) {
				return {...next, mode: {kind: 'normal'}};
			}

			if (action.answer === 'no') {
				review.startJournal(true);
				return {...next, mode: {kind: 'normal'}, message: info('unsaved edits of the previous session discarded')};
			}

			const {recovery} = review.pendingRecovery();
			const message = recovery === undefined ? 'nothing left to recover' : review.recover(recovery);
			return {...next, mode: {kind: 'normal'}, revision: next.revision + 1, message: info(message)};
		}

		case 'next-problem':
		case 'previous-problem': {
			return goToProblem(next, session, action.type === 'next-problem' ? 1 : -1);
		}

		case 'repair': {
			return proposeRepair(next, session);
		}

		case 'confirm-answer': {
			return action.answer === 'yes' ? confirmEdit(next, session) : {...next, mode: {kind: 'normal'}, message: info('cancelled: nothing changed')};
		}

		case 'open-consistency': {
			return openConsistency(next, session);
		}

		case 'consistency-move': {
			return moveInConsistency(next, session, action.delta);
		}

		case 'consistency-jump': {
			return jumpFromConsistency(next, session);
		}

		case 'consistency-relabel': {
			return proposeBulkRelabel(next, session, next.labels[action.number - 1]);
		}

		case 'close-view': {
			return {...next, mode: {kind: 'normal'}};
		}

		case 'search-again': {
			return searchAgain(next, session, action.direction);
		}

		case 'open-stats': {
			return {...next, mode: {kind: 'stats', scroll: 0}};
		}

		case 'scroll-stats': {
			if (next.mode.kind !== 'stats') {
				return next;
			}

			const lines = statsLines(session, review).length;
			return {...next, mode: {kind: 'stats', scroll: clampScroll(next.mode.scroll + action.delta, lines, overlayRows(screenLayout(next.size)))}};
		}

		case 'corpus-grew': {
			if (action.labels === undefined) {
				return next;
			}

			// Once the user has labelled with the number keys, they keep their meaning: new types only join the end.
			const labels = next.revision === 0 ? action.labels : [...next.labels, ...action.labels.filter(label => !next.labels.includes(label))];
			return {...next, labels};
		}
	}
}

/** Moves `delta` sentences, or `delta` sentences of the filter when one is set. */
function moveSentences(state: State, session: Session, delta: number): State {
	if (state.filter === undefined) {
		return goToSentence(state, session, state.sentence + delta);
	}

	const target = stepInFilter(state.filter, state.sentence, delta);
	return target === undefined ? {...state, message: info('no sentence matches the filter (F then Enter clears it)')} : goToSentence(state, session, target);
}

function goToSentence(state: State, session: Session, sentence: number): State {
	const target = clamp(sentence, 0, session.corpus.sentenceCount - 1);
	if (target === state.sentence) {
		return state;
	}

	return {...state, sentence: target, token: 0, anchor: undefined};
}

function applyLabel(state: State, session: Session, label: string): State {
	const labels = state.labels.includes(label) ? state.labels : [...state.labels, label];
	const record = session.relabel(state.sentence, state.token, selectionOf(state), label);
	if (record === undefined) {
		return {...state, labels, anchor: undefined, message: info(`already ${label}`)};
	}

	return {...state, labels, anchor: undefined, revision: state.revision + 1, message: info(`${label}: ${describeChanges(record)}`)};
}

function save(state: State, session: Session): State {
	const result = session.save();
	// The session's messages are complete (they name W where that is the way out).
	return {...state, revision: state.revision + 1, message: result.ok ? info(result.message) : error(result.message)};
}

/** `F` NAME: flagged, unreviewed, problems, a label, or empty/all to show every sentence again. */
function applyFilter(state: State, session: Session, review: Review | undefined, text: string): State {
	if (text === '' || text === 'all') {
		return {...state, filter: undefined, message: info('filter cleared: all sentences')};
	}

	const named = (filterNames as readonly string[]).includes(text) ? text as FilterKind : undefined;
	const label = named === undefined ? resolveLabel(text, state.labels) : undefined;
	if (named === undefined && !state.labels.includes(label!)) {
		return {...state, message: error(`no filter "${text}": flagged, unreviewed, problems, all, or a label`)};
	}

	const filter = buildFilter(session.corpus, review?.marks, named ?? 'label', label, named === 'problems' ? problemSentences(session) : undefined);
	if (filter.sentences.length === 0) {
		return {...state, message: info(`no sentence matches filter ${filter.kind === 'label' ? filter.label : filter.kind}`)};
	}

	const first = stepInFilter(filter, state.sentence, 0) ?? filter.sentences[0]!;
	return {...goToSentence({...state, filter}, session, first), message: info(`${describeFilter(filter)} (F, Enter shows all)`)};
}

function submitPrompt(state: State, session: Session, prompt: PromptKind, text: string, review?: Review): State {
	switch (prompt) {
		case 'goto': {
			const number = Number(text);
			const count = session.corpus.sentenceCount;
			if (!/^\d+$/.test(text) || number < 1 || number > count) {
				return {...state, message: error(`no sentence "${text}": enter a number from 1 to ${count}`)};
			}

			return goToSentence(state, session, number - 1);
		}

		case 'label': {
			if (text === '') {
				return state;
			}

			const label = resolveLabel(text, state.labels);
			if (/\s/.test(label)) {
				return {...state, message: error('a label name cannot contain spaces')};
			}

			return applyLabel(state, session, label);
		}

		case 'filter': {
			return applyFilter(state, session, review, text);
		}

		case 'search': {
			return startSearch(state, session, text);
		}

		case 'write': {
			if (text === '') {
				return state;
			}

			const result = session.saveAs(text);
			return {...state, message: result.ok ? info(result.message) : error(result.message)};
		}
	}
}

function describeChanges(record: EditRecord): string {
	const count = record.changes.length;
	return `${count} tag${count === 1 ? '' : 's'} changed`;
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** Above this size, building the analysis takes long enough to say so first. */
const analysisNoticeTokens = 500_000;

/** Actions that read the whole-corpus analysis (problems, consistency, statistics). */
function needsAnalysis(action: Action, state: State): boolean {
	return action.type === 'next-problem' || action.type === 'previous-problem' || action.type === 'open-consistency' || action.type === 'open-stats'
		|| (action.type === 'prompt-submit' && state.mode.kind === 'prompt' && state.mode.prompt === 'filter' && state.mode.text.trim() === 'problems');
}

/** Sentences with a problem, from the checks over the whole corpus. */
function problemSentences(session: Session): ReadonlySet<number> {
	return new Set(analysisOf(session).sentences);
}
