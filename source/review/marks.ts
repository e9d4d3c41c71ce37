/**
Which sentences are reviewed and which are flagged: one byte per sentence, so marking and
counting stay cheap on corpora with hundreds of thousands of sentences.
*/

export const reviewedBit = 1;
export const flaggedBit = 2;

export class ReviewMarks {
	private bits: Uint8Array;
	reviewedCount = 0;
	flaggedCount = 0;

	constructor(sentences: number) {
		this.bits = new Uint8Array(Math.max(16, sentences));
	}

	has(sentence: number, bit: number): boolean {
		return (this.bits[sentence]! & bit) !== 0;
	}

	set(sentence: number, bit: number, on: boolean): void {
		this.ensure(sentence);
		const was = this.has(sentence, bit);
		if (was === on) {
			return;
		}

		this.bits[sentence] = on ? this.bits[sentence]! | bit : this.bits[sentence]! & ~bit;
		const delta = on ? 1 : -1;
		if (bit === reviewedBit) {
			this.reviewedCount += delta;
		} else {
			this.flaggedCount += delta;
		}
	}

	/** Sentence indices carrying `bit`, ascending. */
	list(bit: number): number[] {
		const result: number[] = [];
		for (let sentence = 0; sentence < this.bits.length; sentence++) {
			if ((this.bits[sentence]! & bit) !== 0) {
				result.push(sentence);
			}
		}

		return result;
	}

	private ensure(sentence: number) {
		if (sentence >= this.bits.length) {
			const grown = new Uint8Array(Math.max(sentence + 1, this.bits.length * 2));
			grown.set(this.bits);
			this.bits = grown;
		}
	}
}
