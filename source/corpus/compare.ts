/**
Whether two files are the same corpus with only tags changed: `--output OUT` run again the next day
finds OUT from yesterday, and continues from OUT's tags only when OUT is the input with other tags
(every byte outside the tag cells equal, line for line). Anything else at OUT is not overwritten.
*/
import {contentEnd, lineEndAt} from './cells.js';
import type {Format} from './format.js';
import {classifyLine, lineKind} from './line-kind.js';

export type TagOnlyDifference =
	| {readonly same: true; readonly differingTags: number}
	/** `line`: the first (1-based) line that differs otherwise. */
	| {readonly same: false; readonly line: number};

export function tagOnlyDifference(base: Buffer, other: Buffer, format: Format): TagOnlyDifference {
	const baseCell = new Int32Array(2);
	const otherCell = new Int32Array(2);
	let basePosition = 0;
	let otherPosition = 0;
	let line = 1;
	let differingTags = 0;
	while (basePosition < base.length || otherPosition < other.length) {
		if (basePosition >= base.length || otherPosition >= other.length) {
			return {same: false, line};
		}

		// Line ends included, so a changed line ending (or a missing final newline) is a difference.
		const baseEnd = Math.min(base.length, lineEndAt(base, basePosition) + 1);
		const otherEnd = Math.min(other.length, lineEndAt(other, otherPosition) + 1);
		if (base.compare(other, otherPosition, otherEnd, basePosition, baseEnd) !== 0) {
			const baseKind = classifyLine(base, basePosition, contentEnd(base, basePosition, lineEndAt(base, basePosition)), format, baseCell);
			const otherKind = classifyLine(other, otherPosition, contentEnd(other, otherPosition, lineEndAt(other, otherPosition)), format, otherCell);
			const sameAround = baseKind === lineKind.token && otherKind === lineKind.token
				&& base.compare(other, otherPosition, otherCell[0], basePosition, baseCell[0]) === 0
				&& base.compare(other, otherCell[1], otherEnd, baseCell[1], baseEnd) === 0;
			if (!sameAround) {
				return {same: false, line};
			}

			differingTags++;
		}

		basePosition = baseEnd;
		otherPosition = otherEnd;
		line++;
	}

	return {same: true, differingTags};
}
