/**
Starting one of the app's worker threads, from the bundle or from the TypeScript sources. Each
worker is an entry of its own in the build (scripts/build.mjs), an ES module beside cli.js:
this code finds it beside or above the file it ends up in (app.cjs or a chunk). Run from the
sources (tests, benchmarks under tsx), a worker's hooks do not carry over from the main thread,
so it loads its `.ts` entry through tsx's API.
*/
import fs from 'node:fs';
import {MessageChannel, type MessagePort, Worker, type WorkerOptions} from 'node:worker_threads';
import {holdThroughStartOf} from '../young-generation.js';

/** Where the built worker `fileName` is, seen from `from`: dist/ when that is in cli.js, dist/chunks/ when it is in a chunk. */
export function builtWorkerUrl(fileName: string, from: string | URL = import.meta.url): URL | undefined {
	return [new URL(fileName, from), new URL(`../${fileName}`, from)].find(url => fs.existsSync(url));
}

/** Whether this code runs from the TypeScript sources (then workers load their `.ts` entries). */
export const fromSources = import.meta.url.endsWith('.ts');

/**
Starts the worker built as `fileName`, or, from the sources, the one whose entry is `sourceEntry`.
Throws when the build has no such file: a build is complete or it is not.
*/
export function spawnWorker(fileName: string, sourceEntry: URL, options: WorkerOptions): Worker {
	const worker = startWorker(fileName, sourceEntry, options);
	// Its start sets V8's flags back to their defaults, the young generation's hold among them.
	holdThroughStartOf(worker);
	return worker;
}

/**
Starts a worker, with `spawn`, that talks through a port of its own rather than its parent port,
and moves `status` (shared memory) as it goes: `check` and `stats` have no event loop turning, so
they read its replies with receiveMessageOnPort and wait on `status` with Atomics.wait
(parallel-occurrences.ts, pumped-index.ts). `worker` is undefined, and `failure` says why, when it
could not start. Never what keeps the process alive.
*/
export function spawnPortWorker(spawn: (options: WorkerOptions) => Worker, status: Int32Array): {readonly port: MessagePort; readonly worker: Worker | undefined; readonly failure?: string} {
	const {port1, port2} = new MessageChannel();
	try {
		const worker = spawn({workerData: {port: port2, status}, transferList: [port2]});
		worker.unref();
		return {port: port1, worker};
	} catch (error) {
		return {port: port1, worker: undefined, failure: error instanceof Error ? error.message : String(error)};
	}
}

function startWorker(fileName: string, sourceEntry: URL, options: WorkerOptions): Worker {
	if (!fromSources) {
		const url = builtWorkerUrl(fileName);
		if (url === undefined) {
			throw new Error(`the worker ${fileName} is not beside ${new URL('.', import.meta.url).pathname} nor above it: is the build complete?`);
		}

		return new Worker(url, options);
	}

	const api = import.meta.resolve('tsx/esm/api');
	const entry = sourceEntry.href;
	const code = `import(${JSON.stringify(api)}).then(({tsImport}) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
	return new Worker(code, {...options, eval: true});
}
