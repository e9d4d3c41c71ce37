/**
The journal's entries (the format is described in journal.ts): their types, the header, and the
entry an edit record becomes, made to verify itself on replay.
*/
import path from 'node:path';
import type {Corpus, EditRecord, FileIdentity, Session} from '../corpus/index.js';

export type JournalChange = {
	readonly token: number;
	readonly line: number;
	/** The start of the token's text (64 characters at most) and its whole length in bytes. */
	readonly text: string;
	readonly bytes: number;
	/** Hash of the token's sentence's text (Corpus.sentenceHash). */
	readonly sentence: string;
	readonly before: string;
	readonly after: string;
};

export type MarkKind = 'reviewed' | 'flagged';

export type JournalEntry =
	| {readonly op: 'apply'; readonly description: string; readonly sentence: number; readonly token: number; readonly changes: readonly JournalChange[]}
	| {readonly op: 'undo'}
	| {readonly op: 'redo'}
	| {readonly op: 'mark'; readonly sentence: number; readonly line: number; readonly hash: string; readonly mark: MarkKind; readonly on: boolean; readonly note?: string}
	| {readonly op: 'hash'; readonly sha256: string};

export type JournalHeader = {
	readonly journal: 2;
	readonly size: number;
	readonly mtimeMs: number;
	readonly ino: number;
	readonly sha256?: string;
	readonly pid: number;
	readonly since: number;
	/**
	The 1-based column whose tags the entries change: a file with two tag layers (GermEval) is edited
	one column at a time, and an edit replayed in the other one would change the wrong layer.
	Absent in journals written before it was recorded.
	*/
	readonly tagColumn?: number;
	/**
	The `--output OUT` the session saved to (its absolute path): its edits were made on OUT's tags and
	belong to OUT, not to the file. Absent for a session that saved to the file itself.
	*/
	readonly output?: string;
};

/** What a journal's edits belong to besides the file: its tag column, and an `--output` file. */
export type JournalScope = {readonly tagColumn: number; readonly output?: string};

/** The scope of a session's edits: the tag column it edits, and the `--output` file it saves to. */
export function scopeOf(session: Session): JournalScope {
	return {tagColumn: session.corpus.format.tagColumn + 1, output: session.options.output};
}

/** How much of a token's text an entry keeps: enough to tell tokens apart, never a 50 MB token. */
export const textChars = 64;

export function journalPath(corpusFile: string): string {
	return `${corpusFile}.review.journal`;
}

export function headerFor(identity: FileIdentity | undefined, sha256: string | undefined, scope: JournalScope): JournalHeader {
	const output = scope.output === undefined ? {} : {output: path.resolve(scope.output)};
	return {journal: 2, size: identity?.size ?? -1, mtimeMs: identity?.mtimeMs ?? 0, ino: identity?.ino ?? 0, ...(sha256 === undefined ? {} : {sha256}), pid: process.pid, since: Date.now(), tagColumn: scope.tagColumn, ...output};
}

export function entryFor(corpus: Corpus, record: EditRecord, sentenceHash: (sentence: number) => string): JournalEntry {
	return {
		op: 'apply',
		description: record.description,
		sentence: record.sentence,
		token: record.token,
		changes: record.changes.map(change => {
			const {text, bytes} = corpus.tokenTextHead(change.token, textChars);
			return {
				token: change.token,
				line: corpus.lineOf(change.token),
				text,
				bytes,
				sentence: sentenceHash(corpus.sentenceOf(change.token)),
				before: corpus.tags.text(change.before),
				after: corpus.tags.text(change.after),
			};
		}),
	};
}
