/** The tagger's part of the ranked queue: its disagreements, scored with the corpus's counts. */
import type {Span, Words} from '../../corpus/index.js';
import {disagreementAt, type Disagreement, type TaggerResult} from '../tagger/result.js';
import {describeSpans, probability} from './describe.js';
import {addToList, stepSize} from './draft.js';
import type {Suggestion} from './entry.js';
import type {EntryColumns} from './ranked-entry.js';
import {countLogOdds, countsOf, logit, placeEvidence, sigmoid, type CountSource} from './evidence.js';

/**
The tagger's disagreements: each one merges into a check's row that covers the same tokens (the
tagger's reading becomes that row's suggestion), or becomes a row of its own, added to `columns`. A
noisy file can have hundreds of thousands: all are scored, only the `limit` most suspicious become rows.
*/
export function * modelEntries(columns: EntryColumns, tagger: TaggerResult, indexes: readonly CountSource[], limit: number): Generator<void, void> {
	const {corpus} = columns;
	// The checks' rows (all rows so far, but the invalid tags') by sentence.
	const checksBySentence = new Map<number, number[]>();
	// Indexed loops: each runs once over up to hundreds of thousands of items, unoptimized, where
	// `for of` makes an object per item (and `entries()` a pair).
	for (let row = 0; row < columns.length; row++) {
		if (!columns.isInvalidTag(row)) {
			addToList(checksBySentence, columns.sentence[row]!, row);
		}
	}

	// By sentence, so each sentence's texts and spans are read once and not kept.
	const {count} = tagger.disagreements;
	const order = Uint32Array.from({length: count}, (_, index) => index).sort((a, b) => tagger.disagreements.sentence[a]! - tagger.disagreements.sentence[b]! || a - b);
	const scores = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
	let current: {sentence: number; texts: Words; spans: readonly Span[]} | undefined;
	const read = (sentence: number) => {
		if (current?.sentence !== sentence) {
			current = {sentence, texts: corpus.sentenceWords(sentence), spans: corpus.decode(sentence).spans};
		}

		return current;
	};

	for (let step = 0; step < count; step++) {
		if (step % stepSize === stepSize - 1) {
			yield;
		}

		const index = order[step]!;
		const disagreement = disagreementAt(tagger, index);
		const {texts, spans} = read(disagreement.sentence);
		const gold = spansWithin(spans, disagreement);
		if (sameSpans(gold, disagreement.predicted)) {
			// The file says now what the tagger reads: edited after the worker read it (it reads the whole of a
			// small file at once, and an edit then does not start it again). Nothing to doubt or suggest.
			continue;
		}

		const overlapping = (checksBySentence.get(disagreement.sentence) ?? []).filter(row => columns.start[row]! < disagreement.end && disagreement.start < columns.endInSentence(row));
		if (overlapping.length > 0) {
			// The tagger's reading replaces the counts' only over the very tokens of the check and when it is surer: the
			// reason names the counts' string and type, which a wider or less sure reading contradicted (QA: 12
			// characters labelled TITLE at 0.14 for a 5-character string TITLE in 93 of 94; `"Texas" is ORG here but
			// LOC in 7 of 8` suggesting O at 0.33). With no suggestion of the counts', the tagger's is the one there is.
			const fromModel = modelSuggestion(disagreement, gold);
			for (const row of overlapping) {
				const counts = columns.suggested[row];
				const sameTokens = columns.start[row] === disagreement.start && columns.endInSentence(row) === disagreement.end;
				if (counts === undefined || (sameTokens && fromModel.confidence > counts.confidence)) {
					columns.suggested[row] = fromModel;
				}
			}

			continue;
		}

		// Ties are broken by how sure the tagger is of its own reading: a doubt at the cap (1 - 1/400) with no
		// counts to tell places apart left tens of entries at one score, in file order, a reading at 0.15 above
		// one at 0.99 (QA). A thousandth of its log-odds moves nothing else.
		scores[index] = logit(disagreement.doubt) + regionCountLogOdds(disagreement, gold, texts, indexes) + (tieBreak * logit(disagreement.confidence));
	}

	const threshold = count > limit ? [...scores].sort((a, b) => b - a)[limit - 1]! : Number.NEGATIVE_INFINITY;
	let added = 0;
	for (let step = 0; step < count; step++) {
		if (step % stepSize === stepSize - 1) {
			yield;
		}

		const index = order[step]!;
		if (scores[index] === Number.NEGATIVE_INFINITY || scores[index]! < threshold || added >= limit) {
			continue;
		}

		const disagreement = disagreementAt(tagger, index);
		const {texts, spans} = read(disagreement.sentence);
		const gold = spansWithin(spans, disagreement);
		added++;
		columns.add({
			sentence: disagreement.sentence,
			start: disagreement.start,
			end: disagreement.end,
			kind: 'model-disagreement',
			problemCount: 0,
			score: sigmoid(scores[index]!),
			reason: `the tagger reads ${describeSpans(disagreement.predicted, texts)} (${probability(disagreement.confidence)}), not ${describeSpans(gold, texts)}`,
			suggestion: modelSuggestion(disagreement, gold),
		});
	}
}

const tieBreak = 1e-3;

/** Whether two lists of entities in file order are the same entities. */
function sameSpans(some: readonly Span[], others: readonly Span[]): boolean {
	return some.length === others.length && some.every((span, index) => span.start === others[index]!.start && span.end === others[index]!.end && span.type === others[index]!.type);
}

/** The file's entities within a region (now: the file may have been edited since the tagger read it). */
function spansWithin(spans: readonly Span[], region: {start: number; end: number}): Span[] {
	return spans.filter(span => span.start >= region.start && span.end <= region.end);
}

/**
What the corpus says about a disagreement's strings: for each of the file's entities in it, and
each entity the tagger reads over tokens the file leaves unlabelled, how the same string is
labelled elsewhere; the strongest evidence against the file counts.
*/
function regionCountLogOdds(disagreement: Disagreement, gold: readonly Span[], texts: Words, indexes: readonly CountSource[]): number {
	let strongest = Number.NEGATIVE_INFINITY;
	const consider = (start: number, end: number, type: string | undefined) => {
		const {against, forIt} = placeEvidence(countsOf(texts.slice(start, end).join(' '), indexes), type);
		strongest = Math.max(strongest, countLogOdds(against, forIt));
	};

	for (const span of gold) {
		consider(span.start, span.end, span.type);
	}

	for (const span of disagreement.predicted) {
		if (!gold.some(each => each.start < span.end && span.start < each.end)) {
			consider(span.start, span.end, undefined);
		}
	}

	return Number.isFinite(strongest) ? strongest : 0;
}

function modelSuggestion(disagreement: Disagreement, gold: readonly Span[]): Omit<Suggestion, 'changes'> {
	return {
		start: disagreement.start,
		end: disagreement.end,
		from: gold,
		to: disagreement.predicted,
		confidence: disagreement.confidence,
		source: 'model',
	};
}

