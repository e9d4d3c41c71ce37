/**
Using a ranked queue: the sentences `e` walks, the suggestion at the cursor, and a suggestion's tag
changes against the tags as they are now.
*/
import {type Corpus, firstAtOrAfter, planSpans, type TagChange} from '../../corpus/index.js';
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

The entries are held in one array ordered by sentence, found by bisection. A list per sentence
(69,680 of them for the 10M seed file's queue) took 12 MB of the queue's 33 MB of heap.
*/
export class SuggestionIndex {
	private entries: QueueEntry[];
	private count = 0;
	/** `entries[i].sentence`, non-decreasing once `sorted`. */
	private sentences: Int32Array;
	private sorted = true;

	/** `capacity`: how many entries at most will be added (the ranking knows), so that the arrays are made once. */
	constructor(capacity = 0) {
		this.entries = Array.from<QueueEntry>({length: capacity});
		this.sentences = new Int32Array(capacity);
	}

	/** `hasSuggestion` spares making the suggestion to know there is one (ranked-entry.ts). */
	add(entry: QueueEntry, hasSuggestion = entry.suggestion !== undefined): void {
		if (!hasSuggestion) {
			return;
		}

		const {count} = this;
		if (count === this.sentences.length) {
			const grown = new Int32Array(Math.max(64, count * 2));
			grown.set(this.sentences);
			this.sentences = grown;
		}

		if (count > 0 && this.sentences[count - 1]! > entry.sentence) {
			this.sorted = false;
		}

		this.entries[count] = entry;
		this.sentences[count] = entry.sentence;
		this.count++;
	}

	/**
	Orders the entries by sentence (stable, in linear time: the ranking calls it in one of its steps)
	and gives back the unused room. Called by the first `of` if nobody did before.
	*/
	finish(): void {
		const {count} = this;
		// The room left unused (entries without a suggestion) is given back.
		this.entries.length = count;
		if (!this.sorted) {
			let highest = 0;
			for (let index = 0; index < count; index++) {
				highest = Math.max(highest, this.sentences[index]!);
			}

			// A counting sort: where each sentence's entries start, then each entry put in its place.
			const starts = new Int32Array(highest + 2);
			for (let index = 0; index < count; index++) {
				starts[this.sentences[index]! + 1]!++;
			}

			for (let sentence = 1; sentence < starts.length; sentence++) {
				starts[sentence]! += starts[sentence - 1]!;
			}

			const entries = Array.from<QueueEntry>({length: count});
			const sentences = new Int32Array(count);
			for (let index = 0; index < count; index++) {
				const sentence = this.sentences[index]!;
				const place = starts[sentence]!++;
				entries[place] = this.entries[index]!;
				sentences[place] = sentence;
			}

			this.entries = entries;
			this.sentences = sentences;
			this.sorted = true;
		} else if (this.sentences.length !== count) {
			this.sentences = this.sentences.slice(0, count);
		}
	}

	/** The sentence's entries with a suggestion, in the order they were added. */
	of(sentence: number): readonly QueueEntry[] {
		if (!this.sorted || this.sentences.length !== this.count || this.entries.length !== this.count) {
			this.finish();
		}

		const {sentences} = this;
		const low = firstAtOrAfter(sentences, sentences.length, sentence);
		let end = low;
		while (end < sentences.length && sentences[end] === sentence) {
			end++;
		}

		return low === end ? [] : this.entries.slice(low, end);
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

		index.finish();
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
