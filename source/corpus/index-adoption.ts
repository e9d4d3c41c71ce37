/**
A large file indexed in two parts at once. The screen's indexer reads the file's first part in
slices between frames (the first pass of the analysis riding on it, so the screen shows and edits
what is indexed so far); the index worker (source/review/index-worker.ts) reads the rest on the
second core, from a sentence boundary (`partStart`) to the end. When both are done, the screen's
indexer appends the worker's index to its own: the worker's sentences, tokens and lines are
numbered on from the screen's, and its tag ids become the corpus's through the tags' bytes. The
result is the index one pass over the whole file builds (the tests compare them).

The worker cannot know how the file's lines before its part leave a sentence: it starts from a
line that begins a sentence in a well-formed file (after a blank line, or at `<s>`), and the
screen's indexer appends its part only when it stopped there between two sentences. Otherwise, or
when the worker failed (a malformed line in its part, which it would number from its own start),
the screen's indexer reads on by itself and reports what it finds, as it would without the worker.
*/
import {carriageReturn, newline} from './cells.js';
import type {CorpusIndex} from './corpus-index.js';
import type {Format} from './format.js';
import type {TagTable} from './tags.js';

/** The index of a part of a file, from `start` to its end, as plain arrays another thread can be handed (moved, not cloned). */
export type BuiltIndex = {
	readonly fileLength: number;
	/** The byte the part starts at, and how many lines it has (numbered from 1 at `start`). */
	readonly start: number;
	readonly lines: number;
	/** Each tag's bytes, by the id the builder gave it. */
	readonly tags: readonly Uint8Array[];
	readonly tagIds: Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
	readonly tokenCount: number;
	/** Numbered within the part: its first token and line are 0 and 1; offsets are the file's. */
	readonly sentenceStart: Uint32Array<ArrayBuffer>;
	readonly sentenceLine: Uint32Array<ArrayBuffer>;
	readonly sentenceOffset: Uint32Array<ArrayBuffer>;
	readonly sentenceCount: number;
	readonly documentStarts: readonly number[];
	/**
	Where each token's line starts, when the builder kept them, as one byte a token
	(token-line-steps.ts): the first pass of the analysis then reads the part's mentions from them, as
	it does riding on the screen's indexing (half the time of finding every line again).
	*/
	readonly tokenLineSteps?: Uint8Array<ArrayBuffer>;
};

const openMarker = Buffer.from('\n<s>');

/**
Where a window of the part that starts at `from` ends: at the end of the line holding byte
`from + size - 1` (a window never cuts a line), or at the end of the file.
*/
export function windowEnd(bytes: Uint8Array, from: number, size: number): number {
	const end = Math.min(bytes.length, from + size);
	if (end >= bytes.length) {
		return bytes.length;
	}

	const lineEnd = bytes.indexOf(newline, end - 1);
	return lineEnd === -1 ? bytes.length : lineEnd + 1;
}

/**
A line start at or after byte `from` where a sentence begins in a well-formed file: just after a
blank line (a file of blank-line sentences), or a `<s>` line (sentence markers). Undefined when
there is none before the end.
*/
export function partStart(bytes: Uint8Array, format: Format, from: number): number | undefined {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (format.layout === 'sentence-markers') {
		for (let at = buffer.indexOf(openMarker, Math.max(0, from - 1)); at !== -1; at = buffer.indexOf(openMarker, at + 1)) {
			const after = at + openMarker.length;
			if (after === buffer.length || buffer[after] === newline || (buffer[after] === carriageReturn && buffer[after + 1] === newline)) {
				return at + 1;
			}
		}

		return undefined;
	}

	// A line with nothing on it (or only a carriage return): the line after it starts a sentence.
	for (let at = buffer.indexOf(newline, Math.max(0, from - 1)); at !== -1 && at + 1 < buffer.length; at = buffer.indexOf(newline, at + 1)) {
		const next = buffer[at + 1];
		if (next === newline) {
			return at + 2 < buffer.length ? at + 2 : undefined;
		}

		if (next === carriageReturn && buffer[at + 2] === newline) {
			return at + 3 < buffer.length ? at + 3 : undefined;
		}
	}

	return undefined;
}

/** A complete index of a part, to post; its arrays are the index's own, so the index is not used after. */
export function builtIndexOf(index: CorpusIndex, tags: TagTable, part: {readonly fileLength: number; readonly start: number; readonly lines: number; readonly tokenLineSteps?: Uint8Array<ArrayBuffer>}): BuiltIndex {
	if (!index.complete) {
		throw new Error('only a complete index is posted');
	}

	return {
		...part,
		// Copies of their own: a view is posted with the whole buffer under it.
		tags: Array.from({length: tags.size}, (_, id) => new Uint8Array(tags.bytes(id))),
		tagIds: index.tagIds as Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>,
		tokenCount: index.tokenCount,
		sentenceStart: index.sentenceStart as Uint32Array<ArrayBuffer>,
		sentenceLine: index.sentenceLine as Uint32Array<ArrayBuffer>,
		sentenceOffset: index.sentenceOffset as Uint32Array<ArrayBuffer>,
		sentenceCount: index.sentenceCount,
		documentStarts: index.documentStarts,
	};
}

/** The buffers of a built index, to move it to another thread rather than clone it. */
export function builtIndexBuffers(built: BuiltIndex): ArrayBuffer[] {
	return [built.tagIds, built.sentenceStart, built.sentenceLine, built.sentenceOffset, ...built.tokenLineSteps === undefined ? [] : [built.tokenLineSteps]].map(array => array.buffer);
}

/**
A part's index once it has arrived, its tag ids renumbered as the corpus numbers them. The worker
numbered its tags in the order it met them; renumbering millions of tokens took 28 ms at once, so
the screen does it in steps between frames (`renumber`), in the part's own array, before it
appends the part.
*/
export class ArrivedPart {
	/** The part's tag ids, renumbered in place up to `next`. */
	readonly tagIds: Uint8Array | Uint16Array;
	/** The corpus's id of each of the part's tags (by the part's id). */
	readonly corpusTagIds: Uint32Array;
	/** The same, when renumbering is needed (not every id its own). */
	private readonly ids: Uint32Array | undefined;
	private next = 0;

	constructor(readonly built: BuiltIndex, tags: TagTable) {
		// The part's tags get this corpus's ids now (new ones are added in the part's order); the corpus's
		// tags found later get ids of their own, which the part's tokens never have.
		const ids = Uint32Array.from(built.tags, bytes => tags.internBytes(bytes, 0, bytes.length));
		this.corpusTagIds = ids;
		this.ids = ids.every((id, index) => id === index) ? undefined : ids;
		// Widened first when a renumbered id would not fit in a byte.
		this.tagIds = built.tagIds instanceof Uint8Array && ids.some(id => id > 0xFF) ? widened(built.tagIds) : built.tagIds;
	}

	get renumbered(): boolean {
		return this.ids === undefined || this.next === this.built.tokenCount;
	}

	/** Renumbers tokens until `deadline` (performance.now() time), a chunk (`chunk` tokens) at least; returns whether all are. */
	renumber(deadline = Number.POSITIVE_INFINITY, chunk = renumberChunk): boolean {
		const {ids, tagIds} = this;
		const count = this.built.tokenCount;
		while (ids !== undefined && this.next < count) {
			const end = Math.min(count, this.next + chunk);
			if (tagIds instanceof Uint8Array) {
				renumberBytes(tagIds, this.next, end, Uint8Array.from(ids));
			} else {
				renumberWide(tagIds, this.next, end, ids);
			}

			this.next = end;
			if (performance.now() >= deadline) {
				break;
			}
		}

		return this.renumbered;
	}
}

/** Tokens renumbered between two looks at the clock: 1 to 5 ms. */
const renumberChunk = 1 << 20;

function widened(tagIds: Uint8Array): Uint16Array<ArrayBuffer> {
	const wide = new Uint16Array(tagIds.length);
	wide.set(tagIds);
	return wide;
}

function renumberBytes(tagIds: Uint8Array, start: number, end: number, ids: Uint8Array): void {
	for (let token = start; token < end; token++) {
		tagIds[token] = ids[tagIds[token]!]!;
	}
}

function renumberWide(tagIds: Uint16Array, start: number, end: number, ids: Uint32Array): void {
	for (let token = start; token < end; token++) {
		tagIds[token] = ids[tagIds[token]!]!;
	}
}

/**
Appends `part` (renumbered), the part of the file after the `linesBefore` lines `index` holds (all
of its sentences closed), to `index`. The caller then finishes the index (the scheme, `complete`).
*/
export function appendPart(index: CorpusIndex, tags: TagTable, part: ArrivedPart, linesBefore: number): void {
	part.renumber();
	const {built} = part;
	const firstSentence = index.sentenceCount;
	const firstToken = index.tokenCount;
	const sentenceCount = firstSentence + built.sentenceCount;
	const tokenCount = firstToken + built.tokenCount;
	const wide = tags.size > 0x100 || index.tagIds instanceof Uint16Array || part.tagIds instanceof Uint16Array;
	let tagIds = index.tagIds;
	if (tagIds.length < tokenCount || (wide && tagIds instanceof Uint8Array)) {
		tagIds = wide ? new Uint16Array(tokenCount) : new Uint8Array(tokenCount);
		tagIds.set(index.tagIds.subarray(0, firstToken));
	}

	tagIds.set(part.tagIds.subarray(0, built.tokenCount), firstToken);
	index.tagIds = tagIds;
	index.sentenceStart = appended(index.sentenceStart, firstSentence, built.sentenceStart, built.sentenceCount + 1, firstToken, sentenceCount + 1);
	index.sentenceLine = appended(index.sentenceLine, firstSentence, built.sentenceLine, built.sentenceCount, linesBefore, sentenceCount + 1);
	index.sentenceOffset = appended(index.sentenceOffset, firstSentence, built.sentenceOffset, built.sentenceCount, 0, sentenceCount + 1);
	index.tokenCount = tokenCount;
	index.sentenceCount = sentenceCount;
	for (const start of built.documentStarts) {
		// A document line just before the part and one at its start begin the same document.
		if (index.documentStarts.at(-1) !== firstSentence + start) {
			index.documentStarts.push(firstSentence + start);
		}
	}
}

/** `array`'s first `kept` entries then `count` of `part`'s plus `shift`, in `array` when it has room for `length`. */
function appended(array: Uint32Array, kept: number, part: Uint32Array, count: number, shift: number, length: number): Uint32Array<ArrayBuffer> {
	let target = array as Uint32Array<ArrayBuffer>;
	if (target.length < length) {
		target = new Uint32Array(length);
		target.set(array.subarray(0, kept));
	}

	for (let index = 0; index < count; index++) {
		target[kept + index] = part[index]! + shift;
	}

	return target;
}
