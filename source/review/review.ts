/**
A reviewer's progress on one corpus file: reviewed and flagged sentences and the position, kept
in the sidecar; and the journal of unsaved edits. Restores both when the same file is opened
again, and says what it kept when the file changed in between.
*/
import fs from 'node:fs';
import type {Corpus, FileStamp, Session} from '../corpus/index.js';
import {fingerprintOf, fingerprintOfFile, sameContent, sentenceTextHash, type Fingerprint} from './fingerprint.js';
import {entryFor, Journal, journalPath, readRecovery, replay, type Recovery} from './journal.js';
import {flaggedBit, ReviewMarks, reviewedBit} from './marks.js';
import {readSidecar, sidecarPath, writeSidecar, type Sidecar, type SidecarMark} from './sidecar.js';

export type Position = {sentence: number; token: number};

export class Review {
	readonly marks: ReviewMarks;
	/** Set when marks or position changed since the sidecar was written. */
	private pending = false;
	private position: Position = {sentence: 0, token: 0};
	private readonly hashes = new Map<number, string>();
	private readonly journal: Journal;
	/** The loaded version's fingerprint, hashed on first use: the first frame does not wait for it. */
	private knownFingerprint?: Fingerprint;
	/** The file's stamp when it was loaded; a save changes the session's. */
	private readonly stampAtLoad: FileStamp | undefined;

	constructor(
		private readonly session: Session,
		/** The corpus file the sidecar and journal sit beside. */
		private readonly file: string,
	) {
		this.marks = new ReviewMarks(session.corpus.sentenceCount);
		this.journal = new Journal(journalPath(file));
		this.stampAtLoad = session.fileStamp;
	}

	private get fingerprint(): Fingerprint {
		this.knownFingerprint ??= fingerprintOf(this.session.corpus.bytes, this.stampAtLoad);
		return this.knownFingerprint;
	}

	private set fingerprint(fingerprint: Fingerprint) {
		this.knownFingerprint = fingerprint;
	}

	get corpus(): Corpus {
		return this.session.corpus;
	}

	/**
	Reads the sidecar (call once the corpus is fully indexed). Returns where to put the cursor and
	a message when something could not be kept as it was.
	*/
	restore(): {position?: Position; message?: string} {
		const {sidecar, problem} = readSidecar(this.file);
		if (sidecar === undefined) {
			return {message: problem};
		}

		const unchanged = sameContent(sidecar.fingerprint, this.fingerprint);
		const locate = unchanged ? (mark: SidecarMark) => (mark.sentence < this.corpus.sentenceCount ? mark.sentence : undefined) : this.locatorByText();
		let kept = 0;
		let total = 0;
		for (const [marks, bit] of [[sidecar.reviewed, reviewedBit], [sidecar.flagged, flaggedBit]] as const) {
			for (const mark of marks) {
				total++;
				const sentence = locate(mark);
				if (sentence !== undefined) {
					this.marks.set(sentence, bit, true);
					this.hashes.set(sentence, mark.hash);
					kept++;
				}
			}
		}

		const positionSentence = sidecar.position.hash === undefined || unchanged
			? Math.min(sidecar.position.sentence, this.corpus.sentenceCount - 1)
			: locate({sentence: sidecar.position.sentence, hash: sidecar.position.hash}) ?? 0;
		const token = Math.min(sidecar.position.token, this.corpus.sentenceLength(positionSentence) - 1);
		this.position = {sentence: positionSentence, token};
		const message = unchanged ? undefined : `the corpus changed since the last review: kept ${kept} of ${total} marks (matched by sentence text)`;
		return {position: this.position, message};
	}

	/** A journal of unsaved edits left by a session that did not end cleanly, if any. */
	pendingRecovery(): {recovery?: Recovery; problem?: string} {
		return readRecovery(journalPath(this.file), this.fingerprint);
	}

	/** Replays the journal (keeping it: it still describes the unsaved edits) and starts logging. */
	recover(recovery: Recovery): string {
		const {replayed, problem} = replay(this.session, recovery.entries);
		this.startJournal(false);
		return problem ?? `recovered ${recovery.pendingEdits} unsaved edit${recovery.pendingEdits === 1 ? '' : 's'} (${replayed} journal entries): review them, then s to save`;
	}

	/** Starts logging edits to the journal; `fresh` discards an old journal first. */
	startJournal(fresh = true): void {
		if (fresh) {
			this.journal.reset(this.fingerprint);
		}

		this.session.listener = event => {
			switch (event.kind) {
				case 'apply': {
					this.journal.append(entryFor(this.corpus, event.record));
					break;
				}

				case 'undo':
				case 'redo': {
					this.journal.append({op: event.kind});
					break;
				}

				case 'saved': {
					// The file on disk now holds every edit: a new version, a new empty journal.
					this.fingerprint = fingerprintOfFile(this.file) ?? this.fingerprint;
					this.journal.reset(this.fingerprint);
					this.pending = true;
					break;
				}
			}
		};
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

	setFlagged(sentence: number, on: boolean): void {
		this.mark(sentence, flaggedBit, on);
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

	/** Writes the sidecar if anything changed. Cheap to call often. */
	flush(): void {
		if (!this.pending) {
			return;
		}

		this.pending = false;
		const nothingToKeep = this.marks.reviewedCount === 0 && this.marks.flaggedCount === 0 && this.position.sentence === 0 && this.position.token === 0;
		if (nothingToKeep && !fs.existsSync(sidecarPath(this.file))) {
			// Opening a file to look at it leaves nothing behind.
			return;
		}

		const marks = (bit: number) => this.marks.list(bit).map(sentence => ({sentence, hash: this.hashOf(sentence)}));
		const sidecar: Sidecar = {
			version: 1,
			fingerprint: this.fingerprint,
			position: {...this.position, hash: this.hashOf(this.position.sentence)},
			reviewed: marks(reviewedBit),
			flagged: marks(flaggedBit),
		};
		try {
			writeSidecar(this.file, sidecar);
		} catch {
			// A read-only folder: the review state cannot be kept, but reviewing and saving still work.
		}
	}

	/**
	Writes the sidecar and ends the journal. After a quit the user chose (`ended`: saved, or told to
	discard the edits) the journal goes; after a signal or a crash it stays for the next open.
	*/
	close(ended: boolean): void {
		this.flush();
		if (ended || !this.session.dirty) {
			this.journal.remove();
		} else {
			this.journal.close();
		}
	}

	private mark(sentence: number, bit: number, on: boolean) {
		this.marks.set(sentence, bit, on);
		this.hashOf(sentence);
		this.pending = true;
	}

	private hashOf(sentence: number): string {
		let hash = this.hashes.get(sentence);
		if (hash === undefined) {
			hash = sentenceTextHash(this.corpus.sentenceTexts(sentence));
			this.hashes.set(sentence, hash);
		}

		return hash;
	}


	/** Finds marked sentences by the hash of their text, near their old index first. */
	private locatorByText(): (mark: SidecarMark) => number | undefined {
		const byHash = new Map<string, number[]>();
		for (let sentence = 0; sentence < this.corpus.sentenceCount; sentence++) {
			const hash = this.hashOf(sentence);
			const list = byHash.get(hash);
			if (list === undefined) {
				byHash.set(hash, [sentence]);
			} else {
				list.push(sentence);
			}
		}

		return mark => {
			const candidates = byHash.get(mark.hash);
			if (candidates === undefined) {
				return undefined;
			}

			return candidates.reduce((best, sentence) => (Math.abs(sentence - mark.sentence) < Math.abs(best - mark.sentence) ? sentence : best));
		};
	}
}
