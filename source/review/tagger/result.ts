/**
What the cross-validated tagger says about the open file, in a form that crosses threads cheaply
(typed arrays only, moved rather than copied) and that the ranking reads. A noisy 10M-token file
can hold hundreds of thousands of disagreements: as objects they would cost more than the file.
*/
import type {Span} from '../../corpus/index.js';
import {spansOfLabels} from './labels.js';

/**
A place where the model's best reading of a sentence differs from the file's labels: tokens
`[start, end)` (sentence-relative), covering every file entity and predicted entity that touches a
token whose label differs.
*/
export type Disagreement = {
	readonly sentence: number;
	readonly start: number;
	readonly end: number;
	/** The model's entities within the region: the suggested fix. */
	readonly predicted: readonly Span[];
	/** The model's probability of its own reading of the region (the least sure token's). */
	readonly confidence: number;
	/** 1 - the model's probability of the file's labels (the most doubted token's). */
	readonly doubt: number;
};

/**
Every disagreement kept (at most `maxDisagreements`, the most doubted: see DisagreementWriter), column by column (the first `count` entries of each; the columns may be longer);
entry i's predicted labels are `labels[labelStart[i], labelStart[i + 1])`. Probabilities are
stored x 65535.
*/
export type DisagreementTable = {
	readonly count: number;
	readonly sentence: Uint32Array;
	readonly start: Uint32Array;
	readonly end: Uint32Array;
	readonly confidence: Uint16Array;
	readonly doubt: Uint16Array;
	readonly labelStart: Uint32Array;
	/** The model's labels (its own label space: see labels.ts). */
	readonly labels: Uint16Array;
};

export type TaggerResult = {
	/** Entity types in the model's label order. */
	readonly types: readonly string[];
	/**
	For each token of the open file, the probability the held-out model gives its label in the
	file, a byte a token (encodeProbability). Low: the model doubts the label.
	*/
	readonly goldProbability: Uint8Array;
	/** For each sentence, 1 - the lowest probability of a label in it. */
	readonly sentenceDoubt: Float32Array;
	readonly disagreements: DisagreementTable;
	/** The softmax temperature fitted on held-out predictions (scores / temperature). */
	readonly temperature: number;
	readonly folds: number;
	/** Training tokens per model (after sampling), averaged over folds. */
	readonly trainingTokens: number;
	/** Token accuracy of the held-out predictions against the file's labels. */
	readonly heldOutAccuracy: number;
	readonly milliseconds: number;
	/** Where the time went. */
	readonly phaseMilliseconds: {readonly counting: number; readonly training: number; readonly calibrating: number; readonly predicting: number};
};

/** Disagreements' probabilities are stored x 65535. */
export const probabilityScale = 65_535;

/**
A token's probability in a byte, as log-odds: 256 steps over -7..+7, 0.055 apart. The queue reads
it as log-odds capped at +-6 (queue/evidence.ts), so every step there is as fine as every other; a
linear byte would have left steps of 0.5 near 0 and 1, and two bytes a token cost 20 MB at 10M
tokens.
*/
export function encodeProbability(probability: number): number {
	const p = Math.min(1 - 1e-12, Math.max(1e-12, probability));
	const logOdds = Math.max(-probabilityLogOddsRange, Math.min(probabilityLogOddsRange, Math.log(p / (1 - p))));
	return Math.round((logOdds + probabilityLogOddsRange) * 255 / (2 * probabilityLogOddsRange));
}

const probabilityLogOddsRange = 7;
const probabilityOfCode = Float64Array.from({length: 256}, (_, code) => 1 / (1 + Math.exp(-((code * 2 * probabilityLogOddsRange / 255) - probabilityLogOddsRange))));

export function decodeProbability(code: number): number {
	return probabilityOfCode[code]!;
}

/** The held-out model's probability of the file's label at `token`. */
export function goldProbabilityAt(result: TaggerResult, token: number): number {
	return probabilityOfCode[result.goldProbability[token]!]!;
}

/** Disagreement `index` as an object (the predicted labels read back as spans). */
export function disagreementAt(result: Pick<TaggerResult, 'disagreements' | 'types'>, index: number): Disagreement {
	const table = result.disagreements;
	const start = table.start[index]!;
	const labels = table.labels.subarray(table.labelStart[index]!, table.labelStart[index + 1]!);
	return {
		sentence: table.sentence[index]!,
		start,
		end: table.end[index]!,
		predicted: spansOfLabels(labels, labels.length, result.types).map(span => ({...span, start: span.start + start, end: span.end + start})),
		confidence: table.confidence[index]! / probabilityScale,
		doubt: table.doubt[index]! / probabilityScale,
	};
}

/** Every disagreement, in the order the folds found them. */
export function * allDisagreements(result: Pick<TaggerResult, 'disagreements' | 'types'>): Generator<Disagreement> {
	for (let index = 0; index < result.disagreements.count; index++) {
		yield disagreementAt(result, index);
	}
}

/**
Disagreements kept by default: more than the queue makes entries of (50,000: queue/rank.ts), and
few enough that a noisy 10M-token file's hundreds of thousands cost 4 MB, not 26.
*/
export const defaultMaxDisagreements = 131_072;

/**
Collects disagreements into growing columns, at most `limit`: when full, the less doubted half goes
(ties: the later ones), and from then on only disagreements more doubted than what went are added.
What is kept is always the most doubted of all (the file order breaking ties), in the order found.
*/
export class DisagreementWriter {
	/** Disagreements whose doubt (x 65535) is below this are not kept. */
	private floor = 0;
	private count = 0;
	private labelCount = 0;
	private sentence: Uint32Array;
	private start: Uint32Array;
	private end: Uint32Array;
	private confidence: Uint16Array;
	private doubt: Uint16Array;
	private labelStart: Uint32Array;
	private labels: Uint16Array;

	constructor(
		private readonly limit = defaultMaxDisagreements,
		/**
		Room to start with: the columns grow by half when full, and each step leaves the old ones
		behind for the garbage collector; a large file that will fill them starts at its size.
		*/
		expected = 1024,
	) {
		if (!(limit >= 2)) {
			throw new RangeError(`keep at least 2 disagreements, not ${limit}`);
		}

		const length = Math.max(2, Math.min(limit + 1, expected));
		this.sentence = new Uint32Array(length);
		this.start = new Uint32Array(length);
		this.end = new Uint32Array(length);
		this.confidence = new Uint16Array(length);
		this.doubt = new Uint16Array(length);
		this.labelStart = new Uint32Array(length + 1);
		this.labels = new Uint16Array(length * 4);
	}

	/** Adds the region `[start, end)` of a sentence, with the model's labels for the whole sentence in `predicted`. */
	add(sentence: number, start: number, end: number, predicted: ArrayLike<number>, confidence: number, doubt: number): void {
		const doubtCode = Math.round(doubt * probabilityScale);
		if (doubtCode < this.floor) {
			return;
		}

		if (this.count === this.limit) {
			this.dropLessDoubted();
			if (doubtCode < this.floor) {
				return;
			}
		}

		if (this.count + 1 >= this.sentence.length) {
			// Grown by half, not doubled, and never beyond the limit: a noisy 10M-token file has hundreds of thousands of entries.
			const length = Math.min(Math.ceil(this.sentence.length * 1.5), this.limit + 1);
			this.sentence = grow(this.sentence, length);
			this.start = grow(this.start, length);
			this.end = grow(this.end, length);
			this.confidence = grow(this.confidence, length);
			this.doubt = grow(this.doubt, length);
			this.labelStart = grow(this.labelStart, length + 1);
		}

		if (this.labelCount + (end - start) > this.labels.length) {
			this.labels = grow(this.labels, Math.max(Math.ceil(this.labels.length * 1.5), this.labelCount + (end - start)));
		}

		const index = this.count++;
		this.sentence[index] = sentence;
		this.start[index] = start;
		this.end[index] = end;
		this.confidence[index] = Math.round(confidence * probabilityScale);
		this.doubt[index] = doubtCode;
		for (let i = start; i < end; i++) {
			this.labels[this.labelCount++] = predicted[i]!;
		}

		this.labelStart[index + 1] = this.labelCount;
	}

	/** Keeps the more doubted half, in order, and raises the floor to what it keeps. */
	private dropLessDoubted(): void {
		const target = this.limit >>> 1;
		const histogram = new Uint32Array(probabilityScale + 1);
		for (let index = 0; index < this.count; index++) {
			histogram[this.doubt[index]!]!++;
		}

		// The threshold: all above it fit in the target, not all at it do.
		let above = 0;
		let threshold = probabilityScale;
		while (above + histogram[threshold]! <= target) {
			above += histogram[threshold]!;
			threshold--;
		}

		let tiesKept = target - above;
		let kept = 0;
		let labelCount = 0;
		for (let index = 0; index < this.count; index++) {
			const code = this.doubt[index]!;
			if (code < threshold || (code === threshold && tiesKept-- <= 0)) {
				continue;
			}

			const labelStart = this.labelStart[index]!;
			const labelEnd = this.labelStart[index + 1]!;
			this.labels.copyWithin(labelCount, labelStart, labelEnd);
			this.sentence[kept] = this.sentence[index]!;
			this.start[kept] = this.start[index]!;
			this.end[kept] = this.end[index]!;
			this.confidence[kept] = this.confidence[index]!;
			this.doubt[kept] = code;
			this.labelStart[kept] = labelCount;
			labelCount += labelEnd - labelStart;
			this.labelStart[kept + 1] = labelCount;
			kept++;
		}

		this.count = kept;
		this.labelCount = labelCount;
		this.floor = threshold + 1;
	}

	/** The table: the columns as they are, not trimmed (a copy would briefly double them); the writer is done. */
	finish(): DisagreementTable {
		return {
			count: this.count,
			sentence: this.sentence,
			start: this.start,
			end: this.end,
			confidence: this.confidence,
			doubt: this.doubt,
			labelStart: this.labelStart,
			labels: this.labels,
		};
	}
}

/** The buffers of a result, to move it to another thread without a copy. */
export function resultBuffers(result: TaggerResult): ArrayBuffer[] {
	const table = result.disagreements;
	return [result.goldProbability, result.sentenceDoubt, table.sentence, table.start, table.end, table.confidence, table.doubt, table.labelStart, table.labels].map(array => array.buffer as ArrayBuffer);
}

function grow<T extends Uint32Array | Uint16Array>(array: T, length: number): T {
	const grown = new (array.constructor as new (length: number) => T)(length);
	grown.set(array);
	return grown;
}
