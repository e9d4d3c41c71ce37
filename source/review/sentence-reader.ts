/**
Reads one sentence for the analysis: its spans (from tag ids, through the edits not yet taken into
account when there are any), its token cells, the id of each mention's string, and the unlabelled
occurrences of labelled strings. Shared by the whole-corpus passes, the updates after an edit and
the scans for one string, so that all of them see a sentence the same way.
*/
import type {Corpus} from '../corpus/index.js';
import type {MentionStrings} from './mention-strings.js';
import {SpanList, TagRoles, schemeOptions} from './tag-spans.js';
import {TokenCells} from './token-cells.js';
import {grown} from './typed-array.js';

/** Tag ids as the analysis last saw them, for tokens edited since. */
export class PendingEdits {
	/** Token -> the tag id the analysis reflects. */
	readonly before = new Map<number, number>();
	/** Sentences holding such tokens. */
	readonly sentences = new Set<number>();

	get size(): number {
		return this.before.size;
	}

	clear(): void {
		this.before.clear();
		this.sentences.clear();
	}
}

export class SentenceReader {
	readonly spans = new SpanList();
	readonly cells: TokenCells;
	/** Scratch tags of a sentence seen through pending edits. */
	private scratch = new Uint16Array(64);
	/** Per string: where its last unlabelled occurrence in the current visit ends (`a a` in `a a a` counts once). */
	private busyUntil = new Int32Array(1024);
	private busyVisit = new Int32Array(1024);
	private visit = 0;
	private scheme = '';
	private options = {lenientInside: false, mustEnd: false};
	/** Sentences decoded, for tests of what an update costs. */
	sentencesRead = 0;

	constructor(
		private readonly corpus: Corpus,
		readonly roles: TagRoles,
		private readonly strings: MentionStrings,
	) {
		this.cells = new TokenCells(corpus);
	}

	/**
	Decodes the spans of `sentence` from its current tags, or from the tags before the pending edits
	when `pending` is given.
	*/
	decode(sentence: number, pending?: PendingEdits): void {
		const {corpus} = this;
		this.sentencesRead++;
		const first = corpus.sentenceStart[sentence]!;
		const end = corpus.sentenceStart[sentence + 1]!;
		if (this.scheme !== corpus.format.scheme) {
			this.scheme = corpus.format.scheme;
			this.options = schemeOptions(corpus);
		}

		const {lenientInside, mustEnd} = this.options;
		if (pending === undefined || !pending.sentences.has(sentence)) {
			this.spans.decode(corpus.tagIds, first, end, this.roles, lenientInside, mustEnd);
			return;
		}

		const length = end - first;
		if (this.scratch.length < length) {
			this.scratch = new Uint16Array(Math.max(length, this.scratch.length * 2));
		}

		for (let i = 0; i < length; i++) {
			this.scratch[i] = pending.before.get(first + i) ?? corpus.tagIds[first + i]!;
		}

		this.spans.decode(this.scratch, 0, length, this.roles, lenientInside, mustEnd);
	}

	/** Adds `delta` to `counts[tag id]` for every token of `sentence`, seen as `decode` sees it; grows `counts` to the tag table. */
	countTags(sentence: number, counts: Uint32Array, delta: number, pending?: PendingEdits): Uint32Array {
		const {corpus} = this;
		if (counts.length < corpus.tags.size) {
			const grown = new Uint32Array(Math.max(corpus.tags.size, counts.length * 2));
			grown.set(counts);
			counts = grown;
		}

		const first = corpus.sentenceStart[sentence]!;
		const end = corpus.sentenceStart[sentence + 1]!;
		const {tagIds} = corpus;
		const seen = pending?.sentences.has(sentence) === true ? pending.before : undefined;
		for (let token = first; token < end; token++) {
			counts[seen?.get(token) ?? tagIds[token]!] += delta;
		}

		return counts;
	}

	/** The string id of span `index` (after `decode` and reading its cells), or -1 when it is not interned. */
	mentionId(index: number): number {
		const {spans, cells} = this;
		const start = spans.starts[index]!;
		const end = spans.ends[index]!;
		return this.strings.findJoined(cells.joinedHash(start, end), cells, start, end);
	}

	/** The string id of span `index`, interning the string if new. */
	internMention(index: number): number {
		const known = this.mentionId(index);
		if (known !== -1) {
			return known;
		}

		const {spans, cells} = this;
		const start = spans.starts[index]!;
		const end = spans.ends[index]!;
		let length = end - start - 1;
		for (let i = start; i < end; i++) {
			length += cells.lengthOf(i);
		}

		const range = new Int32Array(2);
		return this.strings.add(cells.joinedHash(start, end), length, (pool, at) => {
			let offset = at;
			for (let i = start; i < end; i++) {
				if (i > start) {
					pool[offset++] = 0x20;
				}

				const bytes = cells.bytesOf(i, range);
				pool.set(bytes.subarray(range[0], range[1]), offset);
				offset += range[1]! - range[0]!;
			}
		});
	}

	/**
	Calls `found` for every unlabelled occurrence of a string with a labelled mention, left to right
	(after `decode` and reading all cells): runs of tokens outside spans whose text, joined by spaces,
	is the string's. A run is extended only while its text is a prefix of some string (the prefix
	set), so the cost follows the corpus, not the number of strings.
	*/
	unlabelled(found: (id: number, start: number, end: number) => void): void {
		const {spans, cells, strings} = this;
		const {outside} = spans;
		const {hashes, count} = cells;
		const {labelled} = strings;
		this.startVisit();
		for (let start = 0; start < count; start++) {
			if (outside[start] === 0) {
				continue;
			}

			let hash = hashes[start]!;
			for (let last = start; ;) {
				const id = strings.matchJoined(hash, cells, start, last + 1);
				if (id === -2) {
					break;
				}

				if (id >= 0 && labelled[id]! > 0 && this.free(id, start)) {
					this.occupy(id, last + 1);
					found(id, start, last + 1);
				}

				last++;
				if (last >= count || outside[last] === 0) {
					break;
				}

				hash = cells.joinNext(hash, last);
			}
		}
	}

	/** Starts a new busy-until scope (one per sentence visit). */
	startVisit(): void {
		this.visit++;
		if (this.busyUntil.length < this.strings.count) {
			const size = Math.max(this.strings.count, this.busyUntil.length * 2);
			this.busyUntil = grown(this.busyUntil, size);
			this.busyVisit = grown(this.busyVisit, size);
		}
	}

	/** Whether an unlabelled occurrence of `id` may start at `start` in this visit. */
	free(id: number, start: number): boolean {
		return this.busyVisit[id] !== this.visit || this.busyUntil[id]! <= start;
	}

	occupy(id: number, end: number): void {
		this.busyVisit[id] = this.visit;
		this.busyUntil[id] = end;
	}
}
