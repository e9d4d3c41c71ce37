/**
Entity edits on one sentence, computed as the smallest set of tag changes that gives the wanted
spans in the file's own scheme. Only tags inside the edited tokens change, plus the token right
after them when the scheme needs it (IOB1's `B-` between two entities of one type), so a file
with irregular tags elsewhere in the sentence keeps them as they were.
*/
import type {Corpus} from './corpus.js';
import {decodeSpans, encodeSpans, sameSpans, type Span} from './scheme.js';
import {parseTag} from './tags.js';

/** One token's tag going from tag id `before` to tag id `after`. */
export type TagChange = {
	readonly token: number;
	readonly before: number;
	readonly after: number;
};

/** Tokens `[start, end)` of a sentence, sentence-relative, as the selection or cursor covers them. */
export type TokenRange = {readonly start: number; readonly end: number};

function overlaps(span: Span, range: TokenRange): boolean {
	return span.start < range.end && range.start < span.end;
}

/**
Applies `type` the way the number keys do: a selection becomes one entity, replacing every entity
it overlaps; without one, the entity under the cursor keeps its boundaries and takes the type, and
a token outside entities becomes a one-token entity.
*/
export function planRelabel(corpus: Corpus, sentence: number, cursor: number, selection: TokenRange | undefined, type: string): TagChange[] {
	const {spans} = corpus.decode(sentence);
	if (selection !== undefined) {
		const replaced = spans.filter(span => overlaps(span, selection));
		const kept = spans.filter(span => !overlaps(span, selection));
		return planSpans(corpus, sentence, [...kept, {...selection, type}], cover(selection, replaced));
	}

	const under = spans.find(span => span.start <= cursor && cursor < span.end);
	if (under !== undefined) {
		const desired = spans.map(span => (span === under ? {...span, type} : span));
		return planSpans(corpus, sentence, desired, under);
	}

	const single = {start: cursor, end: cursor + 1, type};
	return planSpans(corpus, sentence, [...spans, single], single);
}

/** Removes the entity under the cursor, or every entity touching the selection (their tokens become `O`). */
export function planRemove(corpus: Corpus, sentence: number, cursor: number, selection: TokenRange | undefined): TagChange[] {
	const {spans} = corpus.decode(sentence);
	const range = selection ?? {start: cursor, end: cursor + 1};
	const removed = spans.filter(span => overlaps(span, range));
	if (removed.length === 0) {
		return [];
	}

	return planSpans(corpus, sentence, spans.filter(span => !overlaps(span, range)), cover(range, removed));
}

function cover(range: TokenRange, spans: readonly Span[]): TokenRange {
	let {start, end} = range;
	for (const span of spans) {
		start = Math.min(start, span.start);
		end = Math.max(end, span.end);
	}

	return {start, end};
}

/**
The tag changes that turn the sentence's spans into `desired`, touching tokens in `touched` and,
only where needed to keep neighbouring entities apart, the token after it; as a last resort the
whole sentence is written canonically.
*/
export function planSpans(corpus: Corpus, sentence: number, desired: readonly Span[], touched: TokenRange): TagChange[] {
	const {scheme} = corpus.format;
	const current = corpus.sentenceTags(sentence);
	const encoded = encodeSpans(desired, current.length, scheme);
	const candidate = current.map(tag => tag.text);
	for (let i = touched.start; i < touched.end; i++) {
		candidate[i] = encoded[i]!;
	}

	// A canonical neighbour stays canonical: IOB1's `B-` after the edited tokens is only right while
	// the entity before it has its type (`I-PER B-PER` relabelled to `I-LOC` needs `I-PER`, not `B-PER`).
	// An irregular neighbour is left as the file had it.
	if (touched.end < candidate.length && current[touched.end]!.text === encodeSpans(decodeSpans(current, scheme).spans, current.length, scheme)[touched.end]) {
		candidate[touched.end] = encoded[touched.end]!;
	}

	const gives = (tags: string[]) => sameSpans(decodeSpans(tags.map(tag => parseTag(tag)), scheme).spans, desired);
	if (!gives(candidate) && touched.end < candidate.length) {
		candidate[touched.end] = encoded[touched.end]!;
	}

	// Where the canonical form cannot give the wanted spans (IO has no way to keep two adjacent entities
	// of one type apart, so a file's irregular `B-` does it), tags that already give them are kept, and
	// the whole sentence is rewritten only when that gives them: otherwise the local change is kept, so
	// that irregular tags elsewhere in the sentence (and the entities they make) stay as the file had them.
	const currentTexts = current.map(tag => tag.text);
	const final = gives(candidate) ? candidate : (gives(currentTexts) ? currentTexts : (gives(encoded) ? encoded : candidate));
	const [first] = corpus.sentenceTokens(sentence);
	const changes: TagChange[] = [];
	for (let i = 0; i < final.length; i++) {
		if (final[i] !== current[i]!.text) {
			const token = first + i;
			changes.push({token, before: corpus.tagIds[token]!, after: corpus.tags.intern(final[i]!)});
		}
	}

	return changes;
}

/** Applies changes forward (`redo`) or backward (`undo`). */
export function applyChanges(corpus: Corpus, changes: readonly TagChange[], direction: 'forward' | 'backward'): void {
	for (const change of changes) {
		corpus.setTag(change.token, direction === 'forward' ? change.after : change.before);
	}
}

/**
The entity that holds `token` (sentence-relative) once `changes` are applied, when the file's scheme
wrote it wider than `range`: IO has no way to keep two entities of one type side by side apart, so a
label given next to one joins it. Undefined when the entity is as planned.
*/
function mergedInto(corpus: Corpus, sentence: number, changes: readonly TagChange[], range: TokenRange, token: number): Span | undefined {
	if (corpus.format.scheme !== 'IO') {
		return undefined;
	}

	const [first] = corpus.sentenceTokens(sentence);
	const tags = corpus.sentenceTags(sentence).slice();
	for (const change of changes) {
		tags[change.token - first] = parseTag(corpus.tags.text(change.after));
	}

	const span = decodeSpans(tags, 'IO').spans.find(each => each.start <= token && token < each.end);
	return span !== undefined && (span.start < range.start || span.end > range.end) ? span : undefined;
}

/**
How many of the runs of tokens `changes` label (each run of adjacent changed tokens of a sentence)
join an entity beside them when applied (IO: see `mergedInto`); 0 in any other scheme.
*/
export function mergedRuns(corpus: Corpus, changes: readonly TagChange[]): number {
	if (corpus.format.scheme !== 'IO' || changes.length === 0) {
		return 0;
	}

	// By token, so that a sentence's changes are together and a run's tokens are adjacent.
	const sorted = [...changes].sort((a, b) => a.token - b.token);
	let merged = 0;
	let sentenceFrom = 0;
	let runStart = 0;
	for (let index = 0; index < sorted.length; index++) {
		const change = sorted[index]!;
		const sentence = corpus.sentenceOf(change.token);
		const next = sorted[index + 1];
		const nextSentence = next === undefined ? -1 : corpus.sentenceOf(next.token);
		if (next !== undefined && nextSentence === sentence && next.token === change.token + 1) {
			continue;
		}

		let sentenceTo = index + 1;
		while (sentenceTo < sorted.length && corpus.sentenceOf(sorted[sentenceTo]!.token) === sentence) {
			sentenceTo++;
		}

		const first = corpus.sentenceStart[sentence]!;
		const run = {start: sorted[runStart]!.token - first, end: change.token + 1 - first};
		if (corpus.tags.text(change.after) !== 'O' && mergedInto(corpus, sentence, sorted.slice(sentenceFrom, sentenceTo), run, run.start) !== undefined) {
			merged++;
		}

		runStart = index + 1;
		if (nextSentence !== sentence) {
			sentenceFrom = index + 1;
		}
	}

	return merged;
}
