/**
Turning perceptron scores into probabilities that mean something: the scores are divided by a
temperature before the softmax over sequences, and the temperature is the one that makes the
held-out predictions of the first fold best predict that fold's labels (lowest negative log
likelihood; one number, fitted per run, so it adapts to each corpus and its noise). After it,
"0.94" is about how often a label the model gives 0.94 agrees with the file elsewhere.
*/
import type {ChainScores, Decoder} from './decoder.js';

/** Held-out sentences kept for fitting: their emission scores and file labels. */
export class CalibrationSet {
	private emissions: Float32Array;
	private labels: Int32Array;
	private readonly lengths: number[] = [];
	private used = 0;
	/**
	The marginals of one kept sentence, made once for the longest: the fit computes them about 26
	times a sentence, and a new array each time a longer one came took 32 MB at once on the 10M
	seed file (the garbage collector is slow to free typed arrays made this fast).
	*/
	private marginals = new Float64Array(0);
	/** A sentence did not fit: the set is as large as it gets. */
	full = false;

	constructor(
		private readonly size: number,
		/** Tokens to keep at most. */
		readonly capacity: number,
	) {
		this.emissions = new Float32Array(Math.min(capacity, 4096) * size);
		this.labels = new Int32Array(Math.min(capacity, 4096));
	}

	get tokens(): number {
		return this.used;
	}

	/** Keeps a sentence if there is room. */
	add(emissions: Float32Array, gold: ArrayLike<number>, n: number): void {
		if (this.used + n > this.capacity) {
			this.full = true;
			return;
		}

		if ((this.used + n) > this.labels.length) {
			const length = Math.min(this.capacity, Math.max(this.used + n, this.labels.length * 2));
			const grownEmissions = new Float32Array(length * this.size);
			grownEmissions.set(this.emissions.subarray(0, this.used * this.size));
			const grownLabels = new Int32Array(length);
			grownLabels.set(this.labels.subarray(0, this.used));
			this.emissions = grownEmissions;
			this.labels = grownLabels;
		}

		this.emissions.set(emissions.subarray(0, n * this.size), this.used * this.size);
		for (let i = 0; i < n; i++) {
			this.labels[this.used + i] = gold[i]!;
		}

		this.lengths.push(n);
		this.used += n;
		if (this.marginals.length < n * this.size) {
			this.marginals = new Float64Array(n * this.size);
		}
	}

	/** Mean negative log likelihood of the kept labels at `temperature`. */
	loss(decoder: Decoder, chain: ChainScores, temperature: number): number {
		let offset = 0;
		let total = 0;
		const {marginals} = this;
		for (const n of this.lengths) {
			decoder.marginals(this.emissions.subarray(offset * this.size, (offset + n) * this.size), n, chain, temperature, marginals);
			for (let i = 0; i < n; i++) {
				total -= Math.log(Math.max(marginals[(i * this.size) + this.labels[offset + i]!]!, 1e-9));
			}

			offset += n;
		}

		return this.used === 0 ? 0 : total / this.used;
	}
}

/** The temperature with the lowest loss, by golden-section search over its logarithm (0.01 to 1000). */
export function fitTemperature(set: CalibrationSet, decoder: Decoder, chain: ChainScores): number {
	if (set.tokens === 0) {
		return 1;
	}

	const ratio = (Math.sqrt(5) - 1) / 2;
	let low = Math.log(0.01);
	let high = Math.log(1000);
	let left = high - (ratio * (high - low));
	let right = low + (ratio * (high - low));
	let leftLoss = set.loss(decoder, chain, Math.exp(left));
	let rightLoss = set.loss(decoder, chain, Math.exp(right));
	for (let step = 0; step < 24; step++) {
		if (leftLoss < rightLoss) {
			high = right;
			right = left;
			rightLoss = leftLoss;
			left = high - (ratio * (high - low));
			leftLoss = set.loss(decoder, chain, Math.exp(left));
		} else {
			low = left;
			left = right;
			leftLoss = rightLoss;
			right = low + (ratio * (high - low));
			rightLoss = set.loss(decoder, chain, Math.exp(right));
		}
	}

	return Math.exp((low + high) / 2);
}
