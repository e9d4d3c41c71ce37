/**
Whether a sentence carries the very same tag texts on both sides, read from the tag ids alone (no
decoding): the fast answer for most sentences of two annotations that mostly agree. Same tags in
one scheme mean the same entities; only the other sentences need decoding.
*/
import type {Corpus, TagLayer} from '../../corpus/index.js';

export class SameTags {
	/** The layer's tag id -> the corpus's id for the same text, -1 for none, -2 not looked up yet. */
	private corpusId = new Int32Array(0);
	/** The corpus's tag count when `corpusId` was last looked up: an edit may add the tag that was missing. */
	private corpusTags = 0;

	constructor(
		private readonly corpus: Corpus,
		private readonly layer: TagLayer,
	) {}

	/** True when both sides use one scheme and every token of the sentence has the same tag text on both. */
	in(sentence: number): boolean {
		const {corpus, layer} = this;
		if (corpus.format.scheme !== layer.scheme) {
			return false;
		}

		const [first, end] = corpus.sentenceTokens(sentence);
		for (let token = first; token < end; token++) {
			if (this.corpusIdOf(layer.tagIds[token]!) !== corpus.tagIds[token]) {
				return false;
			}
		}

		return true;
	}

	private corpusIdOf(id: number): number {
		if (this.corpus.tags.size !== this.corpusTags) {
			this.corpusTags = this.corpus.tags.size;
			this.corpusId = this.corpusId.map(known => (known === -1 ? -2 : known));
		}

		if (id >= this.corpusId.length) {
			const grown = new Int32Array(this.layer.tags.size + 16).fill(-2);
			grown.set(this.corpusId);
			this.corpusId = grown;
		}

		let known = this.corpusId[id]!;
		if (known === -2) {
			const text = this.layer.tags.text(id);
			known = -1;
			for (let candidate = 0; candidate < this.corpus.tags.size; candidate++) {
				if (this.corpus.tags.text(candidate) === text) {
					known = candidate;
					break;
				}
			}

			this.corpusId[id] = known;
		}

		return known;
	}
}
