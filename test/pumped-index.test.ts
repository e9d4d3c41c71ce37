/**
Indexing on two cores for `check` and `stats` (source/review/pumped-index.ts): the index worker
indexes the file's second part and reads its mentions while the main thread indexes the first,
and the analysis is the one of one thread, on every shared corpus. Whatever goes wrong with the
worker (it cannot start, it fails, it stops answering, its part is malformed), the main thread
indexes the rest itself, with the same answers or the same one-line error.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {CorpusError, partStart, readCorpusBytes, openIndexer} from '../source/corpus/index.js';
import {analyseFile, type CorpusAnalysis} from '../source/review/index.js';
import {PumpedIndexHelper} from '../source/review/pumped-index.js';
import {corpusFiles} from './helpers/shared-corpora.js';
import {analysisAnswers, skipShared} from './helpers/review-corpus.js';

/** Analyses `file` with `indexHelper` and no occurrences worker, asserting how the worker ended. */
function analysedWith(file: string, indexHelper: PumpedIndexHelper, outcome: PumpedIndexHelper['outcome']): CorpusAnalysis {
	try {
		const analysis = analyseFile(file, {}, {parallel: 'never', indexHelper});
		assert.equal(indexHelper.outcome, outcome, indexHelper.failure);
		return analysis;
	} finally {
		indexHelper.close();
	}
}

/** Whether `file` has a sentence boundary where the worker's part would start. */
function hasSecondPart(file: string): boolean {
	const bytes = readCorpusBytes(file);
	return partStart(bytes, openIndexer(bytes).corpus.format, Math.floor(bytes.length / 2)) !== undefined;
}

describe('the worker\'s part and mentions give the analysis of one thread', {skip: skipShared}, () => {
	for (const file of corpusFiles()) {
		test(`shared corpus ${path.relative(path.join(file, '../..'), file)}`, t => {
			let alone: CorpusAnalysis;
			try {
				alone = analyseFile(file, {}, {parallel: 'never'});
			} catch (error) {
				assert.ok(error instanceof CorpusError);
				t.skip('not a corpus ner-review opens');
				return;
			}

			const helper = new PumpedIndexHelper();
			const withWorker = analysedWith(file, helper, hasSecondPart(file) ? 'built' : 'waiting');
			assert.deepEqual(analysisAnswers(withWorker), analysisAnswers(alone));
			// The worker reads the mentions unless the scheme guessed from the file's start is IO, which its end may change.
			const format = openIndexer(readCorpusBytes(file)).corpus.format;
			assert.equal(helper.mentionsRead, helper.outcome === 'built' && !(format.scheme === 'IO' && !format.schemeGiven));
		});
	}
});

describe('without the worker, the main thread indexes the rest', {skip: skipShared}, () => {
	const file = corpusFiles().find(each => each.endsWith('wikiser-small/dev.txt'))!;
	const expected = () => analysisAnswers(analyseFile(file, {}, {parallel: 'never'}));

	test('a worker that cannot start', () => {
		const spawn = () => {
			throw new Error('no worker here');
		};

		assert.deepEqual(analysisAnswers(analysedWith(file, new PumpedIndexHelper({spawn}), 'no worker')), expected());
	});

	test('a worker that fails', () => {
		const spawn = (options: object) => new Worker(`
			const {workerData} = require('node:worker_threads');
			workerData.port.on('message', message => {
				if (message.type !== 'window') return;
				workerData.port.postMessage({type: 'failed', error: 'failed on purpose'});
				Atomics.add(workerData.status, 0, 1);
				Atomics.notify(workerData.status, 0);
			});`, {...options, eval: true});
		const helper = new PumpedIndexHelper({spawn});
		assert.deepEqual(analysisAnswers(analysedWith(file, helper, 'failed')), expected());
		assert.equal(helper.failure, 'failed on purpose');
	});

	test('a worker that never answers', () => {
		const spawn = (options: object) => new Worker('require(\'node:worker_threads\').workerData.port.on(\'message\', () => {});', {...options, eval: true});
		const started = performance.now();
		assert.deepEqual(analysisAnswers(analysedWith(file, new PumpedIndexHelper({spawn, stallMs: 300}), 'stalled')), expected());
		assert.ok(performance.now() - started < 10_000);
	});
});

describe('a malformed line is reported as one thread reports it', () => {
	const good = Array.from({length: 3000}, (_, index) => `t${index}\tB-PER\nu\tO\n`).join('\n');
	for (const [where, text] of [['in the worker\'s part', `${good}\nlonely\n`], ['in the main thread\'s part', `lonely\n\n${good}`]] as const) {
		test(where, () => {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-pumped-'));
			const file = path.join(folder, 'broken.txt');
			fs.writeFileSync(file, text);
			try {
				const alone = catchError(() => analyseFile(file, {}, {parallel: 'never'}));
				assert.ok(alone instanceof CorpusError);
				const helper = new PumpedIndexHelper();
				const withWorker = catchError(() => analyseFile(file, {}, {parallel: 'never', indexHelper: helper}));
				helper.close();
				assert.ok(withWorker instanceof CorpusError);
				assert.equal(withWorker.message, alone.message);
				assert.equal(withWorker.line, alone.line);
				assert.equal(helper.outcome, where === 'in the worker\'s part' ? 'failed' : 'indexing');
			} finally {
				fs.rmSync(folder, {recursive: true, force: true});
			}
		});
	}
});

function catchError(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}

	return undefined;
}
