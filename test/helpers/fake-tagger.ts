/**
A tagger result as the worker would give it, made by hand: the queue's and the screen's tests rank
with the doubts and disagreements they need, without training a model.
*/
import type {Corpus} from '../../source/corpus/corpus.js';
import {labelsOfSpans} from '../../source/review/tagger/labels.js';
import {DisagreementWriter, encodeProbability, type Disagreement, type TaggerResult} from '../../source/review/tagger/result.js';

export const fakeTaggerTypes = ['LOC', 'MISC', 'ORG', 'PER'];

/** Every label believed (0.99) except where `doubts` (token -> doubt) says; `disagreements` as the folds found them. */
export function fakeTagger(corpus: Corpus, doubts: ReadonlyMap<number, number>, disagreements: Disagreement[] = []): TaggerResult {
	const types = fakeTaggerTypes;
	const table = new DisagreementWriter();
	for (const disagreement of disagreements) {
		const labels = new Int32Array(corpus.sentenceLength(disagreement.sentence));
		labelsOfSpans(disagreement.predicted, labels.length, new Map(types.map((type, index) => [type, index])), labels);
		table.add(disagreement.sentence, disagreement.start, disagreement.end, labels, disagreement.confidence, disagreement.doubt);
	}

	const goldProbability = new Uint8Array(corpus.tokenCount).fill(encodeProbability(0.99));
	for (const [token, doubt] of doubts) {
		goldProbability[token] = encodeProbability(1 - doubt);
	}

	return {
		types,
		goldProbability,
		sentenceDoubt: new Float32Array(corpus.sentenceCount),
		disagreements: table.finish(),
		temperature: 1,
		folds: 5,
		trainingTokens: 0,
		heldOutAccuracy: 1,
		milliseconds: 0,
		phaseMilliseconds: {counting: 0, training: 0, calibrating: 0, predicting: 0},
	};
}
