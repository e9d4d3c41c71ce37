/**
Which sentences the two sides disagree on, for walking them with next/previous. One byte per
sentence, filled in slices as both the corpus and the layer are read (step), and refreshed for a
sentence after an edit. Most sentences are settled without decoding: when both sides use one
scheme, the same tag text on every token means the same entities; only sentences whose tags differ
are decoded and compared as entities.
*/
import type {Corpus, TagLayer} from '../../corpus/index.js';
import {sameSpans} from '../../corpus/index.js';
import {SameTags} from './same-tags.js';

const unknown = 0;
const agree = 1;
const disagree = 2;

export class Disagreements {
	/** Per sentence: unknown (not read yet), agree or disagree. */
	private state = new Uint8Array(1024);
	/** Sentences settled so far, all of them from 0. */
	private settled = 0;
	private disagreeing = 0;
	private readonly sameTags: SameTags;

	constructor(
		private readonly corpus: Corpus,
		private readonly layer: TagLayer,
	) {
		this.sameTags = new SameTags(corpus, layer);
	}

	/** Sentences known to disagree so far. */
	get count(): number {
		return this.disagreeing;
	}

	/** Every sentence of the corpus has been settled. */
	get complete(): boolean {
		return this.corpus.complete && this.layer.complete && this.settled === this.corpus.sentenceCount;
	}

	/** Settles up to `budget` more sentences (as far as both sides are read). True once complete. */
	step(budget = Number.POSITIVE_INFINITY): boolean {
		const {corpus} = this;
		this.ensureCapacity(corpus.sentenceCount);
		let left = budget;
		while (this.settled < corpus.sentenceCount && this.layer.has(this.settled) && left-- > 0) {
			this.setState(this.settled, this.differs(this.settled) ? disagree : agree);
			this.settled++;
		}

		return this.complete;
	}

	/** Whether the sides disagree on the sentence; undefined while it is not read on both sides. */
	disagrees(sentence: number): boolean | undefined {
		const state = this.state[sentence];
		return state === undefined || state === unknown ? undefined : state === disagree;
	}

	/** Settles the sentence again after an edit changed the corpus's tags in it. */
	refresh(sentence: number): void {
		if (sentence < this.settled) {
			this.setState(sentence, this.differs(sentence) ? disagree : agree);
		}
	}

	/** The next disagreeing sentence after `from` (or before it for -1), among those settled; undefined when none. */
	next(from: number, direction: 1 | -1 = 1): number | undefined {
		const {state} = this;
		for (let sentence = from + direction; sentence >= 0 && sentence < this.settled; sentence += direction) {
			if (state[sentence] === disagree) {
				return sentence;
			}
		}

		return undefined;
	}

	/** The disagreeing sentences settled so far, in order. */
	list(): number[] {
		const sentences: number[] = [];
		for (let sentence = 0; sentence < this.settled; sentence++) {
			if (this.state[sentence] === disagree) {
				sentences.push(sentence);
			}
		}

		return sentences;
	}

	private setState(sentence: number, value: number): void {
		const before = this.state[sentence];
		if (before === disagree) {
			this.disagreeing--;
		}

		if (value === disagree) {
			this.disagreeing++;
		}

		this.state[sentence] = value;
	}

	private differs(sentence: number): boolean {
		return !this.sameTags.in(sentence) && !sameSpans(this.corpus.decode(sentence).spans, this.layer.decode(sentence).spans);
	}

	private ensureCapacity(count: number): void {
		if (count > this.state.length) {
			const grown = new Uint8Array(Math.max(count, this.state.length * 2));
			grown.set(this.state);
			this.state = grown;
		}
	}
}
