/**
Moving around: sentences (within the filter when one is set), tokens, entities, the selection and
`:` N. Pure: reads the corpus, changes only the cursor.
*/
import {buildFilter, extendFilter, stepInFilter} from '../../review/index.js';
import {screenLayout} from '../layout.js';
import type {Step} from './actions.js';
import {error, info, step} from './messages.js';
import type {State} from './state.js';
import type {World} from './world.js';

/** Moves `delta` sentences, or `delta` sentences of the filter when one is set. */
export function moveSentences(state: State, world: World, delta: number): State {
	const current = withFreshFilter(state, world);
	if (current.filter === undefined) {
		return goToSentence(current, world, current.sentence + delta);
	}

	const target = stepInFilter(current.filter, current.sentence, delta);
	return target === undefined ? {...current, message: info('no sentence matches the filter (F then Enter clears it)')} : goToSentence(current, world, target);
}

/**
The filter rebuilt when the tags or marks changed since it was built (a sentence just marked
reviewed leaves `F unreviewed`; one just labelled joins `F LOC`), and extended to the sentences
indexed since (a filter set while a large file is read). The problems filter stays as built: it
follows the problem queue, which an edit does not rank again (`e` skips what an edit settled), is
made again when the queue is (queue.ts), and exists only once all is indexed.
*/
export function withFreshFilter(state: State, world: World): State {
	const {filter} = state;
	if (filter === undefined || filter.kind === 'problems') {
		return state;
	}

	if (filter.revision !== state.revision) {
		return {...state, filter: {...buildFilter(world.corpus, world.marks, filter.kind, filter.label), revision: state.revision}};
	}

	const extended = extendFilter(filter, world.corpus, world.marks);
	return extended === filter ? state : {...state, filter: extended};
}

export function pageSentences(state: State, world: World, direction: 1 | -1): State {
	return moveSentences(state, world, direction * screenLayout(state.size).listRows);
}

export function firstSentence(state: State, world: World): State {
	const current = withFreshFilter(state, world);
	return goToSentence(current, world, current.filter === undefined ? 0 : current.filter.sentences[0] ?? current.sentence);
}

/**
`G`: the last sentence (of the filter). While the file is indexed it waits for the end, as `:` N
does (it stopped on the last sentence read so far, mid-file, and said so in a message that stayed).
*/
export function lastSentence(state: State, world: World): Step<State> {
	if (!world.corpus.complete) {
		return step({...state, message: info('going to the last sentence: the rest of the file is still being indexed; it is shown when it is (Esc cancels)')}, {type: 'await', until: 'index', then: {type: 'last-sentence'}});
	}

	const current = withFreshFilter(state, world);
	return step(goToSentence(current, world, current.filter === undefined ? world.corpus.sentenceCount - 1 : current.filter.sentences.at(-1) ?? current.sentence));
}

/** Puts the cursor on the first token of `sentence` (clamped to the corpus). */
export function goToSentence(state: State, world: World, sentence: number): State {
	const target = clamp(sentence, 0, world.corpus.sentenceCount - 1);
	if (target === state.sentence) {
		return state;
	}

	return {...state, sentence: target, token: 0, anchor: undefined};
}

export function moveToken(state: State, world: World, delta: number): State {
	const length = world.corpus.sentenceLength(state.sentence);
	return {...state, token: clamp(state.token + delta, 0, length - 1)};
}

/** `w` / `b`: the start of the next or previous entity in the sentence. */
export function moveToEntity(state: State, world: World, direction: 1 | -1): State {
	const {spans} = world.corpus.decode(state.sentence);
	const starts = spans.map(span => span.start).sort((a, b) => a - b);
	const target = direction > 0 ? starts.find(start => start > state.token) : starts.findLast(start => start < state.token);
	if (target === undefined) {
		return {...state, message: info(direction > 0 ? 'no entity after the cursor' : 'no entity before the cursor')};
	}

	return {...state, token: target};
}

export function toggleSelection(state: State): State {
	return {...state, anchor: state.anchor === undefined ? state.token : undefined};
}

/** `:` N Enter. Past the sentences of a large file indexed so far, it waits for the rest and goes there then (`await`). */
export function goToNumber(state: State, world: World, text: string): Step<State> {
	const number = Number(text);
	const count = world.corpus.sentenceCount;
	if (/^\d+$/.test(text) && number > count && !world.corpus.complete) {
		return step({...state, message: info(`sentence ${number} is not indexed yet: the rest of the file is still being indexed; it is shown when it is`)}, {type: 'await', until: 'index', then: {type: 'go-to-number', text}});
	}

	if (!/^\d+$/.test(text) || number < 1 || number > count) {
		return step({...state, message: error(`no sentence "${text}": enter a number from 1 to ${count}`)});
	}

	return step(goToSentence(state, world, number - 1));
}

export function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}
