/**
Using a ranked queue: the sentences `e` walks, the suggestion at the cursor, and a suggestion's tag
changes against the tags as they are now.
*/
import {type Corpus, planSpans, type TagChange} from '../../corpus/index.js';
import type {QueueEntry, Suggestion} from './entry.js';

/** The sentences of the queue, each once, in queue order: what `e` walks. */
export function queueSentences(queue: readonly QueueEntry[]): Uint32Array {
	const seen = new Set<number>();
	for (const entry of queue) {
		seen.add(entry.sentence);
	}

	return Uint32Array.from(seen);
}

/** The entry with a suggestion covering `token` (sentence-relative) of `sentence`, the most suspicious first. */
export function suggestionFor(queue: readonly QueueEntry[], corpus: Corpus, sentence: number, token: number): QueueEntry | undefined {
	const absolute = corpus.sentenceStart[sentence]! + token;
	let best: QueueEntry | undefined;
	for (const entry of queue) {
		if (entry.sentence === sentence && entry.suggestion !== undefined && entry.token <= absolute && absolute < entry.end && (best === undefined || entry.score > best.score)) {
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
