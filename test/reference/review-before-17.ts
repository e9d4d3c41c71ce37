/**
TODAY'S whole-corpus analysis, frozen as the reference the new engine (source/review/) must agree
with: the consistency index, the problem list, the statistics and the substring search exactly as
they were before issue 17 (commit ab711c0), copied here unchanged but for imports and names. Tests
only: never import this from source/.
*/
/* eslint-disable */
import {foreignRole, lastAtOrBefore, planSpans, rolesByScheme, tagCounts, type Corpus, type Decoded, type ParsedTag, type Role, type SchemeName, type Span, type TagChange} from '../../source/corpus/index.js';

// ---- consistency.ts ----

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
export function referenceConsistencyIndex(corpus: Corpus, visit?: DecodedVisitor): ConsistencyIndex {
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


// ---- consistency.ts: the bulk relabel ----
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
export function referenceBulkRelabel(corpus: Corpus, text: string, newType: string, onlyType?: string): BulkPlan {
	const changes: TagChange[] = [];
	let sentences = 0;
	let mentions = 0;
	for (const sentence of referenceCandidateSentences(corpus, text)) {
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
function * referenceCandidateSentences(corpus: Corpus, text: string): Generator<number> {
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


// ---- checks.ts ----

export type ProblemKind = 'invalid-tag' | 'inconsistent-type' | 'unlabelled-mention';

export type Problem = {
	readonly sentence: number;
	/** Absolute token index (the first token of a mention). */
	readonly token: number;
	/** 1-based line of that token in the file. */
	readonly line: number;
	readonly kind: ProblemKind;
	readonly message: string;
};

/** A string needs this many labelled mentions before its labels are compared: one mention is no evidence. */
export const minLabelledMentions = 2;
/** An unlabelled occurrence is reported when more than this share of the string's occurrences are entities. */
export const minEntityShare = 0.5;

const kindOrder: Record<ProblemKind, number> = {'invalid-tag': 0, 'inconsistent-type': 1, 'unlabelled-mention': 2};

/** Every problem in the corpus, by sentence, then token. Pass an index already built to reuse it. */
export function referenceProblems(corpus: Corpus, index?: ConsistencyIndex): Problem[] {
	const found: Array<Omit<Problem, 'line'>> = [];
	const addInvalid = (sentence: number, invalid: readonly number[]) => {
		if (invalid.length > 0) {
			found.push(...invalidTagProblems(corpus, sentence, invalid));
		}
	};

	if (index === undefined) {
		index = referenceConsistencyIndex(corpus, (sentence, decoded) => {
			addInvalid(sentence, decoded.invalid);
		});
	} else {
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			addInvalid(sentence, corpus.decode(sentence).invalid);
		}
	}

	for (const [text, occurrences] of index.entries()) {
		found.push(...consistencyProblems(corpus, text, occurrences));
	}

	found.sort((a, b) => a.sentence - b.sentence || a.token - b.token || kindOrder[a.kind] - kindOrder[b.kind]);
	return found.map(problem => ({...problem, line: corpus.lineOf(problem.token)}));
}

function consistencyProblems(corpus: Corpus, text: string, occurrences: Occurrences): Array<Omit<Problem, 'line'>> {
	const labelled = sum(occurrences.byType.values());
	if (labelled < minLabelledMentions) {
		return [];
	}

	const problems: Array<Omit<Problem, 'line'>> = [];
	const types = [...occurrences.byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const reportUnlabelled = labelled / (labelled + occurrences.unlabelled) > minEntityShare;
	for (const place of occurrences.places) {
		const token = corpus.sentenceStart[place.sentence]! + place.start;
		if (place.type === undefined) {
			if (reportUnlabelled) {
				problems.push({sentence: place.sentence, token, kind: 'unlabelled-mention', message: `"${text}" is O here but an entity in ${labelled} of ${labelled + occurrences.unlabelled} occurrences`});
			}

			continue;
		}

		// Only a minority label is reported, against the most frequent other one; when the top types tie, each is reported.
		const own = occurrences.byType.get(place.type)!;
		const rival = types.find(([type]) => type !== place.type);
		if (rival !== undefined && rival[1] >= own) {
			problems.push({sentence: place.sentence, token, kind: 'inconsistent-type', message: `"${text}" is ${place.type} here but ${rival[0]} in ${rival[1]} of ${labelled} mentions`});
		}
	}

	return problems;
}

function sum(values: Iterable<number>): number {
	let total = 0;
	for (const value of values) {
		total += value;
	}

	return total;
}

const endLetter: Partial<Record<SchemeName, string>> = {BIOES: 'E', BILOU: 'L', BMES: 'E'};

/** The prefix's role as the decoder reads it (a foreign prefix by its usual meaning). */
function roleOf(tag: ParsedTag, scheme: SchemeName): Role {
	return rolesByScheme[scheme][tag.prefix] ?? foreignRole[tag.prefix];
}

/** Whether `tag` continues the entity `previous` leaves open (the decoder keeps one open after a begin or inside tag). */
function continues(previous: ParsedTag | undefined, tag: ParsedTag, scheme: SchemeName): boolean {
	if (previous === undefined) {
		return false;
	}

	const role = roleOf(previous, scheme);
	return (role === 'begin' || role === 'inside') && previous.type === tag.type;
}

/** Why the decoder marked the token invalid, in the reviewer's words; several reasons are joined. */
export function invalidReason(tags: readonly ParsedTag[], index: number, scheme: SchemeName): string {
	const tag = tags[index]!;
	const previous = tags[index - 1];
	const next = tags[index + 1];
	const reasons: string[] = [];
	if (tag.prefix === '?') {
		return `${JSON.stringify(tag.text)} is not a tag`;
	}

	if (rolesByScheme[scheme][tag.prefix] === undefined) {
		reasons.push(`${tag.text} is not used in ${scheme}`);
	}

	const role = roleOf(tag, scheme);
	const lenientInside = scheme === 'IOB1' || scheme === 'IO';
	if (((role === 'inside' && !lenientInside) || role === 'end') && !continues(previous, tag, scheme)) {
		reasons.push(previous === undefined ? `${tag.text} at the start of a sentence is invalid in ${scheme}` : `${tag.text} after ${previous.text} is invalid in ${scheme}`);
	}

	const end = endLetter[scheme];
	if (end !== undefined && (role === 'begin' || role === 'inside') && !(next !== undefined && next.type === tag.type && ['inside', 'end'].includes(roleOf(next, scheme)))) {
		reasons.push(`${tag.text} not closed by ${end}-${tag.type} (${scheme})`);
	}

	return reasons.length > 0 ? reasons.join('; ') : `${tag.text} is invalid in ${scheme}`;
}

function invalidTagProblems(corpus: Corpus, sentence: number, invalid: readonly number[]): Array<Omit<Problem, 'line'>> {
	const tags = corpus.sentenceTags(sentence);
	const [first] = corpus.sentenceTokens(sentence);
	return invalid.map(index => ({sentence, token: first + index, kind: 'invalid-tag' as const, message: invalidReason(tags, index, corpus.format.scheme)}));
}


// ---- statistics.ts ----

export type TypeStatistics = {
	readonly type: string;
	/** Entity spans of this type. */
	readonly mentions: number;
	/** Different surface strings among them. */
	readonly distinctStrings: number;
	/** Tokens inside them. */
	readonly tokens: number;
};

export type CorpusStatistics = {
	readonly sentences: number;
	readonly tokens: number;
	readonly scheme: SchemeName;
	/** Most mentions first. */
	readonly types: TypeStatistics[];
	/** Tags as written, most frequent first. */
	readonly tags: Array<{tag: string; count: number}>;
	readonly problems: {invalidTags: number; inconsistent: number; unlabelled: number};
};

/** Statistics of the corpus as it is now; pass the problems (and index) already computed to save a pass. */
export function referenceStatistics(corpus: Corpus, problems?: readonly Problem[], index?: ConsistencyIndex): CorpusStatistics {
	index ??= referenceConsistencyIndex(corpus);
	problems ??= referenceProblems(corpus, index);
	const byType = new Map<string, {mentions: number; distinctStrings: number; tokens: number}>();
	for (const [, occurrences] of index.entries()) {
		for (const [type, count] of occurrences.byType) {
			const entry = byType.get(type) ?? {mentions: 0, distinctStrings: 0, tokens: 0};
			entry.mentions += count;
			entry.distinctStrings++;
			byType.set(type, entry);
		}

		for (const place of occurrences.places) {
			if (place.type !== undefined) {
				byType.get(place.type)!.tokens += place.end - place.start;
			}
		}
	}

	const counts = tagCounts(corpus);
	const tags: Array<{tag: string; count: number}> = [];
	for (let id = 0; id < counts.length; id++) {
		if (counts[id]! > 0) {
			tags.push({tag: corpus.tags.text(id), count: counts[id]!});
		}
	}

	return {
		sentences: corpus.sentenceCount,
		tokens: corpus.tokenCount,
		scheme: corpus.format.scheme,
		types: [...byType].map(([type, entry]) => ({type, ...entry})).sort((a, b) => b.mentions - a.mentions || a.type.localeCompare(b.type)),
		tags: tags.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
		problems: {
			invalidTags: problems.filter(problem => problem.kind === 'invalid-tag').length,
			inconsistent: problems.filter(problem => problem.kind === 'inconsistent-type').length,
			unlabelled: problems.filter(problem => problem.kind === 'unlabelled-mention').length,
		},
	};
}


// ---- search.ts ----

export type SearchQuery = {
	readonly text: string;
	/** Treat `text` as a JavaScript regular expression rather than literal text. */
	readonly regex: boolean;
	/** Default false: `linux` finds `Linux`. */
	readonly caseSensitive?: boolean;
};

/** A cursor position: `token` is relative to the sentence, like the screen's cursor. */
export type SearchPosition = {readonly sentence: number; readonly token: number};

export type SearchMatch = {
	readonly sentence: number;
	/** First matched token, relative to the sentence. */
	readonly token: number;
	/** Tokens the match covers (at least 1). */
	readonly length: number;
	/** The search went past the end (or start) of the corpus to find it. */
	readonly wrapped: boolean;
};

/** The query as a global RegExp; throws an Error naming the query when the regular expression is invalid. */
export function compileQuery(query: SearchQuery): RegExp {
	const flags = query.caseSensitive ? 'g' : 'gi';
	if (!query.regex) {
		return new RegExp(query.text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
	}

	try {
		return new RegExp(query.text, flags);
	} catch (error) {
		const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '');
		throw new Error(`invalid regular expression /${query.text}/: ${reason}`);
	}
}

/** Matches in one sentence, at most one per first token, in token order. */
export function sentenceMatches(corpus: Corpus, sentence: number, pattern: RegExp): Array<{token: number; length: number}> {
	const texts = corpus.sentenceTexts(sentence);
	const starts: number[] = [];
	let text = '';
	for (const [index, token] of texts.entries()) {
		starts.push(index === 0 ? 0 : text.length + 1);
		text = index === 0 ? token : `${text} ${token}`;
	}

	const matches: Array<{token: number; length: number}> = [];
	pattern.lastIndex = 0;
	for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
		const end = match.index + match[0].length;
		if (match[0].length === 0) {
			// An empty match would find itself forever.
			pattern.lastIndex++;
		}

		// A match starting on the space between two tokens belongs to the token after it.
		let token = lastAtOrBefore(starts, starts.length, match.index);
		if (match.index >= starts[token]! + texts[token]!.length) {
			token++;
		}

		if (token >= texts.length || matches.at(-1)?.token === token) {
			continue;
		}

		const last = Math.max(token, lastAtOrBefore(starts, starts.length, Math.max(match.index, end - 1)));
		matches.push({token, length: last - token + 1});
	}

	return matches;
}

/**
The next match after `from` (direction 1) or before it (-1), wrapping around the corpus; the
match at `from` itself is found again only after going all the way round. Undefined when nothing
matches. Throws for an invalid regular expression.
*/
export function referenceSearch(corpus: Corpus, query: SearchQuery, from: SearchPosition, direction: 1 | -1): SearchMatch | undefined {
	const pattern = compileQuery(query);
	const count = corpus.sentenceCount;
	if (query.text === '' || count === 0) {
		return undefined;
	}

	const origin = Math.min(Math.max(from.sentence, 0), count - 1);
	// Visit the origin sentence (tokens after the cursor), every other sentence, then the origin again (up to the cursor).
	for (let step = 0; step <= count; step++) {
		const sentence = (((origin + direction * step) % count) + count) % count;
		const matches = sentenceMatches(corpus, sentence, pattern);
		const ordered = direction === 1 ? matches : matches.reverse();
		const found = ordered.find(match => {
			if (step === 0) {
				return direction === 1 ? match.token > from.token : match.token < from.token;
			}

			return step < count || (direction === 1 ? match.token <= from.token : match.token >= from.token);
		});
		if (found !== undefined) {
			const wrapped = step === count || (direction === 1 ? sentence < origin : sentence > origin);
			return {sentence, ...found, wrapped};
		}
	}

	return undefined;
}
