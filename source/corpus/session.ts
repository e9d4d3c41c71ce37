/**
One open file: the corpus, its edit history and where and how it is saved. The UI drives a
Session; the Session knows nothing of the UI.

Where saves go: the file itself (a plain save, with FILE.bak before the first and a refusal when
the file changed on disk), or `--output OUT`. Whatever path a save or a `W` names, if it is the
input file it is a plain save with every safeguard. A session opened read-only (another
ner-review edits the file) never saves over it; `W` to another file still works.
*/
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {Corpus} from './corpus.js';
import {planRelabel, planRemove, type TokenRange} from './edit.js';
import {History, type EditRecord} from './history.js';
import {identityOf, type FileIdentity} from './identity.js';
import {checkTarget, keepBackup, lstatOrUndefined, resolveTarget, SaveRefusedError, whyNotWritable, writeAtomically} from './save.js';
import {serializeChunks} from './serialize.js';
import {trace} from '../trace.js';

export type SessionOptions = {
	/** The input file, as the user named it. */
	readonly file: string;
	/** Where saves go; defaults to `file`. The input is then left alone. */
	readonly output?: string;
	/** Keep the loaded bytes as `FILE.bak` before the first save over `file`. */
	readonly backup: boolean;
	/** The identity of the loaded version, from the descriptor its bytes were read from. Without it, the file is stat'ed now. */
	readonly identity?: FileIdentity;
	/**
	The bytes were loaded from the existing `output` (a later session of `--output OUT`), not from
	`file`: the session continues from OUT's tags, and OUT's identity is `identity`.
	*/
	readonly continuesOutput?: boolean;
	/** Why the session must not save over the file (another ner-review edits it); `W` still writes elsewhere. */
	readonly readOnly?: string;
};

export type SaveStatus =
	/** Written. */
	| 'saved'
	/** No edit since the last save (or the load): nothing was written. */
	| 'nothing-to-save'
	/** The file on disk is not the version loaded: not written. */
	| 'conflict'
	/** `W` to a file that exists: not written until the user says to replace it (`replace`). */
	| 'exists'
	/** The session is read-only, or the file is one the user could not write without force: not written. */
	| 'read-only'
	/** The target is not a regular file (a symlink where none may be, a device, a FIFO): not written. */
	| 'refused'
	/** Writing failed (disk full, no permission on the folder, an I/O error): the file is as it was. */
	| 'failed';

export type SaveResult = {
	readonly ok: boolean;
	readonly status: SaveStatus;
	/** One line for the status bar, complete (it names `W` where that is the way out). */
	readonly message: string;
	/** With 'exists': what is there, to ask about and to replace only if it is still that version. */
	readonly existing?: {readonly path: string; readonly identity: FileIdentity};
};

export type WriteAsOptions = {
	/** Replace the file at the path, if it is still this version (the user said so). */
	readonly replace?: FileIdentity;
	/** Paths never written (the session's review files: the journal, the marks, the lock). */
	readonly protect?: readonly string[];
};

/** What changed the tags, for listeners such as the edit journal. */
export type SessionEvent =
	| {kind: 'apply'; record: EditRecord}
	| {kind: 'undo'; record: EditRecord}
	| {kind: 'redo'; record: EditRecord}
	/** A save: the document is now `file` at `identity`, with this content hash. */
	| {kind: 'saved'; file: string; identity: FileIdentity; contentHash: string};

export class Session {
	readonly history = new History();
	/** Told of every edit, undo, redo and save, after it happened. */
	listener?: (event: SessionEvent) => void;
	/**
	Asks the lock whether this session still holds the file (a lost one calls loseClaim), before each
	save and before an edit is told to the listener, which journals it: the 30 s refresh alone let a
	session save over a file another ner-review had opened (QA).
	*/
	checkClaim?: () => void;
	/** The version of the save target as last read or written; 'absent' for an --output not yet written. */
	private targetIdentity: FileIdentity | 'absent' | undefined;
	/** The input file's version when the session began (a W to the input checks against it). */
	private readonly inputIdentity: FileIdentity | undefined;
	private backedUp = false;
	private savedOnce = false;
	/** Set when another ner-review took the lock over: saves are refused from then on. */
	private claimLost: string | undefined;
	/** The tokens whose tags the last save left differing from the loaded file, and those tags. */
	private savedTags: ReadonlyMap<number, number> = new Map();
	/** `dirty` as last worked out, by the history's revision (the header asks at every frame). */
	private dirtyAt: {revision: number; dirty: boolean} | undefined;

	constructor(
		readonly corpus: Corpus,
		readonly options: SessionOptions,
	) {
		const {file, output, identity, continuesOutput = false} = options;
		this.inputIdentity = continuesOutput ? statIdentity(file) : identity ?? statIdentity(file);
		if (output === undefined) {
			this.targetIdentity = this.inputIdentity;
		} else if (continuesOutput) {
			this.targetIdentity = identity ?? statIdentity(output);
		} else {
			this.targetIdentity = statIdentity(output) ?? 'absent';
		}
	}

	/**
	The tags differ from what was last saved (or loaded). Edits that cancel out (`1` then the label the
	token had) leave nothing to save: `s` wrote the file and FILE.bak with "0 tags differ" (QA).
	*/
	get dirty(): boolean {
		if (!this.history.dirty) {
			return false;
		}

		const {revision} = this.history;
		if (this.dirtyAt?.revision !== revision) {
			this.dirtyAt = {revision, dirty: !this.corpus.hasChangedTags(this.savedTags)};
		}

		return this.dirtyAt.dirty;
	}

	/** The name the header shows: `FILE → OUT` when saves go to --output, so where `s` writes is on screen. */
	get fileName(): string {
		const {file, output} = this.options;
		return output === undefined ? path.basename(file) : `${path.basename(file)} → ${path.basename(output)}`;
	}

	/**
	From now on saving over the file is refused (another ner-review holds the file now: two sessions
	writing it would each undo the other's edits). `why` ends "not saved: …".
	*/
	loseClaim(why: string): void {
		this.claimLost ??= why;
	}

	/** Why saving over the file is refused (for the whole session, or since the lock was lost), if it is. */
	get readOnly(): string | undefined {
		return this.options.readOnly ?? this.claimLost;
	}

	/**
	Why `s` would be refused for the target's permissions, said at open (a file of mode 0444 was
	found out only at the first save, after the work): undefined when it would not.
	*/
	get unwritable(): string | undefined {
		const target = this.target;
		const stat = lstatOrUndefined(this.options.output === undefined ? resolveTarget(target) : target);
		const why = stat?.isFile() ? whyNotWritable(target, stat) : undefined;
		if (why !== undefined) {
			return `${path.basename(target)} ${why}: s cannot save it; W writes your edits to another file`;
		}

		// A save writes a new file beside it and renames it over: its folder must be writable (QA: a raw EACCES at `s`).
		const folder = path.dirname(this.options.output === undefined ? resolveTarget(target) : target);
		return folderWritable(folder) ? undefined : `${path.basename(target)} is in a folder you cannot write (${folder}): s cannot save it; W writes your edits to another file`;
	}

	/** Where `s` writes. */
	get target(): string {
		return this.options.output ?? this.options.file;
	}

	/** Applies a label to the selection, the entity under the cursor, or the cursor's token. */
	relabel(sentence: number, cursor: number, selection: TokenRange | undefined, type: string): EditRecord | undefined {
		const changes = planRelabel(this.corpus, sentence, cursor, selection, type);
		return this.apply({changes, sentence, token: cursor, description: `label ${type}`});
	}

	/** Removes the entity under the cursor or every entity touching the selection. */
	remove(sentence: number, cursor: number, selection: TokenRange | undefined): EditRecord | undefined {
		const changes = planRemove(this.corpus, sentence, cursor, selection);
		return this.apply({changes, sentence, token: cursor, description: 'remove entity'});
	}

	/** Applies planned changes (a bulk relabel across sentences, a repair) as one undoable step. */
	apply(edit: Omit<EditRecord, 'id'>): EditRecord | undefined {
		const record = this.history.apply(this.corpus, edit);
		if (record !== undefined) {
			this.checkClaim?.();
			this.listener?.({kind: 'apply', record});
		}

		return record;
	}

	undo(): EditRecord | undefined {
		const record = this.history.undo(this.corpus);
		if (record !== undefined) {
			this.checkClaim?.();
			this.listener?.({kind: 'undo', record});
		}

		return record;
	}

	redo(): EditRecord | undefined {
		const record = this.history.redo(this.corpus);
		if (record !== undefined) {
			this.checkClaim?.();
			this.listener?.({kind: 'redo', record});
		}

		return record;
	}

	/** The identity of the save target as last read or written. */
	get fileStamp(): FileIdentity | undefined {
		return this.targetIdentity === 'absent' ? undefined : this.targetIdentity;
	}

	/**
	`s`: saves to the output (or the file itself). Writes nothing when nothing changed, never
	overwrites a file that changed on disk since it was loaded, never saves a read-only session.
	*/
	save(): SaveResult {
		this.checkClaim?.();
		const {file, output} = this.options;
		if (this.readOnly !== undefined) {
			return {ok: false, status: 'read-only', message: `not saved: ${this.readOnly}; W writes your edits to another file`};
		}

		if (!this.dirty) {
			const where = output === undefined ? `${path.basename(file)} not written` : `${path.basename(output)} not written`;
			return {ok: true, status: 'nothing-to-save', message: `nothing to save: no edit since the ${this.savedOnce ? 'last save' : 'file was loaded'} (${where})`};
		}

		return output === undefined ? this.saveInput() : this.write(output, {expected: this.targetIdentity, followSymlink: false, backup: false}, identity => {
			this.targetIdentity = identity;
		});
	}

	/**
	`W PATH`: writes the current tags to PATH, for when the original cannot be saved over. A PATH that
	is the input file (or the output) is the same as `s`, with every safeguard. Another file that
	exists is written over only with `replace` (the user was asked), and only if it is still that
	version; the session's own review files never.
	*/
	saveAs(target: string, options: WriteAsOptions = {}): SaveResult {
		if (options.protect?.some(file => sameFile(file, target))) {
			return {ok: false, status: 'refused', message: `${target} is one of this session's review files: not written`};
		}

		if (this.isInputFile(target) || (this.options.output !== undefined && sameFile(target, this.options.output))) {
			if (this.isInputFile(target) && this.options.output !== undefined) {
				// W back to the input of an --output session: a plain save of the input.
				if (this.readOnly !== undefined) {
					return this.save();
				}

				return this.write(this.options.file, {expected: this.inputIdentity, followSymlink: true, backup: this.options.backup, keepSavedState: true}, () => undefined);
			}

			return this.save();
		}

		const started = performance.now();
		try {
			const present = lstatOrUndefined(target);
			if (present?.isFile() && options.replace === undefined) {
				return {ok: false, status: 'exists', message: `${target} exists: not written`, existing: {path: target, identity: identityOf(present)}};
			}

			// Nothing appeared meanwhile, or what is there is still what the user agreed to replace.
			writeAtomically(target, serializeChunks(this.corpus), {refuseReadOnly: true, expected: options.replace ?? 'absent', expectedSince: 'you were asked'});
		} catch (error) {
			return failure(target, error);
		}

		trace.mark('saved', {ms: Math.round((performance.now() - started) * 100) / 100});
		return {ok: true, status: 'saved', message: `wrote ${target}`};
	}

	/** A plain save over the input: FILE.bak first (once), the file's identity checked, written through a symlink. */
	private saveInput(): SaveResult {
		return this.write(this.options.file, {expected: this.targetIdentity, followSymlink: true, backup: this.options.backup}, identity => {
			this.targetIdentity = identity;
		});
	}

	private write(target: string, how: {expected: FileIdentity | 'absent' | undefined; followSymlink: boolean; backup: boolean; keepSavedState?: boolean}, written: (identity: FileIdentity) => void): SaveResult {
		const started = performance.now();
		const hash = crypto.createHash('sha256');
		let identity: FileIdentity;
		let earlierBackup = false;
		try {
			const options = {expected: how.expected, followSymlink: how.followSymlink, refuseReadOnly: true};
			// Refused before anything is written, FILE.bak included.
			checkTarget(target, options);
			if (how.backup && !this.backedUp && how.expected !== undefined && how.expected !== 'absent') {
				earlierBackup = !keepBackup(resolveTarget(target), `${target}.bak`, how.expected);
				this.backedUp = true;
			}

			identity = writeAtomically(target, serializeChunks(this.corpus), {...options, hash});
		} catch (error) {
			return failure(target, error);
		}

		written(identity);
		const changed = this.corpus.changedTokens().length;
		// Said once, at the session's first save: FILE.bak is older than this session's start.
		const backup = earlierBackup ? `; ${path.basename(target)}.bak, kept from before, is not replaced` : '';
		const message = `saved ${path.basename(target)} (${changed} tag${changed === 1 ? ' differs' : 's differ'} from the loaded file${backup})`;
		if (how.keepSavedState !== true) {
			this.savedOnce = true;
			this.history.markSaved();
			this.savedTags = this.corpus.changedTags();
			this.listener?.({kind: 'saved', file: target, identity, contentHash: hash.digest('hex')});
		}

		trace.mark('saved', {ms: Math.round((performance.now() - started) * 100) / 100});
		return {ok: true, status: 'saved', message};
	}

	private isInputFile(target: string): boolean {
		return sameFile(target, this.options.file);
	}
}

/**
Whether two paths name the same file (a symlink to it counts). When either does not exist, whether
they would: their folders resolved, symlinks included (`link/c.tsv.review.json` through a linked
folder is the review file that does not exist yet, which a W there was let write).
*/
export function sameFile(a: string, b: string): boolean {
	try {
		const statA = fs.statSync(a);
		const statB = fs.statSync(b);
		return statA.ino === statB.ino && statA.dev === statB.dev;
	} catch {
		return canonicalPath(a) === canonicalPath(b);
	}
}

/** The path with its folder's symlinks resolved (as far as the folder exists). */
function canonicalPath(file: string): string {
	const absolute = path.resolve(file);
	try {
		return path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
	} catch {
		return absolute;
	}
}

function statIdentity(file: string): FileIdentity | undefined {
	try {
		return identityOf(fs.statSync(file));
	} catch {
		return undefined;
	}
}

function folderWritable(folder: string): boolean {
	try {
		fs.accessSync(folder, fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

function failure(target: string, error: unknown): SaveResult {
	if (error instanceof SaveRefusedError) {
		const status: SaveStatus = error.reason === 'conflict' ? 'conflict' : error.reason === 'not-writable' ? 'read-only' : 'refused';
		const way = error.reason === 'not-writable' ? '' : '; W writes your edits to another file';
		return {ok: false, status, message: `${error.message}${way}`};
	}

	const code = (error as NodeJS.ErrnoException).code;
	const why = code === undefined ? (error as Error).message : describeErrno(error as NodeJS.ErrnoException);
	const folder = path.dirname(path.resolve(target));
	const where = (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') && !folderWritable(folder) ? `its folder ${folder} cannot be written (${why})` : why;
	return {ok: false, status: 'failed', message: `could not save ${target}: ${where}; your edits are kept (W writes them to another file)`};
}

/** `ENOSPC: no space left on device`, without the syscall and path Node appends. */
function describeErrno(error: NodeJS.ErrnoException): string {
	const match = /^([A-Z\d]+): ([^,]+)/.exec(error.message);
	return match === null ? error.message : `${match[1]}: ${match[2]}`;
}
