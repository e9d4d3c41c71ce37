/**
Opening a corpus for review: where its review files go and whether this ner-review may write them.
One writer per corpus: the first ner-review to open a file takes its lock and keeps the journal and
the sidecar; a second one, while the first lives, opens the file read-only (it saves nothing over
the file, writes no journal and no marks; `W` still writes elsewhere). A lock left by a process
that is gone is taken over, and the user told.
*/
import fs from 'node:fs';
import path from 'node:path';
import {acquireLock, describeOwner, liveOwner, type CorpusLock, type LockOwner} from './lock.js';
import {locateSideFiles, namesInBothPlaces, type SideFiles} from './side-files.js';

export type Claim = {
	/** The review files, when they can be used. */
	readonly sideFiles?: SideFiles;
	readonly lock?: CorpusLock;
	/** Why this session must not write the file or its review files (another ner-review edits it). */
	readonly readOnly?: string;
	/** What the journal and marks cannot do this session, and why (for the status line). */
	readonly notKept?: string;
	/** One line each, for the status line at start. */
	readonly notices: readonly string[];
};

export function claimCorpus(file: string, options: {env?: NodeJS.ProcessEnv; onLost?: (by: LockOwner | undefined) => void} = {}): Claim {
	const name = path.basename(file);
	const env = options.env ?? process.env;
	const located = locateSideFiles(file, env);
	if (located.files === undefined) {
		const notKept = `edits are not journaled and marks are not kept: ${located.problem}`;
		return {notKept, notices: [notKept]};
	}

	const files = located.files;
	const notices: string[] = [];
	if (files.elsewhere !== undefined) {
		notices.push(files.elsewhere);
	}

	// Another user's session beside the corpus still counts when ours are in the state folder.
	const besideOwner = files.besideLock === undefined ? undefined : liveOwner(files.besideLock);
	if (besideOwner !== undefined) {
		return readOnly(name, besideOwner, files, notices);
	}

	const result = acquireLock(files.lock, options.onLost);
	switch (result.kind) {
		case 'acquired': {
			if (result.tookOver !== undefined) {
				notices.push(`took over the lock of a ner-review that is no longer running (${describeOwner(result.tookOver)})`);
			}

			notices.push(...reviewFilesElsewhere(file, files, env));
			return {sideFiles: files, lock: result.lock, notices};
		}

		case 'held': {
			return readOnly(name, result.owner, files, notices);
		}

		case 'unavailable': {
			const notKept = `edits are not journaled and marks are not kept: ${result.problem}`;
			return {notKept, notices: [...notices, notKept]};
		}
	}
}

function readOnly(name: string, owner: LockOwner | undefined, files: SideFiles, notices: string[]): Claim {
	const who = describeOwner(owner);
	return {
		sideFiles: files,
		readOnly: `${name} is open in another ner-review (${who})`,
		notices: [...notices, `open in another ner-review, ${who}: read-only; W writes elsewhere`],
	};
}

/**
A journal or marks a session left where this one does not keep its review files: the folder could be
written then and cannot now, or the other way round. Those in the state folder (a read-only folder
then) are brought beside the file, where the recovery and the review find them (unless the file has
its own there); a journal beside the file cannot be moved out of a folder that cannot be written,
and is named, never ignored in silence.
*/
function reviewFilesElsewhere(file: string, files: SideFiles, env: NodeJS.ProcessEnv): string[] {
	const {beside, state} = namesInBothPlaces(file, env);
	if (files.elsewhere !== undefined) {
		// The marks beside the file (a session's from when the folder could be written) are the review so
		// far: the state folder's copy starts from them, rather than from nothing.
		if (fs.existsSync(beside.sidecar) && !fs.existsSync(files.sidecar)) {
			try {
				fs.copyFileSync(beside.sidecar, files.sidecar, fs.constants.COPYFILE_EXCL);
			} catch {}
		}

		return fs.existsSync(beside.journal) ? [`${beside.journal} holds unsaved edits of a session that could write beside the file: they are offered once its folder can be written again`] : [];
	}

	if (liveOwner(state.lock) !== undefined) {
		return [];
	}

	const notices: string[] = [];
	const aside = (kind: string, from: string, error: unknown) => `${from} holds the ${kind} of a session from when the folder was read-only, and could not be brought beside the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
	if (fs.existsSync(state.journal) && !fs.existsSync(files.journal)) {
		try {
			moveFile(state.journal, files.journal);
		} catch (error) {
			notices.push(aside('unsaved edits', state.journal, error));
		}
	}

	// The marks: the newer copy is the review (the state folder's started from the one beside the file).
	const stateMarks = statOrUndefined(state.sidecar);
	if (stateMarks !== undefined) {
		const besideMarks = statOrUndefined(files.sidecar);
		try {
			if (besideMarks === undefined || stateMarks.mtimeMs > besideMarks.mtimeMs) {
				replaceFile(state.sidecar, files.sidecar);
			} else {
				fs.rmSync(state.sidecar);
			}
		} catch (error) {
			notices.push(aside('review marks', state.sidecar, error));
		}
	}

	return notices;
}

function statOrUndefined(file: string): fs.Stats | undefined {
	try {
		return fs.statSync(file);
	} catch {
		return undefined;
	}
}

/** Moves `from` over `to` in one rename, or through a copy beside `to` across file systems. */
function replaceFile(from: string, to: string): void {
	try {
		fs.renameSync(from, to);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EXDEV') {
			throw error;
		}

		const temporary = `${to}.${process.pid}.moving`;
		fs.copyFileSync(from, temporary);
		fs.renameSync(temporary, to);
		fs.rmSync(from);
	}
}

/** Renames `from` to `to`, or copies it across file systems; never over an existing file. */
function moveFile(from: string, to: string): void {
	try {
		fs.linkSync(from, to);
		fs.rmSync(from);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			throw error;
		}

		// Another file system (EXDEV), or one without hard links (EPERM): a copy.
		fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
		fs.rmSync(from);
	}
}
