/**
The tagger (issue 12): it learns a pattern from context, decoding never yields a sequence the file's
scheme forbids, and cross-validation never predicts a sentence with a model that saw it (neither
its labels in training nor its counts in the label dictionary). In-thread and worker results agree.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {Corpus} from '../source/corpus/corpus.js';
import {indexCorpus} from '../source/corpus/index.js';
import {decodeSpans, encodeSpans, schemeNames, type Span} from '../source/corpus/scheme.js';
import {parseTag} from '../source/corpus/tags.js';
import {crossValidate, type FoldObserver} from '../source/review/tagger/cross-validate.js';
import {Decoder, type ChainScores} from '../source/review/tagger/decoder.js';
import {assignFolds, chunkSentences} from '../source/review/tagger/folds.js';
import {isValidSequence, labelSpace, labelsOfSpans, spansOfLabels} from '../source/review/tagger/labels.js';
import {allDisagreements, type TaggerResult} from '../source/review/tagger/result.js';
import {startTraining} from '../source/review/tagger/start-training.js';
import {toySentences, toyText, type ToySentence} from './helpers/toy-corpus.js';

const toyCorpus = (sentences: readonly ToySentence[]) => indexCorpus(Buffer.from(toyText(sentences)));

/** The tagger's reading of a sentence: the file's spans, with each disagreement's region replaced by the tagger's spans. */
function readingOf(result: TaggerResult, corpus: Corpus, sentence: number): string[] {
	let spans: Span[] = corpus.decode(sentence).spans;
	for (const disagreement of [...allDisagreements(result)].filter(each => each.sentence === sentence)) {
		spans = [...spans.filter(span => span.end <= disagreement.start || span.start >= disagreement.end), ...disagreement.predicted];
	}

	return spans.map(span => `${span.start}-${span.end}:${span.type}`).sort();
}

describe('the tagger learns from context', () => {
	test('held-out sentences of a toy corpus are read right, and a wrong label is suggested away', () => {
		const sentences = toySentences(300);
		// Sentence 10 gets a place nobody has seen, left unlabelled; sentence 20 a person labelled as a place.
		sentences[10] = [['the', 'O'], ['report', 'O'], ['went', 'O'], ['to', 'O'], ['Quito', 'O'], ['.', 'O']];
		sentences[20] = [['Mr', 'O'], ['Walker', 'B-LOC'], ['said', 'O'], ['.', 'O']];
		const corpus = toyCorpus(sentences);
		const result = crossValidate(corpus, [], {folds: 3, epochs: 4});
		assert.ok(result.heldOutAccuracy > 0.97, `held-out accuracy ${result.heldOutAccuracy}`);
		const unseen = [...allDisagreements(result)].find(each => each.sentence === 10);
		assert.deepEqual(unseen?.predicted, [{start: 4, end: 5, type: 'LOC'}], 'an unseen word after "to" is read as a place');
		const swapped = [...allDisagreements(result)].find(each => each.sentence === 20);
		assert.deepEqual(swapped?.predicted, [{start: 1, end: 2, type: 'PER'}]);
		assert.ok(swapped.confidence > 0.5 && swapped.doubt > 0.5, `confidence ${swapped.confidence}, doubt ${swapped.doubt}`);
	});
});

/** Random scores for `types` entity types over `n` tokens. */
const chainArbitrary = fc.record({
	types: fc.integer({min: 1, max: 3}),
	n: fc.integer({min: 1, max: 9}),
	seed: fc.integer(),
}).map(({types, n, seed}) => {
	let state = seed >>> 0;
	const next = () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return ((state / 4_294_967_296) * 10) - 5;
	};

	const space = labelSpace(Array.from({length: types}, (_, index) => `T${index}`));
	const size = space.size;
	const fill = (length: number) => Float32Array.from({length}, next);
	const chain: ChainScores = {transitions: fill(size * size), first: fill(size), last: fill(size)};
	return {space, n, emissions: fill(n * size), chain};
});

describe('decoding', () => {
	test('the best sequence is valid, and written in any scheme it breaks no rule and keeps its entities', () => {
		fc.assert(fc.property(chainArbitrary, ({space, n, emissions, chain}) => {
			const labels = new Int32Array(n);
			new Decoder(space).viterbi(emissions, n, chain, labels);
			assert.ok(isValidSequence(space, labels, n), `invalid: ${[...labels].join(' ')}`);
			const spans = spansOfLabels(labels, n, space.types);
			for (const scheme of schemeNames) {
				const decoded = decodeSpans(encodeSpans(spans, n, scheme).map(tag => parseTag(tag)), scheme);
				assert.deepEqual(decoded.invalid, [], scheme);
				if (scheme !== 'IO') {
					// IO cannot separate two adjacent entities of one type; every other scheme keeps them.
					assert.deepEqual(decoded.spans, spans, scheme);
				}
			}
		}), {seed: 12, numRuns: 300});
	});

	test('Viterbi finds the best valid sequence (against every sequence of a short sentence)', () => {
		fc.assert(fc.property(chainArbitrary.filter(({n, space}) => space.size ** n <= 20_000), ({space, n, emissions, chain}) => {
			const labels = new Int32Array(n);
			const best = new Decoder(space).viterbi(emissions, n, chain, labels);
			let top = Number.NEGATIVE_INFINITY;
			const candidate = new Int32Array(n);
			const score = () => {
				let total = chain.first[candidate[0]!]! + chain.last[candidate[n - 1]!]!;
				for (let i = 0; i < n; i++) {
					total += emissions[(i * space.size) + candidate[i]!]!;
					if (i > 0) {
						total += chain.transitions[(candidate[i]! * space.size) + candidate[i - 1]!]!;
					}
				}

				return total;
			};

			const visit = (position: number) => {
				if (position === n) {
					if (isValidSequence(space, candidate, n)) {
						top = Math.max(top, score());
					}

					return;
				}

				for (let label = 0; label < space.size; label++) {
					candidate[position] = label;
					visit(position + 1);
				}
			};

			visit(0);
			assert.ok(Math.abs(best - top) < 1e-3, `viterbi ${best}, best ${top}`);
		}), {seed: 13, numRuns: 100});
	});

	test('label probabilities sum to one and give nothing to an invalid label', () => {
		fc.assert(fc.property(chainArbitrary, fc.double({min: 0.5, max: 20, noNaN: true}), ({space, n, emissions, chain}, temperature) => {
			const marginals = new Float64Array(n * space.size);
			new Decoder(space).marginals(emissions, n, chain, temperature, marginals);
			for (let i = 0; i < n; i++) {
				let total = 0;
				for (let label = 0; label < space.size; label++) {
					total += marginals[(i * space.size) + label]!;
				}

				assert.ok(Math.abs(total - 1) < 1e-6, `row ${i} sums to ${total}`);
			}

			for (let label = 0; label < space.size; label++) {
				if (space.allowedFirst[label] === 0) {
					assert.equal(marginals[label], 0, 'an entity cannot start inside');
				}
			}
		}), {seed: 14, numRuns: 200});
	});

	test('spans survive the trip through labels', () => {
		const types = ['LOC', 'PER'];
		const spans = [{start: 0, end: 2, type: 'PER'}, {start: 2, end: 3, type: 'PER'}, {start: 4, end: 7, type: 'LOC'}];
		const labels = new Int32Array(8);
		labelsOfSpans(spans, 8, new Map(types.map((type, index) => [type, index])), labels);
		assert.deepEqual(spansOfLabels(labels, 8, types), spans);
	});
});

describe('cross-validation', () => {
	test('no sentence is predicted by a model that trained on it; references train every model and are never predicted', () => {
		const corpus = toyCorpus(toySentences(200, 3));
		const reference = toyCorpus(toySentences(40, 4));
		const trained = new Set<string>();
		const predicted = new Map<number, number>();
		let referenceTrainings = 0;
		const observer: FoldObserver = {
			trained(fold, source, sentence) {
				if (source === 0) {
					trained.add(`${fold}:${sentence}`);
				} else {
					referenceTrainings++;
				}
			},
			predicted(fold, sentence) {
				assert.ok(!predicted.has(sentence), `sentence ${sentence} predicted twice`);
				predicted.set(sentence, fold);
			},
		};
		const result = crossValidate(corpus, [reference], {folds: 4, epochs: 1, observer});
		assert.equal(result.folds, 4);
		assert.equal(predicted.size, corpus.sentenceCount, 'every sentence is predicted');
		for (const [sentence, fold] of predicted) {
			assert.ok(!trained.has(`${fold}:${sentence}`), `sentence ${sentence} was in its own model's training data`);
		}

		// Every sentence trains every model but its own: the folds are used, not thrown away.
		assert.equal(trained.size, corpus.sentenceCount * 3);
		assert.equal(referenceTrainings, reference.sentenceCount * 4);
	});

	test('a sentence\'s own labels never reach the model that reads it (training data nor label counts)', () => {
		const sentences = toySentences(150, 5);
		// Sentence 7 holds words found nowhere else, so only a leak of its own labels could teach them.
		sentences[7] = [['Zyx', 'O'], ['qwv', 'O'], ['Plk', 'O'], ['said', 'O'], ['.', 'O']];
		const corpus = toyCorpus(sentences);
		const folds = assignFolds(corpus.sentenceCount, 3, 12);
		const changed = sentences.map(sentence => [...sentence]);
		changed[7] = [['Zyx', 'B-PER'], ['qwv', 'B-LOC'], ['Plk', 'B-ORG'], ['said', 'O'], ['.', 'O']];
		const other = toyCorpus(changed);
		const options = {folds: 3, epochs: 2, seed: 12};
		const before = crossValidate(corpus, [], options);
		const after = crossValidate(other, [], options);
		assert.deepEqual(readingOf(after, other, 7), readingOf(before, corpus, 7), 'the reading of the changed sentence is the same');
		// Sentences of other folds did see sentence 7 (in training and in counts): the test can fail.
		const elsewhere = Array.from({length: corpus.sentenceCount}, (_, sentence) => sentence).filter(sentence => folds[sentence] !== folds[7]);
		assert.ok(elsewhere.length > 0);
	});

	test('a file too large to train on whole trains each model on a sample and still predicts every sentence', () => {
		const corpus = toyCorpus(toySentences(600, 21));
		const trained = new Map<number, number>();
		const predicted = new Set<number>();
		const result = crossValidate(corpus, [], {
			maxTrainingTokens: 1500,
			epochs: 1,
			observer: {
				trained(fold) {
					trained.set(fold, (trained.get(fold) ?? 0) + 1);
				},
				predicted(_fold, sentence) {
					predicted.add(sentence);
				},
			},
		});
		assert.equal(predicted.size, corpus.sentenceCount);
		assert.ok(result.trainingTokens < 2000, `about 1500 training tokens per model, got ${result.trainingTokens}`);
		for (const count of trained.values()) {
			assert.ok(count < corpus.sentenceCount / 3, `a sample, not ${count} sentences`);
		}
	});

	test('folds are balanced chunks that do not depend on the labels', () => {
		const folds = assignFolds(1000, 5, 1);
		const sizes = [0, 0, 0, 0, 0];
		for (const fold of folds) {
			sizes[fold]!++;
		}

		// Whole chunks are dealt round: sizes differ by a chunk at most, plus the last, partial chunk.
		assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 2 * chunkSentences, `fold sizes ${sizes.join(', ')}`);
		for (let sentence = 1; sentence < folds.length; sentence++) {
			if (sentence % chunkSentences !== 0) {
				assert.equal(folds[sentence], folds[sentence - 1], 'a chunk stays in one fold');
			}
		}

		assert.deepEqual(assignFolds(1000, 5, 1), folds, 'seeded');
	});
});

describe('training in a worker thread', () => {
	test('gives what the same training gives in this thread, with progress along the way', async () => {
		const corpus = toyCorpus(toySentences(120, 9));
		const options = {folds: 3, epochs: 2};
		const progress: number[] = [];
		const handle = startTraining(corpus, [], {...options, onProgress: each => progress.push(each.done)});
		const fromWorker = await handle.result;
		const here = crossValidate(corpus, [], options);
		assert.ok(fromWorker !== undefined);
		assert.deepEqual(fromWorker.disagreements, here.disagreements);
		assert.deepEqual([...fromWorker.goldProbability], [...here.goldProbability]);
		assert.equal(fromWorker.temperature, here.temperature);
		assert.ok(progress.length > 0 && progress.at(-1) === 1, `progress ${progress.join(' ')}`);
	});

	test('cancelling ends the worker and the result is undefined', async () => {
		const handle = startTraining(toyCorpus(toySentences(2000, 11)), [], {folds: 5, epochs: 20});
		handle.cancel();
		assert.equal(await handle.result, undefined);
	});
});
