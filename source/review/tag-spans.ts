/**
Entity spans decoded straight from tag ids, for passes over the whole corpus: the same spans and
the same invalid tokens as `decodeSpans` (the test compares them on generated tag sequences), but
from a role and a type number per tag id, into reused typed arrays, with no object per tag or
span. Entity types are numbered once per analysis (`TypeNames`), so comparing them is comparing
numbers.
*/
import {foreignRole, rolesByScheme, type Corpus, type Role} from '../corpus/index.js';

const roleCode: Record<Role, number> = {outside: 0, begin: 1, inside: 2, end: 3, single: 4};
const outside = 0;
const begin = 1;
const inside = 2;
const end = 3;

/** Entity type names and their numbers, in order of first use. */
export class TypeNames {
	readonly names: string[] = [];
	private readonly ids = new Map<string, number>();

	idOf(name: string): number {
		let id = this.ids.get(name);
		if (id === undefined) {
			id = this.names.length;
			this.names.push(name);
			this.ids.set(name, id);
		}

		return id;
	}

	/** The number of `name`, or -1 when no tag has that type. */
	find(name: string): number {
		return this.ids.get(name) ?? -1;
	}

	get size(): number {
		return this.names.length;
	}
}

/** Per tag id: its role in the file's scheme, whether that role is foreign to it, and its type number. */
export class TagRoles {
	role = new Uint8Array(0);
	foreign = new Uint8Array(0);
	type = new Int32Array(0);
	private knownTags = 0;
	private knownScheme = '';

	constructor(
		private readonly corpus: Corpus,
		readonly types: TypeNames,
	) {}

	/** Brings the tables up to date with tags interned by edits (and a scheme corrected at the end of indexing). */
	refresh(): void {
		const {tags, format} = this.corpus;
		if (tags.size === this.knownTags && format.scheme === this.knownScheme) {
			return;
		}

		const roles = rolesByScheme[format.scheme];
		this.role = new Uint8Array(tags.size);
		this.foreign = new Uint8Array(tags.size);
		this.type = new Int32Array(tags.size);
		for (let id = 0; id < tags.size; id++) {
			const tag = tags.get(id);
			const role = roles[tag.prefix];
			this.role[id] = roleCode[role ?? foreignRole[tag.prefix]];
			this.foreign[id] = role === undefined ? 1 : 0;
			this.type[id] = tag.type === '' ? -1 : this.types.idOf(tag.type);
		}

		this.knownTags = tags.size;
		this.knownScheme = format.scheme;
	}

	/** Whether the tag id is outside every entity and valid: a sentence of only such tags has nothing to decode. */
	isPlainOutside(id: number): boolean {
		return this.role[id] === outside && this.foreign[id] === 0;
	}
}

/** One sentence's spans and invalid tokens, in reused arrays. */
export class SpanList {
	/** Spans found. */
	count = 0;
	/** Sentence-relative `[start, end)` and type number of each span, in order of start. */
	starts = new Int32Array(16);
	ends = new Int32Array(16);
	types = new Int32Array(16);
	/** 1 for each token whose tag breaks the scheme (sentence-relative). */
	invalid = new Uint8Array(64);
	invalidCount = 0;
	/** 1 for each token outside every span. */
	outside = new Uint8Array(64);

	/** Decodes `tags[from, to)`, as `decodeSpans` would with the same scheme. */
	decode(tags: ArrayLike<number>, from: number, to: number, roles: TagRoles, lenientInside: boolean, mustEnd: boolean): void {
		const length = to - from;
		if (length > this.invalid.length) {
			this.invalid = new Uint8Array(Math.max(length, this.invalid.length * 2));
			this.outside = new Uint8Array(this.invalid.length);
		}

		const {invalid, outside: isOutside} = this;
		invalid.fill(0, 0, length);
		isOutside.fill(1, 0, length);
		this.count = 0;
		this.invalidCount = 0;
		const {role: roleOf, foreign, type: typeOf} = roles;
		let openStart = -1;
		let openType = -1;
		for (let i = 0; i < length; i++) {
			const id = tags[from + i]!;
			const role = roleOf[id]!;
			const type = typeOf[id]!;
			if (foreign[id] === 1) {
				this.mark(i);
			}

			if (role === outside) {
				if (openStart >= 0) {
					this.close(openStart, i, openType, mustEnd);
					openStart = -1;
				}
			} else if (role === begin) {
				if (openStart >= 0) {
					this.close(openStart, i, openType, mustEnd);
				}

				openStart = i;
				openType = type;
			} else if (role === inside) {
				if (openStart < 0 || openType !== type) {
					if (openStart >= 0) {
						this.close(openStart, i, openType, mustEnd);
					}

					openStart = i;
					openType = type;
					if (!lenientInside) {
						this.mark(i);
					}
				}
			} else if (role === end) {
				if (openStart < 0 || openType !== type) {
					if (openStart >= 0) {
						this.close(openStart, i, openType, mustEnd);
						openStart = -1;
					}

					this.mark(i);
					this.push(i, i + 1, type);
				} else {
					this.push(openStart, i + 1, openType);
					openStart = -1;
				}
			} else {
				if (openStart >= 0) {
					this.close(openStart, i, openType, mustEnd);
					openStart = -1;
				}

				this.push(i, i + 1, type);
			}
		}

		if (openStart >= 0) {
			this.close(openStart, length, openType, mustEnd);
		}
	}

	/** Sentence-relative indices of the invalid tokens, ascending. */
	invalidTokens(length: number): number[] {
		const found: number[] = [];
		for (let i = 0; i < length && found.length < this.invalidCount; i++) {
			if (this.invalid[i] === 1) {
				found.push(i);
			}
		}

		return found;
	}

	private close(start: number, at: number, type: number, mustEnd: boolean) {
		this.push(start, at, type);
		if (mustEnd) {
			this.mark(at - 1);
		}
	}

	private push(start: number, stop: number, type: number) {
		if (this.count === this.starts.length) {
			const size = this.count * 2;
			this.starts = grow(this.starts, size);
			this.ends = grow(this.ends, size);
			this.types = grow(this.types, size);
		}

		this.starts[this.count] = start;
		this.ends[this.count] = stop;
		this.types[this.count] = type;
		this.count++;
		this.outside.fill(0, start, stop);
	}

	private mark(index: number) {
		if (this.invalid[index] === 0) {
			this.invalid[index] = 1;
			this.invalidCount++;
		}
	}
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
	const grown = new Int32Array(size);
	grown.set(array);
	return grown;
}

/** The scheme's decoding options, as `decodeSpans` derives them. */
export function schemeOptions(corpus: Corpus): {lenientInside: boolean; mustEnd: boolean} {
	const {scheme} = corpus.format;
	return {lenientInside: scheme === 'IOB1' || scheme === 'IO', mustEnd: scheme === 'BIOES' || scheme === 'BILOU' || scheme === 'BMES'};
}
