/**
Training in the background: the main thread hands the corpus's sentence index to a worker thread
(a copy, cloned rather than moved: see below), answers its requests for windows of the bytes and tag
ids in shared memory (window-channel.ts), and gets progress and, in the end, the tagger's result; keys and frames
never wait for it. Cancel ends the worker at once (after an edit the result would be stale; after
quitting nobody wants it).
*/
import type {Worker} from 'node:worker_threads';
import {type Corpus, snapshotOf} from '../../corpus/index.js';
import type {TaggerOptions, TrainingProgress} from './cross-validate.js';
import {KeyGate} from './key-gate.js';
import type {TrainingRequest, WorkerMessage} from './messages.js';
import type {TaggerResult} from './result.js';
import {serveWindows} from './window-channel.js';
import {builtWorkerUrl as builtTaggerWorkerUrl, spawnWorker} from '../spawn-worker.js';
import {trace} from '../../trace.js';

export type TrainingOptions = Omit<TaggerOptions, 'onProgress' | 'betweenSentences' | 'observer'> & {
	/** While the reviewer types, the worker waits between sentences (the screen's gate; none for tests and `check`). */
	readonly keys?: KeyGate;
	/** Called on the main thread, at most ten times a second. */
	readonly onProgress?: (progress: TrainingProgress) => void;
	/**
	Bytes of a corpus the worker holds at a time (a window of whole sentences). By default a file of
	up to 16 MB is one window (copied once), a larger one is read in windows of 2 MB. Tests set it
	small to read a small corpus in many windows.
	*/
	readonly windowBytes?: number;
};

export type TrainingHandle = {
	/**
	The result; undefined when cancelled, or when the corpus was edited while the worker still read
	it (a large file is read in windows until the end: its result would mix two versions of the
	labels). Rejects when the worker failed (a bug).
	*/
	readonly result: Promise<TaggerResult | undefined>;
	/** Ends the worker; the result then resolves to undefined. */
	cancel(): void;
};

/** Files up to this size go to the worker whole; larger ones in windows of `largeFileWindow`. */
export const wholeFileBytes = 16 * 1024 * 1024;
export const largeFileWindow = 2 * 1024 * 1024;

/** Starts cross-validating `corpus` (with `references` as extra training data) in a worker thread. */
export function startTraining(corpus: Corpus, references: readonly Corpus[] = [], options: TrainingOptions = {}): TrainingHandle {
	const {onProgress, windowBytes, keys = new KeyGate(), ...taggerOptions} = options;
	const corpora = [corpus, ...references];
	const snapshots = corpora.map(each => snapshotOf(each));
	// The bytes are read from here until the worker ends: those of the load, whatever saves do meanwhile.
	const server = serveWindows(corpora);
	const request: TrainingRequest = {
		main: snapshots[0]!,
		references: snapshots.slice(1),
		windows: server.channel,
		windowBytes: corpora.map(each => windowBytes ?? (each.bytes.length <= wholeFileBytes ? Math.max(1, each.bytes.length) : largeFileWindow)),
		typing: keys.flag,
		options: taggerOptions,
	};
	let worker: Worker;
	try {
		// The snapshots' arrays are cloned (2 MB at 10M tokens), not moved: moving a buffer away from the
		// screen's thread makes its loops over typed arrays slower for the rest of the session (review/part-windows.ts).
		worker = spawn(request, [server.channel.port]);
		trace.mark('tagger-started', {tokens: corpora.reduce((sum, each) => sum + each.tokenCount, 0)});
	} catch (error) {
		server.close();
		throw error;
	}

	// A running training must not keep a quitting app alive.
	worker.unref();
	let cancelled = false;
	const result = new Promise<TaggerResult | undefined>((resolve, reject) => {
		worker.on('message', (message: WorkerMessage) => {
			switch (message.kind) {
				case 'progress': {
					onProgress?.(message.progress);
					break;
				}

				case 'result': {
					resolve(message.result);
					void worker.terminate();
					break;
				}

				case 'stale': {
					resolve(undefined);
					void worker.terminate();
					break;
				}

				case 'error': {
					reject(new Error(`tagger worker failed: ${message.message}`));
					break;
				}
			}
		});
		worker.on('error', reject);
		worker.on('exit', () => {
			server.close();
			resolve(undefined);
		});
	});

	return {
		result,
		cancel() {
			if (!cancelled) {
				cancelled = true;
				server.close();
				void worker.terminate();
			}
		},
	};
}

/** The worker's entry in the bundle (scripts/build.mjs). */
export const workerFileName = 'tagger-worker.js';

/** Where the built worker is, seen from `from` (spawn-worker.ts). */
export function builtWorkerUrl(from: string | URL = import.meta.url): URL | undefined {
	return builtTaggerWorkerUrl(workerFileName, from);
}

function spawn(request: TrainingRequest, transferList: Array<TrainingRequest['windows']['port']>): Worker {
	// A small young generation: the worker makes short-lived garbage (decoded tags, spans) all the
	// time, and at 10M tokens every megabyte of slack counts against the 2.5x memory target (2 MB
	// instead of 8 saved 7 MB of RSS at 3M tokens, in the same time).
	return spawnWorker(workerFileName, new URL('worker.ts', import.meta.url), {workerData: request, transferList, resourceLimits: {maxYoungGenerationSizeMb: 2}});
}
