/**
What the tagger reads of a corpus: its index (sentences, tag table), and a sentence's bytes and tag
ids through a SentenceStore. On the main thread (tests, benchmarks, `check`) that is a Corpus with
its whole bytes and tag ids; in the worker, the index of a snapshot and windows of bytes and tag
ids asked from the main thread (sentence-windows.ts), so the worker never holds a second copy of a
100 MB file or of its 10M tag ids. Nothing else of a Corpus is reachable here, so code that would
read the bytes or the tags another way does not type-check.
*/
import {Corpus, type Decoded, decodeSpans, type ParsedTag, type TagTable} from '../../corpus/index.js';

/** The index part of a corpus: a Corpus, or a SnapshotIndex in another thread. */
export type CorpusIndexView = Pick<Corpus, 'format' | 'tokenCount' | 'sentenceCount' | 'sentenceStart' | 'sentenceOffset' | 'sentenceLength'> & {
	readonly tags: Pick<TagTable, 'size' | 'get'>;
};

/** Where a sentence is held: `bytes[i]` is the file's byte `base + i`, `tagIds[i]` the tag id of token `firstToken + i`. */
export type SentenceView = {
	bytes: Buffer;
	base: number;
	tagIds: Uint8Array | Uint16Array;
	firstToken: number;
};

export type SentenceStore = {
	/** The length of the file's bytes. */
	readonly byteLength: number;
	/** Where sentence `sentence` is held; valid until the next call (the object is reused). */
	locate(sentence: number): SentenceView;
	/**
	The sentences (ascending) that will be read in any order, many times, until the next call (a
	training sample): they are kept at hand instead of being asked for again and again.
	*/
	keep(sentences: readonly number[]): void;
};

export type TaggerCorpus = CorpusIndexView & {
	readonly store: SentenceStore;
	/** The sentence's entity spans and invalid tags, as Corpus.decode gives them. */
	decode(sentence: number): Decoded;
};

/** A Corpus in memory: every sentence is in the one view, its tags as they are now. */
class WholeCorpus implements SentenceStore {
	private readonly view: SentenceView;

	constructor(private readonly corpus: Corpus) {
		this.view = {bytes: corpus.bytes, base: 0, tagIds: corpus.tagIds, firstToken: 0};
	}

	get byteLength(): number {
		return this.corpus.bytes.length;
	}

	locate(): SentenceView {
		// The tag ids widen to 16 bits when an edit brings the 257th tag: read them again.
		this.view.tagIds = this.corpus.tagIds;
		return this.view;
	}

	keep(): void {
		// Everything is at hand already.
	}
}

/** An index and a store of its sentences, as the tagger reads them. */
class StoredCorpus implements TaggerCorpus {
	private readonly tagsOfSentence: ParsedTag[] = [];

	constructor(private readonly index: CorpusIndexView, readonly store: SentenceStore) {}

	get format() {
		return this.index.format;
	}

	get tags() {
		return this.index.tags;
	}

	get tokenCount() {
		return this.index.tokenCount;
	}

	get sentenceCount() {
		return this.index.sentenceCount;
	}

	get sentenceStart() {
		return this.index.sentenceStart;
	}

	get sentenceOffset() {
		return this.index.sentenceOffset;
	}

	sentenceLength(sentence: number) {
		return this.index.sentenceLength(sentence);
	}

	decode(sentence: number): Decoded {
		const {tagIds, firstToken} = this.store.locate(sentence);
		const tags = this.tagsOfSentence;
		tags.length = 0;
		const first = this.index.sentenceStart[sentence]! - firstToken;
		const end = this.index.sentenceStart[sentence + 1]! - firstToken;
		for (let i = first; i < end; i++) {
			tags.push(this.index.tags.get(tagIds[i]!));
		}

		return decodeSpans(tags, this.index.format.scheme);
	}
}

/** The tagger's view of a corpus: a Corpus is read from memory; `store` holds the sentences of an index otherwise. */
export function taggerCorpus(corpus: Corpus | TaggerCorpus): TaggerCorpus;
export function taggerCorpus(index: CorpusIndexView, store: SentenceStore): TaggerCorpus;
export function taggerCorpus(corpus: CorpusIndexView | TaggerCorpus, store?: SentenceStore): TaggerCorpus {
	if (store !== undefined) {
		return new StoredCorpus(corpus, store);
	}

	if (corpus instanceof Corpus) {
		return new StoredCorpus(corpus, new WholeCorpus(corpus));
	}

	return corpus as TaggerCorpus;
}

/**
Tells each corpus which of its sentences a fold's sample trains on; `training` holds (source,
sentence) pairs in source order, sentences ascending within a source.
*/
export function keepTrainingSample(sources: readonly TaggerCorpus[], training: readonly number[]): void {
	const bySource: number[][] = sources.map(() => []);
	for (let pair = 0; pair < training.length; pair += 2) {
		bySource[training[pair]!]!.push(training[pair + 1]!);
	}

	for (const [source, corpus] of sources.entries()) {
		corpus.store.keep(bySource[source]!);
	}
}
