/**
A corpus's bytes and tag ids in the tagger's worker, a window at a time: whole sentences, a few
megabytes of bytes, asked for when a sentence outside the window is read (the passes over the file
read sentences in file order, so each window is asked for once a pass). A fold's training sample,
read in a shuffled order for several epochs, is copied once into buffers of its own (`keep`): a
quarter of a million tokens is a few megabytes.
*/
import type {SentenceStore, SentenceView} from './tagger-corpus.js';

/** What a window holds: the bytes of its sentences' lines, and their tokens' tag ids. */
export type Window = {
	readonly bytes: Buffer;
	readonly tagIds: Uint8Array | Uint16Array;
};

/** Gets sentences `[first, end)`; `recycled` is the previous window, whose memory may be filled again. */
export type FetchWindow = (first: number, end: number, recycled: Window | undefined) => Window;

type SentenceIndex = {
	readonly sentenceCount: number;
	readonly sentenceStart: Uint32Array;
	readonly sentenceOffset: Uint32Array;
	readonly byteLength: number;
};

export class SentenceWindows implements SentenceStore {
	private readonly view: SentenceView = {bytes: Buffer.alloc(0), base: 0, tagIds: new Uint8Array(0), firstToken: 0};
	/** Sentences `[first, end)` are in the window. */
	private first = 0;
	private end = 0;
	private window: Window | undefined;
	private keptSentences = new Uint32Array(0);
	private keptByteStarts = new Uint32Array(0);
	private keptTokenStarts = new Uint32Array(0);
	private kept: Window | undefined;

	constructor(
		private readonly index: SentenceIndex,
		private readonly fetch: FetchWindow,
		/** Bytes a window holds at most, unless one sentence is longer. */
		private readonly windowBytes: number,
	) {}

	get byteLength(): number {
		return this.index.byteLength;
	}

	locate(sentence: number): SentenceView {
		const {view} = this;
		if (sentence >= this.first && sentence < this.end) {
			view.bytes = this.window!.bytes;
			view.tagIds = this.window!.tagIds;
			view.base = this.index.sentenceOffset[this.first]!;
			view.firstToken = this.index.sentenceStart[this.first]!;
			return view;
		}

		const kept = this.keptIndex(sentence);
		if (kept >= 0) {
			view.bytes = this.kept!.bytes;
			view.tagIds = this.kept!.tagIds;
			view.base = this.index.sentenceOffset[sentence]! - this.keptByteStarts[kept]!;
			view.firstToken = this.index.sentenceStart[sentence]! - this.keptTokenStarts[kept]!;
			return view;
		}

		this.load(sentence);
		return this.locate(sentence);
	}

	keep(sentences: readonly number[]): void {
		const previous = this.kept;
		this.kept = undefined;
		this.keptSentences = new Uint32Array(0);
		if (this.windowBytes >= this.index.byteLength) {
			// The one window is the whole file (a small one).
			return;
		}

		const {sentenceOffset, sentenceStart} = this.index;
		const byteStarts = new Uint32Array(sentences.length);
		const tokenStarts = new Uint32Array(sentences.length);
		let bytes = 0;
		let tokens = 0;
		for (const [i, sentence] of sentences.entries()) {
			byteStarts[i] = bytes;
			tokenStarts[i] = tokens;
			bytes += this.endOf(sentence) - sentenceOffset[sentence]!;
			tokens += sentenceStart[sentence + 1]! - sentenceStart[sentence]!;
		}

		// The next fold's sample is about as large: the memory is used again when it fits.
		const kept = {
			bytes: previous !== undefined && previous.bytes.length >= bytes ? previous.bytes : Buffer.allocUnsafeSlow(Math.ceil(bytes * 1.1)),
			tagIds: previous !== undefined && previous.tagIds.length >= tokens ? previous.tagIds : new Uint16Array(Math.ceil(tokens * 1.1)),
		};
		for (const [i, sentence] of sentences.entries()) {
			const view = this.locate(sentence);
			view.bytes.copy(kept.bytes, byteStarts[i], sentenceOffset[sentence]! - view.base, this.endOf(sentence) - view.base);
			kept.tagIds.set(view.tagIds.subarray(sentenceStart[sentence]! - view.firstToken, sentenceStart[sentence + 1]! - view.firstToken), tokenStarts[i]);
		}

		this.kept = kept;
		this.keptSentences = Uint32Array.from(sentences);
		this.keptByteStarts = byteStarts;
		this.keptTokenStarts = tokenStarts;
	}

	/** Loads the window that starts at `sentence` and holds as many whole sentences as fit. */
	private load(sentence: number): void {
		const start = this.index.sentenceOffset[sentence]!;
		// The last sentence that starts early enough to end within the window, found by bisection.
		let low = sentence + 1;
		let high = this.index.sentenceCount;
		while (low < high) {
			const middle = (low + high + 1) >>> 1;
			if (this.endOf(middle - 1) - start <= this.windowBytes) {
				low = middle;
			} else {
				high = middle - 1;
			}
		}

		const recycled = this.window;
		this.window = undefined;
		this.first = 0;
		this.end = 0;
		this.window = this.fetch(sentence, low, recycled);
		this.first = sentence;
		this.end = low;
	}

	/** Where the sentence's lines end: the next sentence's first line, or the end of the file. */
	private endOf(sentence: number): number {
		return sentence + 1 < this.index.sentenceCount ? this.index.sentenceOffset[sentence + 1]! : this.index.byteLength;
	}

	private keptIndex(sentence: number): number {
		const sentences = this.keptSentences;
		let low = 0;
		let high = sentences.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const value = sentences[middle]!;
			if (value === sentence) {
				return middle;
			}

			if (value < sentence) {
				low = middle + 1;
			} else {
				high = middle - 1;
			}
		}

		return -1;
	}
}
