/**
Label consistency across the corpus: for an entity string, how often each type labels it and how
often the same tokens stand unlabelled, and the bulk relabel of its mentions. Noisy corpora label
one string several ways (`Linux` as Application and Operating_System), and miss it elsewhere; the
analysis (corpus-analysis.ts) counts them, this file holds what the consistency view shows and does.
*/
import {planSpans, type Corpus, type Span, type TagChange} from '../corpus/index.js';
import {standaloneReader, StringScan} from './string-scan.js';

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
Reads the current tags (not counts made before earlier edits): the places are found by a byte
search for the text, as the consistency view finds them. Each sentence is planned with planSpans,
so every change is in the file's scheme and the UI can apply them as one edit.
*/
export function planBulkRelabel(corpus: Corpus, text: string, newType: string, onlyType?: string): BulkPlan {
	const reader = standaloneReader(corpus);
	const {names} = reader.roles.types;
	const targetsBySentence = new Map<number, Span[]>();
	new StringScan(corpus, reader, Buffer.from(text), (sentence, start, end, type) => {
		const name = type === -1 ? undefined : names[type]!;
		const target = onlyType === 'O' ? name === undefined : name !== undefined && (onlyType === undefined || name === onlyType) && name !== newType;
		if (target) {
			const targets = targetsBySentence.get(sentence) ?? [];
			targets.push({start, end, type: name ?? ''});
			targetsBySentence.set(sentence, targets);
		}
	}).run();

	const changes: TagChange[] = [];
	let sentences = 0;
	let mentions = 0;
	for (const [sentence, targets] of targetsBySentence) {
		const {spans} = corpus.decode(sentence);
		const desired: Span[] = onlyType === 'O'
			? [...spans, ...targets.map(target => ({...target, type: newType}))]
			: spans.map(span => (targets.some(target => target.start === span.start) ? {...span, type: newType} : span));
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
