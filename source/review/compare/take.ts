/**
Taking the other side's answer, as tag changes in the corpus's own scheme (planSpans: the fewest
tags changed, the file's irregular tags elsewhere left alone). Each plan is one undoable edit.
Edits go to the corpus only; the other side is read-only.
*/
import {planSpans, type Corpus, type Span, type TagChange, type TagLayer, type TokenRange} from '../../corpus/index.js';
import {compareSentence, differencesAt} from './sentence.js';

function overlapsRange(span: Span, range: TokenRange): boolean {
	return span.start < range.end && range.start < span.end;
}

/**
Takes the other side's entities where the sides differ at token `cursor` (sentence-relative): the
differences covering it, widened to every entity of either side that overlaps them, so that after
the edit the corpus says there what the other side says. No change where the sides agree.
*/
export function planTakeAt(corpus: Corpus, layer: TagLayer, sentence: number, cursor: number): TagChange[] {
	const comparison = compareSentence(corpus, layer, sentence);
	const at = differencesAt(comparison, cursor);
	if (at.length === 0) {
		return [];
	}

	let start = Math.min(...at.map(difference => difference.start));
	let end = Math.max(...at.map(difference => difference.end));
	const all = [...comparison.ours, ...comparison.theirs];
	for (let widened = true; widened;) {
		widened = false;
		for (const span of all) {
			if (overlapsRange(span, {start, end}) && (span.start < start || span.end > end)) {
				start = Math.min(start, span.start);
				end = Math.max(end, span.end);
				widened = true;
			}
		}
	}

	const region = {start, end};
	const desired = [...comparison.ours.filter(span => !overlapsRange(span, region)), ...comparison.theirs.filter(span => overlapsRange(span, region))];
	return planSpans(corpus, sentence, desired, region);
}

/** Takes the other side's entities for the whole sentence. */
export function planTakeSentence(corpus: Corpus, layer: TagLayer, sentence: number): TagChange[] {
	return planSpans(corpus, sentence, layer.decode(sentence).spans, {start: 0, end: corpus.sentenceLength(sentence)});
}
