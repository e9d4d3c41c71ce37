/**
How each word is labelled in the training data: per word (hashed), how many of its occurrences
are O and how many each entity type. A strong classic NER feature, and the one that can leak: a
held-out sentence must not see its own labels here, so the cross-validation removes the held-out
fold's counts before predicting it, and removes a training sentence's own counts while reading
its features (otherwise the model would learn to trust a feature that always agrees with the gold
label, and would trust it too much on held-out text).
*/
import {outside, typeOf} from './labels.js';

export class LabelDictionary {
	/** O plus one class per entity type. */
	readonly classes: number;
	private readonly counts: Int32Array;
	private readonly mask: number;

	constructor(types: number, bucketBits: number) {
		this.classes = types + 1;
		this.mask = (1 << bucketBits) - 1;
		this.counts = new Int32Array((1 << bucketBits) * this.classes);
	}

	/** Adds (`sign` 1) or removes (-1) the sentence's labels: `labels[i]` is a BIOES label. */
	count(words: Uint32Array, labels: ArrayLike<number>, length: number, sign: 1 | -1): void {
		for (let i = 0; i < length; i++) {
			const label = labels[i]!;
			const type = label === outside ? 0 : typeOf(label) + 1;
			this.counts[((words[i]! & this.mask) * this.classes) + type] += sign;
		}
	}

	/**
	The word's counts summarised: the most frequent class and its share, and the runner-up.
	Written into `out`: [total, top class, top count, second class, second count]; classes are
	0 for O, 1 + type otherwise.
	*/
	lookup(word: number, out: Int32Array): void {
		const base = (word & this.mask) * this.classes;
		let total = 0;
		let top = -1;
		let topCount = 0;
		let second = -1;
		let secondCount = 0;
		for (let type = 0; type < this.classes; type++) {
			const count = this.counts[base + type]!;
			total += count;
			if (count > topCount) {
				second = top;
				secondCount = topCount;
				top = type;
				topCount = count;
			} else if (count > secondCount) {
				second = type;
				secondCount = count;
			}
		}

		out[0] = total;
		out[1] = top;
		out[2] = topCount;
		out[3] = second;
		out[4] = secondCount;
	}
}

/** A share in four steps, so the features say "mostly", "usually", "sometimes", not exact ratios. */
export function shareBucket(count: number, total: number): number {
	const share = count / total;
	return share >= 0.95 ? 3 : share >= 0.7 ? 2 : share >= 0.4 ? 1 : 0;
}

/** How much evidence: 1, 2-3, 4-9, 10 or more occurrences. */
export function countBucket(total: number): number {
	return total <= 1 ? 0 : total <= 3 ? 1 : total <= 9 ? 2 : 3;
}
