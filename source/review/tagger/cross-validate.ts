/**
k-fold cross-validation of the tagger over the open file: each fold's sentences are predicted by a
model trained on the other folds plus the reference corpora (which are always training data and
never predicted). What comes out is, for every sentence, a reading by a model that never saw it.

Large files train on a bounded sample (`maxTrainingTokens` per model) and still predict every
sentence; the weight table is sized to a memory budget.
*/
import type {Corpus} from '../../corpus/index.js';
import {CalibrationSet, fitTemperature} from './calibration.js';
import {Decoder} from './decoder.js';
import {LabelDictionary} from './dictionary.js';
import {findDisagreements} from './disagreements.js';
import {featuresPerToken, FeatureWriter} from './features.js';
import {assignFolds, inSample} from './folds.js';
import {labelSpace} from './labels.js';
import {Perceptron} from './perceptron.js';
import {seededRandom, shuffle} from './random.js';
import {DisagreementWriter, encodeProbability, type TaggerResult} from './result.js';
import {entityTypes, SentenceReader} from './sentence-reader.js';
import {keepTrainingSample, taggerCorpus, type TaggerCorpus} from './tagger-corpus.js';

export type TrainingPhase = 'counting' | 'training' | 'predicting';

export type TrainingProgress = {
	readonly phase: TrainingPhase;
	/** 0-based fold being trained or predicted. */
	readonly fold: number;
	readonly folds: number;
	/** Share of the whole job done, 0..1. */
	readonly done: number;
};

/** Hooks for tests: which sentences each fold's model trained on and predicted. */
export type FoldObserver = {
	/** `source` 0 is the open file, 1.. the references in order. */
	trained?(fold: number, source: number, sentence: number): void;
	predicted?(fold: number, sentence: number): void;
};

export type TaggerOptions = {
	/** Folds (models) for the open file; fewer when the file is large (each model then trains on a sample anyway). */
	readonly folds?: number;
	/** Passes over the training data. */
	readonly epochs?: number;
	/** Training tokens per model at most; above it, a seeded sample of sentences. */
	readonly maxTrainingTokens?: number;
	/**
	Bytes for the weight tables (the largest part of the tagger's memory). By default 48 MB, and
	for a file large enough to be sampled, 15% of its size within 12..48 MB: at 10M tokens the
	whole app must stay within 2.5x the file.
	*/
	readonly modelBytes?: number;
	/** Disagreements kept at most, the most doubted (result.ts: defaultMaxDisagreements). */
	readonly maxDisagreements?: number;
	/** Held-out tokens kept to fit the temperature. */
	readonly calibrationTokens?: number;
	readonly seed?: number;
	readonly onProgress?: (progress: TrainingProgress) => void;
	/** Called between two sentences: the worker waits there while the reviewer types (key-gate.ts). */
	readonly betweenSentences?: () => void;
	readonly observer?: FoldObserver;
};

/** Below this many tokens (the file and its references) the tagger learns too little to doubt a label: its disagreements would be noise. */
export const minTaggerTokens = 10_000;

export const defaults = {
	folds: 5,
	epochs: 5,
	maxTrainingTokens: 250_000,
	modelBytes: 48 * 1024 * 1024,
	calibrationTokens: 20_000,
	seed: 12,
} as const;

/** Cross-validates the tagger on `main` with `references` as extra training data. */
export function crossValidate(openFile: Corpus | TaggerCorpus, referenceCorpora: ReadonlyArray<Corpus | TaggerCorpus> = [], options: TaggerOptions = {}): TaggerResult {
	const started = performance.now();
	const main = taggerCorpus(openFile);
	const references = referenceCorpora.map(corpus => taggerCorpus(corpus));
	const epochs = options.epochs ?? defaults.epochs;
	const maxTrainingTokens = options.maxTrainingTokens ?? defaults.maxTrainingTokens;
	const seed = options.seed ?? defaults.seed;
	const sources = [main, ...references];
	const types = entityTypes(sources);
	const typeIndex = new Map(types.map((type, index) => [type, index]));
	const space = labelSpace(types);
	const size = space.size;
	const referenceTokens = references.reduce((total, corpus) => total + corpus.tokenCount, 0);
	const folds = options.folds ?? foldCount(main.tokenCount, referenceTokens, maxTrainingTokens);
	const foldOf = assignFolds(main.sentenceCount, folds, seed);
	// Every phase reads its sentences through it (all but the cached training passes, below): it pauses there while the reviewer types.
	const reader = new SentenceReader(typeIndex, options.betweenSentences);
	const {betweenSentences} = options;

	const phaseMilliseconds = {counting: 0, training: 0, calibrating: 0, predicting: 0};
	let phaseStart = performance.now();
	const endPhase = (phase: keyof typeof phaseMilliseconds) => {
		const now = performance.now();
		phaseMilliseconds[phase] += now - phaseStart;
		phaseStart = now;
	};

	const report = (phase: TrainingPhase, fold: number, done: number) => {
		options.onProgress?.({phase, fold, folds, done: Math.min(1, done)});
	};

	// The label dictionary over everything; each fold takes its own held-out sentences out of it.
	report('counting', 0, 0);
	const dictionary = new LabelDictionary(types.length, dictionaryBits(main.tokenCount + referenceTokens, maxTrainingTokens));
	for (const corpus of sources) {
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			const n = reader.read(corpus, sentence, true);
			dictionary.count(reader.forms.word, reader.gold, n, 1);
		}
	}

	endPhase('counting');
	const trainableMainTokens = main.tokenCount * (folds - 1) / folds;
	const share = Math.min(1, maxTrainingTokens / Math.max(1, trainableMainTokens + referenceTokens));
	// A file too large to train on whole is trained on a sample, and must also keep its memory down.
	const sampled = share < 1;
	const modelBytes = options.modelBytes ?? (sampled ? Math.min(defaults.modelBytes, Math.max(12 * 1024 * 1024, 0.15 * main.store.byteLength)) : defaults.modelBytes);
	const bucketBits = weightBucketBits(modelBytes, size, Math.min(maxTrainingTokens, trainableMainTokens + referenceTokens));
	const model = new Perceptron(size, 1 << bucketBits);
	const writer = new FeatureWriter((1 << bucketBits) - 1, size);
	const decoder = new Decoder(space);
	let temperature = 1;
	let emissions = new Float32Array(256 * size);
	let marginals = new Float64Array(256 * size);
	let predicted = new Int32Array(256);
	const reserve = (n: number) => {
		if (predicted.length < n) {
			predicted = new Int32Array(n * 2);
			emissions = new Float32Array(n * 2 * size);
			marginals = new Float64Array(n * 2 * size);
		}
	};

	const goldProbability = new Uint8Array(main.tokenCount);
	const sentenceDoubt = new Float32Array(main.sentenceCount);
	// Room for about one disagreement a sentence to start with (a noisy file has more).
	const disagreements = new DisagreementWriter(options.maxDisagreements, main.sentenceCount);
	let trainingTokensTotal = 0;
	let cachedRows = new Int32Array(0);
	let cachedGold = new Uint16Array(0);
	let correct = 0;
	// Work units for progress: each fold trains `epochs` passes and predicts its share of the file.
	const unitsPerFold = (epochs * share * (trainableMainTokens + referenceTokens)) + (main.tokenCount / folds);
	let unitsDone = 0;

	for (let fold = 0; fold < folds; fold++) {
		const heldOut: number[] = [];
		for (let sentence = 0; sentence < main.sentenceCount; sentence++) {
			if (foldOf[sentence] === fold) {
				heldOut.push(sentence);
			}
		}

		for (const sentence of heldOut) {
			const n = reader.read(main, sentence, true);
			dictionary.count(reader.forms.word, reader.gold, n, -1);
		}

		// Training list: (source, sentence) pairs.
		const training: number[] = [];
		let trainingTokens = 0;
		for (const [source, corpus] of sources.entries()) {
			for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
				if ((source === 0 && foldOf[sentence] === fold) || !inSample(source, sentence, share, seed)) {
					continue;
				}

				training.push(source, sentence);
				trainingTokens += corpus.sentenceLength(sentence);
				options.observer?.trained?.(fold, source, sentence);
			}
		}

		trainingTokensTotal += trainingTokens;
		endPhase('counting');
		model.reset();
		// Each training sentence's features are read once per fold (the dictionary is fixed while the
		// fold trains) and kept for the passes, as rows into the weight table.
		const sentenceCount = training.length / 2;
		const offsets = new Int32Array(sentenceCount + 1);
		// The sample of a large file is read again each pass instead: its features would cost 112 bytes a token.
		const cache = !sampled;
		if (!cache) {
			// The sample is read in a shuffled order each epoch: its bytes are kept together.
			keepTrainingSample(sources, training);
		}

		if (cache && cachedRows.length < trainingTokens * featuresPerToken) {
			cachedRows = new Int32Array(trainingTokens * featuresPerToken);
			cachedGold = new Uint16Array(trainingTokens);
		}

		const readTraining = (pair: number): {rows: Int32Array; gold: ArrayLike<number>; n: number} => {
			const corpus = sources[training[pair * 2]!]!;
			const n = reader.read(corpus, training[(pair * 2) + 1]!);
			// The sentence's own labels leave the dictionary while its features are read.
			dictionary.count(reader.forms.word, reader.gold, n, -1);
			const rows = writer.write(reader.forms, dictionary);
			dictionary.count(reader.forms.word, reader.gold, n, 1);
			return {rows, gold: reader.gold, n};
		};

		for (let pair = 0; pair < sentenceCount; pair++) {
			const at = offsets[pair]!;
			const n = sources[training[pair * 2]!]!.sentenceLength(training[(pair * 2) + 1]!);
			offsets[pair + 1] = at + n;
			if (cache) {
				const read = readTraining(pair);
				cachedRows.set(read.rows.subarray(0, n * featuresPerToken), at * featuresPerToken);
				cachedGold.set(reader.gold.subarray(0, n), at);
			}
		}

		const order = new Int32Array(sentenceCount);
		const random = seededRandom(seed + fold);
		for (let epoch = 0; epoch < epochs; epoch++) {
			for (let i = 0; i < order.length; i++) {
				order[i] = i;
			}

			shuffle(order, random);
			for (let step = 0; step < order.length; step++) {
				const pair = order[step]!;
				if (cache) {
					betweenSentences?.();
				}

				const at = offsets[pair]!;
				const n = offsets[pair + 1]! - at;
				reserve(n);
				const {rows, gold} = cache
					? {rows: cachedRows.subarray(at * featuresPerToken, (at + n) * featuresPerToken), gold: cachedGold.subarray(at, at + n)}
					: readTraining(pair);
				model.score(rows, n, featuresPerToken, emissions);
				decoder.viterbi(emissions, n, model, predicted);
				model.update(rows, n, featuresPerToken, gold, predicted);
				model.tick();
				unitsDone += n;
				if ((step & 1023) === 0) {
					report('training', fold, ((fold * unitsPerFold) + unitsDone) / (folds * unitsPerFold));
				}
			}
		}

		model.average();
		decoder.invalidate();
		endPhase('training');
		if (fold === 0) {
			// Here, not above: its memory (2 MB at 25 labels) goes once the temperature is fitted.
			const calibration = new CalibrationSet(size, options.calibrationTokens ?? defaults.calibrationTokens);
			for (const sentence of heldOut) {
				if (calibration.full) {
					break;
				}

				const n = reader.read(main, sentence);
				reserve(n);
				model.score(writer.write(reader.forms, dictionary), n, featuresPerToken, emissions);
				calibration.add(emissions, reader.gold, n);
			}

			temperature = fitTemperature(calibration, decoder, model);
			endPhase('calibrating');
		}

		for (const [step, sentence] of heldOut.entries()) {
			const n = reader.read(main, sentence);
			reserve(n);
			model.score(writer.write(reader.forms, dictionary), n, featuresPerToken, emissions);
			decoder.viterbi(emissions, n, model, predicted);
			decoder.marginals(emissions, n, model, temperature, marginals);
			options.observer?.predicted?.(fold, sentence);
			const first = main.sentenceStart[sentence]!;
			let doubt = 0;
			let differs = false;
			for (let i = 0; i < n; i++) {
				const gold = reader.gold[i]!;
				const probability = marginals[(i * size) + gold]!;
				goldProbability[first + i] = encodeProbability(probability);
				doubt = Math.max(doubt, 1 - probability);
				if (predicted[i] === gold) {
					correct++;
				} else {
					differs = true;
				}
			}

			sentenceDoubt[sentence] = doubt;
			if (differs) {
				findDisagreements(disagreements, sentence, n, reader.gold, predicted, marginals, types);
			}

			unitsDone += n;
			if ((step & 255) === 0) {
				report('predicting', fold, ((fold * unitsPerFold) + unitsDone) / (folds * unitsPerFold));
			}
		}

		unitsDone = 0;
		endPhase('predicting');
		for (const sentence of heldOut) {
			const n = reader.read(main, sentence, true);
			dictionary.count(reader.forms.word, reader.gold, n, 1);
		}
	}

	report('predicting', folds - 1, 1);
	return {
		types,
		goldProbability,
		sentenceDoubt,
		disagreements: disagreements.finish(),
		temperature,
		folds,
		trainingTokens: Math.round(trainingTokensTotal / folds),
		heldOutAccuracy: main.tokenCount === 0 ? 1 : correct / main.tokenCount,
		milliseconds: performance.now() - started,
		phaseMilliseconds,
	};
}

/**
The label dictionary's buckets: 2^18 (a quarter of a million words), or 2^17 for a corpus so
large that the tagger trains on a sample (its memory counts more there, and the sample's words are
what the model learns about).
*/
function dictionaryBits(tokens: number, maxTrainingTokens: number): number {
	return tokens > 4 * maxTrainingTokens ? 17 : 18;
}

/**
Five folds, unless even two folds leave each model more training text than it will use: then two
(each model trains on a sample either way; fewer models is less time for the same sample size).
*/
export function foldCount(mainTokens: number, referenceTokens: number, maxTrainingTokens: number): number {
	return (mainTokens / 2) + referenceTokens >= 4 * maxTrainingTokens ? 2 : defaults.folds;
}

/** Weight rows: enough for the training text's features (about two rows a token), within the memory budget. */
export function weightBucketBits(modelBytes: number, labels: number, trainingTokens: number): number {
	// Weights and their averaging stamps, 4 bytes each, per label.
	const bytesPerRow = labels * 8;
	let bits = 22;
	while (bits > 12 && (((1 << bits) * bytesPerRow > modelBytes) || (1 << (bits - 1)) >= trainingTokens * 2)) {
		bits--;
	}

	return bits;
}
