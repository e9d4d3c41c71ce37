/**
The tagger's worker thread: reads the corpora through the index snapshots it is given and windows
of their bytes and tag ids asked from the main thread (it never holds a whole file), cross-validates,
and posts progress and then the result. The main thread never waits on it.
*/
import os from 'node:os';
import {parentPort, workerData} from 'node:worker_threads';
import {SnapshotIndex} from '../../corpus/index.js';
import {crossValidate} from './cross-validate.js';
import type {TrainingRequest, WorkerMessage} from './messages.js';
import {waitWhileTyping} from './key-gate.js';
import {resultBuffers} from './result.js';
import {SentenceWindows, type Window} from './sentence-windows.js';
import {taggerCorpus} from './tagger-corpus.js';
import {StaleCorpusError, WindowClient} from './window-channel.js';

// The reviewer's keys come first: on a machine with few cores, training at full priority took CPU
// from the main thread and doubled the time to answer a key. Linux gives each thread its own nice
// value (setpriority on thread 0 changes only this one); elsewhere it would lower the whole app.
// A lower priority is not enough on an idle second core: the worker also waits while keys arrive.
if (process.platform === 'linux') {
	try {
		os.setPriority(19);
	} catch {}
}

const request = workerData as TrainingRequest;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => {
	parentPort!.postMessage(message, transfer);
};

try {
	const client = new WindowClient(request.windows, 2 * Math.max(...request.windowBytes));
	const [main, ...references] = [request.main, ...request.references].map((snapshot, source) => {
		const index = new SnapshotIndex(snapshot);
		const fetch = (first: number, end: number, recycled: Window | undefined) => client.fetch(source, first, end, recycled);
		return taggerCorpus(index, new SentenceWindows(index, fetch, request.windowBytes[source]!));
	});
	let lastProgress = 0;
	const result = crossValidate(main!, references, {
		...request.options,
		betweenSentences() {
			waitWhileTyping(request.typing);
		},
		onProgress(progress) {
			// A message a tenth of a second at most: enough for a progress bar, nothing for the main thread to keep up with.
			const now = performance.now();
			if (now - lastProgress >= 100 || progress.done >= 1) {
				lastProgress = now;
				post({kind: 'progress', progress});
			}
		},
	});
	post({kind: 'result', result}, resultBuffers(result));
} catch (error) {
	if (error instanceof StaleCorpusError) {
		post({kind: 'stale'});
	} else {
		post({kind: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error)});
	}
}
