/**
The index worker (source/review/parallel-index.ts, index-worker.ts): sent the second part of a
file in windows, it posts that part's index, which the screen's indexer appends to its own part to
give the index of one pass, on every shared corpus. Whatever goes wrong with it (it cannot start,
it fails, it exits, the part is malformed), it says so and posts nothing: the screen's indexer then
reads on by itself.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {ArrivedPart, type Corpus, detectFormat, openIndexer, partStart} from '../source/corpus/index.js';
import {CorpusAnalysis} from '../source/review/index.js';
import {IndexHelper, partAfter, wantsIndexHelper} from '../source/review/parallel-index.js';
import {corpusFiles} from './helpers/shared-corpora.js';
import {assertSameIndex, onePassIndex} from './helpers/index-compare.js';
import {analysisAnswers, skipShared} from './helpers/review-corpus.js';

/** Resolves once the helper has built its part, failed or been closed. */
async function settled(helper: IndexHelper): Promise<IndexHelper['outcome']> {
	if (helper.outcome !== 'indexing') {
		return helper.outcome;
	}

	// The worker never keeps the process alive (the app's screen does): this wait does.
	const alive = setInterval(() => undefined, 1000);
	return new Promise(resolve => {
		helper.onChange = () => {
			if (helper.outcome !== 'indexing') {
				clearInterval(alive);
				resolve(helper.outcome);
			}
		};
	});
}

/**
The file's index read as the screen reads a large file: its first part here, the rest by the
worker, appended; and its analysis, whose first pass reads the worker's part from the worker's
token line offsets.
*/
async function indexedWithWorker(bytes: Buffer, start: number, windowBytes: number): Promise<{corpus: Corpus; analysis: CorpusAnalysis; tokenLines: Int32Array; firstToken: number}> {
	const indexer = openIndexer(bytes);
	indexer.holdAt(start);
	const helper = new IndexHelper({windowBytes});
	helper.begin(bytes, indexer.corpus.format, start);
	while (!indexer.held) {
		indexer.step(64 * 1024);
	}

	assert.equal(await settled(helper), 'built', helper.failure);
	const built = helper.take();
	assert.ok(built !== undefined);
	assert.equal(helper.take(), undefined, 'taken once');
	assert.equal(helper.bytesRead, bytes.length - start);
	const analysis = new CorpusAnalysis(indexer.corpus);
	analysis.readIndexed(Number.POSITIVE_INFINITY);
	const {sentenceCount, tokenCount} = indexer.corpus;
	assert.equal(indexer.adopt(new ArrivedPart(built, indexer.corpus.tags)), undefined);
	assert.ok(built.tokenLines !== undefined && built.tokenLines.length === built.tokenCount);
	analysis.useTokenLines(sentenceCount, tokenCount, built.tokenLines);
	return {corpus: indexer.corpus, analysis: analysis.run(), tokenLines: built.tokenLines, firstToken: tokenCount};
}

describe('the worker\'s part appended to the screen\'s is the index of one pass', {skip: skipShared}, () => {
	for (const file of corpusFiles()) {
		test(`shared corpus ${path.relative(path.join(file, '../..'), file)}`, async t => {
			const bytes = fs.readFileSync(file);
			const expected = onePassIndex(bytes);
			if (expected === undefined) {
				t.skip('not a corpus ner-review opens');
				return;
			}

			const start = partAfter(bytes, expected.format, 0);
			if (start === undefined) {
				t.skip('no sentence boundary after its first part');
				return;
			}

			// Windows of 64 KB: several per file, as 4 MB ones are in a large file.
			const {corpus, analysis, tokenLines, firstToken} = await indexedWithWorker(bytes, start, 64 * 1024);
			assertSameIndex(corpus, expected, file);
			for (const [index, offset] of tokenLines.entries()) {
				if (offset !== expected.tokenLineStart(firstToken + index)) {
					assert.fail(`token ${firstToken + index}'s line is at ${expected.tokenLineStart(firstToken + index)}, not ${offset}`);
				}
			}

			assert.deepEqual(analysisAnswers(analysis), analysisAnswers(new CorpusAnalysis(expected).run()), 'the analysis is the one of one pass');
		});
	}
});

describe('whatever goes wrong with the worker, it posts nothing and says why', () => {
	const bytes = Buffer.from(Array.from({length: 2000}, (_, index) => `t${index}\tB-PER\nu\tO\n`).join('\n'));
	const format = detectFormat(bytes);
	const start = partStart(bytes, format, bytes.length / 2)!;

	test('it cannot start', async () => {
		const helper = new IndexHelper({
			spawn() {
				throw new Error('no threads here');
			},
		});
		helper.begin(bytes, format, start);
		assert.equal(await settled(helper), 'failed');
		assert.equal(helper.failure, 'no threads here');
		assert.equal(helper.take(), undefined);
	});

	test('it fails', async () => {
		const helper = new IndexHelper({
			spawn: options => new Worker('require(\'node:worker_threads\').parentPort.on(\'message\', m => { if (m.type === \'window\') require(\'node:worker_threads\').parentPort.postMessage({type: \'failed\', error: \'failed on purpose\'}); });', {...options, eval: true}),
		});
		helper.begin(bytes, format, start);
		assert.equal(await settled(helper), 'failed');
		assert.equal(helper.failure, 'failed on purpose');
		assert.equal(helper.take(), undefined);
	});

	test('it exits', async () => {
		const helper = new IndexHelper({spawn: options => new Worker('process.exit(3)', {...options, eval: true})});
		helper.begin(bytes, format, start);
		assert.equal(await settled(helper), 'failed');
		assert.match(helper.failure ?? '', /exited \(3\)/);
	});

	test('its part has a malformed line', async () => {
		const broken = Buffer.concat([bytes, Buffer.from('\n\nno tag here\n')]);
		const helper = new IndexHelper({windowBytes: 1000});
		helper.begin(broken, format, start);
		assert.equal(await settled(helper), 'failed');
		assert.match(helper.failure ?? '', /no tag/);
		assert.equal(helper.take(), undefined);
	});

	test('it is closed before it is done', async () => {
		const helper = new IndexHelper();
		helper.begin(bytes, format, start);
		helper.close();
		assert.equal(await settled(helper), 'closed');
		assert.equal(helper.take(), undefined);
	});
});

test('only a file of 16 MB or more on two cores or more is worth the worker', () => {
	assert.equal(wantsIndexHelper(1024 * 1024), false);
	assert.equal(wantsIndexHelper(64 * 1024 * 1024), os.availableParallelism() >= 2);
});
