/**
The entries of a ranked queue as the ranking makes them: the place, score and counts in columns of
numbers shared by one ranking's entries (EntryColumns), the reason and suggestion as fields, the
suggestion made when it is read. A 10M-token corpus has 100,000 entries; held as plain objects
with their problems and their suggestions' spans, arrays and planned changes they took 700 bytes
each (73 MB of heap kept for the 10M seed file's queue), then 136 bytes as objects with their
fields (Node's V8 keeps 8 bytes a field, and a score that is not a small integer is an object of
its own), and 56 bytes now, the numbers 37 bytes more in the columns.

The ranking weighs these objects themselves, not drafts turned into entries at its end: a second
object per entry was 17 MB more of the 10M seed file's heap while it was ranked, left to the
garbage collector afterwards.
*/
import type {Corpus, TagChange} from '../../corpus/index.js';
import {grown} from '../typed-array.js';
import type {CountsSuggestion, Draft} from './draft.js';
import type {QueueEntry, QueueKind, Suggestion} from './entry.js';
import {planSuggestion} from './walk.js';

/** The entry whose suggestion was read last, and that suggestion. */
let lastRead: {readonly entry: RankedEntry; readonly suggestion: Suggestion | undefined} | undefined;

const kinds: readonly QueueKind[] = ['invalid-tag', 'inconsistent-type', 'unlabelled-mention', 'model-disagreement'];
const kindCodes = new Map(kinds.map((kind, code) => [kind, code]));

/** The numbers of one ranking's entries, a column each (rank.ts makes one per ranking). */
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
	/** For the 1-against-1 ties, by entry: the mention's text (few entries have one). */
	readonly tieOf = new Map<number, string>();

	/** Room for `expected` entries at first. */
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
	}

	/** Adds a draft's numbers; returns its row. */
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
		if (draft.tieOf !== undefined) {
			this.tieOf.set(row, draft.tieOf);
		}

		this.length++;
		return row;
	}
}

export class RankedEntry implements QueueEntry {
	/** Set while it is ranked: entries of one verdict share one string (rank.ts). */
	reason: string;
	// Not enumerable: an entry prints as its reason (its numbers are the columns').
	readonly #columns: EntryColumns;
	readonly #row: number;
	#suggested: Omit<Suggestion, 'changes'> | CountsSuggestion | undefined;

	constructor(columns: EntryColumns, draft: Draft) {
		this.reason = draft.reason;
		this.#columns = columns;
		this.#row = columns.add(draft);
		this.#suggested = draft.suggestion ?? draft.counts;
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

	/** Counted while it is ranked: the checks' problems at the same place. */
	get problemCount(): number {
		return this.#columns.problemCount[this.#row]!;
	}

	set problemCount(count: number) {
		this.#columns.problemCount[this.#row] = count;
	}

	/** Sentence-relative extent, as the ranking weighs it. */
	get startInSentence(): number {
		return this.#columns.start[this.#row]!;
	}

	get endInSentence(): number {
		return this.startInSentence + this.end - this.token;
	}

	/** For a 1-against-1 tie: the mention's text, so that one place per string is kept (rank.ts). */
	get tieOf(): string | undefined {
		return this.#columns.tieOf.get(this.#row);
	}

	/** The ranking found a suggestion of the tagger's over the same tokens: it wins over the counts'. */
	suggest(suggestion: Omit<Suggestion, 'changes'>): void {
		this.#suggested = suggestion;
	}

	get hasSuggestion(): boolean {
		return this.#suggested !== undefined;
	}

	/** The counts' verdict this entry shares with the other places of its string read one way (its suggestion reads the same there). */
	get suggestionKey(): object | undefined {
		const suggested = this.#suggested;
		return suggested === undefined || 'source' in suggested ? undefined : suggested;
	}

	/**
	Made when read. Only the entry read last keeps its suggestion (a frame reads the cursor's entry's
	several times, and gets one object with its changes planned once); holding one per entry is what
	this class saves, and `check` reads each entry's once.
	*/
	get suggestion(): Suggestion | undefined {
		if (lastRead?.entry !== this) {
			lastRead = {entry: this, suggestion: this.#makeSuggestion()};
		}

		return lastRead.suggestion;
	}

	#makeSuggestion(): Suggestion | undefined {
		const suggested = this.#suggested;
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
