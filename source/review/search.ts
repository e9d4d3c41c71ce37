/**
Token search for `/` and `n`/`N` (the syntax is in search-query.ts). A search goes sentence by
sentence from the cursor, wrapping around the corpus, and stops at the first match; nothing is
indexed ahead. What makes it fast at 10M tokens: a query with text is first looked for as bytes
(a native search, or a skip search ignoring ASCII case), so only the sentences holding those
bytes are decoded; a query by label alone reads the tag ids, not the text; only a query of
regular expressions alone decodes every sentence. A search runs in slices (`TokenSearch.step`)
with its progress, so the screen can show it and keep answering keys.
*/
import type {Corpus} from '../corpus/index.js';
import {foldedIndexOf, foldedLastIndexOf, skipTable} from './folded-search.js';
import {parseQuery, type LabelConstraint, type ParsedQuery, type QueryPart} from './search-query.js';

export {parseQuery, QuerySyntaxError, type ParsedQuery} from './search-query.js';
export {foldedIndexOf, foldedLastIndexOf} from './folded-search.js';

/** The query of the screen before issue 15's syntax; `regex` makes the text one regular expression. */
export type SearchQuery = {
	readonly text: string;
	readonly regex: boolean;
	/** Undefined: smart case. */
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

/** The entity types of the corpus, for `@TYPE`. */
export function corpusLabels(corpus: Corpus): string[] {
	const types = new Set<string>();
	for (let id = 0; id < corpus.tags.size; id++) {
		const {type} = corpus.tags.get(id);
		if (type !== '') {
			types.add(type);
		}
	}

	return [...types];
}

/** A query as typed, or the screen's older form, parsed for `corpus`. Throws QuerySyntaxError. */
export function toParsedQuery(corpus: Corpus, query: SearchQuery | ParsedQuery | string, labels: Iterable<string> = corpusLabels(corpus)): ParsedQuery {
	if (typeof query === 'string') {
		return parseQuery(query, labels);
	}

	if ('parts' in query) {
		return query;
	}

	if (!query.regex) {
		return parseQuery(query.text, labels);
	}

	const parsed = parseQuery(`/${query.text}/`, labels);
	if (query.caseSensitive === undefined) {
		return parsed;
	}

	const part = parsed.parts[0]!;
	const pattern = part.kind === 'any' ? undefined : new RegExp(part.pattern.source, query.caseSensitive ? '' : 'i');
	return {...parsed, ignoreCase: !query.caseSensitive, parts: pattern === undefined ? parsed.parts : [{...part, pattern} as QueryPart]};
}

/** Matches in one sentence, at most one per first token, in token order. */
export function sentenceMatches(corpus: Corpus, sentence: number, query: ParsedQuery): Array<{token: number; length: number}> {
	if (query.parts.length === 0) {
		return [];
	}

	const texts = corpus.sentenceTexts(sentence);
	const [first] = corpus.sentenceTokens(sentence);
	const types = texts.map((_, index) => tokenType(corpus, first + index));
	const words = texts.map(text => text.split(' '));
	const matches: Array<{token: number; length: number}> = [];
	for (let token = 0; token < texts.length; token++) {
		const end = matchFrom(query.parts, texts, words, types, token);
		if (end !== -1) {
			matches.push({token, length: end - token});
		}
	}

	return matches;
}

/** The token's entity type, or undefined outside entities (a tag that starts or continues an entity has its type). */
function tokenType(corpus: Corpus, token: number): string | undefined {
	const tag = corpus.tag(token);
	return tag.prefix === 'O' || tag.prefix === '?' ? undefined : tag.type;
}

function labelAllows(label: LabelConstraint, type: string | undefined): boolean {
	return label.kind === 'any' || (label.kind === 'outside' ? type === undefined : type !== undefined && label.types.has(type));
}

/**
Where a match of the parts starting at token `start` ends (the token after it), or -1. Word parts
take one word each (a token holding spaces has several), the others a whole token; a match
starts and ends on token boundaries.
*/
function matchFrom(parts: readonly QueryPart[], texts: readonly string[], words: readonly string[][], types: ReadonlyArray<string | undefined>, start: number): number {
	let token = start;
	let word = 0;
	for (const part of parts) {
		if (token >= texts.length) {
			return -1;
		}

		if (!labelAllows(part.label, types[token])) {
			return -1;
		}

		if (part.kind === 'word') {
			if (!part.pattern.test(words[token]![word]!)) {
				return -1;
			}

			word++;
			if (word === words[token]!.length) {
				token++;
				word = 0;
			}
		} else {
			if (word !== 0 || (part.kind === 'regex' && !part.pattern.test(texts[token]!))) {
				return -1;
			}

			token++;
		}
	}

	return word === 0 ? token : -1;
}

/** Bytes read by one native search call or one slice of the skip search, so a step keeps to its deadline. */
const defaultWindow = 4 << 20;

/**
One search from a position in one direction, run in slices: `step(deadline)` until it returns true,
then `match` is the answer (undefined: nothing matches). The round visits the origin sentence
(tokens after the cursor), every other sentence in the direction of the search, wrapping around,
then the origin again (tokens up to the cursor); only candidates are read.
*/
export class TokenSearch {
	match: SearchMatch | undefined;
	private done = false;
	/** Step of the round last visited: 0 is the origin, `count` the origin again; -1 before the first. */
	private visitedStep = -1;
	/** Where the byte search resumes in the current stretch of sentences, or -1 at a new stretch. */
	private resume = -1;
	private readonly count: number;
	private readonly origin: number;
	private readonly query: ParsedQuery;
	private readonly skip?: Int32Array;
	/** For a query of `@TYPE` parts only: 1 for the tag ids of its first part's types. */
	private readonly labelTags?: Uint8Array;

	constructor(
		private readonly corpus: Corpus,
		query: SearchQuery | ParsedQuery | string,
		private readonly from: SearchPosition,
		private readonly direction: 1 | -1,
		/** Bytes searched per call (tests make it tiny, to cross window edges). */
		private readonly window = defaultWindow,
	) {
		this.query = toParsedQuery(corpus, query);
		this.count = corpus.sentenceCount;
		this.origin = Math.min(Math.max(from.sentence, 0), Math.max(this.count - 1, 0));
		if (this.query.needle.length > 0 && this.query.folded) {
			this.skip = skipTable(this.query.needle, direction);
		}

		const [first] = this.query.parts;
		if (this.query.needle.length === 0 && first?.kind === 'any' && first.label.kind === 'types') {
			const {types} = first.label;
			this.labelTags = new Uint8Array(corpus.tags.size);
			for (let id = 0; id < corpus.tags.size; id++) {
				const tag = corpus.tags.get(id);
				this.labelTags[id] = tag.prefix !== 'O' && tag.prefix !== '?' && types.has(tag.type) ? 1 : 0;
			}
		}

		this.done = this.query.parts.length === 0 || this.count === 0;
	}

	/** Share of the round gone through, 0 to 1. */
	get progress(): number {
		return this.done ? 1 : Math.max(0, this.visitedStep + 1) / (this.count + 1);
	}

	/** Searches until `deadline` (a `performance.now()` time), a window of bytes or a sentence at least; true when finished. */
	step(deadline = Number.POSITIVE_INFINITY): boolean {
		// At least one window or sentence a call, so that a late caller still moves it on.
		for (let first = true; !this.done; first = false) {
			if (!first && performance.now() >= deadline) {
				return false;
			}

			const next = this.visitedStep + 1;
			if (next === 0 || next >= this.count) {
				this.visit(next === 0 ? 0 : this.count);
				continue;
			}

			const candidate = this.findCandidate(next);
			if (candidate !== undefined) {
				this.visit(candidate);
			}
		}

		return true;
	}

	private sentenceAt(step: number): number {
		return (((this.origin + (this.direction * step)) % this.count) + this.count) % this.count;
	}

	private stepOf(sentence: number): number {
		return (((this.direction * (sentence - this.origin)) % this.count) + this.count) % this.count;
	}

	private visit(step: number) {
		this.visitedStep = step;
		this.resume = -1;
		const {from, direction, count} = this;
		const sentence = this.sentenceAt(step);
		const matches = sentenceMatches(this.corpus, sentence, this.query);
		const ordered = direction === 1 ? matches : matches.reverse();
		const found = ordered.find(match => {
			if (step === 0) {
				return direction === 1 ? match.token > from.token : match.token < from.token;
			}

			return step < count || (direction === 1 ? match.token <= from.token : match.token >= from.token);
		});
		if (found !== undefined) {
			const wrapped = step === count || (direction === 1 ? sentence < this.origin : sentence > this.origin);
			this.match = {sentence, ...found, wrapped};
			this.done = true;
		} else if (step === count) {
			this.done = true;
		}
	}

	/**
	The step of the next candidate from step `next` on, within its stretch of sentences (up to the end
	of the corpus, or from its start up to the origin). Undefined when a window was read without one
	(the search resumes there), or when the stretch holds none (the round moves past it).
	*/
	private findCandidate(next: number): number | undefined {
		const {corpus, direction, origin, query} = this;
		const first = this.sentenceAt(next);
		// The stretch ends at the corpus's end (or start), or just before the origin.
		const beforeWrap = direction === 1 ? first > origin : first < origin;
		const last = beforeWrap ? (direction === 1 ? this.count - 1 : 0) : origin - direction;
		if (query.needle.length === 0 && this.labelTags === undefined) {
			return next;
		}

		if (this.labelTags !== undefined) {
			return this.findByLabel(first, last);
		}

		const low = corpus.sentenceOffset[Math.min(first, last)]!;
		const high = this.endOffset(Math.max(first, last));
		const hit = direction === 1 ? this.searchForward(Math.max(low, this.resume), high) : this.searchBackward(low, this.resume === -1 ? high : Math.min(high, this.resume));
		if (hit === undefined) {
			return undefined;
		}

		if (hit === -1) {
			this.visitedStep = this.stepOf(last);
			this.resume = -1;
			return undefined;
		}

		return this.stepOf(Math.min(Math.max(corpus.sentenceAtOffset(hit), Math.min(first, last)), Math.max(first, last)));
	}

	/** A hit in `[from, to)`, or -1 when there is none, or undefined after a window without one (resume set). */
	private searchForward(from: number, to: number): number | undefined {
		const {bytes} = this.corpus;
		const {needle} = this.query;
		const stop = Math.min(to, from + Math.max(this.window, needle.length + 1));
		const hit = this.skip === undefined ? bytes.subarray(0, stop).indexOf(needle, from) : foldedIndexOf(bytes, needle, this.skip, from, stop);
		if (hit !== -1 || stop >= to) {
			return hit;
		}

		this.resume = stop - needle.length + 1;
		return undefined;
	}

	private searchBackward(from: number, to: number): number | undefined {
		const {bytes} = this.corpus;
		const {needle} = this.query;
		const start = Math.max(from, to - Math.max(this.window, needle.length + 1));
		let hit = -1;
		if (to - start >= needle.length) {
			hit = this.skip === undefined ? bytes.subarray(start, to).lastIndexOf(needle) : foldedLastIndexOf(bytes, needle, this.skip, start, to) - start;
			hit = hit < 0 ? -1 : start + hit;
		}

		if (hit !== -1 || start <= from) {
			return hit;
		}

		this.resume = start + needle.length - 1;
		return undefined;
	}

	/** The step of the next sentence from `first` to `last` holding a token of the type, from the tag ids; a few thousand sentences a call. */
	private findByLabel(first: number, last: number): number | undefined {
		const {corpus, direction} = this;
		const labelTags = this.labelTags!;
		const {tagIds} = corpus;
		let sentence = first;
		for (let budget = 4096; budget > 0; budget--) {
			const [start, end] = corpus.sentenceTokens(sentence);
			for (let token = start; token < end; token++) {
				if (labelTags[tagIds[token]!] === 1) {
					return this.stepOf(sentence);
				}
			}

			if (sentence === last) {
				this.visitedStep = this.stepOf(last);
				return undefined;
			}

			sentence += direction;
		}

		this.visitedStep = this.stepOf(sentence) - 1;
		return undefined;
	}

	/** Byte offset just past the last line of `sentence`. */
	private endOffset(sentence: number): number {
		return sentence + 1 < this.count ? this.corpus.sentenceOffset[sentence + 1]! : this.corpus.bytes.length;
	}
}

/**
The next match after `from` (direction 1) or before it (-1), wrapping around the corpus; the
match at `from` itself is found again only after going all the way round. Undefined when nothing
matches. Throws QuerySyntaxError for an invalid query. At once: the screen runs a TokenSearch in
slices instead.
*/
export function searchTokens(corpus: Corpus, query: SearchQuery | ParsedQuery | string, from: SearchPosition, direction: 1 | -1): SearchMatch | undefined {
	const search = new TokenSearch(corpus, query, from, direction);
	search.step();
	return search.match;
}
