/**
Finds the places of ONE string (its labelled mentions and its unlabelled occurrences) without
reading the whole corpus: a native byte search for the longest piece of its text finds the
sentences that may hold it, and only those are decoded. What the consistency view lists, what the
bulk relabel plans, and what an edit needs when a string's verdict changes (it becomes
inconsistent, or its unlabelled occurrences become worth reporting).
*/
import type {Corpus} from '../corpus/index.js';
import {MentionStrings} from './mention-strings.js';
import {SentenceReader} from './sentence-reader.js';
import {TagRoles, TypeNames} from './tag-spans.js';
import {hashBytes} from './token-cells.js';
import {grown} from './typed-array.js';

/** A place: `type` is the entity type number of a labelled mention, -1 for an unlabelled occurrence. Return true to stop. */
export type PlaceVisitor = (sentence: number, start: number, end: number, type: number) => boolean | void;

/**
The bytes a native search looks for to find the sentences that may hold `text`: a piece of it with
no space (tokens are joined by spaces, which the file does not hold between them) and no U+FFFD
(which stands for invalid bytes as often as for itself), from the byte of it the corpus holds
least. Buffer.indexOf runs memchr on a needle's first byte: "Nequahox" in a CoNLL file, whose
`N` starts every NNP tag, took 120 ms over 163 MB, "quahox" 32 ms. At least `minNeedle` bytes
are kept where the piece has them, so a rare last letter does not stop at every word.
Empty when there is no piece: then every sentence is read.
*/
export function searchNeedle(text: Uint8Array, frequency: ArrayLike<number>): Uint8Array {
	let best = text.subarray(0, 0);
	let bestFrequency = Number.POSITIVE_INFINITY;
	let start = 0;
	for (let i = 0; i <= text.length; i++) {
		const replacement = text[i] === 0xEF && text[i + 1] === 0xBF && text[i + 2] === 0xBD;
		if (i === text.length || text[i] === 0x20 || replacement) {
			const last = i - Math.min(minNeedle, i - start);
			for (let from = start; from <= last && i > start; from++) {
				const rarity = frequency[text[from]!]!;
				if (rarity < bestFrequency || (rarity === bestFrequency && i - from > best.length)) {
					best = text.subarray(from, i);
					bestFrequency = rarity;
				}
			}

			if (replacement) {
				i += 2;
			}

			start = i + 1;
		}
	}

	return best;
}

const minNeedle = 4;
const frequencies = new WeakMap<Uint8Array, Uint32Array>();

/** Whether the corpus's byte frequencies are made already (the analysis of a small file makes them when it is built: analysis-passes.ts). */
export const knowsByteFrequency = (bytes: Uint8Array): boolean => frequencies.has(bytes);

/** How often each byte value occurs in the corpus, from 256 samples of 4 KB spread over it (about a millisecond), kept per corpus. */
export function byteFrequency(bytes: Uint8Array): Uint32Array {
	let frequency = frequencies.get(bytes);
	if (frequency === undefined) {
		frequency = new Uint32Array(256);
		const samples = 256;
		const size = 4096;
		const stride = Math.max(size, Math.floor(bytes.length / samples));
		for (let offset = 0; offset < bytes.length; offset += stride) {
			const end = Math.min(bytes.length, offset + size);
			for (let i = offset; i < end; i++) {
				frequency[bytes[i]!]++;
			}
		}

		frequencies.set(bytes, frequency);
	}

	return frequency;
}

/**
The sentences from `from` on whose bytes hold `piece`, ascending (every sentence when the piece
is empty). A hit between sentences (a comment, a document line) names the sentence before it:
a candidate too many is harmless, one too few is not.
*/
export function * candidateSentences(corpus: Corpus, piece: Uint8Array, from = 0): Generator<number> {
	const scan = new CandidateScan(corpus, piece, from);
	for (let sentence = scan.next(); sentence !== -1; sentence = scan.next()) {
		yield sentence;
	}
}

/** The candidate sentences of a piece, one at a time, resumable between calls. */
class CandidateScan {
	/** The next sentence that may be a candidate. */
	sentence: number;

	constructor(
		private readonly corpus: Corpus,
		private readonly piece: Uint8Array,
		from: number,
	) {
		this.sentence = from;
	}

	/** The next candidate, or -1 at the end. */
	next(): number {
		const {corpus, piece} = this;
		if (this.sentence >= corpus.sentenceCount) {
			return -1;
		}

		if (piece.length > 0) {
			const hit = corpus.bytes.indexOf(piece, corpus.sentenceOffset[this.sentence]!);
			if (hit === -1) {
				this.sentence = corpus.sentenceCount;
				return -1;
			}

			this.sentence = corpus.sentenceAtOffset(hit, this.sentence);
		}

		return this.sentence++;
	}
}

/**
A scan for the places of one text, in corpus order, run at once (`run`) or in slices (`step`),
reading the current tags. Sentences in `skip` are left out.
*/
export class StringScan {
	private readonly candidates: CandidateScan;
	private readonly text: Uint8Array;
	private readonly hash: number;
	private finished = false;

	constructor(
		private readonly corpus: Corpus,
		private readonly reader: SentenceReader,
		text: Uint8Array,
		private readonly visit: PlaceVisitor,
		from = 0,
		private readonly skip?: ReadonlySet<number>,
	) {
		this.text = text.slice();
		this.hash = hashBytes(this.text, 0, this.text.length);
		this.candidates = new CandidateScan(corpus, searchNeedle(this.text, byteFrequency(corpus.bytes)), from);
	}

	get done(): boolean {
		return this.finished;
	}

	/** Share of the corpus scanned, 0 to 1. */
	get progress(): number {
		return this.finished ? 1 : this.candidates.sentence / Math.max(1, this.corpus.sentenceCount);
	}

	/** Scans until `deadline` (a `performance.now()` time), a candidate sentence at least; true when done. */
	step(deadline = Number.POSITIVE_INFINITY): boolean {
		for (let first = true; !this.finished; first = false) {
			if (!first && performance.now() >= deadline) {
				return false;
			}

			const sentence = this.candidates.next();
			if (sentence === -1 || (this.skip?.has(sentence) !== true && this.read(sentence)) || this.candidates.sentence >= this.corpus.sentenceCount) {
				this.finished = true;
			}
		}

		return true;
	}

	run(): void {
		this.step();
	}

	/** Visits the places of one sentence; true when the visitor asked to stop. */
	private read(sentence: number): boolean {
		const {reader, text, hash, visit} = this;
		const {spans, cells} = reader;
		reader.decode(sentence);
		cells.read(sentence);
		const {outside} = spans;
		let span = 0;
		let busyUntil = 0;
		// Mentions and unlabelled occurrences are merged by their first token, so places come in order.
		for (let start = 0; start < cells.count; start++) {
			if (outside[start] === 0) {
				while (span < spans.count && spans.starts[span]! < start) {
					span++;
				}

				if (span < spans.count && spans.starts[span] === start) {
					const end = spans.ends[span]!;
					if (cells.joinedHash(start, end) === hash && cells.joinedEquals(start, end, text, 0, text.length) && visit(sentence, start, end, spans.types[span]!) === true) {
						return true;
					}
				}

				continue;
			}

			if (start >= busyUntil) {
				const end = cells.matchFrom(start, outside, text, 0, text.length);
				if (end !== -1) {
					busyUntil = end;
					if (visit(sentence, start, end, -1) === true) {
						return true;
					}
				}
			}
		}

		return false;
	}
}

/** A reader of its own, for a scan made without an analysis (the bulk relabel). Its type numbers are in `reader.roles.types`. */
export function standaloneReader(corpus: Corpus): SentenceReader {
	const roles = new TagRoles(corpus, new TypeNames());
	roles.refresh();
	return new SentenceReader(corpus, roles, new MentionStrings());
}

/**
The places of one text, kept compact (four numbers each): what the consistency view lists, found
in slices so a string that occurs 400,000 times does not stop the screen, and without an object
per place until one is asked for.
*/
export class PlaceList {
	/** Places found so far. */
	count = 0;
	sentences = new Uint32Array(64);
	starts = new Uint32Array(64);
	ends = new Uint32Array(64);
	/** Entity type number (the analysis's), -1 for unlabelled. */
	types = new Int32Array(64);
	private readonly scan: StringScan;

	constructor(corpus: Corpus, reader: SentenceReader, text: Uint8Array, private readonly typeNames: readonly string[]) {
		this.scan = new StringScan(corpus, reader, text, (sentence, start, end, type) => {
			this.push(sentence, start, end, type);
		});
	}

	/** All places found. */
	get done(): boolean {
		return this.scan.done;
	}

	get progress(): number {
		return this.scan.progress;
	}

	/** Finds places until `deadline`; true when all are found. */
	step(deadline = Number.POSITIVE_INFINITY): boolean {
		return this.scan.step(deadline);
	}

	/** Place `index` as the consistency view shows it. */
	at(index: number): {sentence: number; start: number; end: number; type: string | undefined} {
		const type = this.types[index]!;
		return {sentence: this.sentences[index]!, start: this.starts[index]!, end: this.ends[index]!, type: type === -1 ? undefined : this.typeNames[type]};
	}

	private push(sentence: number, start: number, end: number, type: number) {
		if (this.count === this.sentences.length) {
			const size = this.count * 2;
			this.sentences = grown(this.sentences, size);
			this.starts = grown(this.starts, size);
			this.ends = grown(this.ends, size);
			this.types = grown(this.types, size);
		}

		this.sentences[this.count] = sentence;
		this.starts[this.count] = start;
		this.ends[this.count] = end;
		this.types[this.count] = type;
		this.count++;
	}
}
