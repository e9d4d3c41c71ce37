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
import {ArrivedPart, type BuiltIndex, type Corpus, detectFormat, History, openIndexer, partStart, planRelabel, readLineSteps} from '../source/corpus/index.js';
import {CorpusAnalysis, foundInPart, type PartMentions} from '../source/review/index.js';
import {IndexHelper, indexWorkerFileName, partAfter, wantsIndexHelper} from '../source/review/parallel-index.js';
import {spawnWorker} from '../source/review/spawn-worker.js';
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
worker, appended; and its analysis, whose first pass over the worker's part is the worker's own
(`firstPass`, merged) or read here from the worker's token line offsets.
*/
async function indexedWithWorker(bytes: Buffer, start: number, windowBytes: number, firstPass: boolean): Promise<{corpus: Corpus; analysis: CorpusAnalysis; built: BuiltIndex; mentions: PartMentions | undefined; firstToken: number; askedForMentions: boolean}> {
	const indexer = openIndexer(bytes);
	indexer.holdAt(start);
	const analysis = new CorpusAnalysis(indexer.corpus);
	const helper = new IndexHelper({windowBytes});
	// As the screen asks: not when the scheme guessed from the file's start may change at its end.
	const askedForMentions = firstPass && analysis.readsEarly;
	helper.begin(bytes, indexer.corpus.format, start, askedForMentions);
	while (!indexer.held) {
		indexer.step(64 * 1024);
	}

	assert.equal(await settled(helper), 'built', helper.failure);
	const arrived = helper.take();
	assert.ok(arrived !== undefined);
	assert.equal(helper.take(), undefined, 'taken once');
	assert.equal(helper.bytesRead, bytes.length - start);
	const {built, mentions} = arrived;
	analysis.readIndexed(Number.POSITIVE_INFINITY);
	const {sentenceCount, tokenCount} = indexer.corpus;
	const {tags} = indexer.corpus;
	const part = new ArrivedPart(built, tags);
	assert.equal(indexer.adopt(part), undefined);
	// Nothing when the worker gave up reading the mentions (a sentence longer than its windows): read here.
	const found = foundInPart(part, mentions);
	if (found !== undefined) {
		analysis.useIndexedPart(sentenceCount, tokenCount, found);
	}

	return {corpus: indexer.corpus, analysis: analysis.run(), built, mentions, firstToken: tokenCount, askedForMentions};
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

			const oneCore = analysisAnswers(new CorpusAnalysis(expected).run());
			// Windows of 64 KB: several per file, as 4 MB ones are in a large file.
			const withMentions = await indexedWithWorker(bytes, start, 64 * 1024, true);
			assertSameIndex(withMentions.corpus, expected, file);
			assert.equal(withMentions.mentions !== undefined, withMentions.askedForMentions, 'the worker read the part\'s mentions when asked to');
			assert.deepEqual(analysisAnswers(withMentions.analysis), oneCore, 'the analysis with the worker\'s mentions is the one of one pass');

			const {corpus, analysis, built, firstToken} = await indexedWithWorker(bytes, start, 64 * 1024, false);
			assertSameIndex(corpus, expected, file);
			const {tokenLineSteps} = built;
			assert.ok(tokenLineSteps !== undefined && tokenLineSteps.length === built.tokenCount);
			assertLineSteps(tokenLineSteps, expected, firstToken, file);

			assert.deepEqual(analysisAnswers(analysis), oneCore, 'the analysis read from the worker\'s token lines is the one of one pass');
		});
	}
});

/**
Each step read back gives the token's line start in the one-pass index, and a step is left out
(0) only where the line is 256 bytes or more past the one before. Returns how many were left out.
*/
function assertLineSteps(steps: Uint8Array, expected: Corpus, firstToken: number, file: string): number {
	let leftOut = 0;
	for (let sentence = expected.sentenceCount - 1; sentence >= 0 && expected.sentenceStart[sentence]! >= firstToken; sentence--) {
		const first = expected.sentenceStart[sentence]!;
		const length = expected.sentenceLength(sentence);
		const starts = new Int32Array(length);
		const read = readLineSteps(steps, first - firstToken, length, expected.sentenceOffset[sentence]!, starts);
		const far = Array.from({length: length - 1}, (_, index) => expected.tokenLineStart(first + index + 1) - expected.tokenLineStart(first + index)).some(step => step >= 256);
		assert.equal(read, !far, `${file}: sentence ${sentence} read from its steps: ${read}, with a line 256 bytes or more past the one before: ${far}`);
		if (read) {
			for (let index = 0; index < length; index++) {
				if (starts[index] !== expected.tokenLineStart(first + index)) {
					assert.fail(`${file}: token ${first + index}'s line is at ${expected.tokenLineStart(first + index)}, not ${starts[index]}`);
				}
			}
		} else {
			leftOut++;
		}
	}

	return leftOut;
}

/** Sentences with every kind of problem in both parts: types that disagree, unlabelled mentions, invalid tags, strings first met in the worker's part. */
function mixedCorpus(sentences: number): Buffer {
	const lines: string[] = [];
	for (let index = 0; index < sentences; index++) {
		const city = index % 7 === 0 ? 'B-ORG' : 'B-LOC';
		lines.push(`Paris\t${city}`, 'met\tO', index % 5 === 0 ? 'Oslo\tO' : 'Oslo\tB-LOC', index % 11 === 0 ? 'here\tI-PER' : 'here\tO');
		if (index > sentences / 2) {
			lines.push(`Firm${index % 13}\tB-ORG`, 'New\tB-LOC', 'York\tI-LOC');
		}

		lines.push('');
	}

	return Buffer.from(lines.join('\n'));
}

describe('the worker\'s own first pass, merged', () => {
	test('an edit made in the worker\'s part before the merge is taken in after it, as in one pass', async () => {
		const bytes = mixedCorpus(600);
		const start = partAfter(bytes, detectFormat(bytes), 0)!;
		const indexer = openIndexer(bytes);
		indexer.holdAt(start);
		const helper = new IndexHelper({windowBytes: 2000});
		helper.begin(bytes, indexer.corpus.format, start, true);
		while (!indexer.held) {
			indexer.step(64 * 1024);
		}

		assert.equal(await settled(helper), 'built', helper.failure);
		const {built, mentions} = helper.take()!;
		assert.ok(mentions !== undefined, 'the worker read the mentions');
		const {corpus} = indexer;
		const analysis = new CorpusAnalysis(corpus);
		const {sentenceCount, tokenCount, tags} = corpus;
		const part = new ArrivedPart(built, tags);
		assert.equal(indexer.adopt(part), undefined);
		analysis.useIndexedPart(sentenceCount, tokenCount, foundInPart(part, mentions)!);
		// Oslo, a LOC in the worker's part, becomes an ORG before the analysis reads the part.
		const sentence = corpus.sentenceCount - 5;
		const [first] = corpus.sentenceTokens(sentence);
		const record = new History().apply(corpus, {changes: planRelabel(corpus, sentence, 2, {start: 2, end: 3}, 'ORG'), sentence, token: first + 2, description: 'relabel'});
		assert.ok(record !== undefined);
		analysis.noteChanges(record.changes, 'forward');
		analysis.run();

		const edited = onePassIndex(bytes)!;
		assert.ok(new History().apply(edited, {changes: record.changes, sentence, token: first + 2, description: 'relabel'}) !== undefined);
		assert.deepEqual(analysisAnswers(analysis), analysisAnswers(new CorpusAnalysis(edited).run()));
	});

	test('a sentence whose lines are too far apart for their steps is read by walking its lines, with the same analysis', async () => {
		// Long tokens and comment lines inside sentences: lines 256 bytes or more past the one before.
		const far = Array.from({length: 40}, (_, index) => index % 2 === 0
			? `${'x'.repeat(300)}\tB-ORG\nParis\tB-LOC\n# ${'c'.repeat(400)}\nOslo\tO\nParis\tO\n`
			: `Oslo\tB-LOC\n${'y'.repeat(260)}\tO\n${'x'.repeat(300)}\tO\n`).join('\n');
		const normal = mixedCorpus(100);
		const bytes = Buffer.concat([normal, Buffer.from('\n\n'), Buffer.from(far), Buffer.from('\n'), normal]);
		const expected = onePassIndex(bytes)!;
		const start = partStart(bytes, expected.format, normal.length / 2)!;
		const {analysis, built, firstToken} = await indexedWithWorker(bytes, start, 4096, false);
		assert.ok(built.tokenLineSteps !== undefined);
		assert.equal(assertLineSteps(built.tokenLineSteps, expected, firstToken, 'far lines'), 40, 'each of the 40 sentences has a far line');
		assert.deepEqual(analysisAnswers(analysis), analysisAnswers(new CorpusAnalysis(expected).run()));
	});

	test('a sentence longer than its windows leaves the part\'s mentions to the screen, with the same analysis', async () => {
		const normal = mixedCorpus(200);
		const long = Buffer.from(Array.from({length: 1000}, (_, index) => `w${index}\t${index % 9 === 0 ? 'B-MISC' : 'O'}`).join('\n') + '\n\n');
		const bytes = Buffer.concat([normal, Buffer.from('\n\n'), long, normal]);
		const expected = onePassIndex(bytes)!;
		const start = partStart(bytes, expected.format, normal.length / 2)!;
		const {analysis, mentions} = await indexedWithWorker(bytes, start, 1000, true);
		assert.equal(mentions, undefined, 'the worker could not read them all');
		assert.deepEqual(analysisAnswers(analysis), analysisAnswers(new CorpusAnalysis(expected).run()));
	});
});

test('the windows go to the worker in a few slots of shared memory, filled again, and no buffer is moved away from this thread', async () => {
	// A buffer moved (transferred) away costs every later loop over typed arrays in this thread (part-windows.ts).
	const bytes = mixedCorpus(3000);
	const start = partAfter(bytes, detectFormat(bytes), 0)!;
	const posted: Array<{message: {type: string; bytes?: Uint8Array}; transfer: unknown}> = [];
	const helper = new IndexHelper({
		windowBytes: 2048,
		spawn(options) {
			const worker = spawnWorker(indexWorkerFileName, new URL('../source/review/index-worker.ts', import.meta.url), options);
			const post = worker.postMessage.bind(worker);
			worker.postMessage = (message: {type: string; bytes?: Uint8Array}, transfer?: Parameters<Worker['postMessage']>[1]) => {
				posted.push({message, transfer});
				post(message, transfer);
			};

			return worker;
		},
	});
	const indexer = openIndexer(bytes);
	indexer.holdAt(start);
	helper.begin(bytes, indexer.corpus.format, start, false);
	while (!indexer.held) {
		indexer.step(64 * 1024);
	}

	assert.equal(await settled(helper), 'built', helper.failure);
	const windows = posted.filter(({message}) => message.type === 'window');
	assert.ok(windows.length > 20, `${windows.length} windows`);
	assert.ok(posted.every(({transfer}) => transfer === undefined || (transfer as unknown[]).length === 0), 'nothing transferred');
	const slots = new Set(windows.map(({message}) => message.bytes!.buffer));
	assert.ok([...slots].every(slot => slot instanceof SharedArrayBuffer), 'each window is in shared memory');
	assert.ok(slots.size <= 4, `${slots.size} slots for ${windows.length} windows`);
	assert.equal(indexer.adopt(new ArrivedPart(helper.take()!.built, indexer.corpus.tags)), undefined);
	assertSameIndex(indexer.corpus, onePassIndex(bytes)!, 'windows in slots');
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
		helper.begin(bytes, format, start, true);
		assert.equal(await settled(helper), 'failed');
		assert.equal(helper.failure, 'no threads here');
		assert.equal(helper.take(), undefined);
	});

	test('it fails', async () => {
		const helper = new IndexHelper({
			spawn: options => new Worker('require(\'node:worker_threads\').parentPort.on(\'message\', m => { if (m.type === \'window\') require(\'node:worker_threads\').parentPort.postMessage({type: \'failed\', error: \'failed on purpose\'}); });', {...options, eval: true}),
		});
		helper.begin(bytes, format, start, true);
		assert.equal(await settled(helper), 'failed');
		assert.equal(helper.failure, 'failed on purpose');
		assert.equal(helper.take(), undefined);
	});

	test('it exits', async () => {
		const helper = new IndexHelper({spawn: options => new Worker('process.exit(3)', {...options, eval: true})});
		helper.begin(bytes, format, start, true);
		assert.equal(await settled(helper), 'failed');
		assert.match(helper.failure ?? '', /exited \(3\)/);
	});

	test('its part has a malformed line', async () => {
		const broken = Buffer.concat([bytes, Buffer.from('\n\nno tag here\n')]);
		const helper = new IndexHelper({windowBytes: 1000});
		helper.begin(broken, format, start, true);
		assert.equal(await settled(helper), 'failed');
		assert.match(helper.failure ?? '', /no tag/);
		assert.equal(helper.take(), undefined);
	});

	test('it is closed before it is done', async () => {
		const helper = new IndexHelper();
		helper.begin(bytes, format, start, true);
		helper.close();
		assert.equal(await settled(helper), 'closed');
		assert.equal(helper.take(), undefined);
	});
});

test('only a file of 16 MB or more on two cores or more is worth the worker', () => {
	assert.equal(wantsIndexHelper(1024 * 1024), false);
	assert.equal(wantsIndexHelper(64 * 1024 * 1024), os.availableParallelism() >= 2);
});
