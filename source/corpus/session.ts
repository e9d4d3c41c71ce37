/**
One open file: the corpus, its edit history and where and how it is saved. The UI drives a
Session; the Session knows nothing of the UI.
*/
import path from 'node:path';
import type {Corpus} from './corpus.js';
import {planRelabel, planRemove, type TokenRange} from './edit.js';
import {History, type EditRecord} from './history.js';
import {SaveConflictError, stampOf, writeAtomically, type FileStamp} from './save.js';
import {serializeChunks} from './serialize.js';
import {trace} from '../trace.js';

export type SessionOptions = {
	/** The file that was loaded. */
	readonly file: string;
	/** Where saves go; defaults to `file`. The input is then left alone. */
	readonly output?: string;
	/** Keep the loaded bytes as `FILE.bak` before the first save over `file`. */
	readonly backup: boolean;
};

export type SaveResult = {ok: true; message: string} | {ok: false; message: string};

/** What changed the tags, for listeners such as the edit journal. */
export type SessionEvent =
	| {kind: 'apply'; record: EditRecord}
	| {kind: 'undo'; record: EditRecord}
	| {kind: 'redo'; record: EditRecord}
	| {kind: 'saved'};

export class Session {
	readonly history = new History();
	/** Told of every edit, undo, redo and save, after it happened. */
	listener?: (event: SessionEvent) => void;
	private stamp: FileStamp | undefined;
	private backedUp = false;

	constructor(
		readonly corpus: Corpus,
		readonly options: SessionOptions,
	) {
		this.stamp = safeStamp(options.file);
	}

	get dirty(): boolean {
		return this.history.dirty;
	}

	get fileName(): string {
		return path.basename(this.options.file);
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
			this.listener?.({kind: 'apply', record});
		}

		return record;
	}

	undo(): EditRecord | undefined {
		const record = this.history.undo(this.corpus);
		if (record !== undefined) {
			this.listener?.({kind: 'undo', record});
		}

		return record;
	}

	redo(): EditRecord | undefined {
		const record = this.history.redo(this.corpus);
		if (record !== undefined) {
			this.listener?.({kind: 'redo', record});
		}

		return record;
	}

	/** The bytes on disk now (after a save, what was written), for the review sidecar's fingerprint. */
	get fileStamp(): FileStamp | undefined {
		return this.stamp;
	}

	/** Saves to the output (or the file itself), never overwriting a file that changed on disk since it was loaded. */
	save(): SaveResult {
		const target = this.options.output ?? this.options.file;
		const started = performance.now();
		try {
			if (this.options.output === undefined) {
				if (this.options.backup && !this.backedUp) {
					this.assertUnchanged();
					writeAtomically(`${this.options.file}.bak`, [this.corpus.bytes]);
					this.backedUp = true;
				}

				this.stamp = writeAtomically(target, serializeChunks(this.corpus), this.stamp);
			} else {
				writeAtomically(target, serializeChunks(this.corpus));
			}
		} catch (error) {
			const reason = error instanceof SaveConflictError ? error.message : `could not save ${target}: ${(error as Error).message}`;
			return {ok: false, message: reason};
		}

		this.history.markSaved();
		this.listener?.({kind: 'saved'});

		trace.mark('saved', {ms: Math.round((performance.now() - started) * 100) / 100});
		const changed = this.corpus.changedTokens().length;
		return {ok: true, message: `saved ${path.basename(target)} (${changed} tag${changed === 1 ? ' differs' : 's differ'} from the loaded file)`};
	}

	/** Writes the current tags to another file, for when the original cannot be saved over. */
	saveAs(target: string): SaveResult {
		try {
			writeAtomically(target, serializeChunks(this.corpus));
		} catch (error) {
			return {ok: false, message: `could not save ${target}: ${(error as Error).message}`};
		}

		return {ok: true, message: `wrote ${target}`};
	}

	private assertUnchanged() {
		const now = safeStamp(this.options.file);
		if (this.stamp !== undefined && (now === undefined || now.size !== this.stamp.size || now.mtimeMs !== this.stamp.mtimeMs || now.ino !== this.stamp.ino)) {
			throw new SaveConflictError(this.options.file);
		}
	}
}

function safeStamp(file: string): FileStamp | undefined {
	try {
		return stampOf(file);
	} catch {
		return undefined;
	}
}
