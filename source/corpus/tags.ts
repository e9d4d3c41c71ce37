/**
Tag strings and their interned ids. A corpus stores one small integer per token; this table maps
ids back to strings and to a parsed (prefix, entity type) pair, so decoding spans never touches text.
*/

/** The prefix letter of a tag (`B` of `B-PER`), or `O` for the outside tag, or `?` for a cell that is not a tag. */
export type TagPrefix = 'B' | 'I' | 'E' | 'S' | 'L' | 'U' | 'M' | 'O' | '?';

export type ParsedTag = {
	readonly text: string;
	readonly prefix: TagPrefix;
	/** Entity type name (`PER`), or '' for `O` and non-tags. */
	readonly type: string;
};

const prefixLetters = new Set(['B', 'I', 'E', 'S', 'L', 'U', 'M']);

/** Parses one tag cell. `O` is outside; `X-TYPE` with X one of BIESLUM is a tag; anything else is not a tag. */
export function parseTag(text: string): ParsedTag {
	if (text === 'O') {
		return {text, prefix: 'O', type: ''};
	}

	if (text.length > 2 && text[1] === '-' && prefixLetters.has(text[0]!)) {
		return {text, prefix: text[0] as TagPrefix, type: text.slice(2)};
	}

	return {text, prefix: '?', type: ''};
}

/** Whether the cell looks like an NER tag; used to find the tag column. */
export function looksLikeTag(text: string): boolean {
	return parseTag(text).prefix !== '?';
}

/**
Interns tag strings (from bytes while indexing, from strings while editing). Ids are dense and
never reused, so a Uint16Array of ids is the per-token storage.
*/
export class TagTable {
	private readonly parsed: ParsedTag[] = [];
	private readonly idByText = new Map<string, number>();
	/** Open-addressing cache from a hash of the tag's bytes to candidate ids, so indexing allocates no strings. */
	private readonly byHash = new Map<number, number[]>();
	private readonly bytesById: Uint8Array[] = [];
	/** Id of the `O` tag once seen. */
	private outsideId = -1;

	get size(): number {
		return this.parsed.length;
	}

	get(id: number): ParsedTag {
		return this.parsed[id]!;
	}

	text(id: number): string {
		return this.parsed[id]!.text;
	}

	bytes(id: number): Uint8Array {
		return this.bytesById[id]!;
	}

	/** Whether the file (or an edit) already has this tag: a journal may write it back. */
	has(text: string): boolean {
		return this.idByText.has(text);
	}

	/** The id of `text`, adding it if new. */
	intern(text: string): number {
		const known = this.idByText.get(text);
		if (known !== undefined) {
			return known;
		}

		const bytes = new TextEncoder().encode(text);
		return this.add(text, bytes, hashBytes(bytes, 0, bytes.length));
	}

	/** The id of the tag written in `buffer[start, end)`, adding it if new. */
	internBytes(buffer: Uint8Array, start: number, end: number): number {
		// Most tokens are `O`: answer that without hashing.
		if (end - start === 1 && buffer[start] === letterO && this.outsideId >= 0) {
			return this.outsideId;
		}

		const hash = hashBytes(buffer, start, end);
		const candidates = this.byHash.get(hash);
		if (candidates !== undefined) {
			for (const id of candidates) {
				if (equalBytes(this.bytesById[id]!, buffer, start, end)) {
					return id;
				}
			}
		}

		// A copy, not a view (Buffer's slice is one): the index worker's windows are filled again once read.
		const bytes = Uint8Array.prototype.slice.call(buffer, start, end);
		const text = Buffer.from(bytes).toString('utf8');
		// Two byte strings can decode to the same text (invalid UTF-8 becomes U+FFFD): keep them apart by bytes.
		return this.add(this.idByText.has(text) ? `${text}\u0000${this.size}` : text, bytes, hash);
	}

	private add(text: string, bytes: Uint8Array, hash: number): number {
		if (this.parsed.length >= 0xFF_FF) {
			throw new Error('more than 65535 distinct tags: is the tag column right? (use --tag-column)');
		}

		const id = this.parsed.length;
		this.parsed.push(parseTag(text));
		if (text === 'O') {
			this.outsideId = id;
		}

		this.bytesById.push(bytes);
		this.idByText.set(text, id);
		const candidates = this.byHash.get(hash);
		if (candidates === undefined) {
			this.byHash.set(hash, [id]);
		} else {
			candidates.push(id);
		}

		return id;
	}
}

const letterO = 0x4F;

function hashBytes(buffer: Uint8Array, start: number, end: number): number {
	let hash = 0x81_1C_9D_C5;
	for (let i = start; i < end; i++) {
		hash = Math.imul(hash ^ buffer[i]!, 0x01_00_01_93);
	}

	return hash;
}

function equalBytes(known: Uint8Array, buffer: Uint8Array, start: number, end: number): boolean {
	if (known.length !== end - start) {
		return false;
	}

	for (let i = 0; i < known.length; i++) {
		if (known[i] !== buffer[start + i]) {
			return false;
		}
	}

	return true;
}

/**
Why `name` cannot be an entity type, or undefined when it can. One rule for every place a type
name enters (the --labels flag, the `t` prompt, a journal or sidecar): it goes into a tag cell as
`B-name`, so it must not split the cell (whitespace), break the line (controls), hide itself
(invisible or format characters), be `O`, or carry a scheme prefix of its own (`B-PER`).
*/
export function typeNameProblem(name: string): string | undefined {
	const shown = JSON.stringify(name);
	if (name === '') {
		return 'a label name cannot be empty';
	}

	if (name === 'O') {
		return '"O" means outside every entity, not a label';
	}

	if (/\s/u.test(name)) {
		return `${shown} has a space or a line break: a label name is one word`;
	}

	if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]/u.test(name)) {
		return `${shown} has an invisible or control character`;
	}

	if (name.length > 2 && name[1] === '-' && prefixLetters.has(name[0]!)) {
		return `${shown} carries a scheme prefix: give the type alone (${name.slice(2)})`;
	}

	if (name.length > 64) {
		return `a label name of ${name.length} characters is too long (64 at most)`;
	}

	return undefined;
}
