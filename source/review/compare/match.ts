/**
Pairs the entities of one sentence as two annotations give them, and names every difference. One
pairing serves the screen (what to mark, what "take the other side" replaces), the confusion table
and the scores, so they always agree: each entity is paired at most once, exact matches first, then
the same tokens under another type, then overlapping entities, largest overlap first. What is left
is an entity only one side has.
*/
import type {Span} from '../../corpus/index.js';

/**
How two annotations part on an entity. `type`: the same tokens, another type. `boundary`: entities
that overlap with other boundaries (their types may differ too). `missing`: only the other side has
it. `extra`: only this side (the file being edited) has it.
*/
export type DifferenceKind = 'type' | 'boundary' | 'missing' | 'extra';

export type Difference = {
	readonly kind: DifferenceKind;
	/** This side's entity (the corpus's); undefined for `missing`. */
	readonly ours?: Span;
	/** The other side's entity; undefined for `extra`. */
	readonly theirs?: Span;
	/** Tokens `[start, end)` the difference covers, sentence-relative. */
	readonly start: number;
	readonly end: number;
};

export type SpanPairing = {
	/** Entities both sides have, identical. */
	readonly agreed: readonly Span[];
	/** Every difference, by first token. */
	readonly differences: readonly Difference[];
};

/** How many tokens two entities share (0 or less: none). */
export function overlap(a: Span, b: Span): number {
	return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

export function pairSpans(ours: readonly Span[], theirs: readonly Span[]): SpanPairing {
	const agreed: Span[] = [];
	const differences: Difference[] = [];
	const freeOurs = new Set(ours);
	const freeTheirs = new Set(theirs);
	const pair = (kind: DifferenceKind | 'agreed', mine: Span, other: Span) => {
		freeOurs.delete(mine);
		freeTheirs.delete(other);
		if (kind === 'agreed') {
			agreed.push(mine);
		} else {
			differences.push({kind, ours: mine, theirs: other, start: Math.min(mine.start, other.start), end: Math.max(mine.end, other.end)});
		}
	};

	for (const mine of ours) {
		const same = theirs.find(other => freeTheirs.has(other) && other.start === mine.start && other.end === mine.end && other.type === mine.type);
		if (same !== undefined) {
			pair('agreed', mine, same);
		}
	}

	for (const mine of [...freeOurs]) {
		const sameTokens = theirs.find(other => freeTheirs.has(other) && other.start === mine.start && other.end === mine.end);
		if (sameTokens !== undefined) {
			pair('type', mine, sameTokens);
		}
	}

	const overlapping: Array<{mine: Span; other: Span; size: number}> = [];
	for (const mine of freeOurs) {
		for (const other of freeTheirs) {
			const size = overlap(mine, other);
			if (size > 0) {
				overlapping.push({mine, other, size});
			}
		}
	}

	overlapping.sort((a, b) => b.size - a.size || a.mine.start - b.mine.start || a.other.start - b.other.start);
	for (const {mine, other} of overlapping) {
		if (freeOurs.has(mine) && freeTheirs.has(other)) {
			pair('boundary', mine, other);
		}
	}

	for (const mine of freeOurs) {
		differences.push({kind: 'extra', ours: mine, start: mine.start, end: mine.end});
	}

	for (const other of freeTheirs) {
		differences.push({kind: 'missing', theirs: other, start: other.start, end: other.end});
	}

	differences.sort((a, b) => a.start - b.start || a.end - b.end);
	return {agreed, differences};
}
