/**
The tagger's own label space: IOB2 over the entity types, whatever scheme the file is written in.
The model learns and decodes spans in this one scheme, and spans go back to the file's scheme
through planSpans. IOB2 rather than BIOES: half the labels, so about half the scoring and a
quarter of the decoding work, which is most of the training time on a small machine.

Labels are numbered so that every label's possible predecessors are one contiguous range, which
keeps the decoder's inner loops simple: 0 is O, then B-t and I-t side by side at 1+2t and 2+2t.
O and B-t follow anything; I-t follows B-t or I-t of its type.
*/
import type {Span} from '../../corpus/index.js';

export const outside = 0;

export type LabelSpace = {
	/** Entity type names, in label order. */
	readonly types: readonly string[];
	/** Number of labels: 1 + 2 x types. */
	readonly size: number;
	/** May label `to` follow label `from`? `allowed[from * size + to]`. */
	readonly allowed: Uint8Array;
	/** Labels that may open a sentence, and close one. */
	readonly allowedFirst: Uint8Array;
	readonly allowedLast: Uint8Array;
	/** The labels that may precede label `to` are `[predecessorLow[to], predecessorHigh[to])`. */
	readonly predecessorLow: Int32Array;
	readonly predecessorHigh: Int32Array;
};

export function labelSpace(types: readonly string[]): LabelSpace {
	const size = 1 + (2 * types.length);
	const allowed = new Uint8Array(size * size);
	const allowedFirst = new Uint8Array(size);
	const allowedLast = new Uint8Array(size).fill(1);
	const predecessorLow = new Int32Array(size);
	const predecessorHigh = new Int32Array(size);
	for (let to = 0; to < size; to++) {
		const opens = !isInside(to);
		allowedFirst[to] = opens ? 1 : 0;
		predecessorLow[to] = opens ? 0 : to - 1;
		predecessorHigh[to] = opens ? size : to + 1;
		for (let from = predecessorLow[to]!; from < predecessorHigh[to]!; from++) {
			allowed[(from * size) + to] = 1;
		}
	}

	return {types, size, allowed, allowedFirst, allowedLast, predecessorLow, predecessorHigh};
}

/** Whether the label continues an entity (I-t). */
export function isInside(label: number): boolean {
	return label !== outside && label % 2 === 0;
}

/** The type index of an entity label (-1 for O). */
export function typeOf(label: number): number {
	return label === outside ? -1 : (label - 1) >> 1;
}

/** The B- label of type `type`. */
export function beginLabel(type: number): number {
	return 1 + (2 * type);
}

/** Writes the labels of `spans` (sentence-relative; type names looked up in `typeIndex`) into `out[0, length)`. */
export function labelsOfSpans(spans: readonly Span[], length: number, typeIndex: ReadonlyMap<string, number>, out: Uint8Array | Int32Array): void {
	out.fill(outside, 0, length);
	for (const span of spans) {
		const type = typeIndex.get(span.type);
		if (type === undefined) {
			continue;
		}

		out[span.start] = beginLabel(type);
		for (let i = span.start + 1; i < span.end; i++) {
			out[i] = beginLabel(type) + 1;
		}
	}
}

/** The spans a label sequence encodes (an I- that cannot continue opens an entity, as the lenient decoder reads it). */
export function spansOfLabels(labels: ArrayLike<number>, length: number, types: readonly string[]): Span[] {
	const spans: Span[] = [];
	let start = -1;
	let type = -1;
	for (let i = 0; i <= length; i++) {
		const label = i < length ? labels[i]! : outside;
		const continues = isInside(label) && typeOf(label) === type && start >= 0;
		if (start >= 0 && !continues) {
			spans.push({start, end: i, type: types[type]!});
			start = -1;
		}

		if (label !== outside && !continues) {
			start = i;
			type = typeOf(label);
		}
	}

	return spans;
}

/** Whether a label sequence is valid (what the decoder promises). */
export function isValidSequence(space: LabelSpace, labels: ArrayLike<number>, length: number): boolean {
	if (length === 0) {
		return true;
	}

	if (space.allowedFirst[labels[0]!] !== 1 || space.allowedLast[labels[length - 1]!] !== 1) {
		return false;
	}

	for (let i = 1; i < length; i++) {
		if (space.allowed[(labels[i - 1]! * space.size) + labels[i]!] !== 1) {
			return false;
		}
	}

	return true;
}
