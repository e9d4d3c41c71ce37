/**
The entries of a ranked queue as the ranking makes them: one row each in columns shared by one
ranking (EntryColumns), numbers in typed arrays and the reason and suggestion in arrays of their
own, and an object for an entry only when it is read (RankedEntry, made by the queue, ranked-queue.ts).
A 10M-token corpus has 100,000 entries. Held as plain objects with their problems and their
suggestions' spans, arrays and planned changes they took 700 bytes each (73 MB of heap kept for the
10M seed file's queue), then 136 bytes as objects with their fields (Node's V8 keeps 8 bytes a
field, and a score that is not a small integer is an object of its own), then 56 bytes and 37 more
in columns; now 49 bytes a row in the columns and 4 in the queue's order, and no object: the
100,900 entries' objects were 6.5 MB of the heap a session kept, its largest part that grows with
the corpus. The bench's session on the 10M seed file, 5 each way, interleaved: a peak of 233 to 244
MB (median 235) against 243 to 250 (244), the analysis ready as soon; `check`'s output byte-identical.
*/
import type {Corpus, TagChange} from '../../corpus/index.js';
import {grown} from '../typed-array.js';
import type {CountsSuggestion, Draft} from './draft.js';
import type {QueueEntry, QueueKind, Suggestion} from './entry.js';
import {planSuggestion} from './walk.js';

/** What a row suggests until it is read: the tagger's or the scheme's suggestion, or the counts' verdict it shares with its string's other places. */
type Suggested = Omit<Suggestion, 'changes'> | CountsSuggestion;

/** The row whose suggestion was read last, and that suggestion (an entry is made afresh each time its row is read). */
let lastRead: {readonly columns: EntryColumns; readonly row: number; readonly suggestion: Suggestion | undefined} | undefined;

const kinds: readonly QueueKind[] = ['invalid-tag', 'inconsistent-type', 'unlabelled-mention', 'model-disagreement'];
export const kindCodes = new Map(kinds.map((kind, code) => [kind, code]));
const invalidTagCode = kindCodes.get('invalid-tag')!;

/** Rows of a plain array made at their length: grown by pushes, each copy of 100,000 was large-object garbage. */
function arrayOf<T>(length: number, from: readonly T[] = []): T[] {
	const array = Array.from<T>({length});
	for (let index = 0; index < from.length; index++) {
		array[index] = from[index]!;
	}

	return array;
}

/** The rows of one ranking's entries, a column each (rank.ts makes one per ranking). */
export class EntryColumns {
	length = 0;
	sentence: Uint32Array;
	/** First token and one past the last (absolute), and the first relative to the sentence. */
	token: Uint32Array;
	end: Uint32Array;
	start: Uint32Array;
	line: Uint32Array;
	problemCount: Uint32Array;
	kind: Uint8Array;
	score: Float64Array;
	/** Set while it is ranked: rows of one verdict share one string (rank.ts). */
	reason: string[];
	suggested: Array<Suggested | undefined>;
	/** For the 1-against-1 ties, by row: the mention's text (few rows have one). */
	readonly tieOf = new Map<number, string>();

	/** Room for `expected` rows at first. */
	constructor(
		readonly corpus: Corpus,
		expected = 1024,
	) {
		const size = Math.max(16, expected);
		this.sentence = new Uint32Array(size);
		this.token = new Uint32Array(size);
		this.end = new Uint32Array(size);
		this.start = new Uint32Array(size);
		this.line = new Uint32Array(size);
		this.problemCount = new Uint32Array(size);
		this.kind = new Uint8Array(size);
		this.score = new Float64Array(size);
		this.reason = arrayOf(size);
		this.suggested = arrayOf(size);
	}

	/** Adds a draft; returns its row. */
	add(draft: Draft): number {
		const row = this.length;
		if (row === this.sentence.length) {
			const size = row * 2;
			this.sentence = grown(this.sentence, size);
			this.token = grown(this.token, size);
			this.end = grown(this.end, size);
			this.start = grown(this.start, size);
			this.line = grown(this.line, size);
			this.problemCount = grown(this.problemCount, size);
			this.kind = grown(this.kind, size);
			this.score = grown(this.score, size);
			this.reason = arrayOf(size, this.reason);
			this.suggested = arrayOf(size, this.suggested);
		}

		const {corpus} = this;
		const first = corpus.sentenceStart[draft.sentence]!;
		this.sentence[row] = draft.sentence;
		this.token[row] = first + draft.start;
		this.end[row] = first + draft.end;
		this.start[row] = draft.start;
		this.line[row] = draft.line ?? corpus.lineOf(first + draft.start);
		this.problemCount[row] = draft.problemCount;
		this.kind[row] = kindCodes.get(draft.kind)!;
		this.score[row] = draft.score;
		this.reason[row] = draft.reason;
		this.suggested[row] = draft.suggestion ?? draft.counts;
		if (draft.tieOf !== undefined) {
			this.tieOf.set(row, draft.tieOf);
		}

		this.length++;
		return row;
	}

	/** Whether a row is an invalid tag's (those come before every other kind). */
	isInvalidTag(row: number): boolean {
		return this.kind[row] === invalidTagCode;
	}

	/** Sentence-relative end of a row's extent. */
	endInSentence(row: number): number {
		return this.start[row]! + this.end[row]! - this.token[row]!;
	}
}

/** One row read as a QueueEntry, made each time the queue is read there (ranked-queue.ts): compare entries by their fields. */
export class RankedEntry implements QueueEntry {
	// Not enumerable: an entry compares and prints as nothing of its own (its numbers are the columns').
	readonly #columns: EntryColumns;
	readonly #row: number;

	constructor(columns: EntryColumns, row: number) {
		this.#columns = columns;
		this.#row = row;
	}

	get reason(): string {
		return this.#columns.reason[this.#row]!;
	}

	get sentence(): number {
		return this.#columns.sentence[this.#row]!;
	}

	get token(): number {
		return this.#columns.token[this.#row]!;
	}

	get end(): number {
		return this.#columns.end[this.#row]!;
	}

	get line(): number {
		return this.#columns.line[this.#row]!;
	}

	get kind(): QueueKind {
		return kinds[this.#columns.kind[this.#row]!]!;
	}

	get score(): number {
		return this.#columns.score[this.#row]!;
	}

	/** The checks' problems at the same place. */
	get problemCount(): number {
		return this.#columns.problemCount[this.#row]!;
	}

	/** Sentence-relative extent, as the ranking weighs it. */
	get startInSentence(): number {
		return this.#columns.start[this.#row]!;
	}

	get endInSentence(): number {
		return this.#columns.endInSentence(this.#row);
	}

	/** For a 1-against-1 tie: the mention's text, so that one place per string is kept (rank.ts). */
	get tieOf(): string | undefined {
		return this.#columns.tieOf.get(this.#row);
	}

	get hasSuggestion(): boolean {
		return this.#columns.suggested[this.#row] !== undefined;
	}

	/** The counts' verdict this entry shares with the other places of its string read one way (its suggestion reads the same there). */
	get suggestionKey(): object | undefined {
		const suggested = this.#columns.suggested[this.#row];
		return suggested === undefined || 'source' in suggested ? undefined : suggested;
	}

	/**
	Made when read. Only the row read last keeps its suggestion (a frame reads the cursor's entry's
	several times, and gets one object with its changes planned once); `check` reads each entry's once.
	*/
	get suggestion(): Suggestion | undefined {
		if (lastRead?.columns !== this.#columns || lastRead.row !== this.#row) {
			lastRead = {columns: this.#columns, row: this.#row, suggestion: this.#makeSuggestion()};
		}

		return lastRead.suggestion;
	}

	#makeSuggestion(): Suggestion | undefined {
		const suggested = this.#columns.suggested[this.#row];
		if (suggested === undefined) {
			return undefined;
		}

		const {corpus} = this.#columns;
		if ('source' in suggested) {
			return new LazySuggestion(corpus, this.sentence, suggested);
		}

		const start = this.startInSentence;
		const end = this.endInSentence;
		return new LazySuggestion(corpus, this.sentence, {
			start,
			end,
			from: suggested.type === undefined ? [] : [{start, end, type: suggested.type}],
			to: [{start, end, type: suggested.rival}],
			confidence: suggested.confidence,
			source: 'counts',
			text: suggested.text,
		});
	}
}

/**
A suggestion whose tag changes are planned when first read (by `a`, `check --json`, the label of a
repair), not for every entry at ranking time: planning them all took most of the ranking of a
large corpus, and a reviewer reads a few. They are planned against the tags as they are then.
A class with a getter: defining the property on each of 100,000 objects cost a sixth of the ranking.
*/
class LazySuggestion implements Suggestion {
	readonly start: number;
	readonly end: number;
	readonly from: Suggestion['from'];
	readonly to: Suggestion['to'];
	readonly confidence: number;
	readonly source: Suggestion['source'];
	readonly text: string | undefined;
	// Not enumerable, so the suggestion compares and prints as its plain fields.
	readonly #corpus: Corpus;
	readonly #sentence: number;
	#planned: readonly TagChange[] | undefined;

	constructor(corpus: Corpus, sentence: number, suggestion: Omit<Suggestion, 'changes'>) {
		({start: this.start, end: this.end, from: this.from, to: this.to, confidence: this.confidence, source: this.source, text: this.text} = suggestion);
		this.#corpus = corpus;
		this.#sentence = sentence;
	}

	get changes(): readonly TagChange[] {
		this.#planned ??= planSuggestion(this.#corpus, this.#sentence, this);
		return this.#planned;
	}
}
