/**
Unlimited undo and redo of edits within a session. An edit is a list of tag changes (one entity
relabelled, or a bulk relabel across the corpus), undone as one step.
*/
import type {Corpus} from './corpus.js';
import {applyChanges, type TagChange} from './edit.js';

export type EditRecord = {
	readonly id: number;
	readonly changes: readonly TagChange[];
	/** Where the cursor was when the edit was made, to return there on undo and redo. */
	readonly sentence: number;
	readonly token: number;
	/** What the edit did, for the status line (`relabel PER`). */
	readonly description: string;
};

export class History {
	private readonly done: EditRecord[] = [];
	private readonly undone: EditRecord[] = [];
	private nextId = 1;
	private savedId = 0;
	/** Counts every change of the tags (apply, undo, redo), for caches of whole-corpus analyses. */
	revision = 0;

	/** Applies an edit to the corpus and records it; a new edit clears the redo stack. */
	apply(corpus: Corpus, edit: Omit<EditRecord, 'id'>): EditRecord | undefined {
		if (edit.changes.length === 0) {
			return undefined;
		}

		const record = {...edit, id: this.nextId++};
		applyChanges(corpus, record.changes, 'forward');
		this.done.push(record);
		this.undone.length = 0;
		this.revision++;
		return record;
	}

	undo(corpus: Corpus): EditRecord | undefined {
		const record = this.done.pop();
		if (record !== undefined) {
			applyChanges(corpus, record.changes, 'backward');
			this.undone.push(record);
			this.revision++;
		}

		return record;
	}

	redo(corpus: Corpus): EditRecord | undefined {
		const record = this.undone.pop();
		if (record !== undefined) {
			applyChanges(corpus, record.changes, 'forward');
			this.done.push(record);
			this.revision++;
		}

		return record;
	}

	/** The edit `undo` would revert, without reverting it. */
	peekUndo(): EditRecord | undefined {
		return this.done.at(-1);
	}

	/** The edit `redo` would apply again, without applying it. */
	peekRedo(): EditRecord | undefined {
		return this.undone.at(-1);
	}

	/** Edits in effect, and edits undone that could be redone. */
	get counts(): {done: number; undone: number} {
		return {done: this.done.length, undone: this.undone.length};
	}

	get canUndo(): boolean {
		return this.done.length > 0;
	}

	get canRedo(): boolean {
		return this.undone.length > 0;
	}

	/** The tags differ from what was last saved (or loaded). */
	get dirty(): boolean {
		return (this.done.at(-1)?.id ?? 0) !== this.savedId;
	}

	markSaved(): void {
		this.savedId = this.done.at(-1)?.id ?? 0;
	}
}
