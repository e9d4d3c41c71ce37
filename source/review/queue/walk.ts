/**
Using a ranked queue: the sentences `e` walks, the suggestion at the cursor, and a suggestion's tag
changes against the tags as they are now.
*/
import {type Corpus, planSpans, type TagChange} from '../../corpus/index.js';
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

const bySentence = new WeakMap<readonly QueueEntry[], ReadonlyMap<number, readonly QueueEntry[]>>();

/**
A queue's entries with a suggestion, by sentence: looking through 100,000 entries for the cursor's
suggestion took 2.5 ms, twice for every key. The ranking makes it in its steps (`keepSuggestionIndex`);
a queue made otherwise gets it on first use. A ranked queue is never changed: a new ranking is a new array.
*/
function suggestionsBySentence(queue: readonly QueueEntry[]): ReadonlyMap<number, readonly QueueEntry[]> {
	let index = bySentence.get(queue);
	if (index === undefined) {
		const built = new Map<number, QueueEntry[]>();
		for (const entry of queue) {
			if (entry.suggestion !== undefined) {
				const list = built.get(entry.sentence);
				if (list === undefined) {
					built.set(entry.sentence, [entry]);
				} else {
					list.push(entry);
				}
			}
		}

		index = built;
		bySentence.set(queue, index);
	}

	return index;
}

/** Keeps the index of a queue's suggestions the ranking made (every entry with a suggestion, by sentence, in any order). */
export function keepSuggestionIndex(queue: readonly QueueEntry[], index: ReadonlyMap<number, readonly QueueEntry[]>): void {
	bySentence.set(queue, index);
}

/** The entry with a suggestion covering `token` (sentence-relative) of `sentence`: the most suspicious, the first in rank order among equals. */
export function suggestionFor(queue: readonly QueueEntry[], corpus: Corpus, sentence: number, token: number): QueueEntry | undefined {
	const absolute = corpus.sentenceStart[sentence]! + token;
	let best: QueueEntry | undefined;
	for (const entry of suggestionsBySentence(queue).get(sentence) ?? []) {
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
