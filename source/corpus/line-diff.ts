/**
A unified diff (`diff -u`'s hunks) of two versions of a corpus with the same tokens, line by line
and byte for byte. No general diff algorithm is needed, nor its quadratic worst case: the tokens
anchor the two files, token line against token line, so only the lines between two token lines
(blank lines, comments, `<s>`, `-DOCSTART-`) can differ in number, and such a run is replaced
whole when it differs at all. Linear in the files, exact (applying the hunks to the first file
gives the second, byte for byte: CR, invalid UTF-8 and a missing final newline included), and
minimal where only tag cells changed, which is what an edit does. Lines are byte ranges of the
files; the caller prints them raw (a patch) or through the sanitiser (a terminal).
*/
import {lineEndAt, newline} from './cells.js';
import type {Corpus} from './corpus.js';

/** One line of a hunk: its bytes without the line feed (a CR before it is kept), and whether it has one. */
export type DiffLine = {readonly mark: ' ' | '-' | '+'; readonly bytes: Buffer; readonly newline: boolean};

export type Hunk = {
	/** 1-based first line and line count in each file, as `@@ -a,n +b,m @@` writes them. */
	readonly aLine: number;
	readonly aCount: number;
	readonly bLine: number;
	readonly bCount: number;
	readonly lines: readonly DiffLine[];
};

/** Lines `[aLine, aLine + aLines)` of the first file (bytes `[aStart, aEnd)`) replaced by those of the second. */
type Block = {aLine: number; aStart: number; aEnd: number; aLines: number; bLine: number; bStart: number; bEnd: number; bLines: number};

/** How many lines the bytes `[start, end)` hold (whole lines; the last may lack its line feed at the end of the file). */
function lineCount(bytes: Buffer, start: number, end: number): number {
	let count = 0;
	let position = start;
	while (position < end) {
		position = Math.min(lineEndAt(bytes, position), end) + 1;
		count++;
	}

	return count;
}

/** Where the line starting at `position` ends, its line feed included (the file's end for a last line without one). */
function lineAfter(bytes: Buffer, position: number): number {
	return Math.min(bytes.length, lineEndAt(bytes, position) + 1);
}

/** The runs of lines that differ, in file order, adjacent runs joined. `a` and `b` must have the same tokens. */
function * changedBlocks(a: Corpus, b: Corpus): Generator<Block> {
	let aPosition = 0;
	let bPosition = 0;
	let aLine = 1;
	let bLine = 1;
	/** The run being gathered, and a finished one to hand out (a plain function, not a generator per line: 10M tokens). */
	let pending: Block | undefined;
	let finished: Block | undefined;
	/** Compares `[aPosition, aEnd)` with `[bPosition, bEnd)` as one run of lines, and moves past both. */
	const region = (aEnd: number, bEnd: number) => {
		if (a.bytes.compare(b.bytes, bPosition, bEnd, aPosition, aEnd) === 0) {
			const lines = lineCount(a.bytes, aPosition, aEnd);
			aLine += lines;
			bLine += lines;
		} else {
			const aLines = lineCount(a.bytes, aPosition, aEnd);
			const bLines = lineCount(b.bytes, bPosition, bEnd);
			if (pending !== undefined && pending.aEnd === aPosition && pending.bEnd === bPosition) {
				pending.aEnd = aEnd;
				pending.bEnd = bEnd;
				pending.aLines += aLines;
				pending.bLines += bLines;
			} else {
				finished = pending;
				pending = {aLine, aStart: aPosition, aEnd, aLines, bLine, bStart: bPosition, bEnd, bLines};
			}

			aLine += aLines;
			bLine += bLines;
		}

		aPosition = aEnd;
		bPosition = bEnd;
	};

	for (let sentence = 0; sentence < a.sentenceCount; sentence++) {
		if (sentence + 1 < a.sentenceCount) {
			// Most sentences are the same in both files: one comparison up to the next sentence, whose line numbers the index has.
			const aNext = a.sentenceOffset[sentence + 1]!;
			const bNext = b.sentenceOffset[sentence + 1]!;
			if (a.bytes.compare(b.bytes, bPosition, bNext, aPosition, aNext) === 0) {
				aPosition = aNext;
				bPosition = bNext;
				aLine = a.sentenceLine[sentence + 1]!;
				bLine = b.sentenceLine[sentence + 1]!;
				continue;
			}
		}

		const aStarts = a.sentenceLineStarts(sentence);
		const bStarts = b.sentenceLineStarts(sentence);
		for (let index = 0; index < aStarts.length; index++) {
			// The lines before the token line, then the token line itself, from the start of its line: the
			// first token starts after a BOM, which is the start of line 1 (cut there, the BOM was a line
			// of its own without a line feed, and patch refused the hunk).
			region(lineStartOf(a.bytes, aStarts[index]!), lineStartOf(b.bytes, bStarts[index]!));
			region(lineAfter(a.bytes, aStarts[index]!), lineAfter(b.bytes, bStarts[index]!));
			if (finished !== undefined) {
				yield finished;
				finished = undefined;
			}
		}
	}

	region(a.bytes.length, b.bytes.length);
	if (finished !== undefined) {
		yield finished;
	}

	if (pending !== undefined) {
		yield pending;
	}
}

/** The start of the line `position` is in. */
function lineStartOf(bytes: Buffer, position: number): number {
	return position === 0 ? 0 : bytes.lastIndexOf(newline, position - 1) + 1;
}

/** The lines of `[start, end)` with `mark`. */
function linesOf(bytes: Buffer, start: number, end: number, mark: DiffLine['mark'], into: DiffLine[]): void {
	let position = start;
	while (position < end) {
		const lineEnd = Math.min(lineEndAt(bytes, position), end);
		const hasNewline = lineEnd < bytes.length && bytes[lineEnd] === newline;
		into.push({mark, bytes: bytes.subarray(position, lineEnd), newline: hasNewline});
		position = lineEnd + 1;
	}
}

/** The start of the line `count` lines before the one starting at `position` (or of the first line). */
function linesBack(bytes: Buffer, position: number, count: number): {start: number; lines: number} {
	let start = position;
	let lines = 0;
	while (lines < count && start > 0) {
		start = start - 1 === 0 ? 0 : bytes.lastIndexOf(newline, start - 2) + 1;
		lines++;
	}

	return {start, lines};
}

/** The end of `count` lines from `position` (or the end of the file). */
function linesForward(bytes: Buffer, position: number, count: number): {end: number; lines: number} {
	let end = position;
	let lines = 0;
	while (lines < count && end < bytes.length) {
		end = lineAfter(bytes, end);
		lines++;
	}

	return {end, lines};
}

/**
The hunks of `diff -u` from `a` (the original) to `b` (the edited version), with `context` lines
around each change; changes closer than twice that share a hunk, as diff does.
*/
export function * unifiedHunks(a: Corpus, b: Corpus, context = 3): Generator<Hunk> {
	let group: Block[] = [];
	for (const block of changedBlocks(a, b)) {
		const last = group.at(-1);
		if (last !== undefined && block.aLine - (last.aLine + last.aLines) > 2 * context) {
			yield hunkOf(a, b, group, context);
			group = [];
		}

		group.push(block);
	}

	if (group.length > 0) {
		yield hunkOf(a, b, group, context);
	}
}

function hunkOf(a: Corpus, b: Corpus, blocks: readonly Block[], context: number): Hunk {
	const first = blocks[0]!;
	const last = blocks.at(-1)!;
	const lines: DiffLine[] = [];
	// Lines outside the blocks are the same in both files: the context is read from the first.
	const before = linesBack(a.bytes, first.aStart, context);
	linesOf(a.bytes, before.start, first.aStart, ' ', lines);
	let aCount = before.lines;
	let bCount = before.lines;
	for (const [index, block] of blocks.entries()) {
		if (index > 0) {
			const between = blocks[index - 1]!;
			linesOf(a.bytes, between.aEnd, block.aStart, ' ', lines);
			aCount += block.aLine - (between.aLine + between.aLines);
			bCount += block.aLine - (between.aLine + between.aLines);
		}

		linesOf(a.bytes, block.aStart, block.aEnd, '-', lines);
		linesOf(b.bytes, block.bStart, block.bEnd, '+', lines);
		aCount += block.aLines;
		bCount += block.bLines;
	}

	const after = linesForward(a.bytes, last.aEnd, context);
	linesOf(a.bytes, last.aEnd, after.end, ' ', lines);
	aCount += after.lines;
	bCount += after.lines;
	const aLine = first.aLine - before.lines;
	const bLine = first.bLine - before.lines;
	// diff writes an empty side's position as the line before it.
	return {aLine: aCount === 0 ? aLine - 1 : aLine, aCount, bLine: bCount === 0 ? bLine - 1 : bLine, bCount, lines};
}
