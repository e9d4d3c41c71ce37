/**
Making the problems from the analysis's records (source/review/problem-reading.ts). Each record
says how many tokens its place spans, and pass 2 also notes its line, from the cells it has just
read, so that listing 100,000 problems does not read their sentences again; where a record has no
line (an invalid tag's, a mention another thread matched around, a place an edit's search found),
the sentence is read for it. Both ways give the same problems, and the extents are the places'.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {loadCorpusFile, Session, type Corpus} from '../source/corpus/index.js';
import type {Problem} from '../source/review/checks.js';
import {analysisFor} from '../source/review/index.js';
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

/** A copy of the records without the lines the passes noted. */
function unplaced(records: RecordList): RecordList {
	const copy = new RecordList();
	for (let index = 0; index < records.length; index++) {
		copy.push(records.tokens[index]!, records.sentences[index]!, records.kind(index), records.string(index), 0, records.lengths[index]!);
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

	const problems = problemsFrom(records, corpus, counts);
	assert.deepEqual(problems, problemsFrom(unplaced(records), corpus, counts), label);
	assertExtents(corpus, problems, label);
}

/** A mention's problem ends where its entity does; an unlabelled one where its words spell its string. */
function assertExtents(corpus: Corpus, problems: readonly Problem[], label: string) {
	for (const problem of problems) {
		const first = corpus.sentenceStart[problem.sentence]!;
		if (problem.kind === 'inconsistent-type') {
			const span = corpus.decode(problem.sentence).spans.find(each => each.start === problem.token - first);
			assert.equal(problem.end, first + span!.end, `${label}:${problem.line}`);
		} else if (problem.kind === 'unlabelled-mention') {
			assert.equal(corpus.sentenceTexts(problem.sentence).slice(problem.token - first, problem.end! - first).join(' '), problem.evidence?.text, `${label}:${problem.line}`);
		}
	}
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

	test('after edits, the places the update found end where decoding and spelling say', () => {
		fc.assert(fc.property(noisyCorpusArbitrary, fc.array(fc.nat(), {minLength: 1, maxLength: 8}), (noisy, picks) => {
			const corpus = noisyCorpus(noisy);
			const session = new Session(corpus, {file: '/nonexistent/noisy.txt', backup: false});
			const analysis = analysisFor(session);
			analysis.run();
			// Relabel picked tokens with tags the file uses (O among them): new mentions and occurrences.
			const tags = [...new Set(Array.from(corpus.tagIds.subarray(0, corpus.tokenCount)))];
			for (const pick of picks) {
				const token = pick % corpus.tokenCount;
				const sentence = corpus.sentenceOf(token);
				const tag = tags[pick % tags.length]!;
				session.apply({changes: [{token, before: corpus.tagIds[token]!, after: tag}], sentence, token: token - corpus.sentenceStart[sentence]!, description: 'relabel'});
			}

			analysis.run();
			assertExtents(corpus, [...analysis.problems()], noisy.description);
		}), {seed: 31, numRuns: 30});
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

describe('a full list of candidates', () => {
	test('drops the refused ones in place and in order before it grows, and grows when more than half are kept', () => {
		const list = new RecordList();
		const capacity = list.tokens.length;
		for (let index = 0; index < capacity; index++) {
			list.push(index, index, 2, index % 3, index + 1, 1);
		}

		list.makeRoom(index => list.string(index) !== 0);
		const kept = Array.from({length: capacity}, (_, index) => index).filter(index => index % 3 !== 0);
		assert.equal(list.length, kept.length);
		assert.deepEqual(Array.from(list.tokens.subarray(0, list.length)), kept);
		assert.deepEqual(Array.from(list.lines.subarray(0, list.length)), kept.map(index => index + 1));
		assert.equal(list.tokens.length, capacity * 2, 'two thirds kept: grown, so the next drop waits as many pushes');

		const sparse = new RecordList();
		for (let index = 0; index < capacity; index++) {
			sparse.push(index, index, 2, index % 4 === 0 ? 1 : 0, 0, 1);
		}

		sparse.makeRoom(index => sparse.string(index) === 1);
		assert.equal(sparse.length, capacity / 4);
		assert.equal(sparse.tokens.length, capacity, 'a quarter kept: room enough without growing');
		sparse.makeRoom(() => false);
		assert.equal(sparse.length, capacity / 4, 'not full: nothing dropped');
	});
});
