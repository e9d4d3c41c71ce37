/**
Using a ranked queue: the sentences `e` walks, the suggestion at the cursor, and a suggestion's tag
changes against the tags as they are now.
*/
import {type Corpus, planSpans, type TagChange} from '../../corpus/index.js';
import {addToList} from './draft.js';
import type {QueueEntry, Suggestion} from './entry.js';
import {byRank} from './order.js';

/** The sentences of the queue, each once, in queue order: what `e` walks. */
export function queueSentences(queue: readonly QueueEntry[]): Uint32Array {
	const seen = new Set<number>();
	for (const entry of queue) {
		seen.add(entry.sentence);
	}

	return Uint32Array.from(seen);
}

/**
A queue's entries with a suggestion, by sentence: looking through 100,000 entries for the cursor's
suggestion took 2.5 ms, twice for every key. The ranking fills one in its own steps (`keepSuggestionIndex`);
a queue made otherwise gets one on first use. A ranked queue is never changed: a new ranking is a new array.
*/
export class SuggestionIndex {
	private readonly bySentence = new Map<number, QueueEntry[]>();

	/** `hasSuggestion` spares making the suggestion to know there is one (ranked-entry.ts). */
	add(entry: QueueEntry, hasSuggestion = entry.suggestion !== undefined): void {
		if (!hasSuggestion) {
			return;
		}

		addToList(this.bySentence, entry.sentence, entry);
	}

	/** The sentence's entries with a suggestion, in no particular order. */
	of(sentence: number): readonly QueueEntry[] {
		return this.bySentence.get(sentence) ?? [];
	}
}

const indexes = new WeakMap<readonly QueueEntry[], SuggestionIndex>();

/** Keeps the index the ranking made for its queue. */
export function keepSuggestionIndex(queue: readonly QueueEntry[], index: SuggestionIndex): void {
	indexes.set(queue, index);
}

function suggestionIndexOf(queue: readonly QueueEntry[]): SuggestionIndex {
	let index = indexes.get(queue);
	if (index === undefined) {
		index = new SuggestionIndex();
		for (const entry of queue) {
			index.add(entry);
		}

		indexes.set(queue, index);
	}

	return index;
}

/** The entry with a suggestion covering `token` (sentence-relative) of `sentence`: the most suspicious, the first in rank order among equals. */
export function suggestionFor(queue: readonly QueueEntry[], corpus: Corpus, sentence: number, token: number): QueueEntry | undefined {
	const absolute = corpus.sentenceStart[sentence]! + token;
	let best: QueueEntry | undefined;
	for (const entry of suggestionIndexOf(queue).of(sentence)) {
		if (entry.token <= absolute && absolute < entry.end && (best === undefined || entry.score > best.score || (entry.score === best.score && byRank(entry, best) < 0))) {
			best = entry;
		}
	}

	return best;
}

/**
The tag changes of a suggestion against the tags as they are now (the file may have been edited
since the queue was ranked): the suggested entities replace those in its range, in the file's scheme.
*/
export function planSuggestion(corpus: Corpus, sentence: number, suggestion: Pick<Suggestion, 'start' | 'end' | 'to'>): TagChange[] {
	const {spans} = corpus.decode(sentence);
	const kept = spans.filter(span => span.end <= suggestion.start || span.start >= suggestion.end);
	const touched = {start: suggestion.start, end: suggestion.end};
	for (const span of spans) {
		if (span.start < suggestion.end && suggestion.start < span.end) {
			touched.start = Math.min(touched.start, span.start);
			touched.end = Math.max(touched.end, span.end);
		}
	}

	return planSpans(corpus, sentence, [...kept, ...suggestion.to], touched);
}
