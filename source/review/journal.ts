/**
The edit journal, `FILE.review.journal`: every edit, undo, redo and review mark appended (and
flushed) as it happens, so a session that dies without saving (kill -9, a dropped SSH connection,
a full disk later) can be replayed on the next open.

Each entry verifies itself: a tag change records the token's line, the start of its text and its
length, a hash of its sentence's text, and the tag before and after. Replay applies an edit only
where all of that still holds, so an edit lands on the exact token it was made on or not at all,
even when the file changed meanwhile (a line appended, a line moved), and names the edits that no
longer match. The first line names the version of the file the entries were written against (its
identity and, once hashed, its SHA-256); with the same content, tokens are found by number.

Format (JSON lines), version 2:
  {"journal":2,"size":N,"mtimeMs":N,"ino":N,"sha256":"…","pid":N,"since":N}
  {"op":"apply","description":"label PER","sentence":3,"token":17,"changes":[{"token":17,"line":45,"text":"Bonn","bytes":4,"sentence":"1x9ab","before":"O","after":"B-LOC"}]}
  {"op":"undo"} | {"op":"redo"}
  {"op":"mark","sentence":3,"line":40,"hash":"1x9ab","mark":"reviewed","on":true}
  {"op":"hash","sha256":"…"}   (the header's hash, when it was computed after the first entry)
A mark is an entry of its own today; when marks become undoable (they join the edit history), an
apply entry can carry `marks` beside `changes` and undo/redo keep meaning "the last apply".
*/
import fs from 'node:fs';
import type {Corpus, EditRecord, FileIdentity} from '../corpus/index.js';
import {isHash, isIndex, isLine, isNote, readSideFile, tagProblem} from './records.js';

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
};

/** How much of a token's text an entry keeps: enough to tell tokens apart, never a 50 MB token. */
const textChars = 64;

export function journalPath(corpusFile: string): string {
	return `${corpusFile}.review.journal`;
}

export function headerFor(identity: FileIdentity | undefined, sha256: string | undefined): JournalHeader {
	return {journal: 2, size: identity?.size ?? -1, mtimeMs: identity?.mtimeMs ?? 0, ino: identity?.ino ?? 0, ...(sha256 === undefined ? {} : {sha256}), pid: process.pid, since: Date.now()};
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

export type JournalRead =
	| {readonly kind: 'none'}
	/** Not a journal ner-review can use: set it aside. `blocked`: the path itself cannot be used (a symlink, a FIFO). */
	| {readonly kind: 'problem'; readonly problem: string; readonly blocked: boolean}
	| {readonly kind: 'ok'; readonly header: JournalHeader; readonly entries: readonly JournalEntry[]};

/** Reads and checks the shape of a journal left by an earlier session. */
export function readJournal(file: string): JournalRead {
	const read = readSideFile(file);
	if (read.text === undefined) {
		return 'missing' in read ? {kind: 'none'} : {kind: 'problem', problem: read.problem, blocked: true};
	}

	const lines = read.text.split('\n');
	// A kill in the middle of a write can leave half a last line (no line break after it): it is dropped.
	const last = lines.pop();
	if (last !== '' && last !== undefined && lines.length === 0) {
		return {kind: 'problem', problem: 'its first line is cut off', blocked: false};
	}

	if (lines.length === 0) {
		return {kind: 'none'};
	}

	const header = parseLine(lines[0]!);
	if (header === undefined || typeof header !== 'object' || header === null) {
		return {kind: 'problem', problem: 'line 1 is not JSON', blocked: false};
	}

	const problem = headerProblem(header as Record<string, unknown>);
	if (problem !== undefined) {
		return {kind: 'problem', problem: `line 1: ${problem}`, blocked: false};
	}

	const entries: JournalEntry[] = [];
	for (let index = 1; index < lines.length; index++) {
		const value = parseLine(lines[index]!);
		const entryProblem = value === undefined ? 'not JSON' : shapeProblem(value);
		if (entryProblem !== undefined) {
			return {kind: 'problem', problem: `line ${index + 1}: ${entryProblem}`, blocked: false};
		}

		entries.push(value as JournalEntry);
	}

	return {kind: 'ok', header: header as JournalHeader, entries};
}

function parseLine(line: string): unknown {
	try {
		return JSON.parse(line) as unknown;
	} catch {
		return undefined;
	}
}

function headerProblem(header: Record<string, unknown>): string | undefined {
	if (header['journal'] === 1) {
		return 'a journal of an older ner-review (it cannot be checked against the file)';
	}

	if (header['journal'] !== 2) {
		return 'not a ner-review journal';
	}

	if (!Number.isSafeInteger(header['size']) || !Number.isFinite(header['mtimeMs']) || !isIndex(header['ino']) || !isIndex(header['pid']) || !Number.isFinite(header['since'])) {
		return 'a header with missing or invalid fields';
	}

	if (header['sha256'] !== undefined && !isSha256(header['sha256'])) {
		return 'an invalid sha256';
	}

	return undefined;
}

function isSha256(value: unknown): value is string {
	return typeof value === 'string' && /^[\da-f]{64}$/.test(value);
}

function isShortText(value: unknown, max: number): value is string {
	return typeof value === 'string' && value.length <= max;
}

/** What is wrong with the shape of an entry (types and ranges; tags are checked against the corpus on replay). */
function shapeProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return 'not an entry';
	}

	const entry = value as Record<string, unknown>;
	switch (entry['op']) {
		case 'undo':
		case 'redo': {
			return undefined;
		}

		case 'hash': {
			return isSha256(entry['sha256']) ? undefined : 'an invalid sha256';
		}

		case 'mark': {
			return isIndex(entry['sentence']) && isLine(entry['line']) && isHash(entry['hash']) && (entry['mark'] === 'reviewed' || entry['mark'] === 'flagged') && typeof entry['on'] === 'boolean' && (entry['note'] === undefined || isNote(entry['note']))
				? undefined
				: 'a mark with missing or invalid fields';
		}

		case 'apply': {
			if (!isShortText(entry['description'], 1000) || !isIndex(entry['sentence']) || !isIndex(entry['token']) || !Array.isArray(entry['changes'])) {
				return 'an edit with missing or invalid fields';
			}

			for (const change of entry['changes'] as unknown[]) {
				const fields = change as Record<string, unknown>;
				if (typeof change !== 'object' || change === null
					|| !isIndex(fields['token']) || !isLine(fields['line']) || !isShortText(fields['text'], textChars * 2) || !isIndex(fields['bytes'])
					|| !isHash(fields['sentence']) || !isShortText(fields['before'], 1000) || !isShortText(fields['after'], 1000)) {
					return 'a tag change with missing or invalid fields';
				}
			}

			return undefined;
		}

		default: {
			return 'an unknown kind of entry';
		}
	}
}

/** One edit still in effect at the end of the journal, and whether it can be replayed. */
export type PlannedEdit = {
	readonly entry: Extract<JournalEntry, {op: 'apply'}>;
	/** The changes with the tokens they land on now; undefined when the edit no longer matches. */
	readonly changes?: ReadonlyArray<{readonly token: number; readonly before: string; readonly after: string}>;
	/** Every change is already in the file (a save that happened just before the crash). */
	readonly alreadySaved: boolean;
	/** The line to name when it does not match. */
	readonly line: number;
};

export type PlannedMark = {readonly sentence: number; readonly mark: MarkKind; readonly on: boolean; readonly note?: string};

export type RecoveryPlan = {
	readonly edits: readonly PlannedEdit[];
	readonly marks: readonly PlannedMark[];
	/** The journal was written against this very content (same SHA-256). */
	readonly sameContent: boolean;
};

/** Counts of a plan, and the one line that tells the user. */
export function summarize(plan: RecoveryPlan): {total: number; recovered: number; alreadySaved: number; unmatchedLines: number[]; text: string} {
	const total = plan.edits.length;
	const recovered = plan.edits.filter(edit => edit.changes !== undefined && !edit.alreadySaved).length;
	const alreadySaved = plan.edits.filter(edit => edit.alreadySaved).length;
	const unmatchedLines = plan.edits.filter(edit => edit.changes === undefined).map(edit => edit.line);
	const lines = unmatchedLines.length === 0 ? '' : `; ${unmatchedLines.length} no longer match${unmatchedLines.length === 1 ? 'es' : ''}: line${unmatchedLines.length === 1 ? '' : 's'} ${listLines(unmatchedLines)}`;
	const saved = alreadySaved === 0 ? '' : `; ${alreadySaved} already in the file`;
	const text = `${recovered} of ${total} edit${total === 1 ? '' : 's'} recovered${lines}${saved}`;
	return {total, recovered, alreadySaved, unmatchedLines, text};
}

function listLines(lines: readonly number[]): string {
	const shown = lines.slice(0, 8).join(', ');
	return lines.length > 8 ? `${shown} and ${lines.length - 8} more` : shown;
}

/**
Works out what replaying `entries` would do to `corpus`, without changing it: which edits are in
effect at the end (undo and redo resolved), which of them still match the file and where they
land, and which marks to restore. A value no journal of ner-review could hold (a tag that would
break a cell, a token beyond the end of the very content the journal claims) makes the whole
journal suspect: the answer is then a problem, and nothing of it is replayed.
*/
export function planRecovery(corpus: Corpus, header: JournalHeader, entries: readonly JournalEntry[], contentHash: string): {plan?: RecoveryPlan; problem?: string} {
	const journalHash = header.sha256 ?? (entries.find(entry => entry.op === 'hash') as {sha256: string} | undefined)?.sha256;
	const sameContent = journalHash === contentHash;
	const done: number[] = [];
	let undone: number[] = [];
	const marks: PlannedMark[] = [];
	const hashes = new Map<number, string>();
	const sentenceHash = (sentence: number) => {
		let hash = hashes.get(sentence);
		if (hash === undefined) {
			hash = corpus.sentenceHash(sentence);
			hashes.set(sentence, hash);
		}

		return hash;
	};

	for (const [index, entry] of entries.entries()) {
		switch (entry.op) {
			case 'apply': {
				for (const change of entry.changes) {
					const problem = tagProblem(change.after, corpus) ?? (corpus.tags.has(change.before) ? undefined : tagProblem(change.before, corpus));
					if (problem !== undefined) {
						return {problem: `an edit at line ${change.line} holds ${problem}`};
					}

					if (sameContent && change.token >= corpus.tokenCount) {
						return {problem: `an edit names token ${change.token}, beyond the ${corpus.tokenCount} tokens of the file it was written for`};
					}
				}

				done.push(index);
				undone = [];
				break;
			}

			case 'undo': {
				const last = done.pop();
				if (last !== undefined) {
					undone.push(last);
				}

				break;
			}

			case 'redo': {
				const last = undone.pop();
				if (last !== undefined) {
					done.push(last);
				}

				break;
			}

			case 'mark': {
				const sentence = sameContent ? entry.sentence : corpus.sentenceCount === 0 ? -1 : lastAtLine(corpus, entry.line);
				if (sentence >= 0 && sentence < corpus.sentenceCount && corpus.sentenceLine[sentence] === entry.line && sentenceHash(sentence) === entry.hash) {
					marks.push({sentence, mark: entry.mark, on: entry.on, note: entry.note});
				}

				break;
			}

			case 'hash': {
				break;
			}
		}
	}

	// The tags as the replay would leave them, edit after edit.
	const overlay = new Map<number, string>();
	const tagOf = (token: number) => overlay.get(token) ?? corpus.tags.text(corpus.tagIds[token]!);
	const edits: PlannedEdit[] = [];
	for (const index of done) {
		const entry = entries[index] as Extract<JournalEntry, {op: 'apply'}>;
		const landed: Array<{token: number; before: string; after: string}> = [];
		let matches = true;
		let saved = true;
		for (const change of entry.changes) {
			const token = sameContent ? change.token : corpus.tokenAtLine(change.line);
			if (token === undefined || token >= corpus.tokenCount) {
				matches = false;
				break;
			}

			const head = corpus.tokenTextHead(token, textChars);
			if (head.text !== change.text || head.bytes !== change.bytes || sentenceHash(corpus.sentenceOf(token)) !== change.sentence) {
				matches = false;
				break;
			}

			const current = tagOf(token);
			saved &&= current === change.after;
			if (current !== change.before && current !== change.after) {
				matches = false;
			}

			landed.push({token, before: change.before, after: change.after});
		}

		const line = entry.changes[0]?.line ?? 0;
		if (matches && saved) {
			edits.push({entry, changes: landed, alreadySaved: true, line});
		} else if (matches && landed.every(change => tagOf(change.token) === change.before)) {
			for (const change of landed) {
				overlay.set(change.token, change.after);
			}

			edits.push({entry, changes: landed, alreadySaved: false, line});
		} else {
			edits.push({entry, alreadySaved: false, line});
		}
	}

	return {plan: {edits, marks, sameContent}};
}

/** The sentence whose first line is `line`, or -1. */
function lastAtLine(corpus: Corpus, line: number): number {
	let low = 0;
	let high = corpus.sentenceCount - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const at = corpus.sentenceLine[middle]!;
		if (at === line) {
			return middle;
		}

		if (at < line) {
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}

	return -1;
}
