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
import {liveOwner} from './lock.js';
import {namesInBothPlaces} from './side-files.js';

export type UnsavedEdits =
	| {readonly kind: 'none'}
	| {readonly kind: 'problem'; readonly journal: string; readonly problem: string}
	/** `bytes`: the file with the edits that still match; `summary`: how many did, and which lines did not. */
	| {readonly kind: 'edits'; readonly journal: string; readonly bytes: Buffer; readonly summary: string; readonly recovered: number; readonly leftOut: number};

/** Where the journal of `corpusFile` may be: beside it, then in the state folder (read only: nothing is created). */
export function journalCandidates(corpusFile: string, env: NodeJS.ProcessEnv = process.env): string[] {
	const {beside, state} = namesInBothPlaces(corpusFile, env);
	return [beside.journal, state.journal];
}

/**
What the unsaved edits of the journal a session left belong to, when its header says: the tag column
they change (a file with two tag layers opens on that one) and the `--output` file they were saved
to. Only the header is read (a journal may be long, and this runs before the first frame); undefined
when there is no journal with entries, and for one that is no regular file or no JSON, whose
problem is named when it is read.
*/
export function journalScope(corpusFile: string, env: NodeJS.ProcessEnv = process.env): {readonly tagColumn?: number; readonly output?: string} | undefined {
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

			const header = JSON.parse(text.slice(0, end)) as {tagColumn?: unknown; output?: unknown};
			return {
				...(Number.isSafeInteger(header.tagColumn) && (header.tagColumn as number) >= 2 ? {tagColumn: header.tagColumn as number} : {}),
				...(typeof header.output === 'string' && header.output !== '' ? {output: header.output} : {}),
			};
		} catch {
			return undefined;
		} finally {
			fs.closeSync(fd);
		}
	}

	return undefined;
}

/** The journal's tag column when it is another of the file's tag layers than `format`'s: the layer its edits are in. */
export function otherLayerOf(scope: {readonly tagColumn?: number} | undefined, format: {readonly tagColumn: number; readonly tagColumns: readonly number[]}): number | undefined {
	const column = scope?.tagColumn;
	return column !== undefined && column !== format.tagColumn + 1 && format.tagColumns.includes(column - 1) ? column : undefined;
}

/** Whether a ner-review that still runs holds the file's lock: its journal is its own, not one left by a crash. */
export function journalOfLiveSession(corpusFile: string, env: NodeJS.ProcessEnv = process.env): boolean {
	const {beside, state} = namesInBothPlaces(corpusFile, env);
	return liveOwner(beside.lock) !== undefined || liveOwner(state.lock) !== undefined;
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
	const {text, recovered, unmatchedLines, overriddenLines} = summarize(plan);
	return {kind: 'edits', journal, bytes: serialize(corpus), summary: text, recovered, leftOut: unmatchedLines.length + overriddenLines.length};
}
