/**
The problem queue's keys (issue 12): `e` / `E` walk the ranked queue, most suspicious first (or the
same entries in file order, `#`), the status line says why each place is there and what the tagger
suggests, and `a` takes the suggestion as one undoable edit. Entries an edit made stale since the
queue was ranked are skipped.
*/
import {buildFilter, carriedPosition, inFilter, unreachedAbove, planSuggestion, type QueueEntry, type RankedQueue, suggestionFor, suggestionLabel} from '../../review/index.js';
import {plural} from '../../text/plural.js';
import type {Step} from './actions.js';
import {describeCount} from './editing.js';
import {info, step} from './messages.js';
import {withFreshFilter} from './navigation.js';
import type {State} from './state.js';
import {remember} from './undo.js';
import type {World} from './world.js';

/**
`e` / `E`: the next (or previous) entry of the queue that still holds and that the filter shows,
most suspicious first, or (`#`) the same entries by place in the file, from the cursor.
*/
export function goToQueueEntry(state: State, world: World, direction: 1 | -1): State {
	const {entries, withTagger, training} = world.queue()!;
	const {filter} = withFreshFilter(state, world);
	const walk = state.queueOrder === 'rank' ? rankOrder(state, direction) : fileOrder(state, world, entries, direction);
	for (let place = walk.start; place >= 0 && place < entries.length; place += direction) {
		const index = walk.indexAt(place);
		const entry = entries.entry(index)!;
		if ((filter === undefined || inFilter(filter, entry.sentence)) && stillHolds(entry, world)) {
			const [first] = world.corpus.sentenceTokens(entry.sentence);
			const token = entry.token - first;
			const reading = training ? '; the tagger is still reading' : '';
			const order = state.queueOrder === 'file' ? `file order${reading}` : (withTagger ? 'most suspicious first' : `by the checks' counts${reading}`);
			return {
				...state,
				sentence: entry.sentence,
				token,
				anchor: entry.end - entry.token > 1 ? entry.end - 1 - first : undefined,
				// The entry's index in rank order, whichever order walks: `a` takes its suggestion, and `#` goes on from it.
				queuePosition: index,
				message: info(`${place + 1}/${entries.length} (${order}), line ${entry.line}: ${entry.reason}${suggestionText(entry, world, ' (a takes it)')}`),
			};
		}
	}

	const other = state.queueOrder === 'rank' ? '# shows them in file order' : '# ranks them most suspicious first';
	const where = state.queueOrder === 'rank' ? 'this one in the queue' : 'the cursor in file order';
	return {...state, message: info(`no problem ${direction > 0 ? 'after' : 'before'} ${where} (${plural(entries.length, 'place')}; ${other})`)};
}

/** Where a walk of the queue begins (`start`, a place in its order) and the queue index at each place. */
type Walk = {readonly start: number; readonly indexAt: (place: number) => number};

/** Most suspicious first: on from the entry `e` went to last. */
function rankOrder(state: State, direction: 1 | -1): Walk {
	return {start: state.queuePosition + direction, indexAt: place => place};
}

/**
File order: on from the cursor, as the file order of the checks' problems went, so that `:` N then
`e` finds the first problem after sentence N; from the entry `e` went to last while the cursor is
still on it, so that several entries on one token are each walked.
*/
function fileOrder(state: State, world: World, entries: RankedQueue, direction: 1 | -1): Walk {
	const order = entries.fileOrder();
	const cursor = world.corpus.sentenceStart[state.sentence]! + state.token;
	const current = entries.entry(state.queuePosition);
	const onCurrent = current !== undefined && current.sentence === state.sentence && current.token <= cursor && cursor < current.end;
	const start = onCurrent ? order.placeOf(state.queuePosition) + direction : order.firstFrom(cursor, direction);
	return {start, indexAt: place => order.indexAt(place)};
}

/**
The sentences `F problems` shows: those with an entry of the queue that still holds, which `e` walks
in either order (the tagger's doubts too, once it has read the corpus); before the queue is first
ranked, the checks' problem sentences, which `e` walks then. A check's entry is taken to hold while
its sentence has a problem of the checks: reading each entry's problems and spans, as `e` does for
the few it walks past, took 50 to 100 ms for the 19,000 entries of a 2M-token file.
*/
export function problemSentences(world: World): ReadonlySet<number> {
	const view = world.queue();
	const analysis = world.analysis();
	const checked = new Set(analysis?.sentences ?? []);
	if (view === undefined) {
		return checked;
	}

	const sentences = new Set<number>();
	for (const entry of view.entries) {
		const {sentence} = entry;
		if (!sentences.has(sentence) && (entry.problemCount > 0 ? analysis === undefined || checked.has(sentence) || fromReferences(entry, world) : stillHolds(entry, world, analysis))) {
			sentences.add(sentence);
		}
	}

	return sentences;
}

/** A new ranking (the tagger's): a problems filter takes in the sentences of its doubts, as `e` does. */
export function withRankedProblems(state: State, world: World): State {
	const {filter} = state;
	if (filter?.kind !== 'problems') {
		return state;
	}

	return {...state, filter: {...buildFilter(world.corpus, world.marks, 'problems', undefined, problemSentences(world)), revision: filter.revision}};
}

const newsStart = /(?:; )?\d+ problems? e has not reached now rank/;

/**
A new ranking. The tagger's first (or the checks' first): `e` starts again from the most suspicious
entry. One made again after edits: `e` goes on from the same place, and the status line says when
the edits made problems, or moved some it had not reached, above it (`E` goes back to them).
*/
export function rankedAgain(state: State, world: World, withTagger: boolean): State {
	const carried = world.queue()?.carried;
	if (carried === undefined) {
		const news = withTagger && state.message === undefined ? info('the tagger has read the corpus: e walks the problems most suspicious first, a takes a suggestion') : state.message;
		return {...state, queuePosition: -1, message: news};
	}

	const queuePosition = state.queuePosition < 0 ? -1 : carriedPosition(carried, state.queuePosition);
	const above = unreachedAbove(carried, state.queuePosition, queuePosition);
	if (above === 0) {
		return {...state, queuePosition};
	}

	// After what the last key said (`undid …`), which this comes later than and must not replace (an earlier ranking's news is).
	const news = `${plural(above, 'problem')} e has not reached now rank${above === 1 ? 's' : ''} above its place (E walks back up to ${above === 1 ? 'it' : 'them'})`;
	const said = state.message?.text.split(newsStart)[0];
	return {...state, queuePosition, message: said ? {text: `${said}; ${news}`, tone: state.message!.tone} : info(news)};
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
function stillHolds(entry: QueueEntry, world: World, analysis = world.analysis()): boolean {
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

	return analysis === undefined || (analysis.bySentence.get(entry.sentence)?.some(problem => problem.token >= entry.token && problem.token < entry.end) ?? false) || fromReferences(entry, world);
}

/** Whether the entry is a problem the references reveal (the file's own analysis does not have those). */
function fromReferences(entry: QueueEntry, world: World): boolean {
	const tokens = world.queue()?.crossFileTokens;
	for (let token = entry.token; tokens !== undefined && token < entry.end; token++) {
		if (tokens.has(token)) {
			return true;
		}
	}

	return false;
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
