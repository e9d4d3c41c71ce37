/**
The flagged sentences of a corpus and the reviewer's notes on them, read from its review sidecar
and never written: for `ner-review diff`, which lists them beside the changes of a dataset pull
request. The marks are placed on the corpus as the review places them (mark-locator.ts): by index
when the sidecar was written for this very content, otherwise by the text of their sentence.
*/
import {contentHashOf, type Corpus} from '../corpus/index.js';
import {sentenceTextHash} from './fingerprint.js';
import {locatorByIndex, locatorByText} from './mark-locator.js';
import {readSidecarFile} from './sidecar.js';

export type FlaggedSentence = {
	readonly sentence: number;
	/** 1-based line of its first token. */
	readonly line: number;
	readonly note?: string;
};

export type FlagList = {
	readonly flagged: readonly FlaggedSentence[];
	/** The sidecar read, if one was found. */
	readonly sidecar?: string;
	/** Why the sidecar found could not be used (`is not valid JSON`); it is left as it is. */
	readonly problem?: string;
	/** Flags whose sentence is not in this corpus any more. */
	readonly unplaced: number;
};

/** Reads the first of `candidates` that exists (sidecarCandidates), in file order of the sentences. */
export function readFlagList(corpus: Corpus, candidates: readonly string[]): FlagList {
	for (const file of candidates) {
		const read = readSidecarFile(file);
		if (read.problem !== undefined) {
			return {flagged: [], sidecar: file, problem: read.problem, unplaced: 0};
		}

		const {sidecar} = read;
		if (sidecar === undefined) {
			continue;
		}

		if (sidecar.flagged.length === 0) {
			return {flagged: [], sidecar: file, unplaced: 0};
		}

		const hashOf = (sentence: number) => corpus.sentenceHash(sentence);
		const unchanged = sidecar.version === 2 && sidecar.sha256 === contentHashOf(corpus.bytes);
		const locate = unchanged ? locatorByIndex(corpus, hashOf) : locatorByText(corpus, hashOf, sidecar.version === 1 ? sentenceTextHash : undefined);
		const bySentence = new Map<number, FlaggedSentence>();
		let unplaced = 0;
		for (const mark of sidecar.flagged) {
			const sentence = locate(mark);
			if (sentence === undefined) {
				unplaced++;
			} else {
				bySentence.set(sentence, {sentence, line: corpus.sentenceLine[sentence]!, ...(mark.note === undefined ? {} : {note: mark.note})});
			}
		}

		return {flagged: [...bySentence.values()].sort((a, b) => a.sentence - b.sentence), sidecar: file, unplaced};
	}

	return {flagged: [], unplaced: 0};
}
