/**
Sentence filters: only the sentences that contain a label, that are flagged, not yet reviewed,
or have a problem. A filter is computed once into a sorted list of sentence indices, which
navigation then walks.
*/
import {firstAtOrAfter, type Corpus} from '../corpus/index.js';
import {flaggedBit, reviewedBit, type ReviewMarks} from './marks.js';

export type FilterKind = 'label' | 'flagged' | 'unreviewed' | 'problems';

export type Filter = {
	readonly kind: FilterKind;
	/** The entity type, for `label`. */
	readonly label?: string;
	/** Matching sentences, ascending. */
	readonly sentences: Uint32Array;
	/** The screen's revision (tags and marks) the list was built at: a later edit or mark can change it. */
	readonly revision?: number;
};

export const filterNames = ['flagged', 'unreviewed', 'problems'] as const;

/** Builds a filter; `problemSentences` are the sentences with a problem (from the checks). */
export function buildFilter(corpus: Corpus, marks: ReviewMarks | undefined, kind: FilterKind, label?: string, problemSentences?: ReadonlySet<number>): Filter {
	const matching: number[] = [];
	if (kind === 'label') {
		// Compare tag ids, not strings: a sentence matches when any of its tags has the type.
		const withType = new Uint8Array(corpus.tags.size);
		for (let id = 0; id < corpus.tags.size; id++) {
			withType[id] = corpus.tags.get(id).type === label ? 1 : 0;
		}

		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			const [first, end] = corpus.sentenceTokens(sentence);
			for (let token = first; token < end; token++) {
				if (withType[corpus.tagIds[token]!] === 1) {
					matching.push(sentence);
					break;
				}
			}
		}
	} else {
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			const keep = kind === 'flagged' ? marks?.has(sentence, flaggedBit) === true
				: kind === 'unreviewed' ? marks?.has(sentence, reviewedBit) !== true
					: problemSentences?.has(sentence) === true;
			if (keep) {
				matching.push(sentence);
			}
		}
	}

	return {kind, label, sentences: Uint32Array.from(matching)};
}

/** Index in the filter of its first sentence at or after `sentence` (a binary search: a filter can hold 100,000s). */
export function positionInFilter(sentences: Uint32Array, sentence: number): number {
	return firstAtOrAfter(sentences, sentences.length, sentence);
}

/** Whether the filter shows `sentence`. */
export function inFilter(filter: Filter, sentence: number): boolean {
	return filter.sentences[positionInFilter(filter.sentences, sentence)] === sentence;
}

/** The next (direction 1) or previous (-1) sentence of the filter after `from`, or undefined at the end. */
export function stepInFilter(filter: Filter, from: number, steps: number): number | undefined {
	const {sentences} = filter;
	if (sentences.length === 0) {
		return undefined;
	}

	const low = positionInFilter(sentences, from);

	const onFilter = low < sentences.length && sentences[low] === from;
	const index = steps > 0 ? (onFilter ? low : low - 1) + steps : low + steps;
	const clamped = Math.max(0, Math.min(sentences.length - 1, index));
	return sentences[clamped];
}

/** A short description for the header: `filter flagged: 12 sentences`. */
export function describeFilter(filter: Filter): string {
	const count = filter.sentences.length;
	return `filter ${filter.kind === 'label' ? filter.label : filter.kind}: ${count} sentence${count === 1 ? '' : 's'}`;
}
