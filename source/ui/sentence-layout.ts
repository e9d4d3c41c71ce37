/**
Word-wrapping one sentence into screen lines, as a pure function. Each token is a unit
`[text]TYPE` (brackets and type name only at an entity's edges, `!` after a token whose tag breaks
the scheme) placed after a one-column gap; the gaps are where the plain (no color) mode draws its
cursor and selection marks, so moving the cursor never reflows the sentence.
*/
import type {Corpus, Decoded, TagLayer} from '../corpus/index.js';
import {compareSentence} from '../review/compare/index.js';
import type {SecondOpinion} from './second-opinion.js';
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
	/** Compare mode: an entity here differs on the other side; `≠` is drawn after the unit. */
	readonly differs: boolean;
	/** A note drawn after the unit: the queue's suggestion for the entity ending here (`→ ORG 0.94`). */
	readonly note?: string;
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

/** Builds the units of a sentence from its token texts and decoded spans; `differs` holds the tokens after which `≠` is drawn. */
export function sentenceUnits(texts: readonly string[], decoded: Decoded, maxUnitWidth: number, differs?: ReadonlySet<number>, note?: {readonly token: number; readonly text: string}): TokenUnit[] {
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
		const differing = differs?.has(token) === true;
		const noted = note?.token === token ? truncate(displayText(note.text), Math.max(4, Math.floor(maxUnitWidth / 2))) : undefined;
		const marks = (opens[token] ? 1 : 0) + (label === undefined ? 0 : 1 + textWidth(label)) + (invalid.has(token) ? 1 : 0) + (differing ? 1 : 0) + (noted === undefined ? 0 : textWidth(noted));
		const text = truncate(displayText(raw), Math.max(1, maxUnitWidth - marks));
		return {
			token,
			text,
			type,
			label,
			opens: opens[token] === 1,
			closes: closes[token] === 1,
			invalid: invalid.has(token),
			differs: differing,
			note: noted,
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


/**
The longest token text a line of `width` columns shows whole: a longer one is shown as its start
and its size (`xxxx… (50.0 MB)`), so the size is never cut off and a 50 MB token is never decoded.
*/
export function displayCharsFor(width: number): number {
	return Math.max(8, width - 16);
}

const cachedLayouts = new WeakMap<object, Map<string, SentenceLayout>>();

/** A layout kept for `owner` (the corpus, or a second opinion's layer) under `key`; the last few are kept. */
function cached(owner: object, key: string, build: () => SentenceLayout): SentenceLayout {
	let cache = cachedLayouts.get(owner);
	if (cache === undefined) {
		cache = new Map();
		cachedLayouts.set(owner, cache);
	}

	let layout = cache.get(key);
	if (layout === undefined) {
		layout = build();
		if (cache.size >= 8) {
			cache.delete(cache.keys().next().value!);
		}

		cache.set(key, layout);
	}

	return layout;
}

/**
The wrapped layout of one sentence at `width` columns, as the sentence view draws it (the reducer
reads it too, to keep the cursor's line in the window). `revision` is the history's: the layout
changes with the tags. In compare mode the entities that differ on the other side carry `≠`.
*/
export function sentenceLayoutOf(corpus: Corpus, sentence: number, width: number, revision: number, second?: SecondOpinion, note?: {readonly token: number; readonly text: string}): SentenceLayout {
	const compared = second?.kind === 'compare' && second.layer.has(sentence);
	return cached(corpus, `${sentence}:${width}:${revision}:${compared ? 'c' : ''}:${note === undefined ? '' : `${note.token}${note.text}`}`, () => {
		const differs = compared ? differenceEnds(corpus, second.layer, sentence).ours : undefined;
		return layoutSentence(sentenceUnits(corpus.sentenceDisplayTexts(sentence, displayCharsFor(width)), corpus.decode(sentence), width - 2, differs, note), width);
	});
}

/** The other side's entities for the same tokens, laid out the same way; undefined until that sentence is read. */
export function otherSideLayoutOf(second: SecondOpinion, sentence: number, width: number, revision: number): SentenceLayout | undefined {
	const {layer} = second;
	if (!layer.has(sentence)) {
		return undefined;
	}

	return cached(layer, `${sentence}:${width}:${revision}`, () => {
		const differs = second.kind === 'compare' ? differenceEnds(layer.corpus, layer, sentence).theirs : undefined;
		return layoutSentence(sentenceUnits(layer.corpus.sentenceDisplayTexts(sentence, displayCharsFor(width)), layer.decode(sentence), width - 2, differs), width);
	});
}

/** Where each side draws `≠`: after its own entity in a difference, or after the difference's last token when it has none there. */
function differenceEnds(corpus: Corpus, layer: TagLayer, sentence: number): {ours: Set<number>; theirs: Set<number>} {
	const ours = new Set<number>();
	const theirs = new Set<number>();
	for (const difference of compareSentence(corpus, layer, sentence).differences) {
		ours.add((difference.ours?.end ?? difference.end) - 1);
		theirs.add((difference.theirs?.end ?? difference.end) - 1);
	}

	return {ours, theirs};
}
