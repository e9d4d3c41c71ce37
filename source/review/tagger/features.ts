/**
The feature templates: for each token, a fixed number of hashed features (the word and its
lower-case form, shape, prefixes and suffixes, the neighbouring words and shapes, capitalisation,
position in the sentence, a headline flag, and how the word and its neighbours are labelled
elsewhere in the training data). Each feature is written as the offset of its row in the weight
table, so scoring is a sum of rows.
*/
import {countBucket, shareBucket, type LabelDictionary} from './dictionary.js';
import {featureHash} from './hashing.js';
import {flag, type SentenceForms} from './token-forms.js';

/** Features per token (every token gets exactly this many, so rows are fixed-width). */
export const featuresPerToken = 28;

const boundary = 0x5B_3C_73_3E;
const capitalFlags = flag.initialCapital | flag.allCapitals | flag.hasDigit | flag.noLetterOrDigit | flag.innerCapital;

/** The weight-table offset of a feature. */
function row(mask: number, width: number, template: number, value: number, second = 0): number {
	return (featureHash(template, value, second) & mask) * width;
}

export class FeatureWriter {
	/** Offsets into the weight table, `featuresPerToken` per token. */
	rows = new Int32Array(64 * featuresPerToken);
	private readonly lookup = new Int32Array(5);
	private topClass = new Int32Array(64);
	private topStrength = new Uint8Array(64);

	constructor(
		private readonly bucketMask: number,
		/** Labels per row of the weight table. */
		private readonly rowWidth: number,
	) {}

	/** Fills `rows` for the sentence read into `forms`, with the dictionary as it stands now. */
	write(forms: SentenceForms, dictionary: LabelDictionary): Int32Array {
		const n = forms.length;
		if (this.rows.length < n * featuresPerToken) {
			this.rows = new Int32Array(Math.max(n, this.rows.length / featuresPerToken * 2) * featuresPerToken);
			this.topClass = new Int32Array(this.rows.length / featuresPerToken);
			this.topStrength = new Uint8Array(this.rows.length / featuresPerToken);
		}

		// The dictionary's verdict for each word first: the neighbours' verdicts are features too.
		for (let i = 0; i < n; i++) {
			dictionary.lookup(forms.word[i]!, this.lookup);
			const total = this.lookup[0]!;
			this.topClass[i] = total === 0 ? -1 : this.lookup[1]!;
			this.topStrength[i] = total === 0 ? 0 : shareBucket(this.lookup[2]!, total);
		}

		const {word, lower, shape, shortShape, affix, flags, lengthClass} = forms;
		const headline = forms.headline ? 1 : 0;
		const {rows, bucketMask: mask, rowWidth: width} = this;
		for (let i = 0; i < n; i++) {
			const k = i * featuresPerToken;
			const previous = i > 0 ? lower[i - 1]! : boundary;
			const next = i + 1 < n ? lower[i + 1]! : boundary;
			const previous2 = i > 1 ? lower[i - 2]! : boundary;
			const next2 = i + 2 < n ? lower[i + 2]! : boundary;
			const previousShape = i > 0 ? shortShape[i - 1]! : boundary;
			const nextShape = i + 1 < n ? shortShape[i + 1]! : boundary;
			const position = i === 0 ? 1 : (i === n - 1 ? 2 : 3);
			rows[k + 0] = row(mask, width, 0, 0);
			rows[k + 1] = row(mask, width, 1, word[i]!);
			rows[k + 2] = row(mask, width, 2, lower[i]!);
			rows[k + 3] = row(mask, width, 3, shape[i]!);
			rows[k + 4] = row(mask, width, 4, shortShape[i]!);
			for (let a = 0; a < 7; a++) {
				rows[k + 5 + a] = row(mask, width, 5 + a, affix[(i * 7) + a]!);
			}

			rows[k + 12] = row(mask, width, 12, previous);
			rows[k + 13] = row(mask, width, 13, next);
			rows[k + 14] = row(mask, width, 14, previous2);
			rows[k + 15] = row(mask, width, 15, next2);
			rows[k + 16] = row(mask, width, 16, previous, lower[i]!);
			rows[k + 17] = row(mask, width, 17, lower[i]!, next);
			rows[k + 18] = row(mask, width, 18, previousShape, shortShape[i]!);
			rows[k + 19] = row(mask, width, 19, shortShape[i]!, nextShape);
			rows[k + 20] = row(mask, width, 20, flags[i]! & capitalFlags, lengthClass[i]!);
			// The first word of a sentence is capitalised whatever it is: position and capitals together.
			rows[k + 21] = row(mask, width, 21, position, flags[i]! & capitalFlags);
			rows[k + 22] = row(mask, width, 22, headline, shortShape[i]!);
			// How the word is labelled elsewhere.
			dictionary.lookup(word[i]!, this.lookup);
			const total = this.lookup[0]!;
			if (total === 0) {
				rows[k + 23] = row(mask, width, 23, 0x7F_FF_FF_FF);
				rows[k + 24] = row(mask, width, 24, 0x7F_FF_FF_FF, flags[i]! & capitalFlags);
				rows[k + 25] = row(mask, width, 25, 0x7F_FF_FF_FF);
			} else {
				rows[k + 23] = row(mask, width, 23, this.lookup[1]!, shareBucket(this.lookup[2]!, total));
				rows[k + 24] = row(mask, width, 24, this.lookup[1]!, countBucket(total));
				rows[k + 25] = row(mask, width, 25, this.lookup[3]!, this.lookup[3]! < 0 ? 0 : shareBucket(this.lookup[4]!, total));
			}

			rows[k + 26] = row(mask, width, 26, i > 0 ? this.topClass[i - 1]! : -2, i > 0 ? this.topStrength[i - 1]! : 0);
			rows[k + 27] = row(mask, width, 27, i + 1 < n ? this.topClass[i + 1]! : -2, i + 1 < n ? this.topStrength[i + 1]! : 0);
		}

		return this.rows;
	}
}
