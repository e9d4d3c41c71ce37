/**
The screen's reducer: a pure function from the state and an action to the next state and the
effects to run. It reads the world (corpus, history, marks, analysis) and never changes it: edits,
saves, marks and the analysis are effects, performed by source/ui/effects.ts, whose results come
back as actions. Each concern lives in its own module; this file routes, then has every scroll
window placed (window.ts).
*/
import {screenLayout} from '../layout.js';
import type {Action, Effect, Step} from './actions.js';
import {goToDifference, switchLayer, takeOtherSide} from './compare.js';
import {acceptSuggestion, goToQueueEntry, rankedAgain, toggleQueueOrder, withRankedProblems} from './queue.js';
import {answerConfirm, answerQuit, applyLabel, quit, removeEntity, resizeEntity, saved, written} from './editing.js';
import {currentPage, labelForKey, labelPages} from './label-pages.js';
import {error, info, step} from './messages.js';
import {pageRows, scrollPage} from './page-scroll.js';
import {firstSentence, goToNumber, lastSentence, moveSentences, moveToEntity, moveToken, pageSentences, toggleSelection, withFreshFilter} from './navigation.js';
import {completePrompt, deleteFromPrompt, editPrompt, openPrompt, submitOpenPrompt, typeIntoPrompt} from './prompts.js';
import {
	answerRecovery, filterNeedsAnalysis, goToProblem, jumpFromConsistency, markReviewed, moveInConsistency, mentionAtCursor, openConsistency, proposeBulkRelabel,
	proposeRepair, recovered, restoreReview, searchAgain, toggleFlag, toggleReviewed,
} from './review.js';
import type {State} from './state.js';
import {replayedEdits, undoOrRedo} from './undo.js';
import {placeWindows} from './window.js';
import type {World} from './world.js';

/** Actions that report on the world rather than answer a key: they keep the status line's message. */
const reports = new Set<Action['type']>(['resize', 'indexing-progress', 'tags-or-marks-changed', 'analysis-progress', 'corpus-grew', 'restore-review', 'consistency-refresh', 'compare-progress', 'queue-ranked', 'training-progress', 'training-waits']);

export function reduce(state: State, action: Action, world: World): Step<State> {
	if (action.type === 'ready') {
		// The action that waited for the analysis, or for the whole file to be indexed, now that it is.
		// Not under an open prompt or question: its answer (a label, a note, y to a new type) is for the
		// token on screen, and moving the cursor meanwhile would show another. The key runs once it is closed.
		return asksTheReviewer(state)
			? step({...state, waiting: {until: action.until, then: action.then}})
			: reduce(state, action.then, world);
	}

	// A key clears the message (a quiet notice keeps it too); one that reads the label bar fixes its order (`keyed`):
	// the last session's order, restored once a large file is indexed, no longer replaces it.
	const keepsMessage = reports.has(action.type) || (action.type === 'notice' && action.quiet === true);
	const next = keepsMessage ? state : {...state, message: undefined, keyed: labelBarKeys.has(action.type) ? true : state.keyed};
	if (needsAnalysis(action, next) && world.analysis() === undefined) {
		const done = next.analysing === undefined ? '' : ` (${Math.floor(next.analysing * 100)}% done)`;
		// While the file is indexed its size is not known yet: the tokens read so far would understate it.
		const size = world.corpus.complete ? `${world.corpus.tokenCount.toLocaleString('en')} tokens` : 'the file is still being read';
		const notice = world.analysisIsSlow ? info(`checking the whole corpus (${size}) for problems and label consistency${done}: this key answers when it is ready`) : next.message;
		// `c` waits with the mention under the cursor now: the reviewer may move on meanwhile (QA: `c` on "H.263", then `l`, opened the view of "leverages").
		const then = action.type === 'open-consistency' && action.text === undefined ? {...action, text: mentionAtCursor(next, world)} : action;
		return step({...next, message: notice}, {type: 'await', until: 'analysis', then});
	}

	const {state: routed, effects: routedEffects} = route(next, action, world, state);
	const {state: reduced, effects} = afterAnswer(routed, routedEffects);
	// An edit (or its undo) made while the consistency view stays open makes the view's counts stale: build them again.
	const refresh = reduced.mode.kind === 'consistency' && effects.some(effect => effect.type === 'apply-edit' || effect.type === 'undo-edit' || effect.type === 'redo-edit')
		? [{type: 'await', until: 'analysis', then: {type: 'consistency-refresh'}} as const]
		: [];
	return {state: placeWindows(reduced, world), effects: [...effects, ...refresh]};
}

/** `shown`: the state as it was drawn when the key came, before it cleared the message. */
function route(state: State, action: Action, world: World, shown: State): Step<State> {
	switch (action.type) {
		case 'move-sentence': {
			return step(moveSentences(state, world, action.delta));
		}

		case 'page': {
			return step(pageSentences(state, world, action.direction));
		}

		case 'first-sentence': {
			return step(firstSentence(state, world));
		}

		case 'last-sentence': {
			return lastSentence(state, world);
		}

		case 'move-token': {
			return step(moveToken(state, world, action.delta));
		}

		case 'next-entity':
		case 'previous-entity': {
			return step(moveToEntity(state, world, action.type === 'next-entity' ? 1 : -1));
		}

		case 'toggle-selection': {
			return step(toggleSelection(state));
		}

		case 'escape': {
			// Esc takes the waiting message away, so it also takes back the key that waits (QA: `c` ran seconds
			// later on whatever token the cursor had moved to).
			return step({...state, anchor: undefined, mode: {kind: 'normal'}, waiting: undefined}, {type: 'cancel-waits'});
		}

		case 'apply-label-number': {
			const label = labelForKey(state.labels, screenLayout(state.size).width, state.labelPage, action.number);
			return label === undefined
				? step({...state, message: error(`no label ${action.number} in the label bar (t types a label name)`)})
				: applyLabel(state, world, label);
		}

		case 'label-page': {
			const pages = labelPages(state.labels, screenLayout(state.size).width);
			const {index} = currentPage(pages, state.labelPage);
			return step(pages.length === 1 ? {...state, message: info('every label is on the bar')} : {...state, labelPage: (index + action.delta + pages.length) % pages.length});
		}

		case 'remove-entity': {
			return removeEntity(state, world);
		}

		case 'resize-entity': {
			return resizeEntity(state, world, action.side, action.change);
		}

		case 'undo':
		case 'redo': {
			return undoOrRedo(state, world, action.type);
		}

		case 'save': {
			// Nothing to write: no file is rewritten and no backup made for nothing.
			return world.dirty ? step(state, {type: 'save', then: 'stay'}) : step({...state, message: info('nothing to save: the tags are as the file has them')});
		}

		case 'saved': {
			return saved(state, world, action.result, action.then);
		}

		case 'written': {
			return written(state, action.result);
		}

		case 'quit': {
			return quit(state, world);
		}

		case 'quit-answer': {
			return answerQuit(state, action.answer);
		}

		case 'confirm-answer': {
			return answerConfirm(state, action.answer);
		}

		case 'open-prompt': {
			return step(openPrompt(state, world, action.prompt));
		}

		case 'prompt-type': {
			return typeIntoPrompt(state, world, action.text);
		}

		case 'prompt-backspace': {
			return step(deleteFromPrompt(state));
		}

		case 'prompt-edit': {
			return step(editPrompt(state, action.edit));
		}

		case 'prompt-complete': {
			return step(completePrompt(state));
		}

		case 'prompt-cancel': {
			return step({...state, mode: {kind: 'normal'}});
		}

		case 'prompt-submit': {
			return submitOpenPrompt(state, world);
		}

		case 'mark-reviewed': {
			return markReviewed(state, world);
		}

		case 'toggle-flag': {
			return toggleFlag(state, world);
		}

		case 'toggle-reviewed': {
			return toggleReviewed(state, world);
		}

		case 'restore-review': {
			// The marks are read now (a large file's once it is indexed): a flagged or unreviewed filter is made again from them.
			return step(withFreshFilter(restoreReview(state, action), world));
		}

		case 'recover-answer': {
			return answerRecovery(state, world, action.answer);
		}

		case 'recovered': {
			return step(replayedEdits(recovered(state, action.message), action.done, action.undone));
		}

		case 'next-problem':
		case 'previous-problem': {
			const direction = action.type === 'next-problem' ? 1 : -1;
			// Before the queue is first ranked, the checks' problems in file order.
			return step(world.queue() === undefined ? goToProblem(state, world, world.analysis()!, direction) : goToQueueEntry(state, world, direction));
		}

		case 'toggle-queue-order': {
			return step(toggleQueueOrder(state));
		}

		case 'accept-suggestion': {
			return acceptSuggestion(state, world);
		}

		case 'queue-ranked': {
			return step(withRankedProblems(rankedAgain(state, world, action.withTagger), world));
		}

		case 'training-progress': {
			return step({...state, training: action.done});
		}

		case 'training-waits': {
			return state.trainingWaits === action.waits ? step(state) : step({...state, trainingWaits: action.waits});
		}

		case 'repair': {
			return step(proposeRepair(state, world));
		}

		case 'open-consistency': {
			return step(openConsistency(state, world, action.text));
		}

		case 'consistency-move': {
			return step(moveInConsistency(state, world.analysis()!, action.delta));
		}

		case 'consistency-refresh': {
			return step(moveInConsistency(state, world.analysis()!, 0));
		}

		case 'consistency-jump': {
			return step(jumpFromConsistency(state, world.analysis()!));
		}

		case 'consistency-relabel': {
			return step(proposeBulkRelabel(state, world, world.analysis()!, labelForKey(state.labels, screenLayout(state.size).width, state.labelPage, action.number)));
		}

		case 'next-difference': {
			return step(goToDifference(state, world, action.direction));
		}

		case 'switch-layer': {
			return switchLayer(state, world);
		}

		case 'take-other-side': {
			return takeOtherSide(state, world, action.scope);
		}

		case 'compare-progress': {
			return step({...state});
		}

		case 'go-to-number': {
			return goToNumber(state, world, action.text);
		}

		case 'search-again': {
			return searchAgain(state, world, action.direction);
		}

		case 'toggle-help': {
			return step({...state, mode: state.mode.kind === 'help' ? {kind: 'normal'} : {kind: 'help'}, windows: {...state.windows, help: 0}});
		}

		case 'open-stats': {
			return step({...state, mode: {kind: 'stats'}, windows: {...state.windows, stats: 0}});
		}

		case 'scroll-page': {
			// A page down starts at the first line not shown, with the rows shown before the key cleared a message.
			return step(scrollPage(state, action.step, action.direction, pageRows(shown)));
		}

		case 'close-view': {
			return step({...state, mode: {kind: 'normal'}});
		}

		case 'resize': {
			return step({...state, size: action.size});
		}

		case 'indexing-progress': {
			// A filter set while the file is read takes in the sentences read since.
			return step(withFreshFilter({...state, indexing: action.progress}, world));
		}

		case 'tags-or-marks-changed': {
			// A sentence just marked reviewed leaves `F unreviewed`, one just labelled joins `F LOC`: counted at once.
			return step(withFreshFilter(state, world));
		}

		case 'analysis-progress': {
			return step({...state, analysing: action.progress});
		}

		case 'ready': {
			// Unwrapped by reduce before routing.
			return step(state);
		}

		case 'notice': {
			if (action.quiet === true) {
				return step(state.message === undefined ? {...state, message: info(action.text)} : state);
			}

			return step({...state, message: error(action.text)});
		}

		case 'corpus-grew': {
			const indexing = action.complete === true ? undefined : state.indexing;
			if (action.labels === undefined) {
				return step(withFreshFilter({...state, indexing}, world));
			}

			// The number keys keep the meaning the bar showed at the first frame: new types only join the end, in
			// the whole file's order. Reordering by the whole file's counts once a large file was indexed changed
			// what 2 meant under the reviewer's finger, and whether it happened depended on when the first key came:
			// the bar differed from one session to the next (QA). The first frame's bar is the same each time.
			const labels = [...state.labels, ...action.labels.filter(label => !state.labels.includes(label))];
			return step(withFreshFilter({...state, labels, indexing}, world));
		}
	}
}

/** The keys that read the label bar: once one came, the bar on screen is the one in use. */
const labelBarKeys = new Set<Action['type']>(['apply-label-number', 'label-page', 'consistency-relabel']);

/** A prompt or a question is open: what its answer does is for the cursor on screen. */
function asksTheReviewer(state: State): boolean {
	const {kind} = state.mode;
	return kind === 'prompt' || kind === 'confirm' || kind === 'quit' || kind === 'recover';
}

/**
A key that waited while a prompt or question was open runs once it is closed: after what the
answer did (its edit is applied first, as effects run in order), asked for again the way it waited.
*/
function afterAnswer(state: State, effects: readonly Effect[]): Step<State> {
	const {waiting} = state;
	if (waiting === undefined || asksTheReviewer(state)) {
		return {state, effects};
	}

	if (state.exit) {
		// The answer was to quit.
		return {state: {...state, waiting: undefined}, effects};
	}

	return {state: {...state, waiting: undefined}, effects: [...effects, {type: 'await', ...waiting}]};
}

/** Actions that read the whole-corpus analysis (problems, consistency, statistics). */
function needsAnalysis(action: Action, state: State): boolean {
	return action.type === 'next-problem' || action.type === 'previous-problem' || action.type === 'open-consistency' || action.type === 'open-stats'
		|| action.type === 'consistency-move' || action.type === 'consistency-jump' || action.type === 'consistency-relabel' || action.type === 'consistency-refresh'
		|| (action.type === 'prompt-submit' && state.mode.kind === 'prompt' && state.mode.prompt === 'filter' && filterNeedsAnalysis(state.mode.text));
}
