/**
Making the problems from the analysis's records (source/review/problem-reading.ts). Pass 2 notes
the line and the extent of each place it finds, from the cells it has just read, so that listing
100,000 problems does not read their sentences again; where a record has neither (an edit's, an
invalid tag's, a mention another thread matched around), the sentence is read as before. Both
ways give the same problems.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {loadCorpusFile, type Corpus} from '../source/corpus/index.js';
import {CorpusAnalysis} from '../source/review/corpus-analysis.js';
import type {MentionCounts} from '../source/review/mention-counts.js';
import {RecordList} from '../source/review/problem-records.js';
import {problemsAt} from '../source/review/problem-reading.js';
import {noisyCorpus, noisyCorpusArbitrary} from './helpers/noisy-corpus.js';
import {corpusFiles} from './helpers/shared-corpora.js';
import {conll, corpusOf, skipShared} from './helpers/review-corpus.js';

/** The analysis's records and counts (private to it: the tests read them as the problems are made). */
function internals(analysis: CorpusAnalysis): {records: RecordList; counts: MentionCounts} {
	return {records: analysis['records'], counts: analysis['counts']};
}

/** A copy of the records without the lines and extents the passes noted. */
function unplaced(records: RecordList): RecordList {
	const copy = new RecordList();
	for (let index = 0; index < records.length; index++) {
		copy.push(records.tokens[index]!, records.sentences[index]!, records.kind(index), records.string(index));
	}

	return copy;
}

/** Every sentence's problems made from `records`. */
function problemsFrom(records: RecordList, corpus: Corpus, counts: MentionCounts) {
	const problems = [];
	for (let start = 0; start < records.length;) {
		let end = start;
		while (end < records.length && records.sentences[end] === records.sentences[start]) {
			end++;
		}

		problems.push(...problemsAt(records, start, end, corpus, counts));
		start = end;
	}

	return problems;
}

function assertPlacedAsRead(corpus: Corpus, label: string) {
	const analysis = new CorpusAnalysis(corpus).run();
	const {records, counts} = internals(analysis);
	// One thread read every sentence in pass 2: it placed every record but the invalid tags'.
	for (let index = 0; index < records.length; index++) {
		const placed = records.lines[index]! > 0 && records.lengths[index]! > 0;
		assert.equal(placed, records.kind(index) !== 0, `${label}: record ${index}`);
	}

	assert.deepEqual(problemsFrom(records, corpus, counts), problemsFrom(unplaced(records), corpus, counts), label);
}

describe('the places pass 2 noted', () => {
	test('give the problems reading the sentences again gives: shared corpora', {skip: skipShared}, () => {
		for (const file of corpusFiles()) {
			assertPlacedAsRead(loadCorpusFile(file), file);
		}
	});

	test('give the problems reading the sentences again gives: generated noisy corpora, and a token holding a space', () => {
		fc.assert(fc.property(noisyCorpusArbitrary, noisy => {
			assertPlacedAsRead(noisyCorpus(noisy), noisy.description);
		}), {seed: 29, numRuns: 30});
		const spaced = Buffer.from('<s>\nWindows 95\tB-OS\n</s>\n<s>\nWindows 95\tB-OS\n</s>\n<s>\nrun\tO\nWindows\tO\n95\tO\n</s>\n<s>\n# a comment\nWindows\tO\n\n95\tO\n</s>\n');
		assertPlacedAsRead(corpusOf(spaced.toString()), 'Windows 95, one token and two');
	});

	test('spare reading the sentences: no cells are read to list problems the passes placed', () => {
		const corpus = corpusOf(conll(...Array.from({length: 60}, (_, index) => (index % 4 === 3 ? `we saw Paris and New York on day ${index}` : `Paris/B-LOC and New/B-LOC York/I-LOC on day ${index}`))));
		const analysis = new CorpusAnalysis(corpus).run();
		const {cells} = internals(analysis).counts.reader;
		const read = cells.read.bind(cells);
		let reads = 0;
		cells.read = (...parameters: Parameters<typeof cells.read>) => {
			reads++;
			read(...parameters);
		};

		const problems = [...analysis.problems()];
		assert.equal(problems.filter(problem => problem.kind === 'unlabelled-mention').length, 30, 'Paris and New York in 15 sentences');
		assert.equal(reads, 0);
	});
});
