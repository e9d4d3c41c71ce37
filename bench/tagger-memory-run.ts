/**
The measured run of bench/tagger-memory.ts, bundled and run with plain node: reads the corpus file
given into ordinary memory, as the app does, and trains on it in the worker thread while this
thread samples the process's RSS (both threads) every 50 ms and watches its own event loop. Prints
one JSON object; progress lines go to stderr.

  node bench/out/tagger-memory/run.js CORPUS
*/
import fs from 'node:fs';
import os from 'node:os';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {loadCorpusFile} from '../source/corpus/load.js';
import {startTraining} from '../source/review/tagger/start-training.js';

const file = process.argv[2]!;
const size = fs.statSync(file).size;
const baseline = process.memoryUsage().rss;
let peak = 0;
const sample = () => {
	peak = Math.max(peak, process.memoryUsage().rss);
};

const timer = setInterval(sample, 50);
const started = performance.now();
const corpus = loadCorpusFile(file);
const loaded = performance.now();
sample();
const afterLoad = process.memoryUsage().rss;
let lastPhase = '';
// How long this (the UI's) thread is kept from its events while the worker trains, against the
// same measure taken for 3 s before, with the corpus loaded and nothing running: the floor of a
// shared machine.
const idle = monitorEventLoopDelay({resolution: 5});
idle.enable();
await new Promise(resolve => {
	setTimeout(resolve, 3000);
});
idle.disable();
const delay = monitorEventLoopDelay({resolution: 5});
delay.enable();
const result = await startTraining(corpus, [], {
	onProgress(progress) {
		const phase = `${progress.phase} ${progress.fold + 1}/${progress.folds}`;
		if (phase !== lastPhase) {
			lastPhase = phase;
			console.error(`${((performance.now() - started) / 1000).toFixed(1)} s: ${phase}, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
		}
	},
}).result;
delay.disable();
clearInterval(timer);
sample();
if (result === undefined) {
	throw new Error('training was cancelled');
}

const maxRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);
console.log(JSON.stringify({
	tokens: corpus.tokenCount,
	sentences: corpus.sentenceCount,
	fileMB: +(size / 1e6).toFixed(1),
	baselineMB: +(baseline / 1e6).toFixed(1),
	loadedMB: +(afterLoad / 1e6).toFixed(1),
	peakRssMB: +(maxRss / 1e6).toFixed(1),
	peakOverFile: +(maxRss / size).toFixed(2),
	// What training added to the process with the corpus loaded.
	trainingAddedOverFile: +((maxRss - afterLoad) / size).toFixed(2),
	loadSeconds: +((loaded - started) / 1000).toFixed(1),
	trainingSeconds: +(result.milliseconds / 1000).toFixed(1),
	phases: Object.fromEntries(Object.entries(result.phaseMilliseconds).map(([phase, ms]) => [phase, +(ms / 1000).toFixed(1)])),
	folds: result.folds,
	trainingTokensPerModel: result.trainingTokens,
	disagreements: result.disagreements.count,
	// Timer delays (a 5 ms timer, so 5 is no delay at all).
	mainThreadDelayMs: {p95: milliseconds(delay.percentile(95)), p99: milliseconds(delay.percentile(99)), max: milliseconds(delay.max)},
	idleFloorDelayMs: {p95: milliseconds(idle.percentile(95)), p99: milliseconds(idle.percentile(99)), max: milliseconds(idle.max)},
	loadAverage: os.loadavg().map(load => +load.toFixed(2)),
}, undefined, '\t'));

function milliseconds(nanoseconds: number): number {
	return +(nanoseconds / 1e6).toFixed(1);
}
