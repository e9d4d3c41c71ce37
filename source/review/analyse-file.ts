/**
The whole-corpus analysis at once, for the commands and the tests: `check` and `stats` read, index
and analyse a file in one go (the first pass riding on the indexing, a large file indexed and its
occurrences matched on two cores); the screen builds its analysis in slices instead (corpus-analysis.ts).
*/
import fs from 'node:fs';
import {loadCorpusFile, type Corpus, type FormatOverrides} from '../corpus/index.js';
import {trace} from '../trace.js';
import type {Problem} from './checks.js';
import {CorpusAnalysis} from './corpus-analysis.js';
import {wantsIndexHelper} from './parallel-index.js';
import {OccurrenceHelper, wantsHelper} from './parallel-occurrences.js';
import {indexOnTwoCores, PumpedIndexHelper, pumpedIndexBytes} from './pumped-index.js';

/** Every problem in the corpus, by sentence, then token (a whole list: for tests and small files; `check` streams). */
export function findProblems(corpus: Corpus): Problem[] {
	return [...new CorpusAnalysis(corpus).run().problems()];
}

/**
Reads, indexes and analyses a file at once, the first pass riding on the indexing (`check`,
`stats`); a large file is indexed, and its occurrences matched, on two cores (`parallel`: tests
say `always` or `never`). Throws CorpusError.
*/
export function analyseFile(file: string, overrides: FormatOverrides = {}, options: {readonly parallel?: 'auto' | 'always' | 'never'; readonly helper?: OccurrenceHelper; readonly indexHelper?: PumpedIndexHelper} = {}): CorpusAnalysis {
	let bytes = 0;
	try {
		bytes = fs.statSync(file).size;
	} catch {}

	// Started before the file is read, so that they have loaded by the time they have work.
	const helper = options.helper ?? (wantsHelper(bytes, options.parallel) ? new OccurrenceHelper() : undefined);
	const indexHelper = options.indexHelper ?? (wantsIndexHelper(bytes, options.parallel, pumpedIndexBytes) ? new PumpedIndexHelper() : undefined);
	try {
		let analysis: CorpusAnalysis | undefined;
		loadCorpusFile(file, overrides, {
			observe(indexer) {
				analysis = new CorpusAnalysis(indexer.corpus);
				analysis.observe(indexer);
			},
			index: indexHelper === undefined ? undefined : indexer => {
				indexOnTwoCores(indexer, analysis!, indexHelper);
				trace.mark('index-worker', {outcome: indexHelper.outcome, mentions: indexHelper.mentionsRead, failure: indexHelper.failure});
			},
		});
		analysis!.run(helper);
		if (helper !== undefined) {
			trace.mark('occurrences', {outcome: helper.outcome});
		}

		return analysis!;
	} finally {
		if (options.helper === undefined) {
			helper?.close();
		}

		if (options.indexHelper === undefined) {
			indexHelper?.close();
		}
	}
}
