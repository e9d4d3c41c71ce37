/**
The tagger's memory at scale (issue 12): its worker reads the corpora's bytes and tag ids in windows
of whole sentences asked from the main thread, never a whole copy, and reads the same as from the
whole corpus; a file changed on disk meanwhile changes nothing (the bytes come from memory); an
edit meanwhile ends the training without a result rather than mixing two versions of the labels;
the held-out probabilities take a byte a token; the disagreements kept are capped, the most
doubted kept; fitting the temperature reuses its arrays.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {MessagePort} from 'node:worker_threads';
import {indexCorpus, loadCorpusFile} from '../source/corpus/load.js';
import type {Corpus} from '../source/corpus/corpus.js';
import {applyChanges, planRelabel} from '../source/corpus/edit.js';
import {CalibrationSet, fitTemperature} from '../source/review/tagger/calibration.js';
import {crossValidate, type TaggerOptions} from '../source/review/tagger/cross-validate.js';
import {Decoder} from '../source/review/tagger/decoder.js';
import {labelSpace} from '../source/review/tagger/labels.js';
import {decodeProbability, DisagreementWriter, encodeProbability, type TaggerResult} from '../source/review/tagger/result.js';
import {startTraining} from '../source/review/tagger/start-training.js';
import {SentenceWindows} from '../source/review/tagger/sentence-windows.js';
import {taggerCorpus} from '../source/review/tagger/tagger-corpus.js';
import {serveWindows} from '../source/review/tagger/window-channel.js';
import {toySentences, toyText, type ToySentence} from './helpers/toy-corpus.js';

/** A toy corpus with the edges a window can fall on: a BOM, CRLF, a sentence longer than a window, no final newline. */
function edgyText(count: number, seed: number): string {
	const sentences: ToySentence[] = toySentences(count, seed);
	const long: ToySentence = Array.from({length: 120}, (_, i) => (i % 10 === 3 ? ['Paris', 'B-LOC'] : ['word', 'O']));
	sentences.splice(Math.floor(count / 2), 0, long);
	return `\uFEFF${toyText(sentences).replaceAll('\n', '\r\n').replace(/\r\n$/, '')}`;
}

function assertSameResult(actual: TaggerResult | undefined, expected: TaggerResult): void {
	assert.ok(actual !== undefined);
	assert.deepEqual([...actual.goldProbability], [...expected.goldProbability]);
	assert.deepEqual([...actual.sentenceDoubt], [...expected.sentenceDoubt]);
	assert.deepEqual(actual.disagreements, expected.disagreements);
	assert.equal(actual.temperature, expected.temperature);
	assert.equal(actual.heldOutAccuracy, expected.heldOutAccuracy);
}

/** A corpus read through windows of `windowBytes` in this thread (copies of its bytes and tag ids), with the byte ranges asked for. */
function windowed(corpus: Corpus, windowBytes: number) {
	const asked: Array<[start: number, end: number]> = [];
	const {sentenceCount, sentenceStart, sentenceOffset} = corpus;
	const index = {sentenceCount, sentenceStart, sentenceOffset, byteLength: corpus.bytes.length};
	const store = new SentenceWindows(index, (first, end) => {
		const start = sentenceOffset[first]!;
		const stop = end < sentenceCount ? sentenceOffset[end]! : corpus.bytes.length;
		asked.push([start, stop]);
		return {bytes: Buffer.from(corpus.bytes.subarray(start, stop)), tagIds: corpus.tagIds.slice(sentenceStart[first], sentenceStart[end])};
	}, windowBytes);
	// The index without the Corpus behind it: only the windows give bytes and tags.
	const indexOnly = {format: corpus.format, tags: corpus.tags, tokenCount: corpus.tokenCount, sentenceCount, sentenceStart, sentenceOffset, sentenceLength: (sentence: number) => corpus.sentenceLength(sentence)};
	return {corpus: taggerCorpus(indexOnly, store), asked};
}

describe('reading the bytes in windows', () => {
	const main = indexCorpus(Buffer.from(edgyText(200, 3)));
	const reference = indexCorpus(Buffer.from(toyText(toySentences(80, 4))));

	for (const [name, options] of [
		['every sentence trained on', {folds: 3, epochs: 2}],
		['a sample trained on (kept apart for its shuffled epochs)', {folds: 3, epochs: 2, maxTrainingTokens: 600}],
	] as Array<[string, TaggerOptions]>) {
		test(`reads what the whole bytes read, ${name}`, () => {
			const whole = crossValidate(main, [reference], options);
			const mainWindows = windowed(main, 300);
			const referenceWindows = windowed(reference, 200);
			assertSameResult(crossValidate(mainWindows.corpus, [referenceWindows.corpus], options), whole);
			for (const [corpus, {asked}, windowBytes] of [[main, mainWindows, 300], [reference, referenceWindows, 200]] as const) {
				assert.ok(asked.length > 10, `many windows, not ${asked.length}`);
				const sentenceStarts = new Set([...corpus.sentenceOffset.subarray(0, corpus.sentenceCount)]);
				for (const [start, end] of asked) {
					assert.ok(sentenceStarts.has(start), `a window starts at a sentence (${start})`);
					assert.ok(end === corpus.bytes.length || sentenceStarts.has(end), `a window ends at a sentence (${end})`);
					// Larger only for the one sentence longer than a window.
					assert.ok(end - start <= windowBytes || corpus.sentenceAtOffset(start) === corpus.sentenceAtOffset(end - 1), `window of ${end - start} bytes`);
				}
			}
		});
	}

	test('a pass over the file asks for each window once', () => {
		const {corpus, asked} = windowed(main, 500);
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			corpus.store.locate(sentence);
		}

		const covered = asked.reduce((total, [start, end]) => total + end - start, 0);
		assert.equal(covered, main.bytes.length - main.sentenceOffset[0]!, 'the bytes from the first sentence on, once');
	});

	test('a sentence decodes from its window as from the corpus, edits made before included', () => {
		const corpus = indexCorpus(Buffer.from(edgyText(60, 5)));
		applyChanges(corpus, planRelabel(corpus, 3, 1, undefined, 'MISC'), 'forward');
		const {corpus: view} = windowed(corpus, 100);
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			assert.deepEqual(view.decode(sentence), corpus.decode(sentence));
		}

		assert.ok(view.decode(3).spans.some(span => span.type === 'MISC'));
	});

	test('the whole file in one window when it fits', () => {
		const {corpus, asked} = windowed(main, main.bytes.length);
		crossValidate(corpus, [], {folds: 2, epochs: 1, maxTrainingTokens: 300});
		assert.equal(asked.length, 1);
	});
});

describe('the worker reads its windows from the main thread', () => {
	test('the same result as in this thread, with a reference, a sample and windows of a few hundred bytes', async () => {
		const main = indexCorpus(Buffer.from(edgyText(200, 8)));
		const reference = indexCorpus(Buffer.from(toyText(toySentences(80, 9))));
		// Edited before: the worker reads the tags as they are when it starts.
		applyChanges(main, planRelabel(main, 2, 0, undefined, 'ORG'), 'forward');
		const options = {folds: 3, epochs: 2, maxTrainingTokens: 800};
		const fromWorker = await startTraining(main, [reference], {...options, windowBytes: 256}).result;
		assertSameResult(fromWorker, crossValidate(main, [reference], options));
	});

	test('the windows are served without a buffer moved away from this thread', async () => {
		// A buffer moved (transferred) away slows every later loop over typed arrays in this thread (window-channel.ts).
		const main = indexCorpus(Buffer.from(edgyText(120, 5)));
		const transfers: unknown[] = [];
		const {postMessage} = MessagePort.prototype;
		MessagePort.prototype.postMessage = function (this: MessagePort, ...parameters: Parameters<MessagePort['postMessage']>) {
			transfers.push(parameters[1]);
			Reflect.apply(postMessage, this, parameters);
		};

		const options = {folds: 2, epochs: 1, maxTrainingTokens: 500};
		let fromWorker: TaggerResult | undefined;
		try {
			fromWorker = await startTraining(main, [], {...options, windowBytes: 256}).result;
		} finally {
			MessagePort.prototype.postMessage = postMessage;
		}

		assert.ok(transfers.length > 10, `${transfers.length} windows served`);
		assert.deepEqual(transfers.filter(transfer => Array.isArray(transfer) && transfer.some(each => each instanceof ArrayBuffer)), [], 'no buffer transferred');
		assertSameResult(fromWorker, crossValidate(main, [], options));
	});

	test('a file changed on disk under the worker changes nothing: its bytes come from memory, those of the load', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-tagger-memory-'));
		try {
			const file = path.join(folder, 'corpus.txt');
			fs.writeFileSync(file, toyText(toySentences(150, 12)));
			const corpus = loadCorpusFile(file);
			const options = {folds: 3, epochs: 2};
			const handle = startTraining(corpus, [], {...options, windowBytes: 256});
			// Before the worker has read anything: other sentences and labels, then a shorter file.
			fs.writeFileSync(file, toyText(toySentences(150, 13)));
			fs.truncateSync(file, 100);
			const result = await handle.result;
			assertSameResult(result, crossValidate(indexCorpus(Buffer.from(toyText(toySentences(150, 12)))), [], options));
		} finally {
			fs.rmSync(folder, {recursive: true, force: true});
		}
	});

	test('cancelling while the worker reads in windows ends it, and the result is undefined', async () => {
		const corpus = indexCorpus(Buffer.from(toyText(toySentences(2000, 11))));
		let started: () => void;
		const training = new Promise<void>(resolve => {
			started = resolve;
		});
		const handle = startTraining(corpus, [], {folds: 5, epochs: 20, windowBytes: 64, onProgress(progress) {
			if (progress.phase === 'training') {
				started();
			}
		}});
		// Past the first pass over the file: it has asked for windows and goes on asking.
		await training;
		handle.cancel();
		assert.equal(await handle.result, undefined);
	});

	test('an edit while the worker reads in windows ends the training without a result', async () => {
		const corpus = indexCorpus(Buffer.from(toyText(toySentences(600, 14))));
		let edited = false;
		const handle = startTraining(corpus, [], {folds: 3, epochs: 3, windowBytes: 128, onProgress() {
			if (!edited) {
				edited = true;
				applyChanges(corpus, planRelabel(corpus, 0, 0, undefined, 'LOC'), 'forward');
			}
		}});
		assert.equal(await handle.result, undefined);
		assert.ok(edited);
	});

	test('the main thread answers with whole sentences\' bytes and tag ids, refuses what is not there, and says when the tags changed', async () => {
		const corpus = indexCorpus(Buffer.from('a O\nb B-PER\n\nc O\n'));
		const server = serveWindows([corpus]);
		const ask = async (request: object) => new Promise<unknown>(resolve => {
			server.channel.port.once('message', resolve);
			server.channel.port.postMessage(request);
		});
		try {
			type Reply = {bytes: ArrayBuffer; byteLength: number; tags: ArrayBuffer; tagCount: number; tagWidth: number};
			const both = await ask({source: 0, first: 0, end: 2}) as Reply;
			assert.equal(Buffer.from(both.bytes, 0, both.byteLength).toString(), 'a O\nb B-PER\n\nc O\n');
			assert.deepEqual([...new Uint8Array(both.tags, 0, both.tagCount)], [...corpus.tagIds.subarray(0, 3)]);
			const recycled = new ArrayBuffer(64);
			const second = await ask({source: 0, first: 1, end: 2, bytes: recycled}) as Reply;
			assert.equal(second.bytes.byteLength, 64, 'the memory sent back is filled again');
			assert.equal(Buffer.from(second.bytes, 0, second.byteLength).toString(), 'c O\n');
			assert.equal(second.tagCount, 1);
			for (const request of [{source: 0, first: 1, end: 3}, {source: 1, first: 0, end: 1}, {source: 0, first: 1, end: 1}]) {
				// eslint-disable-next-line no-await-in-loop
				assert.match((await ask(request) as {error: string}).error, /no sentences/);
			}

			applyChanges(corpus, planRelabel(corpus, 0, 0, undefined, 'LOC'), 'forward');
			assert.deepEqual(await ask({source: 0, first: 0, end: 1}), {stale: true});
		} finally {
			server.channel.port.close();
			server.close();
		}
	});
});

describe('what the result keeps', () => {
	test('a probability in a byte keeps its order and its log-odds within half a step', () => {
		let previous = -1;
		for (let p = 0; p <= 1; p += 0.0005) {
			const code = encodeProbability(p);
			assert.ok(code >= 0 && code <= 255 && Number.isInteger(code));
			assert.ok(code >= previous, 'monotone');
			previous = code;
			const logOdds = (q: number) => Math.log(q / (1 - q));
			const clamped = Math.min(Math.max(logOdds(Math.min(Math.max(p, 1e-12), 1 - 1e-12)), -7), 7);
			assert.ok(Math.abs(logOdds(decodeProbability(code)) - clamped) <= (7 / 255) + 1e-9, `p ${p}`);
		}

		assert.equal(encodeProbability(0), 0);
		assert.equal(encodeProbability(1), 255);
	});

	test('past the limit, the most doubted disagreements are kept, in the order found, ties going to the earlier', () => {
		const limit = 8;
		const writer = new DisagreementWriter(limit);
		const doubts = [0.9, 0.1, 0.5, 0.95, 0.2, 0.5, 0.99, 0.3, 0.5, 0.6, 0.05, 0.97, 0.5, 0.8, 0.4, 0.5, 0.93, 0.5, 0.7, 0.96];
		for (const [index, doubt] of doubts.entries()) {
			const predicted = new Int32Array(index + 2).fill(index % 7);
			writer.add(index, index, index + 2, predicted, 1 - doubt, doubt);
		}

		const table = writer.finish();
		assert.ok(table.count <= limit && table.count >= limit / 2, `${table.count} kept`);
		const kept = [...table.sentence.subarray(0, table.count)];
		assert.deepEqual(kept, [...kept].sort((a, b) => a - b), 'in the order found');
		const keptDoubts = kept.map(index => doubts[index]!);
		const lowestKept = Math.min(...keptDoubts);
		for (const [index, doubt] of doubts.entries()) {
			if (!kept.includes(index)) {
				assert.ok(doubt <= lowestKept, `${doubt} dropped while ${lowestKept} is kept`);
			}
		}

		// Every entry's own labels came along.
		for (let entry = 0; entry < table.count; entry++) {
			const labels = [...table.labels.subarray(table.labelStart[entry]!, table.labelStart[entry + 1]!)];
			assert.deepEqual(labels, [table.sentence[entry]! % 7, table.sentence[entry]! % 7]);
			assert.equal(table.start[entry], table.sentence[entry]);
		}
	});

	test('a limit keeps a noisy corpus\'s disagreements to the most doubted, the same ones a larger limit ranks first', () => {
		const sentences = toySentences(300, 31).map(sentence => sentence.map(([token, tag], i): [string, string] => (i % 5 === 0 && tag === 'O' ? [token, 'B-ORG'] : [token, tag])));
		const corpus = indexCorpus(Buffer.from(toyText(sentences)));
		const all = crossValidate(corpus, [], {folds: 3, epochs: 2}).disagreements;
		assert.ok(all.count > 40, `${all.count} disagreements`);
		const capped = crossValidate(corpus, [], {folds: 3, epochs: 2, maxDisagreements: 40}).disagreements;
		assert.ok(capped.count <= 40 && capped.count >= 20);
		const threshold = Math.min(...capped.doubt.subarray(0, capped.count));
		const above = [...all.doubt.subarray(0, all.count)].filter(doubt => doubt > threshold).length;
		assert.ok(above <= capped.count, 'every disagreement more doubted than the least kept is kept');
	});
});

test('fitting the temperature makes no new array per pass over the kept sentences (32 MB at once on the 10M seed file)', () => {
	const space = labelSpace(['LOC', 'PER']);
	const {size} = space;
	const decoder = new Decoder(space);
	const chain = {transitions: new Float32Array(size * size), first: new Float32Array(size), last: new Float32Array(size)};
	const set = new CalibrationSet(size, 1000);
	// Sentences growing in length: each longer one needed a larger array of marginals.
	for (let n = 1; n <= 40; n++) {
		const emissions = Float32Array.from({length: n * size}, (_, index) => (index * 7) % 5);
		set.add(emissions, Array.from({length: n}, (_, index) => index % size), n);
	}

	set.loss(decoder, chain, 1);
	const made: number[] = [];
	const original = globalThis.Float64Array;
	globalThis.Float64Array = new Proxy(original, {
		construct(target, args: unknown[]) {
			made.push(Number(args[0]));
			return Reflect.construct(target, args) as Float64Array;
		},
	});
	try {
		const loss = set.loss(decoder, chain, 2);
		assert.ok(Number.isFinite(loss) && loss > 0);
		assert.ok(fitTemperature(set, decoder, chain) > 0);
	} finally {
		globalThis.Float64Array = original;
	}

	assert.deepEqual(made, []);
});
