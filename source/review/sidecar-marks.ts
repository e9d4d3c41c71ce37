/**
A review's marks and position against the sidecar: the sidecar they make, and the marks a sidecar
gives back, matched to sentences by mark-locator.ts (by index when the content is the same,
otherwise by the hash of each sentence's text, near its old index first).
*/
import fs from 'node:fs';
import path from 'node:path';
import type {Corpus} from '../corpus/index.js';
import {sentenceTextHash} from './fingerprint.js';
import {locatorByIndex, locatorByText} from './mark-locator.js';
import {flaggedBit, reviewedBit, type ReviewMarks} from './marks.js';
import type {Position} from './review.js';
import {readSidecarFile, type Sidecar} from './sidecar.js';
import {plural} from '../text/plural.js';

type SentenceHash = (sentence: number) => string;

/** The sidecar of `marks` and `position`, for the content hashed as `sha256`. */
export function sidecarOf(corpus: Corpus, reviewMarks: ReviewMarks, position: Position, sha256: string, hashOf: SentenceHash, output?: string): Sidecar {
	const marks = (bit: number) => reviewMarks.list(bit).filter(sentence => sentence < corpus.sentenceCount).map(sentence => {
		const note = bit === flaggedBit ? reviewMarks.noteOf(sentence) : undefined;
		return note === undefined ? {sentence, hash: hashOf(sentence)} : {sentence, hash: hashOf(sentence), note};
	});
	return {
		version: 2,
		sha256,
		position: {...position, hash: hashOf(position.sentence)},
		reviewed: marks(reviewedBit),
		flagged: marks(flaggedBit),
		...(reviewMarks.labelOrder === undefined ? {} : {labels: reviewMarks.labelOrder}),
		...(output === undefined ? {} : {output: path.basename(output)}),
	};
}

/** The label bar's order a sidecar keeps, when it is a list of names (one that is not is ignored). */
export function labelOrderOf(sidecar: Sidecar): string[] | undefined {
	const {labels} = sidecar;
	return Array.isArray(labels) && labels.length <= 10_000 && labels.every(label => typeof label === 'string' && label !== '' && label.length <= 1000) ? labels as string[] : undefined;
}

/**
A sidecar read before the first frame is at most this large (some 5,000 marks, a few ms): one of
100,000 marks (4.6 MB) took 130 ms to read and check. A larger one's order comes with the review.
*/
const earlySidecarBytes = 256 * 1024;

/** The label bar's order kept in the sidecar `file`, if it is there, small enough, and reads as one (for the first frame). */
export function savedLabelOrder(file: string): string[] | undefined {
	let size: number;
	try {
		size = fs.lstatSync(file).size;
	} catch {
		return undefined;
	}

	const {sidecar} = size > earlySidecarBytes ? {} : readSidecarFile(file);
	return sidecar === undefined ? undefined : labelOrderOf(sidecar);
}

/**
Sets on `marks` the marks of `sidecar` that still find their sentence, and says where the cursor
goes, with a message when the corpus changed since (how many marks were kept).
*/
export function restoreMarks(corpus: Corpus, sidecar: Sidecar, contentHash: string, marks: ReviewMarks, hashOf: SentenceHash): {position: Position; message?: string} {
	marks.labelOrder = labelOrderOf(sidecar) ?? marks.labelOrder;

	const unchanged = sidecar.version === 2 && sidecar.sha256 === contentHash;
	const locate = unchanged ? locatorByIndex(corpus, hashOf) : locatorByText(corpus, hashOf, sidecar.version === 1 ? sentenceTextHash : undefined);
	let kept = 0;
	let total = 0;
	for (const [list, bit] of [[sidecar.reviewed, reviewedBit], [sidecar.flagged, flaggedBit]] as const) {
		for (const mark of list) {
			total++;
			const sentence = locate(mark);
			if (sentence !== undefined) {
				marks.set(sentence, bit, true);
				if (bit === flaggedBit) {
					marks.setNote(sentence, mark.note);
				}

				kept++;
			}
		}
	}

	const count = corpus.sentenceCount;
	const positionSentence = sidecar.position.hash === undefined || unchanged
		? Math.min(sidecar.position.sentence, count - 1)
		: locate({sentence: sidecar.position.sentence, hash: sidecar.position.hash}) ?? 0;
	const token = Math.max(0, Math.min(sidecar.position.token, corpus.sentenceLength(positionSentence) - 1));
	// With no mark to keep there is nothing to report: the cursor follows its sentence either way.
	// A review saved to --output OUT was of OUT's tags: FILE did not change, its tags are not those (QA: "the corpus changed").
	const why = typeof sidecar.output === 'string' ? `the last review saved its edits to ${sidecar.output} (--output), not to this file` : 'the corpus changed since the last review';
	const message = unchanged || total === 0 ? undefined : `${why}: kept ${kept} of ${plural(total, 'mark')} (matched by sentence text)`;
	return {position: {sentence: Math.max(0, positionSentence), token}, message};
}
