/**
Recovering a session that died: the question put to the user (`Recovery`), the replay of the edits
that still match as undoable edits of the new session, the marks that come back, and the entries
kept aside when the new session ends before the question is answered.
*/
import fs from 'node:fs';
import path from 'node:path';
import {isRunning, openExclusive, type Corpus, type EditRecord, type Session} from '../corpus/index.js';
import {noteReplayedEdits} from './analysis.js';
import {entryFor, readJournal, type JournalEntry, type JournalHeader, type JournalWriter, type RecoveryPlan} from './journal.js';
import {applyPlannedEdits} from './journal-recovery.js';
import {setAside} from './records.js';
import {flaggedBit, reviewedBit, type ReviewMarks} from './marks.js';

/** Unsaved edits of a session that died, checked against the file. */
export type Recovery = {
	readonly plan: RecoveryPlan;
	/** Edits in effect at the end of the journal, matching or not. */
	readonly pendingEdits: number;
	/** Of those, the ones that still match the file and will be replayed. */
	readonly recoverable: number;
	/** The 1-based lines of the edits that no longer match (the file changed). */
	readonly unmatchedLines: readonly number[];
	/** What became of the others, neither replayed nor unmatched, in words (`1 already in the file`). */
	readonly others: readonly string[];
	/** Some edits are not replayed (unmatched, or changed otherwise by this session): the journal is set aside, not removed. */
	readonly setAside: boolean;
	/** "3 of 5 edits recovered; 2 no longer match: lines 812, 990". */
	readonly summary: string;
	/** When the session that wrote it began (ms since the epoch). */
	readonly since: number;
};

/** A previous session's journal, read at open and not yet decided on. */
type Candidate = {header: JournalHeader; entries: readonly JournalEntry[]};

/**
This session's journal, held back while a previous session's journal (the candidate) waits for
the user's answer: the entries made meanwhile are added to the old file at once (a session killed
before the answer then leaves both sessions' edits, and the next one offers them all), and to this
session's own journal once the old one is replayed or dropped.
*/
export class HeldJournal {
	candidate: Candidate | undefined;
	/** Entries made while a candidate waits for the user's answer. */
	private held: JournalEntry[] = [];
	/** The old journal, once it holds the held entries too, open for the next ones; and how many it holds. */
	private heldFd: number | undefined;
	private heldWritten = 0;
	/**
	The edit records this journal has as entries of their own (since it began, or since the last save
	started it again). An undo or redo of any other record is written as the tag changes it makes: a
	bare undo after a save named an edit the journal no longer had, and a crash lost it.
	*/
	private readonly journaled = new Set<number>();

	constructor(readonly writer: JournalWriter) {}

	/** Reads the journal a previous session left: the candidate, or what is wrong with it. */
	readPrevious(): {problem: string; blocked: boolean} | undefined {
		const {file} = this.writer;
		adoptHeldJournals(file);
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

	/** An edit, an undo or a redo of the session (after it happened), as its entry. */
	recordEdit(kind: 'apply' | 'undo' | 'redo', record: EditRecord, corpus: Corpus, hashOf: (sentence: number) => string): void {
		if (kind !== 'apply' && this.journaled.has(record.id)) {
			this.record({op: kind});
			return;
		}

		if (kind !== 'apply') {
			// An entry of changes ends what a replay can undo or redo by name (as any edit does): the records
			// the journal holds are all undone by now (they came after this one), and their redo is written
			// as changes too.
			this.journaled.clear();
		}

		const changes = kind === 'undo' ? record.changes.map(change => ({token: change.token, before: change.after, after: change.before})) : record.changes;
		const description = kind === 'apply' ? record.description : `${kind} ${record.description}`;
		this.record(entryFor(corpus, {...record, changes, description}, hashOf));
		if (kind !== 'undo') {
			this.journaled.add(record.id);
		}
	}

	record(entry: JournalEntry): void {
		if (this.candidate === undefined) {
			this.writer.append(entry);
		} else {
			this.held.push(entry);
			this.writeHeld();
		}
	}

	/** The edits of this session's journal are in the file now (a save): the next entries start a new journal. */
	restart(header: () => JournalHeader): void {
		this.writer.restart(header);
		this.journaled.clear();
	}

	/**
	The candidate is decided on (its file removed or set aside): the held entries are written, then
	`after` (the replayed edits: `replayed`, their records).
	*/
	release(after: readonly JournalEntry[] = [], replayed: readonly EditRecord[] = []): void {
		this.candidate = undefined;
		this.closeHeld();
		const held = this.held;
		this.held = [];
		this.heldWritten = 0;
		this.writer.appendAll([...held, ...after]);
		for (const record of replayed) {
			this.journaled.add(record.id);
		}
	}

	/** Held entries the old journal could not take (a full disk), when the session ends first: kept beside it rather than lost. */
	keepHeldAside(header: JournalHeader): void {
		this.closeHeld();
		if (this.held.length > this.heldWritten && this.candidate !== undefined) {
			keepAside(this.writer.file, header, this.held.slice(this.heldWritten));
		}
	}

	/**
	Adds the held entries to the old journal's file, flushed. The first time the file is written
	again whole, through a new file renamed over it: a line a kill cut in half would otherwise swallow
	the first new one.
	*/
	private writeHeld(): void {
		const {candidate, writer: {file}} = this;
		try {
			const lines = (entries: ReadonlyArray<JournalEntry | JournalHeader>) => Buffer.from(entries.map(entry => `${JSON.stringify(entry)}\n`).join(''));
			if (this.heldFd === undefined) {
				if (candidate === undefined || !fs.lstatSync(file).isFile()) {
					return;
				}

				const temporary = heldJournalName(file, process.pid);
				fs.rmSync(temporary, {force: true});
				const fd = openExclusive(temporary, 0o644);
				try {
					writeAll(fd, lines([candidate.header, ...candidate.entries, ...this.held]));
					fs.fsyncSync(fd);
				} finally {
					fs.closeSync(fd);
				}

				fs.renameSync(temporary, file);
				this.heldFd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_NOFOLLOW);
			} else {
				writeAll(this.heldFd, lines(this.held.slice(this.heldWritten)));
				fs.fdatasyncSync(this.heldFd);
			}

			this.heldWritten = this.held.length;
		} catch {
			// They stay in memory: written when the question is answered, or beside the journal at the end.
			this.closeHeld();
		}
	}

	private closeHeld(): void {
		if (this.heldFd !== undefined) {
			try {
				fs.closeSync(this.heldFd);
			} catch {}

			this.heldFd = undefined;
		}
	}
}

function writeAll(fd: number, bytes: Buffer): void {
	let written = 0;
	while (written < bytes.length) {
		written += fs.writeSync(fd, bytes, written, bytes.length - written);
	}
}

/** Applies the plan's edits that still match and are not in the file yet, as undoable edits; returns them and their journal entries. */
export function replayEdits(session: Session, plan: RecoveryPlan, hashOf: (sentence: number) => string): {records: EditRecord[]; entries: JournalEntry[]} {
	const records = applyPlannedEdits(session.corpus, session.history, plan);
	noteReplayedEdits(session, records);
	return {records, entries: records.map(record => entryFor(session.corpus, record, hashOf))};
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

/** Where `writeHeld` writes the old journal with the held entries before renaming it over the journal. */
function heldJournalName(journalFile: string, pid: number): string {
	return path.join(path.dirname(journalFile), `.${path.basename(journalFile)}.${pid}.held`);
}

/**
The new versions of the journal that sessions killed between writing them and renaming them over it
left behind (`writeHeld`): one that holds the journal's entries and more is the journal that session
meant to leave, and takes its place, so the edits it made before answering are offered too; any other
is older than the journal and goes. Those of a session still running are left to it.
*/
function adoptHeldJournals(journalFile: string): void {
	const directory = path.dirname(journalFile);
	const prefix = `.${path.basename(journalFile)}.`;
	let names: string[];
	try {
		names = fs.readdirSync(directory).filter(name => name.startsWith(prefix) && name.endsWith('.held'));
	} catch {
		return;
	}

	for (const name of names) {
		const pid = Number(name.slice(prefix.length, -'.held'.length));
		const held = path.join(directory, name);
		if (!Number.isInteger(pid) || pid <= 0 || held !== heldJournalName(journalFile, pid) || (pid !== process.pid && isRunning(pid)) || !fs.lstatSync(held).isFile()) {
			continue;
		}

		try {
			if (extendsJournal(readJournal(held), readJournal(journalFile))) {
				fs.renameSync(held, journalFile);
			} else {
				fs.rmSync(held, {force: true});
			}
		} catch {}
	}
}

/** Whether `newer` is `older` (the same session's header and entries) with entries added. */
function extendsJournal(newer: ReturnType<typeof readJournal>, older: ReturnType<typeof readJournal>): boolean {
	if (newer.kind !== 'ok' || older.kind !== 'ok' || JSON.stringify(newer.header) !== JSON.stringify(older.header) || newer.entries.length <= older.entries.length) {
		return false;
	}

	return older.entries.every((entry, index) => JSON.stringify(entry) === JSON.stringify(newer.entries[index]));
}

/**
The old journal once its edits are replayed: removed, or when some were not replayed (they no longer
match) set aside under a new name, kept for the reviewer; returns the words that say where.
*/
export function settleJournal(journal: string, keep: boolean): string {
	if (!keep) {
		fs.rmSync(journal, {force: true});
		return '';
	}

	const aside = setAside(journal, 'unmatched');
	return aside === undefined ? '' : ` (the whole journal is kept as ${aside})`;
}
