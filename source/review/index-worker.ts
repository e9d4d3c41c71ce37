/**
The worker thread that indexes the second part of a large file on the second core while the
screen indexes the first in slices (parallel-index.ts starts it and feeds it), or `check` and
`stats` index the first at once (pumped-index.ts). It is sent its part in windows that end at line
ends, in slots of shared memory (part-windows.ts) it copies each out of, reads each with an Indexer
over that copy, and posts the part's index once the last one is read; for `check`, with the
mentions of its sentences, which it reads as it indexes them (part-first-pass.ts). It is ended then. A malformed file is only said to have failed here: the
other thread's indexer reads on, reaches the line and reports it, with the same one line as
without the worker.
*/
import {type MessagePort, parentPort, workerData} from 'node:worker_threads';
import {builtIndexBuffers, type Format, Indexer, writeLineSteps} from '../corpus/index.js';
import type {IndexJob, IndexReply} from './index-jobs.js';
import {PartFirstPass} from './part-first-pass.js';
import {partMentionBuffers} from './part-mentions.js';

/**
The screen talks to it through its parent port; `check` through a port of its own, whose replies it
reads synchronously, told of each by `status[0]` moving (pumped-index.ts).
*/
const {port, status} = (workerData as {port: MessagePort; status: Int32Array} | undefined) ?? {port: parentPort!, status: undefined};
let indexer: Indexer | undefined;
let job: {format: Format; fileLength: number; start: number; firstPass: boolean} | undefined;
let firstPass: PartFirstPass | undefined;
/** Where the window being read starts in the file. */
let windowStart = 0;
/** The window being read, copied from the slot it came in. */
let own = Buffer.allocUnsafeSlow(0);

/** Without the first pass here: where each token's line starts, which the screen's first pass reads the part's mentions from. */
let lineSteps = new Uint8Array(1 << 16);
let tokenCount = 0;
const keepLines = (_sentence: number, lineStarts: Int32Array, count: number) => {
	if (tokenCount + count > lineSteps.length) {
		// Sized by what the part read so far projects for all of it, as the indexer sizes its arrays.
		const read = Math.max(1, lineStarts[count - 1]! - job!.start);
		const projected = Math.ceil((tokenCount + count) / read * (job!.fileLength - job!.start) * 1.05);
		const grown = new Uint8Array(Math.max(Math.ceil(lineSteps.length * 1.25), tokenCount + count, projected));
		grown.set(lineSteps.subarray(0, tokenCount));
		lineSteps = grown;
	}

	writeLineSteps(lineSteps, tokenCount, lineStarts, count);
	tokenCount += count;
};

const reply = (message: IndexReply, transfer: ArrayBuffer[] = []) => {
	port.postMessage(message, transfer);
	if (status !== undefined) {
		Atomics.add(status, 0, 1);
		Atomics.notify(status, 0);
	}
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

		// Read from a copy of its own, filled again for each window: nothing here holds a window once it
		// is read (the tags' bytes are copies). Over the shared slot, Node's indexOf at every line was
		// slower; and a buffer of its own for each window waited for this thread's garbage collection,
		// which external memory starts only some 64 MB on.
		const {bytes} = message;
		if (own.length < bytes.length) {
			own = Buffer.allocUnsafeSlow(bytes.length + (bytes.length >> 4));
		}

		own.set(bytes);
		const window = own.subarray(0, bytes.length);
		if (indexer === undefined) {
			windowStart = job.start;
			indexer = new Indexer(window, job.format, job);
			firstPass = job.firstPass ? new PartFirstPass(indexer.corpus) : undefined;
			indexer.observer = firstPass?.observe ?? keepLines;
		} else {
			indexer.feed(window);
		}

		firstPass?.window(window, windowStart);
		windowStart += window.length;
		if (indexer.step()) {
			const built = indexer.built(firstPass === undefined ? lineSteps.subarray(0, tokenCount) : undefined);
			const mentions = firstPass?.result();
			reply({type: 'built', built, mentions}, [...builtIndexBuffers(built), ...mentions === undefined ? [] : partMentionBuffers(mentions)]);
		} else {
			reply({type: 'read'});
		}
	} catch (error) {
		reply({type: 'failed', error: error instanceof Error ? error.message : String(error)});
	}
});
