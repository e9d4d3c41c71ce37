/**
A Corpus handed to another thread: the bytes shared (a SharedArrayBuffer, never copied), the small
index arrays and the tag texts copied as they are at that moment. The worker builds a Corpus view
over them, so it reads tokens and decodes spans with the same code as the main thread, while the
main thread goes on editing its own tag ids.
*/
import {Corpus, CorpusIndex} from './corpus.js';
import type {Format} from './format.js';

export type CorpusSnapshot = {
	/** The file's bytes; shared when the corpus was read into shared memory (see sharedBytes). */
	readonly buffer: SharedArrayBuffer | ArrayBuffer;
	readonly byteOffset: number;
	readonly byteLength: number;
	readonly format: Format;
	/** Tag texts by id, so the view interns them to the same ids. */
	readonly tagTexts: readonly string[];
	readonly tagIds: Uint8Array | Uint16Array;
	readonly tokenCount: number;
	readonly sentenceCount: number;
	readonly sentenceStart: Uint32Array<ArrayBuffer>;
	readonly sentenceLine: Uint32Array<ArrayBuffer>;
	readonly sentenceOffset: Uint32Array<ArrayBuffer>;
};

/**
The bytes in shared memory: the same Buffer when it already is, otherwise one copy (a caller that
reads the file with `readCorpusBytes(file, {shared: true})` avoids it).
*/
export function sharedBytes(bytes: Buffer): Buffer {
	if (bytes.buffer instanceof SharedArrayBuffer) {
		return bytes;
	}

	const shared = Buffer.from(new SharedArrayBuffer(bytes.length));
	bytes.copy(shared);
	return shared;
}

/**
A snapshot of the corpus as it is now. The index arrays are copied (a byte or two a token), the
bytes are not when they are shared: their buffer goes by reference to the other thread. `bytes`
replaces the corpus's own when they were copied into shared memory (same content).
*/
export function snapshotOf(corpus: Corpus, bytes = corpus.bytes): CorpusSnapshot {
	const tagTexts: string[] = [];
	for (let id = 0; id < corpus.tags.size; id++) {
		tagTexts.push(corpus.tags.text(id));
	}

	const sentences = corpus.sentenceCount;
	return {
		buffer: bytes.buffer as SharedArrayBuffer | ArrayBuffer,
		byteOffset: bytes.byteOffset,
		byteLength: bytes.length,
		format: corpus.format,
		tagTexts,
		tagIds: corpus.tagIds.slice(0, corpus.tokenCount),
		tokenCount: corpus.tokenCount,
		sentenceCount: sentences,
		sentenceStart: corpus.sentenceStart.slice(0, sentences + 1),
		sentenceLine: corpus.sentenceLine.slice(0, sentences),
		sentenceOffset: corpus.sentenceOffset.slice(0, sentences),
	};
}

/** A read-only Corpus over a snapshot (in the worker): nothing of the bytes is copied. */
export function corpusFromSnapshot(snapshot: CorpusSnapshot): Corpus {
	const bytes = Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
	const index = new CorpusIndex(snapshot.format);
	index.tagIds = snapshot.tagIds;
	index.tokenCount = snapshot.tokenCount;
	index.sentenceCount = snapshot.sentenceCount;
	index.sentenceStart = snapshot.sentenceStart;
	index.sentenceLine = snapshot.sentenceLine;
	index.sentenceOffset = snapshot.sentenceOffset;
	index.complete = true;
	const corpus = new Corpus(bytes, index);
	for (const text of snapshot.tagTexts) {
		corpus.tags.intern(text);
	}

	return corpus;
}
