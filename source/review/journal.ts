/**
The edit journal, `FILE.review.journal`: every edit, undo and redo appended (and flushed) as it
happens, so a session that dies without saving (kill -9, a dropped SSH connection) can be
replayed on the next open. Its first line names the file version the edits apply to; a save
starts a new journal.
*/
import fs from 'node:fs';
import type {Corpus, EditRecord, Session} from '../corpus/index.js';
import {sameContent, type Fingerprint} from './fingerprint.js';

export type JournalEntry =
	| {op: 'apply'; description: string; sentence: number; token: number; changes: Array<[token: number, before: string, after: string]>}
	| {op: 'undo'}
	| {op: 'redo'};

type Header = {journal: 1; fingerprint: Fingerprint};

export function journalPath(corpusFile: string): string {
	return `${corpusFile}.review.journal`;
}

export class Journal {
	private fd: number | undefined;

	constructor(private readonly file: string) {}

	/** Starts an empty journal for the file version `fingerprint`. */
	reset(fingerprint: Fingerprint): void {
		this.close();
		const header: Header = {journal: 1, fingerprint};
		fs.writeFileSync(this.file, `${JSON.stringify(header)}\n`);
		this.fd = fs.openSync(this.file, 'a');
	}

	append(entry: JournalEntry): void {
		if (this.fd === undefined) {
			return;
		}

		fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
		// The point of the journal is to survive a kill: flush each edit to disk.
		fs.fdatasyncSync(this.fd);
	}

	/** Removes the journal (a clean exit with nothing unsaved). */
	remove(): void {
		this.close();
		fs.rmSync(this.file, {force: true});
	}

	close(): void {
		if (this.fd !== undefined) {
			fs.closeSync(this.fd);
			this.fd = undefined;
		}
	}
}

export function entryFor(corpus: Corpus, record: EditRecord): JournalEntry {
	return {
		op: 'apply',
		description: record.description,
		sentence: record.sentence,
		token: record.token,
		changes: record.changes.map(change => [change.token, corpus.tags.text(change.before), corpus.tags.text(change.after)]),
	};
}

export type Recovery = {
	readonly entries: JournalEntry[];
	/** Edits that would be in effect after replaying (applies minus undos plus redos). */
	readonly pendingEdits: number;
};

/** Reads a journal left by a session that did not end cleanly; undefined if there is none or it has nothing to replay. */
export function readRecovery(file: string, fingerprint: Fingerprint): {recovery?: Recovery; problem?: string} {
	let lines: string[];
	try {
		lines = fs.readFileSync(file, 'utf8').split('\n').filter(line => line !== '');
	} catch {
		return {};
	}

	let header: Header;
	const entries: JournalEntry[] = [];
	try {
		header = JSON.parse(lines[0] ?? '') as Header;
		for (const line of lines.slice(1)) {
			entries.push(JSON.parse(line) as JournalEntry);
		}
	} catch {
		// A kill in the middle of a write can leave half a last line: replay what is whole.
		if (entries.length === 0) {
			return {problem: `${file} is unreadable: ignored`};
		}

		header = JSON.parse(lines[0]!) as Header;
	}

	if (header.journal !== 1 || !sameContent(header.fingerprint, fingerprint)) {
		return {problem: `${file} belongs to another version of the file: not replayed`};
	}

	let depth = 0;
	let redoable = 0;
	for (const entry of entries) {
		if (entry.op === 'apply') {
			depth++;
			redoable = 0;
		} else if (entry.op === 'undo' && depth > 0) {
			depth--;
			redoable++;
		} else if (entry.op === 'redo' && redoable > 0) {
			depth++;
			redoable--;
		}
	}

	return depth === 0 ? {} : {recovery: {entries, pendingEdits: depth}};
}

/** Replays journal entries into the session's history; stops (and says so) at the first entry that does not fit the file. */
export function replay(session: Session, entries: readonly JournalEntry[]): {replayed: number; problem?: string} {
	const {corpus} = session;
	let replayed = 0;
	for (const entry of entries) {
		if (entry.op === 'undo') {
			session.undo();
		} else if (entry.op === 'redo') {
			session.redo();
		} else {
			for (const [token, before] of entry.changes) {
				if (token >= corpus.tokenCount || corpus.tags.text(corpus.tagIds[token]!) !== before) {
					return {replayed, problem: `the journal does not fit the file at token ${token}: stopped after ${replayed} entries`};
				}
			}

			const changes = entry.changes.map(([token, before, after]) => ({token, before: corpus.tags.intern(before), after: corpus.tags.intern(after)}));
			session.history.apply(corpus, {changes, sentence: entry.sentence, token: entry.token, description: entry.description});
		}

		replayed++;
	}

	return {replayed};
}
