import type {Corpus} from '../../corpus/index.js';
import type {World} from '../state/world.js';
import {flaggedBit, reviewedBit} from '../../review/index.js';
import {displayCharsFor} from '../sentence-layout.js';
import {displayText, textWidth, textWidth as stringWidth, truncate} from '../display-text.js';

/** A piece of a list row: plain words, or one bracketed entity with its type (for its color). */
export type Piece = {readonly text: string; readonly type?: string};

export type ListRow = {
	readonly sentence: number;
	readonly isCurrent: boolean;
	/** `>` for the current sentence, the mark (✓ reviewed, ⚑ flagged) and the sentence number. */
	readonly prefix: string;
	readonly pieces: readonly Piece[];
	/** A flagged sentence's note, drawn after its words (terminal-safe, cut to fit). */
	readonly note?: string;
};

/**
The sentence list's rows: `rows` sentences from position `top` (of the filter's sentences when a
filter is set), with the current sentence added when the filter no longer holds it.
*/
export function listRows(world: World, current: number, top: number, rows: number, width: number, filter: Uint32Array | undefined): ListRow[] {
	const {corpus, marks} = world;
	const count = filter === undefined ? corpus.sentenceCount : filter.length;
	let sentences: number[] = [];
	for (let position = top; position < Math.min(count, top + rows); position++) {
		sentences.push(filter === undefined ? position : filter[position]!);
	}

	if (filter !== undefined && !sentences.includes(current)) {
		sentences = [...sentences, current].sort((a, b) => a - b).slice(0, rows);
	}

	const numberWidth = String(corpus.sentenceCount).length;
	const documents = new Set(corpus.documentStarts.length > 1 ? corpus.documentStarts : []);
	return sentences.map(sentence => {
		const mark = marks?.has(sentence, flaggedBit) ? '⚑' : (marks?.has(sentence, reviewedBit) ? '✓' : ' ');
		// A document's first sentence is marked `§`, so -DOCSTART- boundaries show in the list.
		const documentMark = documents.size === 0 ? '' : (documents.has(sentence) ? '§' : ' ');
		const prefix = `${sentence === current ? '>' : ' '}${mark}${documentMark}${String(sentence + 1).padStart(numberWidth)}  `;
		const flagNote = marks?.has(sentence, flaggedBit) ? marks.noteOf(sentence) : undefined;
		// A note takes at most a third of the row; the sentence keeps the rest.
		const note = flagNote === undefined ? undefined : truncate(`  ⚑ ${displayText(flagNote)}`, Math.floor((width - prefix.length) / 3));
		const textWidth = width - prefix.length - (note === undefined ? 0 : stringWidth(note));
		return {sentence, isCurrent: sentence === current, prefix, pieces: rowPieces(corpus, sentence, textWidth, world.history.revision), note};
	});
}

const cachedPieces = new WeakMap<Corpus, Map<string, Piece[]>>();

/** The sentence's tokens as text pieces, entities bracketed, cut to `width` columns; the last few hundred rows are kept. */
function rowPieces(corpus: Corpus, sentence: number, width: number, revision: number): Piece[] {
	let cache = cachedPieces.get(corpus);
	if (cache === undefined) {
		cache = new Map();
		cachedPieces.set(corpus, cache);
	}

	const key = `${sentence}:${width}:${revision}`;
	let pieces = cache.get(key);
	if (pieces === undefined) {
		pieces = buildPieces(corpus, sentence, width);
		if (cache.size >= 256) {
			cache.delete(cache.keys().next().value!);
		}

		cache.set(key, pieces);
	}

	return pieces;
}

function buildPieces(corpus: Corpus, sentence: number, width: number): Piece[] {
	const {spans} = corpus.decode(sentence);
	const texts = corpus.sentenceDisplayTexts(sentence, displayCharsFor(width));
	const pieces: Array<{text: string; type?: string}> = [];
	/** Adds plain text to the last plain piece: fewer nodes for Ink to lay out on every frame. */
	const addPlain = (text: string) => {
		const last = pieces.at(-1);
		if (last !== undefined && last.type === undefined) {
			last.text += text;
		} else {
			pieces.push({text});
		}
	};

	let used = 0;
	let spanIndex = 0;
	let token = 0;
	while (token < texts.length && used < width) {
		while (spanIndex < spans.length && spans[spanIndex]!.end <= token) {
			spanIndex++;
		}

		if (token > 0) {
			// The space between words is never part of an entity's piece (an underlined type would underline it).
			addPlain(' ');
			used++;
		}

		const span = spans[spanIndex];
		if (span !== undefined && span.start === token) {
			const words: string[] = [];
			let wordsWidth = 0;
			for (let i = span.start; i < span.end && used + wordsWidth < width; i++) {
				const word = displayText(texts[i]!);
				wordsWidth += (words.length > 0 ? 1 : 0) + textWidth(word);
				words.push(word);
			}

			const text = truncate(`[${words.join(' ')}]`, width - used);
			pieces.push({text, type: span.type});
			used += textWidth(text);
			token = span.end;
		} else {
			const text = truncate(displayText(texts[token]!), width - used);
			addPlain(text);
			used += textWidth(text);
			token++;
		}
	}

	// A row cut exactly at a word's end must still show that the sentence goes on.
	const last = pieces.at(-1);
	if (token < texts.length && last !== undefined && !last.text.endsWith('…')) {
		if (used < width) {
			addPlain(last.text.endsWith(' ') || width - used < 2 ? '…' : ' …');
		} else {
			last.text = truncate(`${last.text}…`, textWidth(last.text));
		}
	}

	return pieces;
}
