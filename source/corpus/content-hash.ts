/**
The hash of a file's whole content (SHA-256), which names the version the review sidecar and the
edit journal belong to: moving one line in the middle changes it, where size and sampled ends did
not. 100 MB hash in about 100 ms here, too long to hold the first frame or a key for. So a large
file is hashed off the main thread, by a worker that reads the file again (from the page cache)
and checks it is still the version that was loaded; a small one, or when the file changed, in
slices between frames (a millisecond each) after the first frame. Either way it is finished at once
only when something needs it before it is done.
*/
import crypto from 'node:crypto';
import {Worker} from 'node:worker_threads';
import type {FileIdentity} from './identity.js';
import {holdThroughStartOf} from '../young-generation.js';

/** Bytes hashed per slice: about a millisecond. */
const sliceBytes = 1024 * 1024;

export class ContentHasher {
	private readonly hash = crypto.createHash('sha256');
	private position = 0;
	private result: string | undefined;
	private started = false;
	private readonly waiting: Array<(digest: string) => void> = [];

	constructor(private readonly bytes: Uint8Array) {}

	/** The hash if it is done, without doing any work. */
	get digest(): string | undefined {
		return this.result;
	}

	/** Hashes up to `budget` more bytes; true when the whole content is hashed. */
	step(budget = sliceBytes): boolean {
		if (this.result === undefined) {
			const end = Math.min(this.bytes.length, this.position + budget);
			this.hash.update(this.bytes.subarray(this.position, end));
			this.position = end;
			if (end >= this.bytes.length) {
				this.result = this.hash.digest('hex');
				for (const resolve of this.waiting.splice(0)) {
					resolve(this.result);
				}
			}
		}

		return this.result !== undefined;
	}

	/** The hash, finishing it now if the background slices have not (a recovery that needs it at once). */
	now(): string {
		while (!this.step(Number.POSITIVE_INFINITY)) {}
		return this.result!;
	}

	/**
	Hashes `file` in a worker thread when it is still the version `identity` names, else in slices
	here. The main thread only receives the answer.
	*/
	async offMainThread(file: string, identity: FileIdentity): Promise<string> {
		if (this.result !== undefined || this.started) {
			return this.inBackground();
		}

		this.started = true;
		const hex = await hashFileInWorker(file, identity);
		if (this.result === undefined && hex !== undefined) {
			this.result = hex;
			for (const resolve of this.waiting.splice(0)) {
				resolve(hex);
			}
		}

		if (this.result !== undefined) {
			return this.result;
		}

		// The file changed on disk meanwhile (or no worker could run): hash the bytes in memory.
		this.started = false;
		return this.inBackground();
	}

	/** Hashes in slices, one per turn of the event loop, so frames and keys go first. */
	inBackground(): Promise<string> {
		if (this.result !== undefined) {
			return Promise.resolve(this.result);
		}

		const promise = new Promise<string>(resolve => {
			this.waiting.push(resolve);
		});
		if (!this.started) {
			this.started = true;
			const slice = () => {
				if (!this.step()) {
					setImmediate(slice);
				}
			};

			setImmediate(slice);
		}

		return promise;
	}
}

/** The hash of `bytes` at once (small inputs, tests). */
export function contentHashOf(bytes: Uint8Array): string {
	return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
The worker: opens the file without following a FIFO's wait, checks its identity before and after,
hashes it in 4 MB reads. Plain CommonJS given as text, so it runs the same from the sources and
from the bundle.
*/
const workerSource = `
const {parentPort, workerData} = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const same = (stat, identity) => stat.isFile() && stat.size === identity.size && stat.mtimeMs === identity.mtimeMs && stat.ino === identity.ino && stat.dev === identity.dev;
let answer;
try {
	const fd = fs.openSync(workerData.file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
	try {
		if (same(fs.fstatSync(fd), workerData.identity)) {
			const hash = crypto.createHash('sha256');
			const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
			let position = 0;
			for (;;) {
				const count = fs.readSync(fd, buffer, 0, buffer.length, position);
				if (count === 0) break;
				hash.update(buffer.subarray(0, count));
				position += count;
			}

			if (position === workerData.identity.size && same(fs.fstatSync(fd), workerData.identity)) {
				answer = hash.digest('hex');
			}
		}
	} finally {
		fs.closeSync(fd);
	}
} catch {}

parentPort.postMessage(answer ?? null);
`;

/** The SHA-256 of `file` computed in a worker thread, or undefined when it is not the version `identity` names (or no worker could run). */
export async function hashFileInWorker(file: string, identity: FileIdentity): Promise<string | undefined> {
	return new Promise(resolve => {
		let worker: Worker;
		try {
			worker = new Worker(workerSource, {eval: true, workerData: {file, identity}});
		} catch {
			resolve(undefined);
			return;
		}

		// Its start sets V8's flags back to their defaults, the young generation's hold among them.
		holdThroughStartOf(worker);
		// A worker never keeps the app from exiting: at exit the answer is not needed any more.
		worker.unref();
		worker.once('message', (hex: string | null) => {
			resolve(hex ?? undefined);
		});
		worker.once('error', () => {
			resolve(undefined);
		});
		worker.once('exit', () => {
			resolve(undefined);
		});
	});
}
