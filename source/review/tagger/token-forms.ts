/**
What the feature templates look at in each token, read once per sentence from the bytes: hashes of
the word, its lower-case form, its shape (`Xxxx`, `dd-dd`), prefixes and suffixes, and a few
flags (capitalised, all capitals, digits, punctuation). ASCII is classified byte by byte; other
characters are decoded one at a time, so `Éire` is capitalised and `東京` is letters.
*/
import {extendHash, hashBytes, hashLowerBytes} from './hashing.js';

export const flag = {
	initialCapital: 1,
	allCapitals: 2,
	hasDigit: 4,
	allDigits: 8,
	hasHyphen: 16,
	noLetterOrDigit: 32,
	innerCapital: 64,
	hasLower: 128,
} as const;

/** Per-token hashes and flags of one sentence, in arrays reused from sentence to sentence. */
export class SentenceForms {
	length = 0;
	word = new Uint32Array(64);
	lower = new Uint32Array(64);
	shape = new Uint32Array(64);
	shortShape = new Uint32Array(64);
	/** Prefixes of 1..3 and suffixes of 1..4 characters of the lower-case form: `affix[i * 7 + k]`. */
	affix = new Uint32Array(64 * 7);
	flags = new Uint8Array(64);
	lengthClass = new Uint8Array(64);
	/** Every token with letters is in capitals (a headline). */
	headline = false;

	/** Reads the tokens whose bytes are at `cells` (start, end pairs). */
	read(bytes: Uint8Array, cells: Int32Array, count: number): void {
		this.reserve(count);
		this.length = count;
		let lettered = 0;
		let capitals = 0;
		for (let i = 0; i < count; i++) {
			const start = cells[i * 2]!;
			const end = cells[(i * 2) + 1]!;
			this.word[i] = hashBytes(bytes, start, end);
			this.lower[i] = hashLowerBytes(bytes, start, end);
			this.readShape(bytes, start, end, i);
			const flags = this.flags[i]!;
			if ((flags & flag.noLetterOrDigit) === 0 && (flags & (flag.initialCapital | flag.hasLower)) !== 0) {
				lettered++;
				if ((flags & flag.allCapitals) !== 0) {
					capitals++;
				}
			}
		}

		this.headline = lettered >= 2 && capitals === lettered;
	}

	/** Reads only the word hashes (what the label dictionary counts). */
	readWords(bytes: Uint8Array, cells: Int32Array, count: number): void {
		this.reserve(count);
		this.length = count;
		for (let i = 0; i < count; i++) {
			this.word[i] = hashBytes(bytes, cells[i * 2]!, cells[(i * 2) + 1]!);
		}
	}

	private readShape(bytes: Uint8Array, start: number, end: number, index: number) {
		let shape = 0x81_1C_9D_C5;
		let shortShape = 0x81_1C_9D_C5;
		let previousClass = -1;
		let shapeLength = 0;
		let characters = 0;
		let uppers = 0;
		let lowers = 0;
		let digits = 0;
		let hyphens = 0;
		let firstUpper = false;
		let innerUpper = false;
		// Lower-case code points, for affixes: the first 3 and the last 4.
		const head = [0, 0, 0];
		const tail = [0, 0, 0, 0];
		let i = start;
		while (i < end) {
			let codePoint = bytes[i]!;
			let width = 1;
			if (codePoint >= 0x80) {
				[codePoint, width] = decodeUtf8(bytes, i, end);
			}

			i += width;
			const kind = classify(codePoint);
			let lowered = codePoint;
			if (kind === upper) {
				uppers++;
				lowered = codePoint < 0x80 ? codePoint + 0x20 : String.fromCodePoint(codePoint).toLowerCase().codePointAt(0)!;
				if (characters === 0) {
					firstUpper = true;
				} else {
					innerUpper = true;
				}
			} else if (kind === lowerLetter) {
				lowers++;
			} else if (kind === digit) {
				digits++;
			} else if (codePoint === 0x2D) {
				hyphens++;
			}

			// Punctuation and symbols stand for themselves in the shape (`d,ddd`, `X.X.`).
			const shapeClass = kind === other ? 16 + codePoint : kind;
			if (shapeLength < 8) {
				shape = extendHash(shape, shapeClass);
				shapeLength++;
			}

			if (shapeClass !== previousClass) {
				shortShape = extendHash(shortShape, shapeClass);
				previousClass = shapeClass;
			}

			if (characters < 3) {
				head[characters] = lowered;
			}

			tail[characters % 4] = lowered;
			characters++;
		}

		let flags = 0;
		if (firstUpper) {
			flags |= flag.initialCapital;
		}

		if (uppers > 0 && lowers === 0) {
			flags |= flag.allCapitals;
		}

		if (digits > 0) {
			flags |= flag.hasDigit;
			if (digits === characters) {
				flags |= flag.allDigits;
			}
		}

		if (hyphens > 0) {
			flags |= flag.hasHyphen;
		}

		if (uppers + lowers + digits === 0 && !hasOtherLetters(bytes, start, end)) {
			flags |= flag.noLetterOrDigit;
		}

		if (innerUpper) {
			flags |= flag.innerCapital;
		}

		if (lowers > 0) {
			flags |= flag.hasLower;
		}

		this.flags[index] = flags;
		this.shape[index] = extendHash(shape, shapeLength);
		this.shortShape[index] = shortShape;
		this.lengthClass[index] = characters <= 1 ? 1 : characters <= 3 ? 2 : characters <= 6 ? 3 : characters <= 10 ? 4 : 5;
		const base = index * 7;
		// Prefixes of 1..3 characters, then suffixes of 1..4; a token shorter than an affix gets the whole token.
		let prefix = 0x81_1C_9D_C5;
		for (let k = 0; k < 3; k++) {
			prefix = k < characters ? extendHash(prefix, head[k]!) : prefix;
			this.affix[base + k] = prefix;
		}

		let suffix = 0x81_1C_9D_C5;
		for (let k = 0; k < 4; k++) {
			if (k < characters) {
				suffix = extendHash(suffix, tail[(characters - 1 - k + 4) % 4]!);
			}

			this.affix[base + 3 + k] = suffix;
		}
	}

	private reserve(count: number) {
		if (this.word.length >= count) {
			return;
		}

		const size = Math.max(count, this.word.length * 2);
		this.word = new Uint32Array(size);
		this.lower = new Uint32Array(size);
		this.shape = new Uint32Array(size);
		this.shortShape = new Uint32Array(size);
		this.affix = new Uint32Array(size * 7);
		this.flags = new Uint8Array(size);
		this.lengthClass = new Uint8Array(size);
	}
}

const upper = 1;
const lowerLetter = 2;
const digit = 3;
const otherLetter = 4;
const other = 5;

function classify(codePoint: number): number {
	if (codePoint < 0x80) {
		if (codePoint >= 0x41 && codePoint <= 0x5A) {
			return upper;
		}

		if (codePoint >= 0x61 && codePoint <= 0x7A) {
			return lowerLetter;
		}

		return codePoint >= 0x30 && codePoint <= 0x39 ? digit : other;
	}

	const text = String.fromCodePoint(codePoint);
	const lowered = text.toLowerCase();
	const uppered = text.toUpperCase();
	if (lowered !== text) {
		return upper;
	}

	if (uppered !== text) {
		return lowerLetter;
	}

	return letterPattern.test(text) ? otherLetter : (digitPattern.test(text) ? digit : other);
}

const letterPattern = /\p{L}/u;
const digitPattern = /\p{N}/u;

function hasOtherLetters(bytes: Uint8Array, start: number, end: number): boolean {
	for (let i = start; i < end; i++) {
		if (bytes[i]! >= 0x80) {
			const [codePoint] = decodeUtf8(bytes, i, end);
			if (classify(codePoint) === otherLetter) {
				return true;
			}
		}
	}

	return false;
}

/** The code point at `i` and its byte width; an invalid byte reads as itself, one byte wide. */
function decodeUtf8(bytes: Uint8Array, i: number, end: number): [number, number] {
	const first = bytes[i]!;
	const width = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
	if (width === 1 || i + width > end) {
		return [first, 1];
	}

	let codePoint = first & (0xFF >> (width + 1));
	for (let k = 1; k < width; k++) {
		const next = bytes[i + k]!;
		if ((next & 0xC0) !== 0x80) {
			return [first, 1];
		}

		codePoint = (codePoint << 6) | (next & 0x3F);
	}

	return [codePoint, width];
}
