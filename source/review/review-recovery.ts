/**
Recovering a session that died: the question put to the user (`Recovery`), the replay of the edits
that still match as undoable edits of the new session, the marks that come back, and the entries
kept aside when the new session ends before the question is answered.
*/
import fs from 'node:fs';
import type {Session} from '../corpus/index.js';
import {entryFor, readJournal, type JournalEntry, type JournalHeader, type JournalWriter, type RecoveryPlan} from './journal.js';
import {applyPlannedEdits} from './journal-recovery.js';
import {flaggedBit, reviewedBit, type ReviewMarks} from './marks.js';

/** Unsaved edits of a session that died, checked against the file. */
export type Recovery = {
	readonly plan: RecoveryPlan;
	/** Edits in effect at the end of the journal, matching or not. */
	readonly pendingEdits: number;
	/** Of those, the ones that still match the file and will be replayed. */
	readonly recoverable: number;
	/** The 1-based lines of the edits that no longer match. */
	readonly unmatchedLines: readonly number[];
	/** "3 of 5 edits recovered; 2 no longer match: lines 812, 990". */
	readonly summary: string;
	/** When the session that wrote it began (ms since the epoch). */
	readonly since: number;
};

/** A previous session's journal, read at open and not yet decided on. */
type Candidate = {header: JournalHeader; entries: readonly JournalEntry[]};

/**
This session's journal, held back while a previous session's journal (the candidate) waits for
the user's answer: the old file stays as it was on disk, and the entries made meanwhile wait in
memory, to be written after it is replayed or dropped.
*/
export class HeldJournal {
	candidate: Candidate | undefined;
	/** Entries made while a candidate waits for the user's answer. */
	private held: JournalEntry[] = [];

	constructor(readonly writer: JournalWriter) {}

	/** Reads the journal a previous session left: the candidate, or what is wrong with it. */
	readPrevious(): {problem: string; blocked: boolean} | undefined {
		const {file} = this.writer;
		const read = readJournal(file);
		if (read.kind === 'none') {
			if (fs.existsSync(file)) {
				// An empty journal (a session that died before its first entry was flushed): nothing to lose.
				fs.rmSync(file, {force: true});
			}

			return undefined;
		}

		if (read.kind === 'problem') {
			return read;
		}

		this.candidate = {header: read.header, entries: read.entries};
		return undefined;
	}

	record(entry: JournalEntry): void {
		if (this.candidate === undefined) {
			this.writer.append(entry);
		} else {
			this.held.push(entry);
		}
	}

	/** The candidate is decided on: the held entries are written, then `after`. */
	release(after: readonly JournalEntry[] = []): void {
		this.candidate = undefined;
		const held = this.held;
		this.held = [];
		this.writer.appendAll([...held, ...after]);
	}

	/** Edits made before the recovery was answered, when the session ends first: kept beside the old journal rather than lost. */
	keepHeldAside(header: JournalHeader): void {
		if (this.held.length > 0 && this.candidate !== undefined) {
			keepAside(this.writer.file, header, this.held);
		}
	}
}

/** Applies the plan's edits that still match and are not in the file yet, as undoable edits; returns their journal entries. */
export function replayEdits(session: Session, plan: RecoveryPlan, hashOf: (sentence: number) => string): JournalEntry[] {
	return applyPlannedEdits(session.corpus, session.history, plan).map(record => entryFor(session.corpus, record, hashOf));
}

/** Sets the plan's marks (and flag notes); returns whether there were any. */
export function applyPlannedMarks(marks: ReviewMarks, plan: RecoveryPlan): boolean {
	for (const {sentence, mark, on, note} of plan.marks) {
		marks.set(sentence, mark === 'reviewed' ? reviewedBit : flaggedBit, on);
		if (mark === 'flagged') {
			marks.setNote(sentence, on ? note : undefined);
		}
	}

	return plan.marks.length > 0;
}

/** Writes `entries` as a journal of their own beside `journalFile` (never over an existing file); a failure loses only them. */
export function keepAside(journalFile: string, header: JournalHeader, entries: readonly JournalEntry[]): void {
	try {
		const aside = `${journalFile}.unanswered-${process.pid}`;
		fs.writeFileSync(aside, [header, ...entries].map(entry => `${JSON.stringify(entry)}\n`).join(''), {flag: 'wx'});
	} catch {}
}
