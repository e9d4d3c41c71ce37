/**
Another annotation of a corpus's tokens, read-only: a second file with the same tokens (compare
mode), or another tag column of the same file (a conlleval file's predicted tags, GermEval's nested
entities). Held like the corpus's own tags, one small id per token aligned with its tokens, and
decoded only for the sentences asked: a second opinion on 10 million tokens costs 10 MB.
*/
import type {Corpus} from './corpus.js';
import {decodeSpans, type Decoded, type SchemeName} from './scheme.js';
import type {ParsedTag, TagTable} from './tags.js';

export class TagLayer {
	/** Tag id of each token read so far, in the layer's own tag table (set by its reader). */
	tagIds: Uint8Array | Uint16Array = new Uint8Array(0);
	/** Tokens read and aligned so far (a layer is read in slices, like the corpus). */
	tokenCount = 0;
	/** False while its reader is still going. */
	complete = false;

	constructor(
		readonly corpus: Corpus,
		readonly tags: TagTable,
		/** The layer's own scheme: a second file may be written in another one. */
		public scheme: SchemeName,
		/** What the layer is, for the screen and messages: the other file's name, or `column 5`. */
		readonly label: string,
		/** The tag column in the file it comes from, 0-based. */
		readonly column: number,
	) {}

	tag(token: number): ParsedTag {
		return this.tags.get(this.tagIds[token]!);
	}

	/** Whether the layer has every tag of the sentence yet (and the corpus has the sentence). */
	has(sentence: number): boolean {
		return sentence < this.corpus.sentenceCount && this.corpus.sentenceStart[sentence + 1]! <= this.tokenCount;
	}

	/** The sentence's tags in this layer, parsed. */
	sentenceTags(sentence: number): ParsedTag[] {
		const [first, end] = this.corpus.sentenceTokens(sentence);
		const tags: ParsedTag[] = [];
		for (let token = first; token < end; token++) {
			tags.push(this.tags.get(this.tagIds[token]!));
		}

		return tags;
	}

	/** The sentence's entity spans in this layer (sentence-relative), decoded in the layer's scheme. */
	decode(sentence: number): Decoded {
		return decodeSpans(this.sentenceTags(sentence), this.scheme);
	}
}
