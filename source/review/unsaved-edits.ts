/**
The edits a session has not saved, read from the journal without touching it (for
`ner-review diff --unsaved FILE`): the journal is matched against FILE as recovery would match it,
and the edits that still match are applied to an in-memory copy, whose bytes are what the file
would be after `y` to "recover" and `s`.
*/
import fs from 'node:fs';
import {contentHashOf, History, serialize, type Corpus} from '../corpus/index.js';
import {readJournal} from './journal-read.js';
import {applyPlannedEdits, planRecovery, summarize} from './journal-recovery.js';
import {namesInBothPlaces} from './side-files.js';

export type UnsavedEdits =
	| {readonly kind: 'none'}
	| {readonly kind: 'problem'; readonly journal: string; readonly problem: string}
	/** `bytes`: the file with the edits that still match; `summary`: how many did, and which lines did not. */
	| {readonly kind: 'edits'; readonly journal: string; readonly bytes: Buffer; readonly summary: string; readonly recovered: number};

/** Where the journal of `corpusFile` may be: beside it, then in the state folder (read only: nothing is created). */
export function journalCandidates(corpusFile: string, env: NodeJS.ProcessEnv = process.env): string[] {
	const {beside, state} = namesInBothPlaces(corpusFile, env);
	return [beside.journal, state.journal];
}

/**
The column whose tags the journal a session left changes (1-based), when its header says: a file with
two tag layers opens on the one its unsaved edits are in. Only the header is read (a journal may be
long, and this runs before the first frame); a journal that is no regular file says nothing here,
and its problem is named when it is read.
*/
export function journalTagColumn(corpusFile: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
	for (const journal of journalCandidates(corpusFile, env)) {
		let fd: number;
		try {
			fd = fs.openSync(journal, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
		} catch {
			continue;
		}

		try {
			if (!fs.fstatSync(fd).isFile()) {
				return undefined;
			}

			const start = Buffer.alloc(4096);
			const text = start.subarray(0, fs.readSync(fd, start, 0, start.length, 0)).toString('utf8');
			const end = text.indexOf('\n');
			if (end < 0 || end + 1 >= text.length) {
				// A header alone: nothing unsaved to follow.
				return undefined;
			}

			const header = JSON.parse(text.slice(0, end)) as {tagColumn?: unknown};
			return Number.isSafeInteger(header.tagColumn) && (header.tagColumn as number) >= 2 ? header.tagColumn as number : undefined;
		} catch {
			return undefined;
		} finally {
			fs.closeSync(fd);
		}
	}

	return undefined;
}

/** Applies the journal's edits that still match to `corpus` (the file as loaded; its tags are changed in memory only). */
export function unsavedEdits(corpusFile: string, corpus: Corpus, env: NodeJS.ProcessEnv = process.env): UnsavedEdits {
	const journal = journalCandidates(corpusFile, env).find(candidate => fs.existsSync(candidate));
	if (journal === undefined) {
		return {kind: 'none'};
	}

	const read = readJournal(journal);
	if (read.kind === 'none') {
		return {kind: 'none'};
	}

	if (read.kind === 'problem') {
		return {kind: 'problem', journal, problem: read.problem};
	}

	const {plan, problem} = planRecovery(corpus, read.header, read.entries, contentHashOf(corpus.bytes));
	if (plan === undefined) {
		return {kind: 'problem', journal, problem: problem ?? 'it cannot be matched to the file'};
	}

	applyPlannedEdits(corpus, new History(), plan);
	const {text, recovered} = summarize(plan);
	return {kind: 'edits', journal, bytes: serialize(corpus), summary: text, recovered};
}
