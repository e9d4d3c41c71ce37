/**
Which sentences are reviewed and which are flagged: one byte per sentence, so marking and
counting stay cheap on corpora with hundreds of thousands of sentences.
*/

export const reviewedBit = 1;
export const flaggedBit = 2;

export class ReviewMarks {
	private bits: Uint8Array;
	/** The reviewer's note on a flagged sentence (`f` then a reason), when it has one. */
	private readonly notes = new Map<number, string>();
	reviewedCount = 0;
	flaggedCount = 0;
	/**
	The label bar's order the reviewer worked with (kept in the sidecar), so that a number key means
	the same label from one session to the next; undefined until the reviewer's first key.
	*/
	labelOrder: readonly string[] | undefined;

	/** Sets the label order; returns whether it changed (the sidecar is then written again). */
	setLabelOrder(labels: readonly string[]): boolean {
		if (this.labelOrder !== undefined && this.labelOrder.length === labels.length && this.labelOrder.every((label, index) => label === labels[index])) {
			return false;
		}

		this.labelOrder = [...labels];
		return true;
	}

	constructor(sentences: number) {
		this.bits = new Uint8Array(Math.max(16, sentences));
	}

	/** The note of a flagged sentence, if it has one. */
	noteOf(sentence: number): string | undefined {
		return this.notes.get(sentence);
	}

	/** Sets or clears the note of a sentence (a flag's reason). */
	setNote(sentence: number, note: string | undefined): void {
		if (note === undefined || note === '') {
			this.notes.delete(sentence);
		} else {
			this.notes.set(sentence, note);
		}
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
