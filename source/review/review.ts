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
import {ContentHasher, type Corpus, type EditRecord, type FileIdentity, type Session, type SessionEvent} from '../corpus/index.js';
import type {Claim} from './claim.js';
import {ContentVersion} from './content-version.js';
import {headerFor, JournalWriter, netChanges, planRecovery, scopeOf, settledText, summarize, type JournalEntry, type RecoveryPlan} from './journal.js';
import {sentenceHashes} from './fingerprint.js';
import {flaggedBit, ReviewMarks, reviewedBit} from './marks.js';
import {setAside} from './records.js';
import {applyPlannedMarks, HeldJournal, replayEdits, settleJournal, type Recovery} from './review-recovery.js';
import {readSidecarFile, writeSidecarFile} from './sidecar.js';
import {restoreMarks, sidecarOf} from './sidecar-marks.js';
import {besideNames, type SideFiles} from './side-files.js';

export type {Recovery} from './review-recovery.js';

export type Position = {sentence: number; token: number};

export type ReviewOptions = {
	/** Where the review files are and whether this session may write them (claimCorpus); default: beside `file`, writable. */
	readonly claim?: Claim;
	/** The hash of the loaded content, computed in the background (one is made when absent). */
	readonly hasher?: ContentHasher;
	/** The file the bytes were read from (the input, or OUT when the session continues from it), for hashing off the main thread. */
	readonly loadedFrom?: string;
};

export class Review {
	readonly marks: ReviewMarks;
	/** Set when marks or position changed since the sidecar was written. */
	private pending = false;
	private position: Position = {sentence: 0, token: 0};
	/** Where the review files are (none: read-only, or no place to keep them). */
	readonly files: SideFiles | undefined;
	/** This session's journal (none when read-only or without review files). */
	private readonly journal: HeldJournal | undefined;
	private readonly version: ContentVersion;
	private sidecarBlocked = false;
	private sidecarProblemShown = false;
	/** This session made the sidecar (it was not there before): removed if the file turns out malformed. */
	private madeSidecar = false;
	private readonly notices: string[] = [];
	/** Sentence hashes of marked and edited sentences (and the position's), each made once. */
	private readonly hashOf: (sentence: number) => string;
	/** Called when a notice is added (the journal stopped, the lock was lost): the screen shows it. */
	onNotice?: (text: string) => void;

	constructor(
		private readonly session: Session,
		/** The corpus file the review files belong to. */
		file: string,
		options: ReviewOptions = {},
	) {
		this.marks = new ReviewMarks(session.corpus.sentenceCount);
		this.hashOf = sentenceHashes(session.corpus);
		this.version = new ContentVersion(session, options.hasher ?? new ContentHasher(session.corpus.bytes), options.loadedFrom);
		const claim = options.claim;
		this.files = claim === undefined ? besideNames(file) : claim.sideFiles;
		this.readOnly = claim?.readOnly;
		this.notKept = claim?.notKept;
		if (this.files !== undefined && this.readOnly === undefined) {
			this.journal = new HeldJournal(new JournalWriter(this.files.journal, () => headerFor(session.fileStamp, this.version.forHeader(), scopeOf(this.session)), problem => {
				this.addNotice(problem);
			}));
			const unusable = this.journal.readPrevious();
			if (unusable !== undefined) {
				this.addNotice(this.sideFileProblem(this.files.journal, unusable.problem, unusable.blocked, 'edits'));
			}
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
		this.version.start(hash => {
			this.journal?.writer.noteHash(hash);
		});
	}

	/** Why edits are not crash-safe any more this session (a full disk stopped the journal), until a save starts it again. */
	get journalProblem(): string | undefined {
		return this.journal?.writer.problem;
	}

	/** Another ner-review holds the file now: the journal is that session's to recover; this one writes no review file any more. */
	stopJournal(why: string): void {
		this.journal?.writer.stop(why);
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
		return this.journal?.writer.active ?? false;
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

		const {position, message} = restoreMarks(this.corpus, sidecar, this.version.now(), this.marks, sentence => this.hashOf(sentence));
		this.position = position;
		return {position, message};
	}

	/**
	A journal of unsaved edits left by a session that did not end cleanly, checked against the file
	(call once the corpus is fully indexed). A journal that cannot be trusted is set aside (the
	problem says where); one with nothing left to replay is removed.
	*/
	pendingRecovery(): {recovery?: Recovery; problem?: string} {
		const candidate = this.journal?.candidate;
		if (candidate === undefined || this.files === undefined) {
			return {};
		}

		const {plan, problem} = planRecovery(this.corpus, candidate.header, candidate.entries, this.version.now());
		if (plan === undefined) {
			const message = this.sideFileProblem(this.files.journal, problem!, false, 'edits');
			this.journal!.release();
			return {problem: message};
		}

		const summary = summarize(plan);
		const keepAside = summary.unmatchedLines.length + summary.overriddenLines.length > 0;
		// Nothing to ask about: edits all undone, cancelling out, or in effect already (saved just before the end, or made again). Marks come back at once.
		const cancelOut = !keepAside && summary.recovered > 0 && netChanges(this.corpus, plan) === 0;
		if (summary.total === 0 || (summary.recovered === 0 && !keepAside) || cancelOut) {
			this.applyMarks(plan);
			fs.rmSync(this.files.journal, {force: true});
			this.journal!.release();
			const settled = cancelOut ? `the previous session's ${summary.recovered} unsaved edits cancel out: nothing to recover` : settledText(summary);
			return settled === undefined ? {} : {problem: settled};
		}

		return {recovery: {plan, pendingEdits: summary.total, recoverable: summary.recovered, unmatchedLines: summary.unmatchedLines, others: summary.others, setAside: keepAside, summary: summary.text, since: candidate.header.since}};
	}

	/**
	Replays what still matches (as undoable edits) and restores the journaled marks. The old journal
	is replaced by one holding the replayed edits; when some did not match it is first set aside
	under a new name, which the message gives.
	*/
	recover(recovery: Recovery, onReplayed?: (records: readonly EditRecord[]) => void): string {
		const {plan} = recovery;
		const replayed = replayEdits(this.session, plan, sentence => this.hashOf(sentence));
		onReplayed?.(replayed.records);
		this.applyMarks(plan);
		const kept = this.files === undefined ? '' : settleJournal(this.files.journal, recovery.setAside);

		// The held entries were made first in this session; the replayed edits come after them in its history.
		this.journal?.release(replayed.entries, replayed.records);
		const {format} = this.corpus;
		const layer = format.tagColumns.length > 1 ? ` in the tags of column ${format.tagColumn + 1}` : '';
		return `${recovery.summary}${layer}${kept}${recovery.recoverable > 0 ? ': review them, then s to save' : ''}`;
	}

	/**
	Starts logging edits. With `fresh` (the user declined the recovery), the previous session's
	journal is removed now that the user has decided. The journal is otherwise already running.
	*/
	startJournal(fresh = true): void {
		const {journal} = this;
		if (fresh && journal?.candidate !== undefined) {
			// `n` discards the unsaved edits, not the review: the marks only the journal holds come back, as with `y`.
			const {plan} = planRecovery(this.corpus, journal.candidate.header, journal.candidate.entries, this.version.now());
			if (plan !== undefined) {
				this.applyMarks(plan);
			}

			journal.candidate = undefined;
			fs.rmSync(journal.writer.file, {force: true});
		}

		if (journal?.candidate === undefined) {
			journal?.release();
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

	/** Where the reviewer is, and the label bar's order once they have used it (kept from one session to the next). */
	moveTo(position: Position, labelOrder?: readonly string[]): void {
		const reordered = labelOrder !== undefined && this.marks.setLabelOrder(labelOrder);
		this.pending ||= reordered || position.sentence !== this.position.sentence || position.token !== this.position.token;
		this.position = position;
	}

	/**
	Writes the sidecar if anything changed. Cheap to call often. Waits (leaving it pending) while the
	content hash is still being computed, unless `now`.
	*/
	flush(now = false): void {
		if (!this.pending || this.files === undefined || this.readOnly !== undefined || this.sidecarBlocked || this.journal?.writer.stopped === true) {
			return;
		}

		const sha256 = this.version.known(now);
		if (sha256 === undefined) {
			return;
		}

		this.pending = false;
		const nothingToKeep = this.marks.reviewedCount === 0 && this.marks.flaggedCount === 0 && this.position.sentence === 0 && this.position.token === 0;
		const exists = fs.existsSync(this.files.sidecar);
		if (nothingToKeep && !exists) {
			// Opening a file to look at it leaves nothing behind.
			return;
		}

		this.madeSidecar ||= !exists;
		try {
			writeSidecarFile(this.files.sidecar, sidecarOf(this.corpus, this.marks, this.position, sha256, sentence => this.hashOf(sentence), this.session.options.output));
		} catch (error) {
			if (!this.sidecarProblemShown) {
				this.sidecarProblemShown = true;
				this.addNotice(`could not write ${this.files.sidecar} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): marks are not kept; reviewing and saving still work`);
			}
		}
	}

	/**
	Writes the sidecar and ends the journal. After a quit the user chose (`ended`: saved, or told to
	discard the edits) the journal goes; after a signal or a crash it stays for the next open. A
	previous session's journal not yet decided on always stays. The lock is released either way.
	`malformed`: the file turned out malformed while it was indexed in the background: no marks are
	written (a sidecar this session made goes), and only unsaved edits stay, in the journal, for once
	the file is fixed; returns a line saying so.
	*/
	close(ended: boolean, lock?: {release(): void}, malformed = false): string | undefined {
		try {
			if (malformed && this.madeSidecar && this.files !== undefined) {
				fs.rmSync(this.files.sidecar, {force: true});
			} else if (!malformed) {
				this.flush(true);
			}
		} catch {}

		// Marks are in the journal too: kept with the edits.
		const kept = malformed && this.journal?.writer.written === true ? `your unsaved edits and marks are kept in ${this.journal.writer.file}, offered again once the file is fixed` : undefined;
		if (kept === undefined && (ended || !this.session.dirty)) {
			this.journal?.writer.remove();
		} else {
			this.journal?.keepHeldAside(headerFor(this.session.fileStamp, this.version.hasher.digest, scopeOf(this.session)));
			this.journal?.writer.close();
		}

		lock?.release();
		return kept;
	}

	private onSessionEvent(event: SessionEvent) {
		switch (event.kind) {
			case 'apply':
			case 'undo':
			case 'redo': {
				this.journal?.recordEdit(event.kind, event.record, this.corpus, sentence => this.hashOf(sentence));
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
		this.version.saved(contentHash);
		// The marks made since the last flush are only in the journal, which the new one replaces: written first.
		this.pending = true;
		this.flush(true);
		this.journal?.restart(() => headerFor(identity, contentHash, scopeOf(this.session)));
	}

	private record(entry: JournalEntry) {
		this.journal?.record(entry);
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
				this.journal?.writer.restart(() => headerFor(this.session.fileStamp, undefined, scopeOf(this.session)));
				if (this.journal !== undefined) {
					this.journal.writer.problem = `${file} ${problem}`;
				}
			}

			this.notKept = `${consequence}: ${file} ${problem}`;
			return `${file} ${problem}: ${consequence}`;
		}

		if (this.readOnly !== undefined) {
			return `${file} ${problem}: ignored`;
		}

		const aside = setAside(file, 'unreadable');
		return `${file} ${problem}: ${aside === undefined ? 'ignored (it could not be set aside)' : `set aside as ${aside}`}`;
	}

	/** A line for the status line (the journal stopped, a review file set aside; from outside: the lock was lost). */
	addNotice(text: string) {
		this.notices.push(text);
		this.onNotice?.(text);
	}

	/** The journal's marks, written to the sidecar at once: the journal that held them is removed next. */
	private applyMarks(plan: RecoveryPlan) {
		if (applyPlannedMarks(this.marks, plan)) {
			this.pending = true;
			this.flush(true);
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
}
