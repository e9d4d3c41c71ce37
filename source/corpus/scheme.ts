/**
Tag schemes: how a sequence of tags encodes entity spans, both ways. Decoding is lenient (like
conlleval: an `I-` after `O` starts an entity) and reports which tokens break the scheme's rules,
so the screen can mark them; encoding always writes the scheme's canonical form.
*/
import type {ParsedTag, TagPrefix} from './tags.js';

export const schemeNames = ['IOB2', 'IOB1', 'IO', 'BIOES', 'BILOU', 'BMES'] as const;
export type SchemeName = (typeof schemeNames)[number];

/** An entity: tokens `[start, end)` of one sentence (indices relative to the sentence). */
export type Span = {
	readonly start: number;
	readonly end: number;
	readonly type: string;
};

export type Role = 'begin' | 'inside' | 'end' | 'single' | 'outside';

/** What each prefix means in each scheme; a prefix missing here does not belong to the scheme. */
export const rolesByScheme: Record<SchemeName, Partial<Record<TagPrefix, Role>>> = {
	IOB2: {B: 'begin', I: 'inside', O: 'outside'},
	IOB1: {B: 'begin', I: 'inside', O: 'outside'},
	IO: {I: 'inside', O: 'outside'},
	BIOES: {B: 'begin', I: 'inside', E: 'end', S: 'single', O: 'outside'},
	BILOU: {B: 'begin', I: 'inside', L: 'end', U: 'single', O: 'outside'},
	BMES: {B: 'begin', M: 'inside', E: 'end', S: 'single', O: 'outside'},
};

/** How a prefix that does not belong to the scheme is read (and marked invalid). */
export const foreignRole: Record<TagPrefix, Role> = {
	B: 'begin', I: 'inside', M: 'inside', E: 'end', L: 'end', S: 'single', U: 'single', O: 'outside', '?': 'outside',
};

/** The prefix letters a scheme writes, by role. */
const writtenPrefix: Record<SchemeName, {begin: string; inside: string; end: string; single: string}> = {
	IOB2: {begin: 'B', inside: 'I', end: 'I', single: 'B'},
	IOB1: {begin: 'I', inside: 'I', end: 'I', single: 'I'},
	IO: {begin: 'I', inside: 'I', end: 'I', single: 'I'},
	BIOES: {begin: 'B', inside: 'I', end: 'E', single: 'S'},
	BILOU: {begin: 'B', inside: 'I', end: 'L', single: 'U'},
	BMES: {begin: 'B', inside: 'M', end: 'E', single: 'S'},
};

/** Schemes whose entities must be closed by an end or single tag. */
function hasEndTags(scheme: SchemeName): boolean {
	return scheme === 'BIOES' || scheme === 'BILOU' || scheme === 'BMES';
}

export type Decoded = {
	spans: Span[];
	/** Sentence-relative indices of tokens whose tag breaks the scheme, ascending. */
	invalid: number[];
};

/** Decodes one sentence's tags into spans, leniently, noting every token that breaks the scheme. */
export function decodeSpans(tags: readonly ParsedTag[], scheme: SchemeName): Decoded {
	const roles = rolesByScheme[scheme];
	const mustEnd = hasEndTags(scheme);
	const lenientInside = scheme === 'IOB1' || scheme === 'IO';
	const spans: Span[] = [];
	const invalid: number[] = [];
	let openStart = -1;
	let openType = '';

	const close = (at: number) => {
		if (openStart < 0) {
			return;
		}

		spans.push({start: openStart, end: at, type: openType});
		if (mustEnd) {
			markInvalid(invalid, at - 1);
		}

		openStart = -1;
	};

	for (let i = 0; i < tags.length; i++) {
		const tag = tags[i]!;
		let role = roles[tag.prefix];
		if (role === undefined) {
			role = foreignRole[tag.prefix];
			markInvalid(invalid, i);
		}

		switch (role) {
			case 'outside': {
				close(i);
				break;
			}

			case 'begin': {
				close(i);
				openStart = i;
				openType = tag.type;
				break;
			}

			case 'inside': {
				if (openStart < 0 || openType !== tag.type) {
					close(i);
					openStart = i;
					openType = tag.type;
					if (!lenientInside) {
						markInvalid(invalid, i);
					}
				}

				break;
			}

			case 'end': {
				if (openStart < 0 || openType !== tag.type) {
					close(i);
					markInvalid(invalid, i);
					spans.push({start: i, end: i + 1, type: tag.type});
				} else {
					spans.push({start: openStart, end: i + 1, type: openType});
					openStart = -1;
				}

				break;
			}

			case 'single': {
				close(i);
				spans.push({start: i, end: i + 1, type: tag.type});
				break;
			}
		}
	}

	close(tags.length);
	return {spans, invalid};
}

function markInvalid(invalid: number[], index: number) {
	if (invalid.at(-1) !== index) {
		if (invalid.length > 0 && invalid.at(-1)! > index) {
			// Rare: a span closed late marks an earlier token; keep the list sorted.
			if (!invalid.includes(index)) {
				invalid.push(index);
				invalid.sort((a, b) => a - b);
			}

			return;
		}

		invalid.push(index);
	}
}

/** Writes spans as tag strings in the scheme's canonical form; tokens outside spans get `O`. */
export function encodeSpans(spans: readonly Span[], length: number, scheme: SchemeName): string[] {
	const tags = Array.from({length}, () => 'O');
	const prefix = writtenPrefix[scheme];
	const sorted = [...spans].sort((a, b) => a.start - b.start);
	let previous: Span | undefined;
	for (const span of sorted) {
		const {start, end, type} = span;
		if (end - start === 1) {
			tags[start] = `${prefix.single}-${type}`;
		} else {
			tags[start] = `${prefix.begin}-${type}`;
			for (let i = start + 1; i < end - 1; i++) {
				tags[i] = `${prefix.inside}-${type}`;
			}

			tags[end - 1] = `${prefix.end}-${type}`;
		}

		// IOB1 and IO have no begin tag; IOB1 writes B- only where an entity directly follows one of the same type.
		if (scheme === 'IOB1' && previous?.end === start && previous.type === type) {
			tags[start] = `B-${type}`;
		}

		previous = span;
	}

	return tags;
}

/** Whether two span lists describe the same entities. */
export function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
	if (a.length !== b.length) {
		return false;
	}

	const key = (span: Span) => `${span.start}:${span.end}:${span.type}`;
	const left = a.map(key).sort();
	const right = b.map(key).sort();
	return left.every((value, index) => value === right[index]);
}

/**
The scheme once every tag of a file (or a tag layer) has been read, given the guess from its start:
a sample of `I-` tags only reads as IO, but IOB1 writes `B-` only between two entities of one type,
which can first occur far into the file (CoNLL-2003's eng.testa): a `B-` anywhere means IOB1. With
the sample's guess (detectScheme), the one place that decides a scheme.
*/
export function settleScheme(guess: SchemeName, given: boolean, prefixes: Iterable<TagPrefix>): SchemeName {
	if (guess !== 'IO' || given) {
		return guess;
	}

	for (const prefix of prefixes) {
		if (prefix === 'B') {
			return 'IOB1';
		}
	}

	return guess;
}

/** The prefix of every distinct tag of a table, for settleScheme. */
export function * prefixesOf(tags: {readonly size: number; get(id: number): ParsedTag}): Generator<TagPrefix> {
	for (let id = 0; id < tags.size; id++) {
		yield tags.get(id).prefix;
	}
}

/**
Guesses a file's scheme from a sample of its sentences. The prefixes settle most cases; between
IOB1 and IOB2 (same letters) it counts entities that open with `I-` (IOB1's way) against `B-`
that opens an entity after `O` or another type (IOB2's way).
*/
export function detectScheme(sentences: Iterable<readonly ParsedTag[]>): SchemeName {
	const seen = new Set<TagPrefix>();
	let openedByInside = 0;
	let openedByBegin = 0;
	for (const tags of sentences) {
		let previous: ParsedTag | undefined;
		for (const tag of tags) {
			seen.add(tag.prefix);
			const continues = previous !== undefined && previous.prefix !== 'O' && previous.prefix !== '?' && previous.type === tag.type;
			if (tag.prefix === 'I' && !continues) {
				openedByInside++;
			} else if (tag.prefix === 'B' && !continues) {
				openedByBegin++;
			}

			previous = tag;
		}
	}

	if (seen.has('M')) {
		return 'BMES';
	}

	if (seen.has('L') || seen.has('U')) {
		return 'BILOU';
	}

	if (seen.has('E') || seen.has('S')) {
		return 'BIOES';
	}

	if (!seen.has('B') && seen.has('I')) {
		return 'IO';
	}

	return openedByInside > openedByBegin ? 'IOB1' : 'IOB2';
}
