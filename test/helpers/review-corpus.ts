/**
Small inline corpora for the review tests, and the shared corpora when they are present.
*/
import fs from 'node:fs';
import path from 'node:path';
import type {Corpus} from '../../source/corpus/corpus.js';
import type {FormatOverrides} from '../../source/corpus/format.js';
import {indexCorpus} from '../../source/corpus/index.js';
import type {CorpusAnalysis} from '../../source/review/index.js';

/**
CoNLL text (`token TAG` lines, blank line between sentences) from sentences written as
`John/B-PER Smith/I-PER lives in Paris/B-LOC`: a word without a tag is `O`.
*/
export function conll(...sentences: string[]): string {
	return sentences.map(sentence => sentence.split(' ').map(word => {
		const slash = word.lastIndexOf('/');
		return slash > 0 ? `${word.slice(0, slash)} ${word.slice(slash + 1)}` : `${word} O`;
	}).join('\n')).join('\n\n') + '\n';
}

export function corpusOf(text: string, overrides: FormatOverrides = {}): Corpus {
	return indexCorpus(Buffer.from(text), overrides);
}

/** The shared corpora folder, or undefined (with a note why the tests using it are skipped). */
export const sharedCorpora: string | undefined = (() => {
	const folder = path.resolve(import.meta.dirname, '../../../shared/corpora');
	return fs.existsSync(folder) ? folder : undefined;
})();

export const skipShared = sharedCorpora === undefined ? 'shared corpora not found next to the repository (../shared/corpora)' : false;

/** Line `line` (1-based) of a file. */
export function fileLine(file: string, line: number): string {
	return fs.readFileSync(file, 'utf8').split('\n')[line - 1]!;
}

/**
Everything an analysis answers (problems, the sentences that have them, statistics, every
string's counts), as data for deepEqual: two analyses that must agree (updated in place and built
afresh; with and without the occurrences worker) are compared through it.
*/
export function analysisAnswers(analysis: CorpusAnalysis) {
	return {
		problems: [...analysis.problems()],
		sentences: [...analysis.problemSentences()],
		statistics: analysis.statistics(),
		strings: [...analysis.labelledStrings()],
	};
}
