/**
The tagger's worker thread: builds Corpus views over the snapshots it is given (the file bytes are
shared memory, read in place), cross-validates, and posts progress and then the result. The main
thread never waits on it.
*/
import {parentPort, workerData} from 'node:worker_threads';
import {corpusFromSnapshot} from '../../corpus/snapshot.js';
import {crossValidate} from './cross-validate.js';
import type {TrainingRequest, WorkerMessage} from './messages.js';
import {resultBuffers} from './result.js';

const request = workerData as TrainingRequest;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => {
	parentPort!.postMessage(message, transfer);
};

try {
	let lastProgress = 0;
	const result = crossValidate(corpusFromSnapshot(request.main), request.references.map(snapshot => corpusFromSnapshot(snapshot)), {
		...request.options,
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
	post({kind: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error)});
}
