/**
Finds every place of ONE string (its labelled mentions and its unlabelled occurrences) without
reading the whole corpus: a native byte search for the longest piece of its text finds the
sentences that may hold it, and only those are decoded. What the consistency view lists, and what
an edit needs when a string's verdict changes (it becomes inconsistent, or its unlabelled
occurrences become worth reporting).
*/
import type {Corpus} from '../corpus/index.js';
import type {MentionStrings} from './mention-strings.js';
import type {SentenceReader} from './sentence-reader.js';

/** A place: `type` is the entity type number of a labelled mention, -1 for an unlabelled occurrence. Return true to stop. */
export type PlaceVisitor = (sentence: number, start: number, end: number, type: number) => boolean | void;

/**
The longest run of the text's bytes that a byte search can find in the file: no space (tokens are
joined by spaces, which the file does not hold between them) and no U+FFFD (which stands for
invalid bytes as often as for itself). Empty when there is none: then every sentence is read.
*/
export function searchablePiece(text: Uint8Array): Uint8Array {
	let best = text.subarray(0, 0);
	let start = 0;
	for (let i = 0; i <= text.length; i++) {
		const replacement = text[i] === 0xEF && text[i + 1] === 0xBF && text[i + 2] === 0xBD;
		if (i === text.length || text[i] === 0x20 || replacement) {
			if (i - start > best.length) {
				best = text.subarray(start, i);
			}

			if (replacement) {
				i += 2;
			}

			start = i + 1;
		}
	}

	return best;
}

/**
The sentences from `from` on whose bytes hold `piece`, ascending (every sentence when the piece
is empty). A hit between sentences (a comment, a document line) names the sentence before it:
a candidate too many is harmless, one too few is not.
*/
export function * candidateSentences(corpus: Corpus, piece: Uint8Array, from = 0): Generator<number> {
	if (piece.length === 0) {
		for (let sentence = from; sentence < corpus.sentenceCount; sentence++) {
			yield sentence;
		}

		return;
	}

	const {bytes} = corpus;
	let sentence = from;
	while (sentence < corpus.sentenceCount) {
		const hit = bytes.indexOf(piece, corpus.sentenceOffset[sentence]!);
		if (hit === -1) {
			return;
		}

		sentence = corpus.sentenceAtOffset(hit, sentence);
		yield sentence;
		sentence++;
	}
}

/**
Visits the places of string `id` in corpus order, from sentence `from` on, reading the current tags.
Sentences in `skip` are left out.
*/
export function scanString(corpus: Corpus, strings: MentionStrings, reader: SentenceReader, id: number, visit: PlaceVisitor, from = 0, skip?: ReadonlySet<number>): void {
	const text = strings.bytes(id).slice();
	const hash = strings.hash[id]!;
	const {spans, cells} = reader;
	for (const sentence of candidateSentences(corpus, searchablePiece(text), from)) {
		if (skip?.has(sentence)) {
			continue;
		}

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
						return;
					}
				}

				continue;
			}

			if (start >= busyUntil) {
				const end = cells.matchFrom(start, outside, text, 0, text.length);
				if (end !== -1) {
					busyUntil = end;
					if (visit(sentence, start, end, -1) === true) {
						return;
					}
				}
			}
		}
	}
}
