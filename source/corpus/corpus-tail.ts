/**
The sentences of a fully indexed corpus from one of them to the end, as plain buffers another
thread can be handed (moved, not cloned) and read as a corpus of their own: a copy of their bytes
(from the line of the first one), their tag ids, their sentence arrays made relative to the
copy, and the tag table as each tag's bytes, so the other side gets the same tag ids. Tokens and
sentences are numbered from the first one there; lines keep their numbers in the file. What
`check` and `stats` hand the worker that matches a large corpus's second half
(source/review/parallel-occurrences.ts). A copy, not shared memory: Node's native calls on a
Buffer over a SharedArrayBuffer (indexOf, which the indexer makes at every line) cost enough
that indexing a 10M-token file took 40% longer.

The tagger's worker gets a corpus another way (snapshot.ts): the index without the bytes, which
it asks for in windows while it trains for minutes. This worker reads its sentences once, at
once, so it is given them whole, as a Corpus the analysis's own reader can read; and its tags go
by their bytes, not parsed, because two tags whose bytes differ can have the same text.
*/
import {Corpus, CorpusIndex} from './corpus.js';
import type {Format} from './format.js';

export type CorpusTail = {
	/** The sentence of the corpus this one starts at, and its first token. */
	readonly firstSentence: number;
	readonly firstToken: number;
	readonly bytes: Uint8Array<ArrayBuffer>;
	readonly format: Format;
	/** Each tag's bytes, by id. */
	readonly tags: readonly Uint8Array[];
	readonly tagIds: Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
	readonly sentenceStart: Uint32Array<ArrayBuffer>;
	readonly sentenceLine: Uint32Array<ArrayBuffer>;
	readonly sentenceOffset: Uint32Array<ArrayBuffer>;
};

/** Sentences `from` to the end of `corpus` (fully indexed), copied. */
export function corpusTail(corpus: Corpus, from: number): CorpusTail {
	if (!corpus.complete || from < 0 || from >= corpus.sentenceCount) {
		throw new Error(`no tail of ${corpus.sentenceCount} sentences starts at sentence ${from}${corpus.complete ? '' : ' (still indexing)'}`);
	}

	const tags: Uint8Array[] = [];
	for (let id = 0; id < corpus.tags.size; id++) {
		// A copy of its own: a view is posted with the whole buffer under it.
		tags.push(new Uint8Array(corpus.tags.bytes(id)));
	}

	const count = corpus.sentenceCount;
	const base = corpus.sentenceOffset[from]!;
	const firstToken = corpus.sentenceStart[from]!;
	const sentenceStart = corpus.sentenceStart.slice(from, count + 1);
	const sentenceOffset = corpus.sentenceOffset.slice(from, count);
	for (let i = 0; i < sentenceStart.length; i++) {
		sentenceStart[i]! -= firstToken;
	}

	for (let i = 0; i < sentenceOffset.length; i++) {
		sentenceOffset[i]! -= base;
	}

	return {
		firstSentence: from,
		firstToken,
		// Uint8Array's slice, which copies (Buffer's is a view, and moving its buffer would take the corpus's).
		bytes: Uint8Array.prototype.slice.call(corpus.bytes, base),
		format: corpus.format,
		tags,
		tagIds: corpus.tagIds.slice(firstToken, corpus.tokenCount),
		sentenceStart,
		sentenceLine: corpus.sentenceLine.slice(from, count),
		sentenceOffset,
	};
}

/** The buffers of a tail, to move it to another thread rather than clone it. */
export function corpusTailBuffers(tail: CorpusTail): ArrayBuffer[] {
	return [tail.bytes, tail.tagIds, tail.sentenceStart, tail.sentenceLine, tail.sentenceOffset].map(array => array.buffer);
}

/** A read-only Corpus of a tail's sentences, with the corpus's tag ids. */
export function corpusFromTail(tail: CorpusTail): Corpus {
	const index = new CorpusIndex(tail.format);
	index.tagIds = tail.tagIds;
	index.tokenCount = tail.tagIds.length;
	index.sentenceCount = tail.sentenceOffset.length;
	index.sentenceStart = tail.sentenceStart;
	index.sentenceLine = tail.sentenceLine;
	index.sentenceOffset = tail.sentenceOffset;
	index.complete = true;
	const {bytes} = tail;
	const corpus = new Corpus(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), index);
	for (const [id, tag] of tail.tags.entries()) {
		if (corpus.tags.internBytes(tag, 0, tag.length) !== id) {
			throw new Error(`tag ${id} of the corpus came back with another id`);
		}
	}

	return corpus;
}
