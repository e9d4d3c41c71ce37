/**
The young generation held at its size once the screen is up (source/young-generation.ts): each case
runs in a process of its own (a heap's young generation only grows), allocates objects that survive
as the analysis's do, and reports the young generation's largest size. Unheld it grows (which is
what makes the other cases able to fail); held it stays, also after a worker thread started (a new
heap sets V8's growth factor back to its default) when held through its start as spawnWorker does. The screen holds it once its first frame is drawn: e2e/scale.test.ts reads that
in the app's trace.
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {spawnWorker} from '../source/review/spawn-worker.js';
import {canHoldYoungGeneration, holdYoungGeneration} from '../source/young-generation.js';

const source = path.resolve(import.meta.dirname, '..', 'source');
/** The hold is set only on the V8 it was measured on; under another Node these cases say so rather than pass. */
const measured = canHoldYoungGeneration ? {} : {skip: `V8 ${process.versions.v8} is not one the hold was measured on: measure it there, then widen canHoldYoungGeneration`};

type Sizes = {atStart: number; largest: number};

/**
Runs one case: `hold` holds before allocating; `worker` starts a plain worker thread and allocates
once it is online, `through` holding through its start as spawnWorker does. (Not allocating while
it starts: a collection that falls between the new heap's reset and the next hold grows the young
generation once, which young-generation.ts narrows but cannot rule out.)
*/
function youngGenerationSizes(mode: {hold: boolean; worker: boolean; through?: boolean}): Sizes {
	const script = `
		import v8 from 'node:v8';
		import {Worker} from 'node:worker_threads';
		import {holdThroughStartOf, holdYoungGeneration} from ${JSON.stringify(pathToFileURL(path.join(source, 'young-generation.ts')).href)};
		const size = () => v8.getHeapSpaceStatistics().find(space => space.space_name === 'new_space').space_size;
		const kept = [];
		const allocate = round => {
			const map = new Map();
			for (let i = 0; i < 20_000; i++) map.set('k' + i + ':' + round, {i});
			kept.push(map);
			if (kept.length > 25) kept.shift();
		};
		// Past the start, as the screen is when it holds: both halves in use, grown once or twice.
		for (let round = 0; round < 5; round++) allocate(round);
		const atStart = size();
		if (${mode.hold}) holdYoungGeneration();
		if (${mode.worker}) {
			// No --import tsx of this process: it would start a thread for tsx's module hooks once the worker runs.
			const worker = new Worker('setTimeout(() => {}, 3000);', {eval: true, execArgv: []});
			if (${mode.through === true}) holdThroughStartOf(worker);
			await new Promise(resolve => worker.once('online', resolve));
			worker.unref();
		}
		let largest = size();
		for (let round = 5; round < 80; round++) {
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

test('held, it keeps its size', measured, () => {
	const {atStart, largest} = youngGenerationSizes({hold: true, worker: false});
	assert.ok(largest <= atStart, `${largest} bytes at most, ${atStart} when held`);
});

test('a worker\'s start undoes the hold (so spawnWorker holds through it)', measured, () => {
	const {atStart, largest} = youngGenerationSizes({hold: true, worker: true});
	assert.ok(largest >= 2 * atStart, `${largest} bytes at most, ${atStart} when held`);
});

test('held through a worker\'s start, it keeps its size after it', measured, () => {
	const {atStart, largest} = youngGenerationSizes({hold: true, worker: true, through: true});
	assert.ok(largest <= atStart, `${largest} bytes at most, ${atStart} when held`);
});

test('the app\'s workers are held through their start', measured, async () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-young-'));
	try {
		const entry = path.join(folder, 'idle-worker.ts');
		fs.writeFileSync(entry, 'setTimeout(() => {}, 100);\n');
		holdYoungGeneration();
		const worker = spawnWorker('idle-worker.js', pathToFileURL(entry), {});
		assert.equal(worker.listenerCount('online'), 1, 'spawnWorker holds again once the worker is online');
		await new Promise(resolve => worker.once('exit', resolve));
	} finally {
		fs.rmSync(folder, {recursive: true, force: true});
	}
});
