/**
The version of the content the review files (journal, sidecar) refer to, by its SHA-256: the
loaded bytes' hash, computed off the critical path, until a save; then the saved content's hash
(the loaded bytes are out of date).
*/
import type {ContentHasher, Session} from '../corpus/index.js';

/** Up to this size the hash is finished at once when needed (16 ms); a larger file is hashed by a worker. */
const hashAtOnceBytes = 16 * 1024 * 1024;

export class ContentVersion {
	/** The content hash of the document as last saved, once a save happened (the loaded bytes are then out of date). */
	private savedHash: string | undefined;

	constructor(
		private readonly session: Session,
		readonly hasher: ContentHasher,
		/** The file the bytes were read from, for hashing off the main thread. */
		private readonly loadedFrom: string | undefined,
	) {}

	/**
	Hashes the loaded content in slices between frames; `whenLoadedHashed` gets the hash unless a
	save came first.
	*/
	start(whenLoadedHashed: (hash: string) => void): void {
		const {fileStamp} = this.session;
		// A large file is hashed by a worker thread, which reads it again: no slice of the main thread.
		const hashing = fileStamp !== undefined && this.loadedFrom !== undefined && this.session.corpus.bytes.length > hashAtOnceBytes
			? this.hasher.offMainThread(this.loadedFrom, fileStamp)
			: this.hasher.inBackground();
		void hashing.then(hash => {
			if (this.savedHash === undefined) {
				whenLoadedHashed(hash);
			}
		});
	}

	/**
	The content hash for a new journal's first line: finished at once for a file of up to 16 MB (16
	ms, at the first edit), otherwise only if the background slices are done (a `hash` entry follows).
	*/
	forHeader(): string | undefined {
		return this.savedHash ?? (this.session.corpus.bytes.length <= hashAtOnceBytes ? this.hasher.now() : this.hasher.digest);
	}

	/** The hash of the content the marks and journal refer to, finished now if need be. */
	now(): string {
		return this.savedHash ?? this.hasher.now();
	}

	/** The hash if known without waiting (undefined while it is being computed), unless `now`. */
	known(now: boolean): string | undefined {
		return this.savedHash ?? (now ? this.hasher.now() : this.hasher.digest);
	}

	/** The file on disk holds `hash` now. */
	saved(hash: string): void {
		this.savedHash = hash;
	}
}
