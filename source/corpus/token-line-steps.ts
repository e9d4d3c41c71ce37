/**
Where each token's line starts in a part of a file, in one byte a token: the distance from the line
of the token before it in the same sentence. The index worker keeps them for the part it indexes
beside the screen, and the screen's first pass reads the part's mentions from them instead of
walking every line again (source/review/analysis-passes.ts). As offsets (4 bytes a token) they were
24 MB of the 10M-token seed file's 6M tokens in that part, at the moment the screen's memory peaks.

A sentence's first token's line starts at the sentence's offset (the indexer records it there), so
its own byte says nothing. A distance that does not fit in a byte (a token line of 255 bytes or
more, or comment lines between two tokens) is written as 0, which no distance can be: the sentence's
lines are then found again by walking them, as without the steps.
*/

/** Writes the steps of one sentence whose `count` token lines start at `lineStarts`, from `steps[at]` on. */
export function writeLineSteps(steps: Uint8Array, at: number, lineStarts: Int32Array, count: number): void {
	steps[at] = 0;
	for (let i = 1; i < count; i++) {
		const step = lineStarts[i]! - lineStarts[i - 1]!;
		steps[at + i] = step < 256 ? step : 0;
	}
}

/**
The line starts of the `count` tokens whose steps begin at `steps[at]`, the first at `firstLineStart`,
into `into` (which must hold `count`); false when a step did not fit, and the lines must be walked.
*/
export function readLineSteps(steps: Uint8Array, at: number, count: number, firstLineStart: number, into: Int32Array): boolean {
	let lineStart = firstLineStart;
	into[0] = lineStart;
	for (let i = 1; i < count; i++) {
		const step = steps[at + i]!;
		if (step === 0) {
			return false;
		}

		lineStart += step;
		into[i] = lineStart;
	}

	return true;
}
