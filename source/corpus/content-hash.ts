/**
The hash of a file's whole content (SHA-256), which names the version the review sidecar and the
edit journal belong to: moving one line in the middle changes it, where size and sampled ends did
not. 100 MB hash in about 100 ms here, too long to hold the first frame or a key for, so the hash
is computed in slices between frames (a millisecond each) after the first frame, and finished at
once only when something needs it before the slices are done.
*/
import crypto from 'node:crypto';

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
