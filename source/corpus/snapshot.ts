/**
A corpus's index handed to another thread, without its bytes and its tag ids: the sentence arrays
copied as they are (8 bytes a sentence) and the parsed tags. The other thread reads it through a
SnapshotIndex. The bytes and the tag ids stay with the main thread: a 100 MB file and its 10M tag
ids are not copied (the tagger's worker asks for sentence-aligned windows of both:
source/review/tagger/window-channel.ts). A worker that reads some sentences once and at once gets
them whole instead (corpus-tail.ts).
*/
import type {Corpus} from './corpus.js';
import type {Format} from './format.js';
import type {ParsedTag} from './tags.js';

export type CorpusSnapshot = {
	readonly format: Format;
	/** The parsed tags by id, as the corpus's tag table holds them. */
	readonly tags: readonly ParsedTag[];
	readonly tokenCount: number;
	readonly sentenceCount: number;
	readonly sentenceStart: Uint32Array<ArrayBuffer>;
	readonly sentenceOffset: Uint32Array<ArrayBuffer>;
	/** The length of the bytes the offsets point into. */
	readonly byteLength: number;
};

/** A snapshot of the corpus's index as it is now: fresh copies of the used part, for another thread. */
export function snapshotOf(corpus: Corpus): CorpusSnapshot {
	const tags: ParsedTag[] = [];
	for (let id = 0; id < corpus.tags.size; id++) {
		tags.push(corpus.tags.get(id));
	}

	const sentences = corpus.sentenceCount;
	return {
		format: corpus.format,
		tags,
		tokenCount: corpus.tokenCount,
		sentenceCount: sentences,
		sentenceStart: corpus.sentenceStart.slice(0, sentences + 1),
		sentenceOffset: corpus.sentenceOffset.slice(0, sentences),
		byteLength: corpus.bytes.length,
	};
}

/** A read-only index over a snapshot: what a Corpus says about its sentences and tag table. */
export class SnapshotIndex {
	readonly tags: SnapshotTags;
	readonly format: Format;
	readonly tokenCount: number;
	readonly sentenceCount: number;
	readonly sentenceStart: Uint32Array;
	readonly sentenceOffset: Uint32Array;
	readonly byteLength: number;

	constructor(snapshot: CorpusSnapshot) {
		({format: this.format, tokenCount: this.tokenCount, sentenceCount: this.sentenceCount, sentenceStart: this.sentenceStart, sentenceOffset: this.sentenceOffset, byteLength: this.byteLength} = snapshot);
		this.tags = new SnapshotTags(snapshot.tags);
	}

	sentenceLength(sentence: number): number {
		return this.sentenceStart[sentence + 1]! - this.sentenceStart[sentence]!;
	}
}

/** The tag table of a snapshot: read-only, with the corpus's ids. */
export class SnapshotTags {
	constructor(private readonly parsed: readonly ParsedTag[]) {}

	get size(): number {
		return this.parsed.length;
	}

	get(id: number): ParsedTag {
		return this.parsed[id]!;
	}
}
