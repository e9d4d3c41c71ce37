/**
The young generation held at its size once the screen is up (source/young-generation.ts): each case
runs in a process of its own (a heap's young generation only grows), allocates objects that survive
as the analysis's do, and reports the young generation's largest size. Unheld it grows (which is
what makes the other cases able to fail); held it stays, also after one of the app's workers has
started (a worker's start sets V8's flags back to their defaults).
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {spawnWorker} from '../source/review/spawn-worker.js';
import {holdAgainAfterWorkerStart} from '../source/young-generation.js';

const source = path.resolve(import.meta.dirname, '..', 'source');

type Sizes = {atStart: number; largest: number};

/**
Runs one case: `hold` holds before allocating; `worker` starts a worker thread and waits until it
is online, then holds again (`holdAgain`) as spawnWorker does. A plain worker: one started from the
sources loads tsx, whose module hooks start one more thread later (and a heap), which the built
app's workers do not. That spawnWorker holds again is the last case; the bench's sessions on the
10M-token file are where the young generation would grow (not at the 24 MB of the e2e tests).
*/
function youngGenerationSizes(mode: {hold: boolean; worker: boolean; holdAgain?: boolean}): Sizes {
	const script = `
		import v8 from 'node:v8';
		import {Worker} from 'node:worker_threads';
		import {holdAgainAfterWorkerStart, holdYoungGeneration} from ${JSON.stringify(pathToFileURL(path.join(source, 'young-generation.ts')).href)};
		const size = () => v8.getHeapSpaceStatistics().find(space => space.space_name === 'new_space').space_size;
		const kept = [];
		const allocate = round => {
			const map = new Map();
			for (let i = 0; i < 100_000; i++) map.set('k' + i + ':' + round, {i});
			kept.push(map);
			if (kept.length > 5) kept.shift();
		};
		// Past the start, as the screen is when it holds: both halves in use, grown once or twice.
		allocate(0);
		const atStart = size();
		if (${mode.hold}) holdYoungGeneration();
		if (${mode.worker}) {
			const worker = new Worker('setTimeout(() => {}, 2000);', {eval: true});
			await new Promise(resolve => worker.once('online', resolve));
			if (${mode.holdAgain === true}) holdAgainAfterWorkerStart();
			worker.unref();
		}
		let largest = size();
		for (let round = 1; round < 15; round++) {
			allocate(round);
			largest = Math.max(largest, size());
		}
		process.stdout.write(JSON.stringify({atStart, largest}));
		process.exit(0);
	`;
	const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {encoding: 'utf8'});
	return JSON.parse(output) as Sizes;
}

test('unheld, the young generation grows while many new objects survive', () => {
	const {atStart, largest} = youngGenerationSizes({hold: false, worker: false});
	assert.ok(largest >= 2 * atStart, `${largest} bytes at most, ${atStart} at the start`);
});

test('held, it keeps its size', () => {
	const {atStart, largest} = youngGenerationSizes({hold: true, worker: false});
	assert.ok(largest <= atStart, `${largest} bytes at most, ${atStart} when held`);
});

test('a worker\'s start undoes the hold (so spawnWorker holds again)', () => {
	const {atStart, largest} = youngGenerationSizes({hold: true, worker: true});
	assert.ok(largest >= 2 * atStart, `${largest} bytes at most, ${atStart} when held`);
});

test('held again once a worker is online, it keeps its size', () => {
	const {atStart, largest} = youngGenerationSizes({hold: true, worker: true, holdAgain: true});
	assert.ok(largest <= atStart, `${largest} bytes at most, ${atStart} when held`);
});

test('the app\'s workers hold it again once online', async () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-young-'));
	try {
		const entry = path.join(folder, 'idle-worker.ts');
		fs.writeFileSync(entry, 'setTimeout(() => {}, 100);\n');
		const worker = spawnWorker('idle-worker.js', pathToFileURL(entry), {});
		assert.ok(worker.listeners('online').includes(holdAgainAfterWorkerStart), 'spawnWorker holds again when the worker is online');
		await new Promise(resolve => worker.once('exit', resolve));
	} finally {
		fs.rmSync(folder, {recursive: true, force: true});
	}
});
