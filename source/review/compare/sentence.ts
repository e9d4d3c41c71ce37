/**
One sentence seen by both annotations: what the screen draws (both sides' entities, the
differences marked), and where the cursor can go next.
*/
import type {Corpus, Span, TagLayer} from '../../corpus/index.js';
import {pairSpans, type Difference} from './match.js';

export type SentenceComparison = {
	readonly sentence: number;
	/** The corpus's entities (the side being edited), sentence-relative. */
	readonly ours: readonly Span[];
	/** The other side's entities. */
	readonly theirs: readonly Span[];
	/** Entities both have, identical. */
	readonly agreed: readonly Span[];
	/** By first token. */
	readonly differences: readonly Difference[];
};

/** Compares one sentence; the layer must have it (`layer.has(sentence)`). */
export function compareSentence(corpus: Corpus, layer: TagLayer, sentence: number): SentenceComparison {
	const ours = corpus.decode(sentence).spans;
	const theirs = layer.decode(sentence).spans;
	return {sentence, ours, theirs, ...pairSpans(ours, theirs)};
}

/** The differences that cover token `cursor` (sentence-relative). */
export function differencesAt(comparison: SentenceComparison, cursor: number): Difference[] {
	return comparison.differences.filter(difference => difference.start <= cursor && cursor < difference.end);
}

/** The first difference starting after `cursor`, or before it for `direction` -1; undefined at the sentence's edge. */
export function nextDifference(comparison: SentenceComparison, cursor: number, direction: 1 | -1): Difference | undefined {
	const {differences} = comparison;
	return direction === 1 ? differences.find(difference => difference.start > cursor) : differences.findLast(difference => difference.start < cursor);
}
