/**
A reviewer's progress on one corpus file: reviewed and flagged sentences and the position, kept
in the sidecar; and the journal of unsaved edits. Restores both when the same file is opened
again, and says what it kept when the file changed in between.

The journal starts with the session, not when indexing ends: an edit made while a large file is
still being indexed is journaled like any other. A journal left by a session that died is read at
once but replayed only when the user answers (and the whole file is indexed): until then it stays
as it was on disk, and the new session's entries wait in memory, to be written after it.

A read-only review (another ner-review edits the file) reads the sidecar to show the marks but
writes nothing: no journal, no sidecar, no file set aside.
*/
import fs from 'node:fs';
import {ContentHasher, type Corpus, type FileIdentity, type Session, type SessionEvent} from '../corpus/index.js';
import type {Claim} from './claim.js';
import {sentenceTextHash} from './fingerprint.js';
import {entryFor, headerFor, JournalWriter, planRecovery, readJournal, summarize, type JournalEntry, type JournalHeader, type RecoveryPlan} from './journal.js';
import {locatorByIndex, locatorByText} from './mark-locator.js';
import {flaggedBit, ReviewMarks, reviewedBit} from './marks.js';
import {setAside} from './records.js';
import {readSidecarFile, writeSidecarFile, type Sidecar} from './sidecar.js';
import {besideNames, type SideFiles} from './side-files.js';

export type Position = {sentence: number; token: number};

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

export type ReviewOptions = {
	/** Where the review files are and whether this session may write them (claimCorpus); default: beside `file`, writable. */
	readonly claim?: Claim;
	/** The hash of the loaded content, computed in the background (one is made when absent). */
	readonly hasher?: ContentHasher;
	/** The file the bytes were read from (the input, or OUT when the session continues from it), for hashing off the main thread. */
	readonly loadedFrom?: string;
};

/** A previous session's journal, read at open and not yet decided on. */
type Candidate = {header: JournalHeader; entries: readonly JournalEntry[]};

export class Review {
	readonly marks: ReviewMarks;
	/** Set when marks or position changed since the sidecar was written. */
	private pending = false;
	private position: Position = {sentence: 0, token: 0};
	/** Sentence hashes of marked sentences (and the position's). */
	private readonly hashes = new Map<number, string>();
	private readonly files: SideFiles | undefined;
	private readonly journal: JournalWriter | undefined;
	private readonly hasher: ContentHasher;
	private readonly loadedFrom: string | undefined;
	/** The content hash of the document as last saved, once a save happened (the loaded bytes are then out of date). */
	private savedHash: string | undefined;
	private candidate: Candidate | undefined;
	/** Entries made while a candidate waits for the user's answer. */
	private held: JournalEntry[] = [];
	private sidecarBlocked = false;
	private sidecarProblemShown = false;
	private readonly notices: string[] = [];
	/** Called when a notice is added (the journal stopped, the lock was lost): the screen shows it. */
	onNotice?: (text: string) => void;

	constructor(
		private readonly session: Session,
		/** The corpus file the review files belong to. */
		file: string,
		options: ReviewOptions = {},
	) {
		this.marks = new ReviewMarks(session.corpus.sentenceCount);
		this.hasher = options.hasher ?? new ContentHasher(session.corpus.bytes);
		this.loadedFrom = options.loadedFrom;
		const claim = options.claim;
		this.files = claim === undefined ? besideNames(file) : claim.sideFiles;
		this.readOnly = claim?.readOnly;
		this.notKept = claim?.notKept;
		if (this.files !== undefined && this.readOnly === undefined) {
			this.journal = new JournalWriter(this.files.journal, () => headerFor(session.fileStamp, this.hashForHeader()), problem => {
				this.notify(problem);
			});
			this.readPreviousJournal();
		}

		session.listener = event => {
			this.onSessionEvent(event);
		};
	}

	/**
	Hashes the loaded content in slices between frames (call after the first frame: the hash is not
	needed to show the file, only to match the review files to it).
	*/
	startHashing(): void {
		const {fileStamp} = this.session;
		// A large file is hashed by a worker thread, which reads it again: no slice of the main thread.
		const hashing = fileStamp !== undefined && this.loadedFrom !== undefined && this.corpus.bytes.length > 16 * 1024 * 1024
			? this.hasher.offMainThread(this.loadedFrom, fileStamp)
			: this.hasher.inBackground();
		void hashing.then(hash => {
			if (this.savedHash === undefined) {
				this.journal?.noteHash(hash);
			}
		});
	}

	/** A line for the status line from outside (the lock was lost). */
	addNotice(text: string): void {
		this.notify(text);
	}

	/** Why this review writes nothing (another ner-review edits the file), if it does not. */
	readonly readOnly: string | undefined;
	/** What is not kept this session (no journal, no marks) and why, for the status line. */
	notKept: string | undefined;

	get corpus(): Corpus {
		return this.session.corpus;
	}

	/** Notices gathered since the last call (the journal stopped, a review file set aside). */
	takeNotices(): string[] {
		return this.notices.splice(0);
	}

	/** Whether edits are being journaled right now (false: read-only, no review files, or the journal failed). */
	get journaling(): boolean {
		return this.journal?.active ?? false;
	}

	/**
	The content hash for a new journal's first line: finished at once for a file of up to 16 MB (16
	ms, at the first edit), otherwise only if the background slices are done (a `hash` entry follows).
	*/
	private hashForHeader(): string | undefined {
		return this.savedHash ?? (this.corpus.bytes.length <= 16 * 1024 * 1024 ? this.hasher.now() : this.hasher.digest);
	}

	/** The hash of the content the marks and journal refer to. */
	private get contentHash(): string {
		return this.savedHash ?? this.hasher.now();
	}

	/**
	Reads the sidecar (call once the corpus is fully indexed). Returns where to put the cursor and
	a message when something could not be kept as it was.
	*/
	restore(): {position?: Position; message?: string} {
		if (this.files === undefined) {
			return {};
		}

		const read = readSidecarFile(this.files.sidecar);
		if (read.problem !== undefined) {
			this.sidecarBlocked = read.blocked;
			return {message: this.sideFileProblem(this.files.sidecar, read.problem, read.blocked, 'marks')};
		}

		const {sidecar} = read;
		if (sidecar === undefined) {
			return {};
		}

		const unchanged = sidecar.version === 2 && sidecar.sha256 === this.contentHash;
		const hashOf = (sentence: number) => this.hashOf(sentence);
		const locate = unchanged ? locatorByIndex(this.corpus, hashOf) : locatorByText(this.corpus, hashOf, sidecar.version === 1 ? sentenceTextHash : undefined);
		let kept = 0;
		let total = 0;
		for (const [marks, bit] of [[sidecar.reviewed, reviewedBit], [sidecar.flagged, flaggedBit]] as const) {
			for (const mark of marks) {
				total++;
				const sentence = locate(mark);
				if (sentence !== undefined) {
					this.marks.set(sentence, bit, true);
					if (bit === flaggedBit) {
						this.marks.setNote(sentence, mark.note);
					}

					kept++;
				}
			}
		}

		const count = this.corpus.sentenceCount;
		const positionSentence = sidecar.position.hash === undefined || unchanged
			? Math.min(sidecar.position.sentence, count - 1)
			: locate({sentence: sidecar.position.sentence, hash: sidecar.position.hash}) ?? 0;
		const token = Math.max(0, Math.min(sidecar.position.token, this.corpus.sentenceLength(positionSentence) - 1));
		this.position = {sentence: Math.max(0, positionSentence), token};
		const message = unchanged ? undefined : `the corpus changed since the last review: kept ${kept} of ${total} marks (matched by sentence text)`;
		return {position: this.position, message};
	}

	/**
	A journal of unsaved edits left by a session that did not end cleanly, checked against the file
	(call once the corpus is fully indexed). A journal that cannot be trusted is set aside (the
	problem says where); one with nothing left to replay is removed.
	*/
	pendingRecovery(): {recovery?: Recovery; problem?: string} {
		const {candidate} = this;
		if (candidate === undefined || this.files === undefined) {
			return {};
		}

		const {plan, problem} = planRecovery(this.corpus, candidate.header, candidate.entries, this.contentHash);
		if (plan === undefined) {
			this.candidate = undefined;
			const message = this.sideFileProblem(this.files.journal, problem!, false, 'edits');
			this.releaseHeld();
			return {problem: message};
		}

		const summary = summarize(plan);
		if (summary.total === 0 || summary.recovered + summary.unmatchedLines.length === 0) {
			// Nothing to ask about: edits all undone, or all in the file already (saved just before the end). Marks come back at once.
			this.applyMarks(plan);
			this.candidate = undefined;
			fs.rmSync(this.files.journal, {force: true});
			this.releaseHeld();
			return summary.alreadySaved > 0 ? {problem: `the previous session's ${summary.alreadySaved} edit${summary.alreadySaved === 1 ? ' is' : 's are'} already in the file`} : {};
		}

		return {recovery: {plan, pendingEdits: summary.total, recoverable: summary.recovered, unmatchedLines: summary.unmatchedLines, summary: summary.text, since: candidate.header.since}};
	}

	/**
	Replays what still matches (as undoable edits) and restores the journaled marks. The old journal
	is replaced by one holding the replayed edits; when some did not match it is first set aside
	under a new name, which the message gives.
	*/
	recover(recovery: Recovery): string {
		const {plan} = recovery;
		const replayed: JournalEntry[] = [];
		const {corpus} = this.session;
		for (const edit of plan.edits) {
			if (edit.changes === undefined || edit.alreadySaved) {
				continue;
			}

			const changes = edit.changes.map(change => ({token: change.token, before: corpus.tags.intern(change.before), after: corpus.tags.intern(change.after)}));
			const record = this.session.history.apply(corpus, {changes, sentence: corpus.sentenceOf(changes[0]!.token), token: changes[0]!.token - corpus.sentenceStart[corpus.sentenceOf(changes[0]!.token)]!, description: edit.entry.description});
			if (record !== undefined) {
				replayed.push(entryFor(corpus, record, sentence => this.hashOf(sentence)));
			}
		}

		this.applyMarks(plan);
		let kept = '';
		if (recovery.unmatchedLines.length > 0 && this.files !== undefined) {
			const aside = setAside(this.files.journal, 'unmatched');
			kept = aside === undefined ? '' : ` (the whole journal is kept as ${aside})`;
		} else if (this.files !== undefined) {
			fs.rmSync(this.files.journal, {force: true});
		}

		this.candidate = undefined;
		// The held entries were made first in this session; the replayed edits come after them in its history.
		const held = this.held;
		this.held = [];
		this.journal?.appendAll([...held, ...replayed]);
		return `${recovery.summary}${kept}${recovery.recoverable > 0 ? ': review them, then s to save' : ''}`;
	}

	/**
	Starts logging edits. With `fresh` (the user declined the recovery), the previous session's
	journal is removed now that the user has decided. The journal is otherwise already running.
	*/
	startJournal(fresh = true): void {
		if (fresh && this.candidate !== undefined && this.files !== undefined) {
			this.candidate = undefined;
			fs.rmSync(this.files.journal, {force: true});
		}

		if (this.candidate === undefined) {
			this.releaseHeld();
		}
	}

	isReviewed(sentence: number): boolean {
		return this.marks.has(sentence, reviewedBit);
	}

	isFlagged(sentence: number): boolean {
		return this.marks.has(sentence, flaggedBit);
	}

	setReviewed(sentence: number, on: boolean): void {
		this.mark(sentence, reviewedBit, on);
	}

	/** Flags (with the reviewer's reason, if any) or unflags a sentence. */
	setFlagged(sentence: number, on: boolean, note?: string): void {
		const changed = this.marks.noteOf(sentence) !== (on ? note : undefined);
		this.marks.setNote(sentence, on ? note : undefined);
		this.mark(sentence, flaggedBit, on, changed ? note : undefined);
	}

	toggleFlag(sentence: number): boolean {
		const on = !this.isFlagged(sentence);
		this.mark(sentence, flaggedBit, on);
		return on;
	}

	moveTo(position: Position): void {
		if (position.sentence !== this.position.sentence || position.token !== this.position.token) {
			this.position = position;
			this.pending = true;
		}
	}

	/**
	Writes the sidecar if anything changed. Cheap to call often. Waits (leaving it pending) while the
	content hash is still being computed, unless `now`.
	*/
	flush(now = false): void {
		if (!this.pending || this.files === undefined || this.readOnly !== undefined || this.sidecarBlocked) {
			return;
		}

		const sha256 = this.savedHash ?? (now ? this.hasher.now() : this.hasher.digest);
		if (sha256 === undefined) {
			return;
		}

		this.pending = false;
		const nothingToKeep = this.marks.reviewedCount === 0 && this.marks.flaggedCount === 0 && this.position.sentence === 0 && this.position.token === 0;
		if (nothingToKeep && !fs.existsSync(this.files.sidecar)) {
			// Opening a file to look at it leaves nothing behind.
			return;
		}

		const marks = (bit: number) => this.marks.list(bit).filter(sentence => sentence < this.corpus.sentenceCount).map(sentence => {
			const note = bit === flaggedBit ? this.marks.noteOf(sentence) : undefined;
			return note === undefined ? {sentence, hash: this.hashOf(sentence)} : {sentence, hash: this.hashOf(sentence), note};
		});
		const sidecar: Sidecar = {
			version: 2,
			sha256,
			position: {...this.position, hash: this.hashOf(this.position.sentence)},
			reviewed: marks(reviewedBit),
			flagged: marks(flaggedBit),
		};
		try {
			writeSidecarFile(this.files.sidecar, sidecar);
		} catch (error) {
			if (!this.sidecarProblemShown) {
				this.sidecarProblemShown = true;
				this.notify(`could not write ${this.files.sidecar} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): marks are not kept; reviewing and saving still work`);
			}
		}
	}

	/**
	Writes the sidecar and ends the journal. After a quit the user chose (`ended`: saved, or told to
	discard the edits) the journal goes; after a signal or a crash it stays for the next open. A
	previous session's journal not yet decided on always stays. The lock is released either way.
	*/
	close(ended: boolean, lock?: {release(): void}): void {
		try {
			this.flush(true);
		} catch {}

		if (ended || !this.session.dirty) {
			this.journal?.remove();
		} else {
			if (this.held.length > 0 && this.candidate !== undefined) {
				// Edits made before the recovery was answered: kept beside the old journal rather than lost.
				this.keepHeldAside();
			}

			this.journal?.close();
		}

		lock?.release();
	}

	private onSessionEvent(event: SessionEvent) {
		switch (event.kind) {
			case 'apply': {
				this.record(entryFor(this.corpus, event.record, sentence => this.hashOf(sentence)));
				break;
			}

			case 'undo':
			case 'redo': {
				this.record({op: event.kind});
				break;
			}

			case 'saved': {
				this.onSaved(event.identity, event.contentHash);
				break;
			}
		}
	}

	/** The file on disk holds every edit now: a new version, so the next edit starts a new journal. */
	private onSaved(identity: FileIdentity, contentHash: string) {
		this.savedHash = contentHash;
		this.journal?.restart(() => headerFor(identity, contentHash));
		this.pending = true;
	}

	private record(entry: JournalEntry) {
		if (this.candidate === undefined) {
			this.journal?.append(entry);
		} else {
			this.held.push(entry);
		}
	}

	private releaseHeld() {
		const held = this.held;
		this.held = [];
		this.journal?.appendAll(held);
	}

	private keepHeldAside() {
		if (this.files === undefined) {
			return;
		}

		try {
			const aside = `${this.files.journal}.unanswered-${process.pid}`;
			const header = headerFor(this.session.fileStamp, this.hasher.digest);
			fs.writeFileSync(aside, [header, ...this.held].map(entry => `${JSON.stringify(entry)}\n`).join(''), {flag: 'wx'});
		} catch {}
	}

	/** Reads the journal a previous session left; sets aside one that cannot be read. */
	private readPreviousJournal() {
		const file = this.files!.journal;
		const read = readJournal(file);
		if (read.kind === 'none') {
			if (fs.existsSync(file)) {
				// An empty journal (a session that died before its first entry was flushed): nothing to lose.
				fs.rmSync(file, {force: true});
			}

			return;
		}

		if (read.kind === 'problem') {
			this.notify(this.sideFileProblem(file, read.problem, read.blocked, 'edits'));
			return;
		}

		this.candidate = {header: read.header, entries: read.entries};
	}

	/**
	One line for a review file that cannot be used. A regular file is set aside under a new name
	(kept, never deleted); a path that is not one (a symlink, a FIFO) is left alone, and the journal
	or the marks are not kept this session.
	*/
	private sideFileProblem(file: string, problem: string, blocked: boolean, what: 'edits' | 'marks'): string {
		if (blocked) {
			const consequence = what === 'edits' ? 'edits are not journaled this session' : 'marks are not kept this session';
			if (what === 'edits') {
				this.journal?.restart(() => headerFor(this.session.fileStamp, undefined));
				this.stopJournal(`${file} ${problem}`);
			}

			this.notKept = `${consequence}: ${file} ${problem}`;
			return `${file} ${problem}: ${consequence}`;
		}

		if (this.readOnly !== undefined) {
			return `${file} ${problem}: ignored`;
		}

		const aside = setAside(file, 'unreadable');
		return aside === undefined
			? `${file} ${problem}: ignored (it could not be set aside)`
			: `${file} ${problem}: set aside as ${aside}`;
	}

	private stopJournal(why: string) {
		if (this.journal !== undefined) {
			this.journal.problem = why;
		}
	}

	private notify(text: string) {
		this.notices.push(text);
		this.onNotice?.(text);
	}

	private applyMarks(plan: RecoveryPlan) {
		for (const {sentence, mark, on, note} of plan.marks) {
			this.marks.set(sentence, mark === 'reviewed' ? reviewedBit : flaggedBit, on);
			if (mark === 'flagged') {
				this.marks.setNote(sentence, on ? note : undefined);
			}

			this.pending = true;
		}
	}

	private mark(sentence: number, bit: number, on: boolean, note?: string) {
		if (this.marks.has(sentence, bit) === on && note === undefined) {
			return;
		}

		this.marks.set(sentence, bit, on);
		this.pending = true;
		this.record({op: 'mark', sentence, line: this.corpus.sentenceLine[sentence]!, hash: this.hashOf(sentence), mark: bit === reviewedBit ? 'reviewed' : 'flagged', on, ...(note === undefined ? {} : {note})});
	}

	private hashOf(sentence: number): string {
		let hash = this.hashes.get(sentence);
		if (hash === undefined) {
			hash = this.corpus.sentenceHash(sentence);
			this.hashes.set(sentence, hash);
		}

		return hash;
	}
}
