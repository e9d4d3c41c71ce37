/**
Token search for `/` and `n`/`N`: a query matches the sentence text (tokens joined by single
spaces), so `New York` finds two tokens. The scan goes sentence by sentence from the cursor and
stops at the first hit, wrapping around the corpus; nothing is indexed ahead.
*/
import {lastAtOrBefore, type Corpus} from '../corpus/index.js';

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
export function searchTokens(corpus: Corpus, query: SearchQuery, from: SearchPosition, direction: 1 | -1): SearchMatch | undefined {
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
