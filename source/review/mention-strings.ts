/**
Every entity string the corpus labels, interned by the bytes of its text (tokens joined by single
spaces), with its counts: labelled mentions per type, occurrences of the same tokens outside
entities, and its first mention. Typed arrays and one byte pool, no object per string, so a
10M-token corpus's strings cost a few megabytes. A string whose last mention is removed stays
in the table with a zero count (its number is never reused), ready to come back.

The same hash table holds the prefixes the unlabelled-occurrence matcher needs: the hash of every
prefix of every string that ends before a space, so a run of tokens is extended only while it can
still spell a string.
*/
import {hashBytes, type TokenCells} from './token-cells.js';
import {grown} from './typed-array.js';

const noToken = 0xFF_FF_FF_FF;

/** What a matcher in another thread needs of the strings (MentionStrings.matcherTables). */
export type MatcherTables = {
	readonly count: number;
	readonly pool: Uint8Array<ArrayBuffer>;
	readonly offset: Uint32Array<ArrayBuffer>;
	readonly hash: Int32Array<ArrayBuffer>;
	readonly labelled: Uint32Array<ArrayBuffer>;
	readonly slots: Int32Array<ArrayBuffer>;
	readonly markers: Int32Array<ArrayBuffer>;
};

/** The buffers of matcher tables, to move them to another thread rather than clone them. */
export function matcherTableBuffers(tables: MatcherTables): ArrayBuffer[] {
	return [tables.pool, tables.offset, tables.hash, tables.labelled, tables.slots, tables.markers].map(array => array.buffer);
}

/** Counts per type of the strings labelled with more than one type (most have one). */
type TypeCounts = Map<number, number>;

export class MentionStrings {
	/** Strings interned (including those with no mention left). */
	count = 0;
	/** Byte pool of the strings' texts; string `id` is `pool[offset[id], offset[id + 1])`. */
	pool = new Uint8Array(1 << 16);
	offset = new Uint32Array(1024);
	hash = new Int32Array(1024);
	/** Labelled mentions. */
	labelled = new Uint32Array(1024);
	/** Occurrences of the tokens outside every entity (counted while the string has a mention). */
	unlabelled = new Uint32Array(1024);
	/** The string's only type while it has one (-1 when it has several: see `multi`, or none). */
	soleType = new Int32Array(1024);
	/** First token of the first mention, when `firstKnown` is 1; else a token at or before it. */
	firstMention = new Uint32Array(1024);
	firstKnown = new Uint8Array(1024);
	/** Counts per type of strings with several types. */
	readonly multi = new Map<number, TypeCounts>();
	/**
	One hash table, by hash, for the strings and for the prefixes the matcher extends runs through:
	a slot holds a string's id + 1, or -(m + 1) for prefix marker m (a hash that starts some string
	and is no string itself), or 0 when empty. One probe answers both "is this a string?" and
	"can a run spelling this go on?".
	*/
	private slots = new Int32Array(2048);
	private markers = new Int32Array(1024);
	private markerCount = 0;
	/** 1 once a string's prefixes are in the table. */
	private inPrefixes = new Uint8Array(1024);

	/** The id of the string spelled by tokens `[start, end)` of `cells` joined by spaces, whose hash is `hash`; -1 if none. */
	findJoined(hash: number, cells: TokenCells, start: number, end: number): number {
		const found = this.matchJoined(hash, cells, start, end);
		return found < 0 ? -1 : found;
	}

	/**
	For the matcher: the id of the string spelled by tokens `[start, end)` (hash `hash`); else -1 when
	some string starts with text of this hash followed by a space (the run may go on; rarely a false
	alarm), or -2 when none does.
	*/
	matchJoined(hash: number, cells: TokenCells, start: number, end: number): number {
		const mask = this.slots.length - 1;
		let result = -2;
		for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
			const entry = this.slots[slot]!;
			if (entry === 0) {
				return result;
			}

			if (entry < 0) {
				if (this.markers[-entry - 1] === hash) {
					result = -1;
				}

				continue;
			}

			const id = entry - 1;
			if (this.hash[id] === hash) {
				if (cells.joinedEquals(start, end, this.pool, this.offset[id]!, this.offset[id + 1]!)) {
					return id;
				}

				result = -1;
			}
		}
	}

	/** The id of the string whose text bytes are `bytes`, or -1. */
	findBytes(bytes: Uint8Array): number {
		const hash = hashBytes(bytes, 0, bytes.length);
		const mask = this.slots.length - 1;
		for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
			const entry = this.slots[slot]!;
			if (entry === 0) {
				return -1;
			}

			const id = entry - 1;
			if (entry > 0 && this.hash[id] === hash && equalRange(this.pool, this.offset[id]!, this.offset[id + 1]!, bytes)) {
				return id;
			}
		}
	}

	/** Adds a string (known to be absent) and returns its id; `write` copies its `length` bytes into the pool at the offset given. */
	add(hash: number, length: number, write: (pool: Uint8Array, at: number) => void): number {
		const id = this.count;
		if (id + 2 > this.offset.length) {
			this.growStrings();
		}

		const at = this.offset[id]!;
		if (at + length > this.pool.length) {
			const pool = new Uint8Array(Math.max(at + length, this.pool.length * 2));
			pool.set(this.pool.subarray(0, at));
			this.pool = pool;
		}

		write(this.pool, at);
		this.offset[id + 1] = at + length;
		this.hash[id] = hash;
		this.soleType[id] = -1;
		this.firstMention[id] = noToken;
		this.firstKnown[id] = 1;
		this.count++;
		this.place(hash, id + 1);
		return id;
	}

	/** The string's text bytes (a view into the pool: copy it before adding strings). */
	bytes(id: number): Uint8Array {
		return this.pool.subarray(this.offset[id]!, this.offset[id + 1]!);
	}

	text(id: number): string {
		if (this.poolView?.buffer !== this.pool.buffer) {
			this.poolView = Buffer.from(this.pool.buffer, this.pool.byteOffset, this.pool.byteLength);
		}

		return this.poolView.toString('utf8', this.offset[id]!, this.offset[id + 1]!);
	}

	/** The pool as a Buffer, for decoding texts (made again when the pool grows). */
	private poolView?: Buffer;

	/** Mentions of `id` with type `type`. */
	typeCount(id: number, type: number): number {
		const sole = this.soleType[id]!;
		if (sole >= 0) {
			return sole === type ? this.labelled[id]! : 0;
		}

		return this.multi.get(id)?.get(type) ?? 0;
	}

	/** [type, count] of every type the string has, in no particular order. */
	types(id: number): Array<[type: number, count: number]> {
		const sole = this.soleType[id]!;
		if (sole >= 0) {
			return this.labelled[id]! > 0 ? [[sole, this.labelled[id]!]] : [];
		}

		return [...this.multi.get(id) ?? []];
	}

	/** Adds `delta` mentions of type `type` (1, -1, or a merged part's count: part-mentions.ts); returns the type's count before. */
	addMention(id: number, type: number, delta: number): number {
		const labelled = this.labelled[id]!;
		const sole = this.soleType[id]!;
		let before: number;
		if (labelled === 0 && sole < 0 && !this.multi.has(id)) {
			// No mention yet: the first one makes it a one-type string.
			before = 0;
			this.soleType[id] = type;
		} else if (sole >= 0 && sole === type) {
			before = labelled;
		} else {
			let counts = this.multi.get(id);
			if (counts === undefined) {
				counts = new Map([[sole, labelled]]);
				this.multi.set(id, counts);
				this.soleType[id] = -1;
			}

			before = counts.get(type) ?? 0;
			if (before + delta === 0) {
				counts.delete(type);
			} else {
				counts.set(type, before + delta);
			}

			if (counts.size === 1) {
				// Back to one type: the common representation again.
				const [[only]] = counts;
				this.soleType[id] = only;
				this.multi.delete(id);
			} else if (counts.size === 0) {
				this.multi.delete(id);
			}
		}

		this.labelled[id] = labelled + delta;
		if (this.labelled[id] === 0) {
			this.soleType[id] = -1;
		}

		return before;
	}

	/** Puts the string's prefixes (its text before each space) in the table for the matcher (once). */
	addPrefixes(id: number): void {
		if (this.inPrefixes[id] === 1) {
			return;
		}

		this.inPrefixes[id] = 1;
		const {pool} = this;
		const start = this.offset[id]!;
		const end = this.offset[id + 1]!;
		let hash = 0;
		for (let i = start; i < end; i++) {
			if (pool[i] === 0x20 && !this.hasEntry(hash)) {
				if (this.markerCount === this.markers.length) {
					this.markers = grown(this.markers, this.markerCount * 2);
				}

				this.markers[this.markerCount] = hash;
				this.markerCount++;
				this.place(hash, -this.markerCount);
			}

			hash = (Math.imul(hash, 0x01_00_01_93) + pool[i]!) | 0;
		}
	}

	/**
	Copies of what `matchJoined` reads (the strings' texts and hashes, their labelled counts, the
	table with its prefix markers), for a matcher in another thread (`loadMatcherTables`).
	*/
	matcherTables(): MatcherTables {
		const count = this.count;
		return {
			count,
			pool: this.pool.slice(0, this.offset[count]),
			offset: this.offset.slice(0, count + 1),
			hash: this.hash.slice(0, count),
			labelled: this.labelled.slice(0, count),
			slots: this.slots.slice(),
			markers: this.markers.slice(0, this.markerCount),
		};
	}

	/**
	Makes this (empty) table a matcher over another thread's strings: `matchJoined` and the
	unlabelled counts work as there, with the same string ids; nothing else is known.
	*/
	loadMatcherTables(tables: MatcherTables): void {
		if (this.count !== 0) {
			throw new Error('matcher tables go into an empty table only');
		}

		const size = Math.max(1024, tables.count + 1);
		this.count = tables.count;
		this.pool = tables.pool;
		this.offset = grown(tables.offset, size);
		this.hash = grown(tables.hash, size);
		this.labelled = grown(tables.labelled, size);
		this.unlabelled = new Uint32Array(size);
		this.soleType = new Int32Array(size).fill(-1);
		this.firstMention = new Uint32Array(size).fill(noToken);
		this.firstKnown = new Uint8Array(size);
		this.inPrefixes = new Uint8Array(size).fill(1);
		this.slots = tables.slots;
		this.markers = tables.markers;
		this.markerCount = tables.markers.length;
	}

	/** Bytes held, for the memory budget. */
	get byteSize(): number {
		return this.pool.byteLength + this.offset.byteLength + this.slots.byteLength + this.markers.byteLength
			+ (this.hash.byteLength * 7) + this.firstKnown.byteLength + this.inPrefixes.byteLength + (this.multi.size * 120);
	}

	/** Whether a string or a marker has this hash. */
	private hasEntry(hash: number): boolean {
		const mask = this.slots.length - 1;
		for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
			const entry = this.slots[slot]!;
			if (entry === 0) {
				return false;
			}

			if ((entry > 0 && this.hash[entry - 1] === hash) || (entry < 0 && this.markers[-entry - 1] === hash)) {
				return true;
			}
		}
	}

	/** Puts a slot value under `hash`, growing the table to keep it at most half full. */
	private place(hash: number, value: number) {
		if ((this.count + this.markerCount) * 2 > this.slots.length) {
			const old = this.slots;
			this.slots = new Int32Array(old.length * 2);
			for (const entry of old) {
				if (entry !== 0) {
					this.insert(entry > 0 ? this.hash[entry - 1]! : this.markers[-entry - 1]!, entry);
				}
			}
		}

		this.insert(hash, value);
	}

	private insert(hash: number, value: number) {
		const mask = this.slots.length - 1;
		let slot = mix(hash) & mask;
		while (this.slots[slot] !== 0) {
			slot = (slot + 1) & mask;
		}

		this.slots[slot] = value;
	}

	private growStrings() {
		const size = this.offset.length * 2;
		this.offset = grown(this.offset, size);
		this.hash = grown(this.hash, size);
		this.labelled = grown(this.labelled, size);
		this.unlabelled = grown(this.unlabelled, size);
		this.soleType = grown(this.soleType, size);
		this.firstMention = grown(this.firstMention, size);
		this.firstKnown = grown(this.firstKnown, size);
		this.inPrefixes = grown(this.inPrefixes, size);
	}
}

/** Spreads a polynomial hash's low bits, which the table masks. */
function mix(hash: number): number {
	const mixed = Math.imul(hash ^ (hash >>> 16), 0x45_D9_F3_B);
	return mixed ^ (mixed >>> 16);
}

export function equalRange(pool: Uint8Array, start: number, end: number, bytes: Uint8Array): boolean {
	if (end - start !== bytes.length) {
		return false;
	}

	for (let i = 0; i < bytes.length; i++) {
		if (pool[start + i] !== bytes[i]) {
			return false;
		}
	}

	return true;
}

export const unknownToken = noToken;
