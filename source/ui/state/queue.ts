/**
The problem queue's keys (issue 12): `e` / `E` walk the ranked queue, most suspicious first (or the
problems in file order, `#`), the status line says why each place is there and what the tagger
suggests, and `a` takes the suggestion as one undoable edit. Entries an edit made stale since the
queue was ranked are skipped.
*/
import {inFilter, planSuggestion, type QueueEntry, suggestionFor, suggestionLabel} from '../../review/index.js';
import {plural} from '../../text/plural.js';
import type {Step} from './actions.js';
import {describeCount} from './editing.js';
import {info, step} from './messages.js';
import {withFreshFilter} from './navigation.js';
import type {State} from './state.js';
import {remember} from './undo.js';
import type {World} from './world.js';

/** Whether `e` walks the ranked queue now (the alternative is the problems in file order). */
export function walksRankedQueue(state: State, world: World): boolean {
	return state.queueOrder === 'rank' && world.queue() !== undefined;
}

/** `e` / `E` in rank order: the next (or previous) entry that still holds and that the filter shows. */
export function goToQueueEntry(state: State, world: World, direction: 1 | -1): State {
	const {entries, withTagger, training} = world.queue()!;
	const {filter} = withFreshFilter(state, world);
	for (let index = state.queuePosition + direction; index >= 0 && index < entries.length; index += direction) {
		const entry = entries.entry(index)!;
		if ((filter === undefined || inFilter(filter, entry.sentence)) && stillHolds(entry, world)) {
			const [first] = world.corpus.sentenceTokens(entry.sentence);
			const token = entry.token - first;
			const order = withTagger ? 'most suspicious first' : `by the checks' counts${training ? '; the tagger is still reading' : ''}`;
			return {
				...state,
				sentence: entry.sentence,
				token,
				anchor: entry.end - entry.token > 1 ? entry.end - 1 - first : undefined,
				queuePosition: index,
				message: info(`${index + 1}/${entries.length} (${order}), line ${entry.line}: ${entry.reason}${suggestionText(entry, world, ' (a takes it)')}`),
			};
		}
	}

	return {...state, message: info(`no problem ${direction > 0 ? 'after' : 'before'} this one in the queue (${plural(entries.length, 'place')}; # shows them in file order)`)};
}

/** `#`: most suspicious first, or file order. */
export function toggleQueueOrder(state: State): State {
	const queueOrder = state.queueOrder === 'rank' ? 'file' : 'rank';
	return {...state, queueOrder, message: info(queueOrder === 'rank' ? 'e walks the problems most suspicious first' : 'e walks the problems in file order')};
}

/** `a`: the queue's suggestion where the cursor is (the entry `e` went to, or any that covers the token), as one undoable edit. */
export function acceptSuggestion(state: State, world: World): Step<State> {
	const entry = suggestionHere(state, world);
	if (entry?.suggestion === undefined) {
		return step({...state, message: info('no suggestion here (e goes to the next problem)')});
	}

	const changes = planSuggestion(world.corpus, entry.sentence, entry.suggestion);
	if (changes.length === 0) {
		return step({...state, message: info('the file already says what the suggestion says')});
	}

	const description = `take the suggestion ${suggestionLabel(entry.suggestion, world.corpus.sentenceTexts(entry.sentence), world.corpus.tags)}`;
	return step(
		remember({...state, anchor: undefined, revision: state.revision + 1, message: info(`${description}: ${describeCount(changes.length)}`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit: {changes, sentence: state.sentence, token: state.token, description}},
	);
}

/** The entry whose suggestion the sentence view shows and `a` takes: the one `e` went to, else one covering the cursor. */
export function suggestionHere(state: State, world: World): QueueEntry | undefined {
	const view = world.queue();
	if (view === undefined) {
		return undefined;
	}

	const current = view.entries.entry(state.queuePosition);
	const [first] = world.corpus.sentenceTokens(state.sentence);
	const cursor = first + state.token;
	if (current?.sentence === state.sentence && current.suggestion !== undefined && current.token <= cursor && cursor < current.end && stillHolds(current, world)) {
		return current;
	}

	const covering = suggestionFor(view.entries, world.corpus, state.sentence, state.token);
	return covering !== undefined && stillHolds(covering, world) ? covering : undefined;
}

/** `[Barcelona]LOC → ORG 0.94`, with `after` when there is a suggestion; '' without one. */
function suggestionText(entry: QueueEntry, world: World, after: string): string {
	if (entry.suggestion === undefined) {
		return '';
	}

	return `; ${suggestionLabel(entry.suggestion, world.corpus.sentenceTexts(entry.sentence), world.corpus.tags)}${after}`;
}

/**
Whether an entry still says something about the tags as they are now: a check's problem is still
found there, and the tags the suggestion would replace are still the ones it was ranked against.
*/
function stillHolds(entry: QueueEntry, world: World): boolean {
	const {corpus} = world;
	const {suggestion} = entry;
	if (suggestion !== undefined) {
		const now = corpus.decode(entry.sentence).spans.filter(span => span.start < suggestion.end && suggestion.start < span.end);
		const then = suggestion.from;
		if (now.length !== then.length || now.some((span, index) => span.start !== then[index]!.start || span.end !== then[index]!.end || span.type !== then[index]!.type)) {
			return false;
		}
	}

	if (entry.problemCount === 0) {
		return true;
	}

	const analysis = world.analysis();
	return analysis === undefined || (analysis.bySentence.get(entry.sentence)?.some(problem => problem.token >= entry.token && problem.token < entry.end) ?? false);
}

/** The suggestion the sentence view shows after the entity it is about (`→ ORG 0.94`), if any here. */
export function shownSuggestion(state: State, world: World): {token: number; text: string} | undefined {
	const entry = suggestionHere(state, world);
	if (entry?.suggestion === undefined || entry.suggestion.source === 'scheme') {
		return undefined;
	}

	const label = suggestionLabel(entry.suggestion, world.corpus.sentenceTexts(entry.sentence), world.corpus.tags);
	const arrow = label.indexOf('→');
	return {token: entry.suggestion.end - 1, text: ` ${arrow === -1 ? label : label.slice(arrow)}`};
}
