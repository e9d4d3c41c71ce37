/**
The screen's indexing of a large file with the index worker (source/ui/background-indexing.ts):
the slices read the first part, the first pass reads its sentences while they wait, the worker's
part is renumbered and appended; an edit made meanwhile is kept; and whatever becomes of the worker,
the corpus and its analysis end as one pass over the file makes them.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {Worker} from 'node:worker_threads';
import {type Corpus, indexCorpus, openIndexer, Session} from '../source/corpus/index.js';
import {analysisFor, CorpusAnalysis, IndexHelper} from '../source/review/index.js';
import {BackgroundIndexing} from '../source/ui/background-indexing.js';
import {assertSameIndex} from './helpers/index-compare.js';
import {analysisAnswers} from './helpers/review-corpus.js';

/** Some 3,000 sentences, with entities the first pass counts and a type only the second part has. */
function corpusBytes(): Buffer {
	const lines: string[] = [];
	for (let index = 0; index < 3000; index++) {
		const type = index > 2500 ? 'LATE' : (index % 3 === 0 ? 'PER' : 'LOC');
		lines.push(`<s>\nVisit\tO\nParis${index % 7}\tB-${type}\nnow\tO\nParis${index % 5}\tO\n</s>`);
	}

	return Buffer.from(lines.join('\n') + '\n');
}

type Run = {corpus: Corpus; indexing: BackgroundIndexing; session: Session};

/** Opens `bytes` as the screen does after its first slice, with `helper` to give the second part to. */
function open(bytes: Buffer, helper: IndexHelper | undefined, moved: () => void = () => undefined): Run {
	const indexer = openIndexer(bytes);
	indexer.step(4096);
	const session = new Session(indexer.corpus, {file: '/nonexistent/corpus.txt', backup: false, readOnly: 'a test'});
	const indexing = new BackgroundIndexing(indexer, session, helper, moved);
	return {corpus: indexer.corpus, indexing, session};
}

/** Steps as the slices do (3 ms each), waiting between them while the indexing waits for the worker. */
async function indexAll({indexing}: Run): Promise<{waited: boolean}> {
	let waited = false;
	const alive = setInterval(() => undefined, 1000);
	try {
		for (let slice = 0; slice < 100_000; slice++) {
			if (indexing.step(performance.now() + 3)) {
				return {waited};
			}

			if (indexing.waiting) {
				waited = true;
				// eslint-disable-next-line no-await-in-loop
				await new Promise(resolve => {
					setTimeout(resolve, 2);
				});
			}
		}

		assert.fail('the file was never indexed');
	} finally {
		clearInterval(alive);
	}
}

function assertLikeOnePass(run: Run, bytes: Buffer) {
	const expected = indexCorpus(bytes);
	assertSameIndex(run.corpus, expected, 'the screen\'s index');
	const analysis = analysisFor(run.session);
	while (!analysis.step()) {}
	assert.deepEqual(analysisAnswers(analysis), analysisAnswers(new CorpusAnalysis(expected).run()));
}

test('a step of the slices\' indexing reads a few dozen kilobytes before it looks at the clock (a slice while keys come has 3 ms)', () => {
	const bytes = corpusBytes();
	const run = open(bytes, undefined);
	const from = run.indexing.indexer.offset;
	// A deadline already past: one step, then the clock.
	assert.equal(run.indexing.step(performance.now() - 1), false);
	const read = run.indexing.indexer.offset - from;
	assert.ok(read > 0 && read <= 40 * 1024, `one step read ${read} bytes of ${bytes.length}`);
});

describe('the screen indexes a large file with the index worker', () => {
	test('both parts joined, and the analysis, are those of one pass; the first pass read the slices\' sentences while they waited', async () => {
		const bytes = corpusBytes();
		// Tiny windows, and no turn of the event loop until the slices are done: the worker is far behind them.
		const run = open(bytes, new IndexHelper({windowBytes: 64}));
		assert.equal(run.indexing.firstPassRides, false, 'with the worker, the first pass does not ride on the slices');
		let progress = 0;
		const analysis = analysisFor(run.session);
		for (let slice = 0; !run.indexing.waiting; slice++) {
			assert.ok(slice < 100_000, 'the slices never came to wait for the worker');
			assert.equal(run.indexing.step(performance.now() + 3), false);
			assert.ok(run.indexing.progress >= progress, 'progress never goes back');
			progress = run.indexing.progress;
		}

		assert.ok(run.indexing.indexer.held);
		assert.equal(analysis.canReadIndexed, false, 'the first pass read every sentence of the slices\' part while they waited');
		assert.equal(analysis.state, 'waiting for the index');
		assert.equal(run.corpus.complete, false);
		await indexAll(run);
		assert.equal(run.indexing.workerOutcome, 'built');
		assertLikeOnePass(run, bytes);
	});

	test('an edit made before the worker\'s part is appended is kept, and the analysis counts it', async () => {
		const bytes = corpusBytes();
		const run = open(bytes, new IndexHelper({windowBytes: 2048}));
		const {corpus} = run;
		// Paris0 in the first sentence: PER to LOC.
		const token = 1;
		assert.equal(corpus.tags.get(corpus.tagIds[token]!).text, 'B-PER');
		// The session tells the analysis of the edit (analysisFor).
		analysisFor(run.session);
		assert.ok(run.session.relabel(0, token, undefined, 'LOC') !== undefined);
		await indexAll(run);
		assert.equal(corpus.tags.get(corpus.tagIds[token]!).text, 'B-LOC');
		const edited = Buffer.from(bytes.toString('latin1').replace('Paris0\tB-PER', 'Paris0\tB-LOC'), 'latin1');
		assertLikeOnePass(run, edited);
	});

	for (const [what, spawn] of [
		['cannot start', () => {
			throw new Error('no threads');
		}],
		['fails', (options: object) => new Worker('require(\'node:worker_threads\').parentPort.on(\'message\', m => { if (m.type === \'window\') require(\'node:worker_threads\').parentPort.postMessage({type: \'failed\', error: \'on purpose\'}); });', {...options, eval: true})],
		['exits', (options: object) => new Worker('process.exit(5)', {...options, eval: true})],
	] as const) {
		test(`a worker that ${what}: the slices read on alone to the same corpus and analysis`, async () => {
			const bytes = corpusBytes();
			let moved = 0;
			const run = open(bytes, new IndexHelper({spawn: spawn as never, windowBytes: 2048}), () => {
				moved++;
			});
			await indexAll(run);
			assert.equal(run.indexing.workerOutcome, 'failed');
			assert.ok(moved > 0 || what === 'cannot start', 'the screen was told the worker stopped');
			assertLikeOnePass(run, bytes);
		});
	}

	test('without a worker the first pass rides on the slices, as before', async () => {
		const bytes = corpusBytes();
		const run = open(bytes, undefined);
		assert.equal(run.indexing.firstPassRides, true);
		assert.equal(run.indexing.workerOutcome, undefined);
		const {waited} = await indexAll(run);
		assert.equal(waited, false);
		assertLikeOnePass(run, bytes);
	});
});
