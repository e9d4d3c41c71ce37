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
	/**
	How many sentences the list looked at: the corpus's count when it was built, fewer than the
	corpus has once more of a large file is indexed (`extendFilter` looks at the rest).
	*/
	readonly covered: number;
};

export const filterNames = ['flagged', 'unreviewed', 'problems'] as const;

/** Builds a filter; `problemSentences` are the sentences with a problem (from the checks). */
export function buildFilter(corpus: Corpus, marks: ReviewMarks | undefined, kind: FilterKind, label?: string, problemSentences?: ReadonlySet<number>): Filter {
	return {kind, label, sentences: Uint32Array.from(matchingSentences(corpus, marks, kind, label, problemSentences, 0)), covered: corpus.sentenceCount};
}

/** The filter with the sentences indexed since it was built looked at too (a label, flagged or unreviewed filter set while a large file is indexed). */
export function extendFilter(filter: Filter, corpus: Corpus, marks: ReviewMarks | undefined): Filter {
	if (filter.covered >= corpus.sentenceCount) {
		return filter;
	}

	const added = matchingSentences(corpus, marks, filter.kind, filter.label, undefined, filter.covered);
	const sentences = new Uint32Array(filter.sentences.length + added.length);
	sentences.set(filter.sentences);
	sentences.set(added, filter.sentences.length);
	return {...filter, sentences, covered: corpus.sentenceCount};
}

function matchingSentences(corpus: Corpus, marks: ReviewMarks | undefined, kind: FilterKind, label: string | undefined, problemSentences: ReadonlySet<number> | undefined, from: number): number[] {
	const matching: number[] = [];
	if (kind === 'label') {
		// Compare tag ids, not strings: a sentence matches when any of its tags has the type.
		const withType = new Uint8Array(corpus.tags.size);
		for (let id = 0; id < corpus.tags.size; id++) {
			withType[id] = corpus.tags.get(id).type === label ? 1 : 0;
		}

		for (let sentence = from; sentence < corpus.sentenceCount; sentence++) {
			const [first, end] = corpus.sentenceTokens(sentence);
			for (let token = first; token < end; token++) {
				if (withType[corpus.tagIds[token]!] === 1) {
					matching.push(sentence);
					break;
				}
			}
		}
	} else {
		for (let sentence = from; sentence < corpus.sentenceCount; sentence++) {
			const keep = kind === 'flagged' ? marks?.has(sentence, flaggedBit) === true
				: kind === 'unreviewed' ? marks?.has(sentence, reviewedBit) !== true
					: problemSentences?.has(sentence) === true;
			if (keep) {
				matching.push(sentence);
			}
		}
	}

	return matching;
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
export function describeFilter(filter: Filter, complete = true): string {
	const count = filter.sentences.length;
	// While the file is indexed, the count of the sentences read so far (`12+`), as the header counts sentences.
	return `filter ${filter.kind === 'label' ? filter.label : filter.kind}: ${count}${complete ? '' : '+'} sentence${count === 1 && complete ? '' : 's'}`;
}
