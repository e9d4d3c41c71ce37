/**
Training in the background: the main thread hands the corpus to a worker thread (the bytes shared,
the index arrays copied once and moved, not copied again) and gets progress and, in the end, the
tagger's result; keys and frames never wait for it. Cancel ends the worker at once (after an edit
the result would be stale; after quitting nobody wants it).
*/
import {Worker} from 'node:worker_threads';
import type {Corpus} from '../../corpus/corpus.js';
import {sharedBytes, snapshotOf, type CorpusSnapshot} from '../../corpus/snapshot.js';
import type {TaggerOptions, TrainingProgress} from './cross-validate.js';
import type {TrainingRequest, WorkerMessage} from './messages.js';
import type {TaggerResult} from './result.js';

export type TrainingOptions = Omit<TaggerOptions, 'onProgress' | 'observer'> & {
	/** Called on the main thread, at most ten times a second. */
	readonly onProgress?: (progress: TrainingProgress) => void;
};

export type TrainingHandle = {
	/** The result; undefined when cancelled. Rejects when the worker failed (a bug). */
	readonly result: Promise<TaggerResult | undefined>;
	/** Ends the worker; the result then resolves to undefined. */
	cancel(): void;
};

/**
Starts cross-validating `corpus` (with `references` as extra training data) in a worker thread.
The corpus bytes should be in shared memory (`readCorpusBytes(file, {shared: true})`); otherwise
they are copied into shared memory once here.
*/
export function startTraining(corpus: Corpus, references: readonly Corpus[] = [], options: TrainingOptions = {}): TrainingHandle {
	const {onProgress, ...taggerOptions} = options;
	const snapshots = [corpus, ...references].map(each => snapshotOf(each, sharedBytes(each.bytes)));
	const request: TrainingRequest = {main: snapshots[0]!, references: snapshots.slice(1), options: taggerOptions};
	const worker = spawn(request, snapshots.flatMap(snapshot => transferables(snapshot)));
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

				case 'error': {
					reject(new Error(`tagger worker failed: ${message.message}`));
					break;
				}
			}
		});
		worker.on('error', reject);
		worker.on('exit', () => {
			resolve(undefined);
		});
	});

	return {
		result,
		cancel() {
			if (!cancelled) {
				cancelled = true;
				void worker.terminate();
			}
		},
	};
}

/** The index arrays of a snapshot (fresh copies, so they can be moved to the worker rather than cloned). */
function transferables(snapshot: CorpusSnapshot): ArrayBuffer[] {
	return [snapshot.tagIds.buffer as ArrayBuffer, snapshot.sentenceStart.buffer, snapshot.sentenceLine.buffer, snapshot.sentenceOffset.buffer];
}

/**
The worker, from the built `worker.js`; when running from TypeScript sources (tests, benchmarks
under tsx), a worker whose hooks do not carry over from the main thread, so it loads the `.ts`
entry through tsx's API.
*/
function spawn(request: TrainingRequest, transferList: ArrayBuffer[]): Worker {
	// A small young generation: the worker makes short-lived garbage (decoded tags, spans) all the
	// time, and at 10M tokens every megabyte of slack counts against the 2.5x memory target.
	const options = {workerData: request, transferList, resourceLimits: {maxYoungGenerationSizeMb: 8}};
	if (!import.meta.url.endsWith('.ts')) {
		return new Worker(new URL('worker.js', import.meta.url), options);
	}

	const entry = new URL('worker.ts', import.meta.url).href;
	const api = import.meta.resolve('tsx/esm/api');
	const code = `import(${JSON.stringify(api)}).then(({tsImport}) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
	return new Worker(code, {...options, eval: true});
}
