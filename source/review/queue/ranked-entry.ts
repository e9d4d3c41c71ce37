/**
The entries of a ranked queue as the ranking makes them: the place, score and reason as fields,
the suggestion made when it is read. A 10M-token corpus has 100,000 entries; held as plain objects
with their problems and their suggestions' spans, arrays and planned changes they took 700 bytes
each (73 MB of heap kept for the 10M seed file's queue; 32 MB now).

The ranking weighs these objects themselves, not drafts turned into entries at its end: a second
object per entry was 17 MB more of the 10M seed file's heap while it was ranked, left to the
garbage collector afterwards.
*/
import type {Corpus, TagChange} from '../../corpus/index.js';
import type {CountsSuggestion, Draft} from './draft.js';
import type {QueueEntry, QueueKind, Suggestion} from './entry.js';
import {planSuggestion} from './walk.js';

/** The entry whose suggestion was read last, and that suggestion. */
let lastRead: {readonly entry: RankedEntry; readonly suggestion: Suggestion | undefined} | undefined;

export class RankedEntry implements QueueEntry {
	readonly sentence: number;
	readonly token: number;
	readonly end: number;
	readonly line: number;
	readonly kind: QueueKind;
	readonly score: number;
	/** Set while it is ranked: entries of one verdict share one string (rank.ts). */
	reason: string;
	/** Counted while it is ranked: the checks' problems at the same place. */
	problemCount: number;
	// Not enumerable, so that an entry compares and prints as its plain fields.
	readonly #corpus: Corpus;
	/** Sentence-relative, as a suggestion's extent is. */
	readonly #start: number;
	#suggested: Omit<Suggestion, 'changes'> | CountsSuggestion | undefined;
	readonly #tieOf: string | undefined;

	constructor(corpus: Corpus, draft: Draft) {
		const first = corpus.sentenceStart[draft.sentence]!;
		this.sentence = draft.sentence;
		this.token = first + draft.start;
		this.end = first + draft.end;
		this.line = draft.line ?? corpus.lineOf(this.token);
		this.kind = draft.kind;
		this.score = draft.score;
		this.reason = draft.reason;
		this.problemCount = draft.problemCount;
		this.#corpus = corpus;
		this.#start = draft.start;
		this.#suggested = draft.suggestion ?? draft.counts;
		this.#tieOf = draft.tieOf;
	}

	/** Sentence-relative extent, as the ranking weighs it. */
	get startInSentence(): number {
		return this.#start;
	}

	get endInSentence(): number {
		return this.#start + this.end - this.token;
	}

	/** For a 1-against-1 tie: the mention's text, so that one place per string is kept (rank.ts). */
	get tieOf(): string | undefined {
		return this.#tieOf;
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

		if ('source' in suggested) {
			return new LazySuggestion(this.#corpus, this.sentence, suggested);
		}

		const start = this.#start;
		const end = start + this.end - this.token;
		return new LazySuggestion(this.#corpus, this.sentence, {
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
