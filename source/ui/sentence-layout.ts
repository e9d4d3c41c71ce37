/**
Word-wrapping one sentence into screen lines, as a pure function. Each token is a unit
`[text]TYPE` (brackets and type name only at an entity's edges, `!` after a token whose tag breaks
the scheme) placed after a one-column gap; the gaps are where the plain (no color) mode draws its
cursor and selection marks, so moving the cursor never reflows the sentence.
*/
import type {Corpus, Decoded} from '../corpus/index.js';
import {displayText, textWidth, truncate} from './display-text.js';

export type TokenUnit = {
	/** Sentence-relative token index. */
	readonly token: number;
	readonly text: string;
	/** Entity type when the token is inside an entity. */
	readonly type?: string;
	/** The type as drawn after `]` (terminal-safe, cut to fit) when the token closes an entity. */
	readonly label?: string;
	/** The token opens an entity: draw `[` before it. */
	readonly opens: boolean;
	/** The token closes an entity: draw `]TYPE` after it. */
	readonly closes: boolean;
	readonly invalid: boolean;
	/** Columns of the whole unit, marks included. */
	readonly width: number;
};

export type PlacedLine = {
	readonly units: TokenUnit[];
};

export type SentenceLayout = {
	readonly lines: PlacedLine[];
	/** Line index of each token. */
	readonly lineOfToken: Int32Array;
};

/** Builds the units of a sentence from its token texts and decoded spans. */
export function sentenceUnits(texts: readonly string[], decoded: Decoded, maxUnitWidth: number): TokenUnit[] {
	const typeOf: Array<string | undefined> = Array.from({length: texts.length});
	const opens = new Uint8Array(texts.length);
	const closes = new Uint8Array(texts.length);
	for (const span of decoded.spans) {
		opens[span.start] = 1;
		closes[span.end - 1] = 1;
		for (let i = span.start; i < span.end; i++) {
			typeOf[i] = span.type;
		}
	}

	const invalid = new Set(decoded.invalid);
	// A type name is shown safe and cut to at most half a line, so a token always keeps room.
	const typeWidth = Math.max(3, Math.floor(maxUnitWidth / 2));
	const shownTypes = new Map<string, string>();
	const shown = (type: string) => {
		let text = shownTypes.get(type);
		if (text === undefined) {
			text = truncate(displayText(type), typeWidth);
			shownTypes.set(type, text);
		}

		return text;
	};

	return texts.map((raw, token) => {
		const type = typeOf[token];
		const label = closes[token] && type !== undefined ? shown(type) : undefined;
		const marks = (opens[token] ? 1 : 0) + (label === undefined ? 0 : 1 + textWidth(label)) + (invalid.has(token) ? 1 : 0);
		const text = truncate(displayText(raw), Math.max(1, maxUnitWidth - marks));
		return {
			token,
			text,
			type,
			label,
			opens: opens[token] === 1,
			closes: closes[token] === 1,
			invalid: invalid.has(token),
			width: textWidth(text) + marks,
		};
	});
}

/** Wraps units into lines of at most `width` columns, each unit preceded by a one-column gap and the line closed by one. */
export function layoutSentence(units: readonly TokenUnit[], width: number): SentenceLayout {
	const lines: PlacedLine[] = [];
	const lineOfToken = new Int32Array(units.length);
	let current: TokenUnit[] = [];
	let used = 1;
	for (const unit of units) {
		if (current.length > 0 && used + unit.width + 1 > width) {
			lines.push({units: current});
			current = [];
			used = 1;
		}

		current.push(unit);
		lineOfToken[unit.token] = lines.length;
		used += unit.width + 1;
	}

	lines.push({units: current});
	return {lines, lineOfToken};
}


const cachedLayouts = new WeakMap<Corpus, Map<string, SentenceLayout>>();

/**
The wrapped layout of one sentence at `width` columns, as the sentence view draws it (the reducer
reads it too, to keep the cursor's line in the window). `revision` is the history's: the layout
changes with the tags. The last few layouts are kept, so cursor moves reuse them.
*/
export function sentenceLayoutOf(corpus: Corpus, sentence: number, width: number, revision: number): SentenceLayout {
	let cache = cachedLayouts.get(corpus);
	if (cache === undefined) {
		cache = new Map();
		cachedLayouts.set(corpus, cache);
	}

	const key = `${sentence}:${width}:${revision}`;
	let layout = cache.get(key);
	if (layout === undefined) {
		layout = layoutSentence(sentenceUnits(corpus.sentenceTexts(sentence), corpus.decode(sentence), width - 2), width);
		if (cache.size >= 8) {
			cache.delete(cache.keys().next().value!);
		}

		cache.set(key, layout);
	}

	return layout;
}
