/**
The keys come before the background work: the tagger's worker waits while the reviewer types
(key-gate.ts), the screen's slices wait for a key's frame and stay short while keys come
(slices.ts), and the ranking stops often enough for a short slice to end on time (queue/rank.ts).
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import type {Worker} from 'node:worker_threads';
import {indexCorpus} from '../source/corpus/index.js';
import {crossValidate} from '../source/review/tagger/cross-validate.js';
import {KeyGate} from '../source/review/tagger/key-gate.js';
import {startTraining} from '../source/review/tagger/start-training.js';
import {frameSignal, SliceScheduler, typingSliceMs, idleSliceMs} from '../source/ui/slices.js';
import {canHoldYoungGeneration, holdThroughStartOf, holdYoungGeneration, workerStartWaitMs} from '../source/young-generation.js';
import {headerModel} from '../source/ui/view-model/header.js';
import {toySentences, toyText} from './helpers/toy-corpus.js';

/** Resolves once `condition` holds, polling between event-loop turns (fails after `timeoutMs`). */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) {
			assert.fail(`timed out waiting for ${what}`);
		}

		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 2);
		});
	}
}

const turns = async (count: number) => {
	for (let turn = 0; turn < count; turn++) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
};

describe('the tagger waits while the reviewer types', () => {
	test('a key closes the gate; it opens once the keys have been quiet, and a start waiting for it runs then', async () => {
		const gate = new KeyGate(30);
		let started = false;
		gate.whenQuiet(() => {
			started = true;
		});
		assert.ok(started, 'with no key, a start runs at once');
		started = false;
		gate.keyPressed();
		assert.equal(Atomics.load(gate.flag, 0), 1);
		gate.whenQuiet(() => {
			started = true;
		});
		assert.equal(started, false, 'a start waits while keys come');
		await until(() => started, 'the start after the quiet');
		assert.equal(Atomics.load(gate.flag, 0), 0);
		gate.close();
	});

	test('a key whose work holds the thread (a save) starts the quiet when its work is done, not when it arrived', async () => {
		const quiet = 60;
		const busy = (ms: number) => {
			const until = performance.now() + ms;
			while (performance.now() < until) {
				// The key's work: a save of a large file holds the thread this long.
			}
		};

		const opensAfter = async (handled: boolean) => {
			const gate = new KeyGate(quiet);
			gate.keyPressed();
			busy(quiet + 40);
			if (handled) {
				gate.keyHandled();
			}

			const doneAt = performance.now();
			await until(() => !gate.closed, 'the gate to open');
			gate.close();
			return performance.now() - doneAt;
		};

		const counted = await opensAfter(true);
		assert.ok(counted >= quiet - 2, `opened ${counted.toFixed(0)} ms after the key's work, ${quiet} ms of quiet asked`);
		const fromArrival = await opensAfter(false);
		assert.ok(fromArrival < quiet - 2, `counted from its arrival, it opens at once after the work (${fromArrival.toFixed(0)} ms), which is what keyHandled prevents`);
	});

		test('the gate says when it closes and when it opens again, once each way, so the header can say the tagger waits', async () => {
		const gate = new KeyGate(30);
		const changes: boolean[] = [];
		gate.onChange = typing => {
			changes.push(typing);
		};
		gate.keyPressed();
		gate.keyPressed();
		gate.keyPressed();
		assert.deepEqual(changes, [true], 'one change for a burst of keys');
		assert.equal(gate.closed, true);
		await until(() => changes.length === 2, 'the gate to open');
		assert.deepEqual(changes, [true, false]);
		assert.equal(gate.closed, false);
		gate.open();
		assert.deepEqual(changes, [true, false], 'opening an open gate changes nothing');
		gate.close();
	});

	test('the header says the tagger waits for a pause, with its share when it has started', () => {
		const header = (training: number | undefined, trainingWaits: boolean | undefined) => headerModel({fileName: 'f.txt', sentence: 0, sentenceCount: 9, token: 0, tokenCount: 3, scheme: 'IOB2', dirty: false, training, trainingWaits, width: 200}).text;
		assert.match(header(0.5, false), /· {2}tagger 50% {2}·/);
		assert.match(header(0.5, true), /· {2}tagger 50% waits for a pause {2}·/);
		assert.match(header(undefined, true), /· {2}tagger waits for a pause {2}·/);
		assert.doesNotMatch(header(undefined, false), /tagger/);
	});

	test('every phase of the cross-validation passes the point where it waits, sentence by sentence', () => {
		const corpus = indexCorpus(Buffer.from(toyText(toySentences(90, 5))));
		let calls = 0;
		crossValidate(corpus, [], {folds: 3, epochs: 2, betweenSentences() {
			calls++;
		}});
		// Counting (every sentence, and each fold's held-out ones out and back in), the training
		// passes, calibration and prediction each read every sentence at least once.
		assert.ok(calls >= corpus.sentenceCount * 5, `${calls} waits for ${corpus.sentenceCount} sentences`);
	});

	test('a worker started while keys come makes no progress until the gate opens, then gives the same result', async () => {
		const corpus = indexCorpus(Buffer.from(toyText(toySentences(400, 3))));
		const options = {folds: 3, epochs: 3};
		const typing = new KeyGate(60_000);
		typing.keyPressed();
		let heldProgress = 0;
		const held = startTraining(corpus, [], {...options, keys: typing, onProgress(progress) {
			heldProgress = Math.max(heldProgress, progress.done);
		}});
		let heldSettled = false;
		void held.result.then(() => {
			heldSettled = true;
		});
		// The same training with nobody typing, side by side: when it is done, the held one has not moved.
		const free = await startTraining(corpus, [], options).result;
		assert.ok(free !== undefined);
		assert.equal(heldSettled, false, 'the held training did not finish');
		assert.equal(heldProgress, 0, 'nor report any progress past its start');
		typing.open();
		const after = await held.result;
		assert.ok(after !== undefined);
		assert.deepEqual(after.disagreements, free.disagreements);
		assert.equal(heldProgress, 1);
	});
});

/** The slices wait for a worker's start only where the young generation is held (young-generation.ts). */
const measured = canHoldYoungGeneration ? {} : {skip: `V8 ${process.versions.v8} does not hold the young generation: the slices never wait for a worker there`};

describe('the screen\'s background slices', () => {
	/** A scheduler over work that never ends, recording each slice's budget. */
	function recorder(holdMs?: number) {
		const budgets: number[] = [];
		const {frames, drawn} = frameSignal();
		const scheduler = new SliceScheduler({
			step(deadline) {
				budgets.push(deadline - performance.now());
				return false;
			},
			progress() {},
			failed(error) {
				throw error;
			},
		}, frames, holdMs);
		return {budgets, scheduler, frame: drawn};
	}

	test('after a key, no slice runs until its frame is drawn; then slices are short while keys come', async () => {
		const {budgets, scheduler, frame} = recorder(60_000);
		scheduler.run();
		await until(() => budgets.length > 3, 'slices');
		assert.ok(budgets.at(-1)! > typingSliceMs, `with no key a slice may take up to ${idleSliceMs} ms`);
		scheduler.keyPressed();
		await turns(1);
		const before = budgets.length;
		await turns(20);
		assert.equal(budgets.length, before, 'no slice between the key and its frame');
		frame();
		await until(() => budgets.length > before + 3, 'slices after the frame');
		assert.ok(budgets.slice(before).every(budget => budget <= typingSliceMs), `budgets after the key: ${budgets.slice(before).map(each => each.toFixed(1)).join(' ')}`);
		scheduler.stop();
	});

	test('a key that draws no frame holds the slices only for a moment', async () => {
		const {budgets, scheduler} = recorder(20);
		scheduler.run();
		await until(() => budgets.length > 0, 'a slice');
		scheduler.keyPressed();
		await turns(1);
		const before = budgets.length;
		await until(() => budgets.length > before, 'slices again without a frame');
		scheduler.stop();
	});

	test('while one of the app\'s workers starts, no slice runs; they go on once it is online', measured, async () => {
		const {budgets, scheduler} = recorder();
		holdYoungGeneration();
		const worker = new EventEmitter() as unknown as Worker;
		holdThroughStartOf(worker);
		scheduler.run();
		await turns(20);
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
		assert.equal(budgets.length, 0, 'no slice while its V8 heap is being made (the young generation may grow then)');
		worker.emit('online');
		await until(() => budgets.length > 3, 'slices once it is online');
		scheduler.stop();
	});

	test('a worker that never comes up holds the slices back for a moment only', measured, async () => {
		const {budgets, scheduler} = recorder();
		holdYoungGeneration();
		holdThroughStartOf(new EventEmitter() as unknown as Worker);
		const started = performance.now();
		scheduler.run();
		await until(() => budgets.length > 0, 'a slice');
		const waited = performance.now() - started;
		assert.ok(waited >= workerStartWaitMs - 5, `the first slice came after ${waited.toFixed(0)} ms`);
		scheduler.stop();
	});
});
