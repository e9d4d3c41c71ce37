import fs from 'node:fs';
import type {JournalEntry, JournalHeader} from './journal-entries.js';

/**
Appends entries to the journal file, creating it at the first entry (opening a file only to look
at it leaves no journal behind). Never follows a symlink, never replaces a file it did not create.
A failed write (disk full) stops the journal for the session and is reported once, through
`onProblem`; editing goes on.
*/
export class JournalWriter {
	private fd: number | undefined;
	private ino: number | undefined;
	/** Why the journal stopped, once it did. */
	problem: string | undefined;
	/** Another session holds the file: this one writes none of its review files any more. */
	stopped = false;

	/** The header the next journal file starts with; made when the file is (the content hash may be known by then). */
	private header: (() => JournalHeader) | JournalHeader;

	constructor(
		readonly file: string,
		header: () => JournalHeader,
		private readonly onProblem: (problem: string) => void,
	) {
		this.header = header;
	}

	get active(): boolean {
		return this.problem === undefined;
	}

	/** Whether the journal file exists (this session has written to it). */
	get written(): boolean {
		return this.fd !== undefined;
	}

	append(entry: JournalEntry): void {
		this.appendAll([entry]);
	}

	appendAll(entries: readonly JournalEntry[]): void {
		if (this.problem !== undefined || entries.length === 0) {
			return;
		}

		try {
			if (this.fd === undefined) {
				this.create();
			} else if (fs.fstatSync(this.fd).nlink === 0) {
				// Deleted by another program (a `git clean`): what is written to an unlinked file survives no crash.
				this.close();
				this.ino = undefined;
				this.problem = `${this.file} was deleted by another program: edits are no longer crash-safe (s saves them and starts it again)`;
				this.onProblem(this.problem);
				return;
			}

			let text = '';
			for (const entry of entries) {
				text += `${JSON.stringify(entry)}\n`;
			}

			writeAll(this.fd!, text);
			// The point of the journal is to survive a kill: flush each edit to disk.
			fs.fdatasyncSync(this.fd!);
		} catch (error) {
			this.fail(error);
		}
	}

	/** The content hash of the version the entries apply to, once known. */
	noteHash(sha256: string): void {
		if (this.fd !== undefined && typeof this.header !== 'function' && this.header.sha256 === undefined) {
			this.header = {...this.header, sha256};
			this.append({op: 'hash', sha256});
		}
	}

	/**
	A new document version (after a save): the old entries are in the file now, so the journal
	goes, and the next entry starts a new one against `header`. A journal stopped by a full disk
	starts again too: the save has made the edits safe.
	*/
	restart(header: () => JournalHeader): void {
		if (this.stopped) {
			return;
		}

		this.remove();
		this.header = header;
		this.problem = undefined;
	}

	/** Removes the journal file, if this session created it (never someone else's file at that path). */
	remove(): void {
		const {ino} = this;
		this.close();
		this.ino = undefined;
		if (ino !== undefined) {
			try {
				if (fs.lstatSync(this.file).ino === ino) {
					fs.unlinkSync(this.file);
				}
			} catch {}
		}
	}

	/**
	Writes no more to the journal, which is left as it is (never removed by this session now: another
	holds the file and may be recovering it), for `why` (the status line shows it).
	*/
	stop(why: string): void {
		this.close();
		this.ino = undefined;
		this.stopped = true;
		this.problem = why;
	}

	close(): void {
		if (this.fd !== undefined) {
			try {
				fs.closeSync(this.fd);
			} catch {}

			this.fd = undefined;
		}
	}

	private create() {
		// O_EXCL: whatever is at the path (an old journal not yet decided on, a planted symlink) stays.
		const fd = fs.openSync(this.file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW | fs.constants.O_APPEND, 0o644);
		this.fd = fd;
		this.ino = fs.fstatSync(fd).ino;
		if (typeof this.header === 'function') {
			this.header = this.header();
		}

		writeAll(fd, `${JSON.stringify(this.header)}\n`);
	}

	private fail(error: unknown) {
		const code = (error as NodeJS.ErrnoException).code;
		this.problem = code === 'EEXIST'
			? `${this.file} appeared meanwhile: not overwritten; edits are no longer crash-safe (s saves them)`
			: `could not write ${this.file} (${code === 'ENOSPC' ? 'no space left on device' : code ?? (error as Error).message}): edits are no longer crash-safe (s saves them)`;
		this.onProblem(this.problem);
	}
}

function writeAll(fd: number, text: string) {
	const buffer = Buffer.from(text);
	let written = 0;
	while (written < buffer.length) {
		written += fs.writeSync(fd, buffer, written, buffer.length - written);
	}
}
