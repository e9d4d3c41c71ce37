/**
Pass 2 on two cores (source/review/parallel-occurrences.ts): `check` and `stats` of a large file
have a worker thread match the unlabelled occurrences of the second half of the sentences. Its
answers are the one thread's, on every shared corpus and on generated ones; whatever goes wrong
with the worker (it fails, it stops answering, it cannot start), the main thread matches those
sentences itself and the answers are still the same; the sentences handed to the worker read as
they do in the corpus; and the built `check` of a file of 64 MB or more uses it, with the index
worker (pumped-index.ts).
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import fc from 'fast-check';
import {corpusFromTail, corpusTail, corpusTailBuffers, loadCorpusFile, type Corpus} from '../source/corpus/index.js';
import {analyseFile, CorpusAnalysis} from '../source/review/index.js';
import {OccurrenceHelper, parallelBytes} from '../source/review/parallel-occurrences.js';
import {pumpedIndexBytes} from '../source/review/pumped-index.js';
import {noisyCorpusArbitrary} from './helpers/noisy-corpus.js';
import {corpusFiles} from './helpers/shared-corpora.js';
import {analysisAnswers, skipShared} from './helpers/review-corpus.js';

const repoRoot = path.resolve(import.meta.dirname, '..');

function temporaryFile(name: string, bytes: string | Uint8Array): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-parallel-'));
	const file = path.join(folder, name);
	fs.writeFileSync(file, bytes);
	return file;
}

/** Analyses `file` with `helper` (closed after), asserting how the occurrences were matched. */
function analysedWith(file: string, helper: OccurrenceHelper, outcome: OccurrenceHelper['outcome']): CorpusAnalysis {
	try {
		const analysis = analyseFile(file, {}, {helper});
		assert.equal(helper.outcome, outcome);
		return analysis;
	} finally {
		helper.close();
	}
}

describe('the worker matches what one thread matches', () => {
	for (const file of corpusFiles()) {
		test(`shared corpus ${path.relative(path.join(file, '../..'), file)}`, () => {
			const alone = analyseFile(file, {}, {parallel: 'never'});
			const withWorker = analysedWith(file, new OccurrenceHelper(), 'matched by the worker');
			assert.deepEqual(analysisAnswers(withWorker), analysisAnswers(alone));
		});
	}

	test('generated noisy corpora, every scheme', () => {
		fc.assert(fc.property(noisyCorpusArbitrary, noisy => {
			const file = temporaryFile('noisy.txt', noisy.bytes);
			const overrides = {scheme: noisy.scheme, tagColumn: 2};
			const alone = analyseFile(file, overrides, {parallel: 'never'});
			const helper = new OccurrenceHelper();
			try {
				assert.deepEqual(analysisAnswers(analyseFile(file, overrides, {helper})), analysisAnswers(alone), noisy.description);
				assert.equal(helper.outcome, 'matched by the worker');
			} finally {
				helper.close();
				fs.rmSync(path.dirname(file), {recursive: true, force: true});
			}
		}), {seed: 17, numRuns: 12});
	});
});

describe('without the worker, the main thread matches the rest', {skip: skipShared}, () => {
	const file = corpusFiles().find(each => each.endsWith('wikiser-small/dev.txt'))!;
	const expected = () => analysisAnswers(analyseFile(file, {}, {parallel: 'never'}));

	test('a worker that fails', () => {
		const spawn = (options: object) => new Worker(`
			const {workerData} = require('node:worker_threads');
			workerData.port.on('message', () => {
				workerData.port.postMessage({error: 'failed on purpose'});
				Atomics.store(workerData.status, 0, 3);
				Atomics.notify(workerData.status, 0);
			});`, {...options, eval: true});
		assert.deepEqual(analysisAnswers(analysedWith(file, new OccurrenceHelper({spawn}), 'the worker failed')), expected());
	});

	test('a worker that never answers', () => {
		const spawn = (options: object) => new Worker('require(\'node:worker_threads\').workerData.port.on(\'message\', () => {});', {...options, eval: true});
		const started = performance.now();
		assert.deepEqual(analysisAnswers(analysedWith(file, new OccurrenceHelper({spawn, stallMs: 300}), 'the worker stalled')), expected());
		assert.ok(performance.now() - started < 10_000);
	});

	test('a worker that cannot start', () => {
		const spawn = () => {
			throw new Error('no worker here');
		};

		assert.deepEqual(analysisAnswers(analysedWith(file, new OccurrenceHelper({spawn}), 'no worker')), expected());
	});
});

describe('the sentences the worker gets (a corpus\'s tail)', {skip: skipShared}, () => {
	test('read as they do in the corpus: tokens, tags with their ids, lines, spans', () => {
		for (const file of corpusFiles().filter(each => /conll2003-iob1-crlf\/eng.testa|weibo|wikiser-small\/dev|bmes/.test(each))) {
			const corpus = loadCorpusFile(file);
			for (const from of [0, 1, Math.floor(corpus.sentenceCount / 2), corpus.sentenceCount - 1]) {
				const length = corpus.bytes.length;
				// Moved as the worker gets it: the corpus keeps its own bytes and arrays.
				const moved = corpusTail(corpus, from);
				const tail = corpusFromTail(structuredClone(moved, {transfer: corpusTailBuffers(moved)}));
				assert.equal(corpus.bytes.length, length, 'the corpus\'s bytes were not moved with the tail');
				assert.equal(tail.sentenceCount, corpus.sentenceCount - from);
				assert.equal(tail.tokenCount, corpus.tokenCount - corpus.sentenceStart[from]!);
				assert.deepEqual(readAll(tail, 0), readAll(corpus, from), `${file} from sentence ${from}`);
			}
		}
	});

	test('only a whole corpus has a tail, and only from one of its sentences', () => {
		const corpus = loadCorpusFile(corpusFiles()[0]!);
		assert.throws(() => corpusTail(corpus, corpus.sentenceCount), /no tail/);
		assert.throws(() => corpusTail(corpus, -1), /no tail/);
	});
});

/** What a corpus says about its sentences from `from` on. */
function readAll(corpus: Corpus, from: number) {
	const sentences = [];
	for (let sentence = from; sentence < corpus.sentenceCount; sentence++) {
		sentences.push({texts: corpus.sentenceTexts(sentence), tags: corpus.sentenceTags(sentence), line: corpus.sentenceLine[sentence], decoded: corpus.decode(sentence)});
	}

	const tags = Array.from({length: corpus.tags.size}, (_, id) => corpus.tags.get(id));
	return {sentences, tags, format: corpus.format};
}

test('the built `check` of a file of 64 MB or more has the workers index and match, and prints what one thread prints', {skip: skipShared}, () => {
	const cli = path.join(repoRoot, 'dist', 'cli.js');
	assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'occurrences-worker.js')), 'the build has the worker (npm run build)');
	const source = fs.readFileSync(corpusFiles().find(each => each.endsWith('wikiser-small/dev.txt'))!);
	// The WikiSER dev file, repeated up to the size from which check uses both workers (pumped-index.ts indexes on two cores).
	const copies = Math.ceil(Math.max(parallelBytes, pumpedIndexBytes) / source.length);
	const file = temporaryFile('large.txt', Buffer.concat(Array.from({length: copies}, () => source)));
	const trace = path.join(path.dirname(file), 'trace.jsonl');
	try {
		const run = (environment: Record<string, string>) => {
			try {
				return execFileSync(process.execPath, [cli, 'check', '--file-order', file], {encoding: 'utf8', env: {...process.env, ...environment}, maxBuffer: 1 << 28});
			} catch (error) {
				// Exit code 1: problems found.
				return (error as {stdout: string}).stdout;
			}
		};

		const printed = run({NER_REVIEW_TRACE: trace});
		const events = fs.readFileSync(trace, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {event: string; outcome?: string; mentions?: boolean});
		assert.deepEqual(events.filter(event => event.event === 'index-worker').map(event => [event.outcome, event.mentions]), [['built', true]]);
		assert.deepEqual(events.filter(event => event.event === 'occurrences').map(event => event.outcome), ['matched by the worker']);
		const alone = analyseFile(file, {}, {parallel: 'never'});
		assert.deepEqual(printed.trim().split('\n'), [...alone.problems()].map(problem => `${file}:${problem.line}: ${problem.message}`));
	} finally {
		fs.rmSync(path.dirname(file), {recursive: true, force: true});
	}
});
