/**
Label consistency across the corpus: for an entity string, how often each type labels it and how
often the same tokens stand unlabelled, and the bulk relabel of its mentions. Noisy corpora label
one string several ways (`Linux` as Application and Operating_System), and miss it elsewhere; the
analysis (corpus-analysis.ts) counts them, this file holds what the consistency view shows and does.
*/
import {planSpans, type Corpus, type Span, type TagChange} from '../corpus/index.js';
import {candidateSentences, searchablePiece} from './string-scan.js';

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

/** What the consistency view asks of the analysis. */
export type ConsistencyIndex = {
	/** What the corpus does with `text` (tokens joined by single spaces); empty counts for a string never labelled. */
	occurrences(text: string): Occurrences;
	/** `Linux: Application x108, Operating_System x21, O x40`, most frequent first. */
	summary(text: string): string;
};

/** The key of a mention: its tokens joined by one space. */
export function mentionText(texts: readonly string[], start: number, end: number): string {
	return texts.slice(start, end).join(' ');
}

/**
Where an occurrence of `text` starting at token `start` ends, when tokens from `start` joined by
spaces give exactly `text` and each is outside entities (`isOutside`); -1 otherwise. A token may
hold spaces (WikiSER's `Windows 95`), so strings are matched by their joined text.
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
	for (const sentence of candidateSentences(corpus, searchablePiece(Buffer.from(text)))) {
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
