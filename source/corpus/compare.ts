/**
Whether two files are the same corpus with only tags changed: `--output OUT` run again the next day
finds OUT from yesterday, and continues from OUT's tags only when OUT is the input with other tags
(every byte outside the tag cells equal, line for line). Anything else at OUT is not overwritten.
*/
import {contentEnd, lineEndAt, newline} from './cells.js';
import type {Format} from './format.js';
import {classifyLine, lineKind} from './line-kind.js';

export type TagOnlyDifference =
	| {readonly same: true; readonly differingTags: number}
	/** `line`: the first (1-based) line that differs otherwise. */
	| {readonly same: false; readonly line: number};

/** Equal runs are skipped in blocks of about this many bytes: one memcmp each instead of one per line. */
const skipBlock = 64 * 1024;

export function tagOnlyDifference(base: Buffer, other: Buffer, format: Format): TagOnlyDifference {
	const baseCell = new Int32Array(2);
	const otherCell = new Int32Array(2);
	let basePosition = 0;
	let otherPosition = 0;
	let differingTags = 0;
	/** After a block that differs, its lines are compared one by one up to here before the next block is tried. */
	let linesUntil = 0;
	// The line is counted only when reported: most of a file whose tags were edited is skipped in blocks.
	const differsAt = (): TagOnlyDifference => ({same: false, line: lineNumberAt(base, basePosition)});
	while (basePosition < base.length || otherPosition < other.length) {
		if (basePosition >= linesUntil) {
			const blockEnd = base.lastIndexOf(newline, Math.min(base.length, basePosition + skipBlock) - 1) + 1;
			const length = blockEnd - basePosition;
			if (length > 0 && otherPosition + length <= other.length && base.compare(other, otherPosition, otherPosition + length, basePosition, blockEnd) === 0) {
				basePosition = blockEnd;
				otherPosition += length;
				continue;
			}

			linesUntil = Math.max(blockEnd, basePosition + 1);
		}

		if (basePosition >= base.length || otherPosition >= other.length) {
			return differsAt();
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
				return differsAt();
			}

			differingTags++;
		}

		basePosition = baseEnd;
		otherPosition = otherEnd;
	}

	return {same: true, differingTags};
}

/** The 1-based line starting at `position`. */
function lineNumberAt(bytes: Buffer, position: number): number {
	let line = 1;
	for (let at = bytes.indexOf(newline); at !== -1 && at < position; at = bytes.indexOf(newline, at + 1)) {
		line++;
	}

	return line;
}
