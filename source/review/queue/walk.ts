/**
Using a ranked queue: the sentences `e` walks, the suggestion at the cursor, and a suggestion's tag
changes against the tags as they are now.
*/
import {type Corpus, firstAtOrAfter, planSpans, type TagChange} from '../../corpus/index.js';
import {grown} from '../typed-array.js';
import type {QueueEntry, Suggestion} from './entry.js';
import {rowRanksBefore} from './order.js';
import {RankedEntry} from './ranked-entry.js';
import type {RankedQueue} from './ranked-queue.js';

/** The sentences of the queue, each once, in queue order: what `e` walks. */
export function queueSentences(queue: RankedQueue): Uint32Array {
	const seen = new Set<number>();
	const {columns, rows} = queue;
	for (let index = 0; index < rows.length; index++) {
		seen.add(columns.sentence[rows[index]!]!);
	}

	return Uint32Array.from(seen);
}

/**
A queue's rows with a suggestion, by sentence: looking through 100,000 entries for the cursor's
suggestion took 2.5 ms, twice for every key. The ranking fills it in its own steps.

The rows are held in one array ordered by sentence, found by bisection. A list per sentence
(69,680 of them for the 10M seed file's queue) took 12 MB of the queue's 33 MB of heap.
*/
export class SuggestionIndex {
	private rows: Uint32Array;
	private count = 0;
	/** The rows' sentences, non-decreasing once `sorted`. */
	private sentences: Int32Array;
	private sorted = true;

	/** `capacity`: how many rows at most will be added (the ranking knows), so that the arrays are made once. */
	constructor(capacity = 0) {
		this.rows = new Uint32Array(capacity);
		this.sentences = new Int32Array(capacity);
	}

	add(row: number, sentence: number): void {
		const {count} = this;
		if (count === this.sentences.length) {
			const size = Math.max(64, count * 2);
			this.rows = grown(this.rows, size);
			this.sentences = grown(this.sentences, size);
		}

		if (count > 0 && this.sentences[count - 1]! > sentence) {
			this.sorted = false;
		}

		this.rows[count] = row;
		this.sentences[count] = sentence;
		this.count++;
	}

	/**
	Orders the rows by sentence (stable, in linear time: the ranking calls it in one of its steps)
	and gives back the unused room. Called by the first `of` if nobody did before.
	*/
	finish(): void {
		const {count} = this;
		if (!this.sorted) {
			let highest = 0;
			for (let index = 0; index < count; index++) {
				highest = Math.max(highest, this.sentences[index]!);
			}

			// A counting sort: where each sentence's rows start, then each row put in its place.
			const starts = new Int32Array(highest + 2);
			for (let index = 0; index < count; index++) {
				starts[this.sentences[index]! + 1]!++;
			}

			for (let sentence = 1; sentence < starts.length; sentence++) {
				starts[sentence]! += starts[sentence - 1]!;
			}

			const rows = new Uint32Array(count);
			const sentences = new Int32Array(count);
			for (let index = 0; index < count; index++) {
				const sentence = this.sentences[index]!;
				const place = starts[sentence]!++;
				rows[place] = this.rows[index]!;
				sentences[place] = sentence;
			}

			this.rows = rows;
			this.sentences = sentences;
			this.sorted = true;
		} else if (this.sentences.length !== count) {
			this.rows = this.rows.slice(0, count);
			this.sentences = this.sentences.slice(0, count);
		}
	}

	/** The sentence's rows with a suggestion, in the order they were added. */
	of(sentence: number): Uint32Array {
		if (!this.sorted || this.sentences.length !== this.count) {
			this.finish();
		}

		const {sentences} = this;
		const low = firstAtOrAfter(sentences, sentences.length, sentence);
		let end = low;
		while (end < sentences.length && sentences[end] === sentence) {
			end++;
		}

		return this.rows.subarray(low, end);
	}
}

/** The entry with a suggestion covering `token` (sentence-relative) of `sentence`: the most suspicious, the first in rank order among equals. */
export function suggestionFor(queue: RankedQueue, corpus: Corpus, sentence: number, token: number): QueueEntry | undefined {
	const absolute = corpus.sentenceStart[sentence]! + token;
	const {columns} = queue;
	let best = -1;
	for (const row of queue.suggestions.of(sentence)) {
		if (columns.token[row]! <= absolute && absolute < columns.end[row]! && (best < 0 || columns.score[row]! > columns.score[best]! || (columns.score[row] === columns.score[best] && rowRanksBefore(columns, row, best)))) {
			best = row;
		}
	}

	return best < 0 ? undefined : new RankedEntry(columns, best);
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
