/**
Indexing a large file on two cores. The screen indexes the file in slices between frames, and it
must: a reviewer reads and edits the first sentences at once. At 10M tokens those slices took 2.3
to 4 s, since the keys come first. So the file is cut in two at a sentence boundary
(corpus/index-adoption.ts's `partStart`): the screen's slices index the first part
(`firstPartShare` of it), a worker thread the rest, sent in windows (copies of a few MB that end at
line ends, in a few slots of shared memory filled again once read: never a second copy of the
file, and no buffer moved away from the screen's thread: part-windows.ts), and the screen's indexer
appends the worker's index to its own when both are done (ui/background-indexing.ts). The
analysis's first pass reads the slices' sentences while they wait, and the worker's from where it
found each token's line (a byte a token: corpus/token-line-steps.ts). (The worker can read its
part's mentions itself as it indexes it, as it does for `check`: part-first-pass.ts,
pumped-index.ts. The screen does not ask it to: see ui/background-indexing.ts.)

The worker only ever makes indexing faster: whatever goes wrong with it (no second core, no built
worker, a malformed line in its part, a failure), the slices read on to the end as without it, and
a malformed line is reported by them, as it would be without it.
*/
import os from 'node:os';
import type {Worker, WorkerOptions} from 'node:worker_threads';
import {type BuiltIndex, type Format, partStart} from '../corpus/index.js';
import type {IndexJob, IndexReply} from './index-jobs.js';
import type {PartMentions} from './part-mentions.js';
import {PartWindows} from './part-windows.js';
import {builtWorkerUrl, fromSources, spawnWorker} from './spawn-worker.js';

/** The worker's file in the bundle (scripts/build.mjs). */
export const indexWorkerFileName = 'index-worker.js';

/**
Files from this size on are indexed on two cores as well. Below it the slices are done in a few
hundred milliseconds (16 MB, 1M CoNLL tokens: 0.3 to 0.4 s), so starting a thread gains little.
*/
export const parallelIndexBytes = 16 * 1024 * 1024;

/**
Where the cut goes: the slices index more slowly than the worker (keys and frames come first), so
they take the smaller part. In sessions with keys pressed throughout, either part ended last about
as often.
*/
const firstPartShare = 0.4;

/** The size of a window, and how many are sent before the worker has read the first: it never waits for the screen's thread. */
const windowBytes = 4 * 1024 * 1024;
const windowsAhead = 3;

/**
Whether a file of `size` bytes is worth the worker: at least `minimum` bytes, a second core, and
the worker built (`parallel`: tests say `always` or `never`).
*/
export function wantsIndexHelper(size: number, parallel: 'auto' | 'always' | 'never' = 'auto', minimum = parallelIndexBytes): boolean {
	if (parallel !== 'auto') {
		return parallel === 'always';
	}

	return size >= minimum && os.availableParallelism() >= 2 && (fromSources || builtWorkerUrl(indexWorkerFileName) !== undefined);
}

/**
Where the worker's part of `bytes` starts: a sentence boundary after `indexed` (what the slices
have read) and the first part's share; undefined when the file has none.
*/
export function partAfter(bytes: Buffer, format: Format, indexed: number): number | undefined {
	return partStart(bytes, format, Math.max(indexed, Math.floor(bytes.length * firstPartShare)));
}

export class IndexHelper {
	/** How it went, for the trace and the tests: the index it built, or why it stopped. */
	outcome: 'indexing' | 'built' | 'failed' | 'closed' = 'indexing';
	failure: string | undefined;
	private arrived: {readonly built: BuiltIndex; readonly mentions: PartMentions | undefined} | undefined;
	private readonly worker: Worker | undefined;
	private bytes: Buffer = Buffer.alloc(0);
	private windows: PartWindows | undefined;
	/** Where the worker's part starts, and the end of the windows it has read. */
	private start = 0;
	private read = 0;
	private readonly windowEnds: number[] = [];
	/** Told of each window the worker reads and of its end (the screen's runner). */
	onChange: (() => void) | undefined;

	private readonly windowBytes: number;

	/**
	Starts the worker thread; `begin` gives it its part. `spawn` and `windowBytes` are for the tests:
	a worker that fails, and many windows in a small file.
	*/
	constructor(options: {readonly spawn?: (options: WorkerOptions) => Worker; readonly windowBytes?: number} = {}) {
		this.windowBytes = options.windowBytes ?? windowBytes;
		const spawn = options.spawn ?? ((workerOptions: WorkerOptions) => spawnWorker(indexWorkerFileName, new URL('index-worker.ts', import.meta.url), workerOptions));
		try {
			this.worker = spawn({});
		} catch (error) {
			this.stopped(error);
			return;
		}

		// Never what keeps the process alive.
		this.worker.unref();
		this.worker.on('message', (reply: IndexReply) => {
			this.received(reply);
		});
		this.worker.on('error', error => {
			this.stopped(error);
		});
		this.worker.on('exit', code => {
			this.stopped(new Error(`the worker exited (${code})`));
		});
	}

	/**
	Gives the worker its part of `bytes`: from `start` (a sentence boundary: `partAfter`) to the end;
	with `firstPass`, it reads the part's mentions too.
	*/
	begin(bytes: Buffer, format: Format, start: number, firstPass: boolean): void {
		this.bytes = bytes;
		this.windows = new PartWindows(bytes, format, start, this.windowBytes, firstPass);
		this.start = start;
		this.read = start;
		this.post({type: 'start', format, fileLength: bytes.length, start, firstPass});
		for (let window = 0; window < windowsAhead; window++) {
			this.sendWindow();
		}
	}

	/** Bytes of its part the worker has read. */
	get bytesRead(): number {
		return this.read - this.start;
	}

	/** The whole index, and the part's mentions when the worker read them, once it has posted them (taken once). */
	take(): {readonly built: BuiltIndex; readonly mentions: PartMentions | undefined} | undefined {
		const {arrived} = this;
		this.arrived = undefined;
		return arrived;
	}

	/** Ends the worker. */
	close(): void {
		if (this.outcome === 'indexing') {
			this.outcome = 'closed';
		}

		void this.worker?.terminate();
	}

	private received(reply: IndexReply): void {
		if (this.outcome !== 'indexing') {
			return;
		}

		switch (reply.type) {
			case 'read': {
				this.read = this.windowEnds.shift() ?? this.read;
				this.windows?.read();
				this.sendWindow();
				this.onChange?.();
				break;
			}

			case 'built': {
				this.arrived = {built: reply.built, mentions: reply.mentions};
				this.read = this.bytes.length;
				this.outcome = 'built';
				this.close();
				this.onChange?.();
				break;
			}

			case 'failed': {
				this.stopped(new Error(reply.error));
				break;
			}
		}
	}

	private stopped(error: unknown): void {
		if (this.outcome !== 'indexing') {
			return;
		}

		this.outcome = 'failed';
		this.failure = error instanceof Error ? error.message : String(error);
		this.close();
		this.onChange?.();
	}

	/** The next window, in a slot the worker shares (part-windows.ts). */
	private sendWindow(): void {
		const next = this.windows?.next();
		if (next !== undefined) {
			this.windowEnds.push(next.end);
			this.post({type: 'window', bytes: next.window});
		}
	}

	private post(job: IndexJob): void {
		this.worker?.postMessage(job);
	}
}
