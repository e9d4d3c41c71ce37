/**
Label consistency across the corpus: for every entity mention's surface string, how often each
type labels it and how often the same tokens stand unlabelled. Noisy corpora label one string
several ways (`Linux` as Application and Operating_System), and miss it elsewhere; this index is
what the checks and the bulk relabel read.
*/
import {planSpans, type Corpus, type Decoded, type Span, type TagChange} from '../corpus/index.js';

/** One occurrence of a string: tokens `[start, end)` of `sentence` (sentence-relative); `type` undefined when unlabelled. */
export type Place = {
	readonly sentence: number;
	readonly start: number;
	readonly end: number;
	readonly type: string | undefined;
};

export type Occurrences = {
	/** Labelled mentions per entity type. */
	readonly byType: ReadonlyMap<string, number>;
	/** Occurrences of the same tokens outside every entity. */
	readonly unlabelled: number;
	/** Every occurrence, in corpus order. */
	readonly places: readonly Place[];
};

export type ConsistencyIndex = {
	/** What the corpus does with `text` (tokens joined by single spaces); empty counts for a string never labelled. */
	occurrences(text: string): Occurrences;
	/** `Linux: Application x108, Operating_System x21, O x40`, most frequent first. */
	summary(text: string): string;
	/** Every labelled string with its occurrences, in order of first mention. */
	entries(): IterableIterator<[text: string, occurrences: Occurrences]>;
};

/** Called with each sentence's decoding as the index reads it, so callers need not decode again. */
export type DecodedVisitor = (sentence: number, decoded: Decoded) => void;

type Entry = {
	readonly text: string;
	byType: Map<string, number>;
	unlabelled: number;
	places: Place[];
};

const empty: Occurrences = {byType: new Map(), unlabelled: 0, places: []};

/** The key of a mention: its tokens joined by one space. */
export function mentionText(texts: readonly string[], start: number, end: number): string {
	return texts.slice(start, end).join(' ');
}

/** The text up to its first space: a token may hold spaces (WikiSER's `Windows 95`), so strings are matched by words. */
function firstWord(text: string): string {
	const space = text.indexOf(' ');
	return space === -1 ? text : text.slice(0, space);
}

/**
Where an occurrence of `text` starting at token `start` ends, when tokens from `start` joined by
spaces give exactly `text` and each is outside entities (`isOutside`); -1 otherwise.
*/
export function matchEnd(text: string, texts: readonly string[], start: number, isOutside: (index: number) => boolean): number {
	let joined = '';
	for (let end = start; end < texts.length && isOutside(end); end++) {
		joined = end === start ? texts[end]! : `${joined} ${texts[end]!}`;
		if (joined.length >= text.length || !text.startsWith(joined)) {
			return joined === text ? end + 1 : -1;
		}
	}

	return -1;
}

/**
Reads the corpus twice: first every mention (decoding each sentence once), then every run of
tokens outside entities, trying at each token only the mention strings that start with it, so the
cost stays linear in the corpus size.
*/
export function buildConsistencyIndex(corpus: Corpus, visit?: DecodedVisitor): ConsistencyIndex {
	const entries = new Map<string, Entry>();
	/** Mention strings by their first token, to find unlabelled occurrences without trying every string everywhere. */
	const byFirstToken = new Map<string, Entry[]>();
	const outside = new Uint8Array(corpus.tokenCount);

	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		const decoded = corpus.decode(sentence);
		visit?.(sentence, decoded);
		const texts = corpus.sentenceTexts(sentence);
		const [first] = corpus.sentenceTokens(sentence);
		outside.fill(1, first, first + texts.length);
		for (const span of decoded.spans) {
			outside.fill(0, first + span.start, first + span.end);
			const key = mentionText(texts, span.start, span.end);
			let entry = entries.get(key);
			if (entry === undefined) {
				entry = {text: key, byType: new Map(), unlabelled: 0, places: []};
				entries.set(key, entry);
				const word = firstWord(key);
				const list = byFirstToken.get(word);
				if (list === undefined) {
					byFirstToken.set(word, [entry]);
				} else {
					list.push(entry);
				}
			}

			entry.byType.set(span.type, (entry.byType.get(span.type) ?? 0) + 1);
			entry.places.push({sentence, start: span.start, end: span.end, type: span.type});
		}
	}

	// The token texts are decoded again rather than kept from the first pass: keeping every token of a
	// 10M-token corpus as a string would cost gigabytes.
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		const texts = corpus.sentenceTexts(sentence);
		const [first] = corpus.sentenceTokens(sentence);
		// Per string, where its last unlabelled occurrence here ended: `a a` in `a a a` counts once, as it can be labelled once.
		const busyUntil = new Map<Entry, number>();
		const isOutside = (index: number) => outside[first + index] === 1;
		for (let start = 0; start < texts.length; start++) {
			if (!isOutside(start)) {
				continue;
			}

			const candidates = byFirstToken.get(firstWord(texts[start]!));
			if (candidates === undefined) {
				continue;
			}

			for (const entry of candidates) {
				const end = (busyUntil.get(entry) ?? 0) <= start ? matchEnd(entry.text, texts, start, isOutside) : -1;
				if (end !== -1) {
					entry.unlabelled++;
					entry.places.push({sentence, start, end, type: undefined});
					busyUntil.set(entry, end);
				}
			}
		}
	}

	// Places were collected mentions first; callers walk them in corpus order.
	for (const entry of entries.values()) {
		if (entry.unlabelled > 0) {
			entry.places.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
		}
	}

	const occurrences = (text: string): Occurrences => entries.get(text) ?? empty;
	return {
		occurrences,
		summary: (text: string) => summarize(text, occurrences(text)),
		* entries() {
			for (const [text, entry] of entries) {
				yield [text, entry];
			}
		},
	};
}

/** `TEXT: TYPE xN, ..., O xM`, types most frequent first (ties by name), `O` last. */
export function summarize(text: string, occurrences: Occurrences): string {
	const parts = [...occurrences.byType]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([type, count]) => `${type} x${count}`);
	if (occurrences.unlabelled > 0) {
		parts.push(`O x${occurrences.unlabelled}`);
	}

	return parts.length === 0 ? `${text}: not labelled anywhere` : `${text}: ${parts.join(', ')}`;
}

export type BulkPlan = {
	readonly changes: TagChange[];
	/** Sentences that change. */
	readonly sentences: number;
	/** Mentions (or unlabelled occurrences) relabelled. */
	readonly mentions: number;
};

/**
The changes that give every mention of `text` the type `newType`: all mentions, or only those
now labelled `onlyType`; with `onlyType` 'O' the unlabelled occurrences become entities instead.
Reads the current tags (not an index built before earlier edits), and plans each sentence with
planSpans, so every change is in the file's scheme and the UI can apply them as one edit.
*/
export function planBulkRelabel(corpus: Corpus, text: string, newType: string, onlyType?: string): BulkPlan {
	const changes: TagChange[] = [];
	let sentences = 0;
	let mentions = 0;
	for (const sentence of candidateSentences(corpus, text)) {
		const texts = corpus.sentenceTexts(sentence);
		const {spans} = corpus.decode(sentence);
		const targets = onlyType === 'O'
			? unlabelledPlaces(text, texts, spans)
			: spans.filter(span => (onlyType === undefined || span.type === onlyType) && span.type !== newType && mentionText(texts, span.start, span.end) === text);
		if (targets.length === 0) {
			continue;
		}

		const desired: Span[] = onlyType === 'O'
			? [...spans, ...targets.map(target => ({...target, type: newType}))]
			: spans.map(span => (targets.includes(span) ? {...span, type: newType} : span));
		const touched = {start: Math.min(...targets.map(target => target.start)), end: Math.max(...targets.map(target => target.end))};
		const planned = planSpans(corpus, sentence, desired, touched);
		if (planned.length > 0) {
			changes.push(...planned);
			sentences++;
			mentions += targets.length;
		}
	}

	return {changes, sentences, mentions};
}

/** Non-overlapping occurrences of `text` outside every span, left to right (as the index counts them). */
function unlabelledPlaces(text: string, texts: readonly string[], spans: readonly Span[]): Span[] {
	const inside = new Uint8Array(texts.length);
	for (const span of spans) {
		inside.fill(1, span.start, span.end);
	}

	const isOutside = (index: number) => inside[index] === 0;
	const places: Span[] = [];
	for (let start = 0; start < texts.length; start++) {
		const end = matchEnd(text, texts, start, isOutside);
		if (end !== -1) {
			places.push({start, end, type: ''});
			start = end - 1;
		}
	}

	return places;
}

/**
Sentences whose bytes contain every token of the string: a native byte search finds them without
decoding the rest of the corpus. A string holding U+FFFD may stand for invalid bytes, which a
byte search cannot find, so then every sentence is a candidate.
*/
function * candidateSentences(corpus: Corpus, text: string): Generator<number> {
	const longest = text.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
	if (longest === '' || longest.includes('\uFFFD')) {
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			yield sentence;
		}

		return;
	}

	const needle = Buffer.from(longest);
	const {bytes} = corpus;
	let sentence = 0;
	while (sentence < corpus.sentenceCount) {
		const hit = bytes.indexOf(needle, corpus.sentenceOffset[sentence]!);
		if (hit === -1) {
			return;
		}

		sentence = corpus.sentenceAtOffset(hit, sentence);
		yield sentence;
		sentence++;
	}
}

