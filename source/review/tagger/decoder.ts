/**
Decoding a sentence from the model's scores: the best label sequence (Viterbi) and each token's
label probabilities (forward-backward). Both walk only the transitions the label space allows, so
the best sequence is always valid BIOES and no probability goes to an invalid one.

Scores are n x L emission scores (row per token) plus L x L transition scores, stored by target
label (`transitions[to * L + from]`, so a label's predecessors are side by side), and the scores
of opening and closing a sentence with each label. Work buffers are kept between sentences.
*/
import type {LabelSpace} from './labels.js';

export type ChainScores = {
	/** `transitions[to * L + from]`: the score of label `from` followed by label `to`. */
	readonly transitions: Float32Array;
	readonly first: Float32Array;
	readonly last: Float32Array;
};

export class Decoder {
	private best = new Float64Array(0);
	private back = new Int32Array(0);
	private alpha = new Float64Array(0);
	private beta = new Float64Array(0);
	private readonly expTransitions: Float64Array;
	private readonly expFirst: Float64Array;
	private readonly expLast: Float64Array;
	private expTemperature = Number.NaN;

	constructor(readonly space: LabelSpace) {
		this.expTransitions = new Float64Array(space.size * space.size);
		this.expFirst = new Float64Array(space.size);
		this.expLast = new Float64Array(space.size);
	}

	/** Writes the highest-scoring valid label sequence of tokens `[0, n)` into `out`; returns its score. */
	viterbi(emissions: Float32Array, n: number, chain: ChainScores, out: Uint8Array | Int32Array): number {
		const {size, allowedFirst, allowedLast, predecessorLow, predecessorHigh} = this.space;
		if (n === 0) {
			return 0;
		}

		this.reserve(n);
		const {best, back} = this;
		const {transitions, first} = chain;
		for (let label = 0; label < size; label++) {
			best[label] = allowedFirst[label] === 1 ? emissions[label]! + first[label]! : Number.NEGATIVE_INFINITY;
		}

		for (let i = 1; i < n; i++) {
			const row = i * size;
			const previousRow = row - size;
			for (let to = 0; to < size; to++) {
				let top = Number.NEGATIVE_INFINITY;
				let topFrom = 0;
				const high = predecessorHigh[to]!;
				const scores = (to * size) - previousRow;
				for (let from = previousRow + predecessorLow[to]!; from < previousRow + high; from++) {
					const score = best[from]! + transitions[scores + from]!;
					if (score > top) {
						top = score;
						topFrom = from;
					}
				}

				topFrom -= previousRow;

				best[row + to] = top + emissions[row + to]!;
				back[row + to] = topFrom;
			}
		}

		const lastRow = (n - 1) * size;
		let top = Number.NEGATIVE_INFINITY;
		let label = 0;
		for (let candidate = 0; candidate < size; candidate++) {
			if (allowedLast[candidate] !== 1) {
				continue;
			}

			const score = best[lastRow + candidate]! + chain.last[candidate]!;
			if (score > top) {
				top = score;
				label = candidate;
			}
		}

		for (let i = n - 1; i >= 0; i--) {
			out[i] = label;
			label = back[(i * size) + label]!;
		}

		return top;
	}

	/**
	Each token's label probabilities, `out[i * L + label]`, under a distribution over valid
	sequences proportional to exp(score / temperature). Scaled forward-backward: each position is
	normalised, so long sentences neither overflow nor underflow.
	*/
	marginals(emissions: Float32Array, n: number, chain: ChainScores, temperature: number, out: Float64Array): void {
		const {size, allowedFirst, allowedLast, predecessorLow, predecessorHigh} = this.space;
		if (n === 0) {
			return;
		}

		this.reserve(n);
		this.prepareExp(chain, temperature);
		const {alpha, beta, expTransitions, expFirst, expLast} = this;
		// Each token's emission factors first, kept in `out` for the backward pass (overwritten at the end).
		// Shifted by the row maximum before exp: a constant per position cancels out.
		for (let i = 0; i < n; i++) {
			const row = i * size;
			let shift = Number.NEGATIVE_INFINITY;
			for (let label = 0; label < size; label++) {
				shift = Math.max(shift, emissions[row + label]!);
			}

			for (let label = 0; label < size; label++) {
				out[row + label] = Math.exp((emissions[row + label]! - shift) / temperature);
			}
		}

		for (let i = 0; i < n; i++) {
			const row = i * size;
			let total = 0;
			for (let to = 0; to < size; to++) {
				let sum = 0;
				if (i === 0) {
					sum = allowedFirst[to] === 1 ? expFirst[to]! : 0;
				} else {
					const high = predecessorHigh[to]!;
					const previous = row - size;
					const from = to * size;
					for (let p = predecessorLow[to]!; p < high; p++) {
						sum += alpha[previous + p]! * expTransitions[from + p]!;
					}
				}

				const value = sum * out[row + to]!;
				alpha[row + to] = value;
				total += value;
			}

			normalise(alpha, row, size, total);
		}

		const lastRow = (n - 1) * size;
		for (let label = 0; label < size; label++) {
			beta[lastRow + label] = allowedLast[label] === 1 ? expLast[label]! : 0;
		}

		normalise(beta, lastRow, size, sumOf(beta, lastRow, size));
		for (let i = n - 2; i >= 0; i--) {
			const row = i * size;
			const nextRow = row + size;
			beta.fill(0, row, row + size);
			for (let to = 0; to < size; to++) {
				const factor = beta[nextRow + to]! * out[nextRow + to]!;
				if (factor === 0) {
					continue;
				}

				for (let from = predecessorLow[to]!; from < predecessorHigh[to]!; from++) {
					beta[row + from] += expTransitions[(to * size) + from]! * factor;
				}
			}

			normalise(beta, row, size, sumOf(beta, row, size));
		}

		for (let i = 0; i < n; i++) {
			const row = i * size;
			let total = 0;
			for (let label = 0; label < size; label++) {
				const value = alpha[row + label]! * beta[row + label]!;
				out[row + label] = value;
				total += value;
			}

			normalise(out, row, size, total);
		}
	}

	private prepareExp(chain: ChainScores, temperature: number) {
		// The chain is the same for every sentence of a model: exp once per (model, temperature).
		if (temperature === this.expTemperature && this.preparedFor === chain) {
			return;
		}

		const {size, allowed} = this.space;
		for (let from = 0; from < size; from++) {
			for (let to = 0; to < size; to++) {
				const index = (to * size) + from;
				this.expTransitions[index] = allowed[(from * size) + to] === 1 ? Math.exp(clampExponent(chain.transitions[index]! / temperature)) : 0;
			}
		}

		for (let label = 0; label < size; label++) {
			this.expFirst[label] = Math.exp(clampExponent(chain.first[label]! / temperature));
			this.expLast[label] = Math.exp(clampExponent(chain.last[label]! / temperature));
		}

		this.expTemperature = temperature;
		this.preparedFor = chain;
	}

	private preparedFor: ChainScores | undefined;

	private reserve(n: number) {
		const needed = n * this.space.size;
		if (this.best.length < needed) {
			const length = Math.max(needed, this.best.length * 2);
			this.best = new Float64Array(length);
			this.back = new Int32Array(length);
			this.alpha = new Float64Array(length);
			this.beta = new Float64Array(length);
		}
	}

	/** Call when the chain's scores changed in place (training updates them). */
	invalidate(): void {
		this.preparedFor = undefined;
	}
}

/** Transition scores are bounded by training; clamped anyway so exp never gives Infinity. */
function clampExponent(value: number): number {
	return Math.max(-600, Math.min(600, value));
}

function sumOf(array: Float64Array, start: number, length: number): number {
	let total = 0;
	for (let i = start; i < start + length; i++) {
		total += array[i]!;
	}

	return total;
}

function normalise(array: Float64Array, start: number, length: number, total: number) {
	if (total > 0 && Number.isFinite(total)) {
		for (let i = start; i < start + length; i++) {
			array[i] /= total;
		}
	}
}
