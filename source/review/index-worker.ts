/**
The worker thread that indexes the second part of a large file on the second core while the
screen indexes the first in slices (parallel-index.ts starts it and feeds it). It is sent its part
in windows, copies that end at line ends, reads each with an Indexer over that window, and posts
the part's index once the last one is read; the screen ends it then. A malformed file is only said
to have failed here: the screen's own indexer reads on, reaches the line and reports it, with the
same one line as without the worker.
*/
import {parentPort} from 'node:worker_threads';
import {builtIndexBuffers, type Format, Indexer} from '../corpus/index.js';
import type {IndexJob, IndexReply} from './index-jobs.js';

const port = parentPort!;
let indexer: Indexer | undefined;
let job: {format: Format; fileLength: number; start: number} | undefined;

/** The offset of each token's line, which the screen's first pass reads the part's mentions from. */
let tokenLines = new Int32Array(1 << 16);
let tokenCount = 0;
const keepLines = (_sentence: number, lineStarts: Int32Array, count: number) => {
	if (tokenCount + count > tokenLines.length) {
		// Sized by what the part read so far projects for all of it, as the indexer sizes its arrays.
		const read = Math.max(1, lineStarts[count - 1]! - job!.start);
		const projected = Math.ceil((tokenCount + count) / read * (job!.fileLength - job!.start) * 1.05);
		const grown = new Int32Array(Math.max(Math.ceil(tokenLines.length * 1.25), tokenCount + count, projected));
		grown.set(tokenLines.subarray(0, tokenCount));
		tokenLines = grown;
	}

	tokenLines.set(lineStarts.subarray(0, count), tokenCount);
	tokenCount += count;
};

const reply = (message: IndexReply, transfer: ArrayBuffer[] = []) => {
	port.postMessage(message, transfer);
};

port.on('message', (message: IndexJob) => {
	try {
		if (message.type === 'start') {
			job = message;
			return;
		}

		if (job === undefined) {
			throw new Error('a window came before the job');
		}

		const {bytes} = message;
		const window = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		if (indexer === undefined) {
			indexer = new Indexer(window, job.format, job);
			indexer.observer = keepLines;
		} else {
			indexer.feed(window);
		}

		if (indexer.step()) {
			const built = indexer.built(tokenLines.subarray(0, tokenCount));
			reply({type: 'built', built}, builtIndexBuffers(built));
		} else {
			reply({type: 'read'});
		}
	} catch (error) {
		reply({type: 'failed', error: error instanceof Error ? error.message : String(error)});
	}
});
