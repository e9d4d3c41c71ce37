/**
Matching a journal's entries against the file as it is now: which edits are still in effect, where
they land (or that they no longer match), and which marks come back.
*/
import {lastAtOrBefore, type Corpus, type EditRecord, type History} from '../corpus/index.js';
import {textChars, type JournalEntry, type JournalHeader, type MarkKind} from './journal-entries.js';
import {sentenceHashes} from './fingerprint.js';
import {locatorByText, type MarkLocator} from './mark-locator.js';
import {tagProblem} from './records.js';

/** One edit still in effect at the end of the journal, and whether it can be replayed. */
export type PlannedEdit = {
	readonly entry: Extract<JournalEntry, {op: 'apply'}>;
	/** The changes with the tokens they land on now; undefined when the edit no longer matches. */
	readonly changes?: ReadonlyArray<{readonly token: number; readonly before: string; readonly after: string}>;
	/** Every change is already in the file (a save that happened just before the crash). */
	readonly alreadySaved: boolean;
	/** The line to name when it does not match. */
	readonly line: number;
	/**
	What makes it in effect already, or keeps it from matching, is this session's own edit of a token
	(made before the question was answered: a large file asks once indexed), not the file.
	*/
	readonly thisSession?: boolean;
};

export type PlannedMark = {readonly sentence: number; readonly mark: MarkKind; readonly on: boolean; readonly note?: string};

export type RecoveryPlan = {
	readonly edits: readonly PlannedEdit[];
	readonly marks: readonly PlannedMark[];
	/** The journal was written against this very content (same SHA-256). */
	readonly sameContent: boolean;
};

export type RecoverySummary = {
	readonly total: number;
	readonly recovered: number;
	readonly alreadySaved: number;
	/** Edits that no longer match the file (it changed). */
	readonly unmatchedLines: number[];
	/** Edits this session's own edits changed the tokens of (not replayed either). */
	readonly overriddenLines: number[];
	/** What became of the edits that are neither replayed nor unmatched, in words (`1 already in the file`). */
	readonly others: string[];
	/** "3 of 5 edits recovered; 2 no longer match: lines 812, 990". */
	readonly text: string;
};

/** Counts of a plan, and the one line that tells the user. */
export function summarize(plan: RecoveryPlan): RecoverySummary {
	const {edits} = plan;
	const total = edits.length;
	const recovered = edits.filter(edit => edit.changes !== undefined && !edit.alreadySaved).length;
	const alreadySaved = edits.filter(edit => edit.alreadySaved).length;
	const madeAgain = edits.filter(edit => edit.alreadySaved && edit.thisSession === true).length;
	const unmatchedLines = edits.filter(edit => edit.changes === undefined && edit.thisSession !== true).map(edit => edit.line);
	const overriddenLines = edits.filter(edit => edit.changes === undefined && edit.thisSession === true).map(edit => edit.line);
	const lines = unmatchedLines.length === 0 ? '' : `; ${unmatchedLines.length} no longer match${unmatchedLines.length === 1 ? 'es' : ''}: line${unmatchedLines.length === 1 ? '' : 's'} ${listLines(unmatchedLines)}`;
	const others = [
		...(alreadySaved > madeAgain ? [`${alreadySaved - madeAgain} already in the file`] : []),
		// Made again before the question (QA: such an edit was said to be in the file, which was untouched).
		...(madeAgain > 0 ? [`${madeAgain} already among this session's edits (not saved yet)`] : []),
		...(overriddenLines.length > 0 ? [`${overriddenLines.length} changed otherwise by this session's edits: line${overriddenLines.length === 1 ? '' : 's'} ${listLines(overriddenLines)}`] : []),
	];
	const text = `${recovered} of ${total} edit${total === 1 ? '' : 's'} recovered${lines}${others.map(other => `; ${other}`).join('')}`;
	return {total, recovered, alreadySaved, unmatchedLines, overriddenLines, others, text};
}

/**
What the status line says when nothing is left to replay and every edit is in effect already: in
the file (a save just before the end), or made again in this session before the question.
*/
export function settledText(summary: RecoverySummary): string | undefined {
	if (summary.alreadySaved === 0) {
		return undefined;
	}

	const edits = `the previous session's ${summary.alreadySaved} edit${summary.alreadySaved === 1 ? '' : 's'}`;
	return summary.others.length === 1 ? `${edits} ${summary.alreadySaved === 1 ? 'is' : 'are'} ${summary.others[0]!.replace(/^\d+ /, '')}` : `${edits}: ${summary.others.join('; ')}`;
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
	const column = corpus.format.tagColumn + 1;
	if (header.tagColumn !== undefined && header.tagColumn !== column) {
		return {problem: `holds edits of the tags in column ${header.tagColumn}, and this session edits column ${column} (open the file with --tag-column ${header.tagColumn} to recover them)`};
	}

	const journalHash = header.sha256 ?? (entries.find(entry => entry.op === 'hash') as {sha256: string} | undefined)?.sha256;
	const sameContent = journalHash === contentHash;
	const done: number[] = [];
	let undone: number[] = [];
	const marks: PlannedMark[] = [];
	const sentenceHash = sentenceHashes(corpus);
	let byText: MarkLocator | undefined;

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
				} else {
					// The file changed where lines moved (a sentence inserted above): a mark goes to its sentence by
					// text, nearest its old place, as the sidecar's marks do; an edit, which names tags, does not.
					byText ??= locatorByText(corpus, sentenceHash);
					const found = byText({sentence: entry.sentence, hash: entry.hash});
					if (found !== undefined) {
						marks.push({sentence: found, mark: entry.mark, on: entry.on, note: entry.note});
					}
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
		// An edit that no longer matches is named by the line where it stops matching (a relabel of many
		// sentences by its first line sent the reviewer to a line nothing had changed).
		let failedLine: number | undefined;
		// A token this session changed before the question, which made the edit in effect or kept it from matching.
		let thisSession = false;
		let failedText = false;
		for (const change of entry.changes) {
			const token = sameContent ? change.token : corpus.tokenAtLine(change.line);
			if (token === undefined || token >= corpus.tokenCount) {
				matches = false;
				failedText = true;
				failedLine = change.line;
				break;
			}

			const head = corpus.tokenTextHead(token, textChars);
			if (head.text !== change.text || head.bytes !== change.bytes || sentenceHash(corpus.sentenceOf(token)) !== change.sentence) {
				matches = false;
				failedText = true;
				failedLine = change.line;
				break;
			}

			const current = tagOf(token);
			saved &&= current === change.after;
			thisSession ||= current !== change.before && corpus.editedSinceLoad(token);
			if (current !== change.before && current !== change.after) {
				matches = false;
				failedLine ??= change.line;
			}

			landed.push({token, before: change.before, after: change.after});
		}

		const line = failedLine ?? entry.changes[0]?.line ?? 0;
		if (matches && saved) {
			edits.push({entry, changes: landed, alreadySaved: true, line, thisSession});
		} else if (matches && landed.every(change => tagOf(change.token) === change.before)) {
			for (const change of landed) {
				overlay.set(change.token, change.after);
			}

			edits.push({entry, changes: landed, alreadySaved: false, line});
		} else {
			// Named as this session's doing only where the file still has the edit's tokens (`failedText`: it does not).
			edits.push({entry, alreadySaved: false, line, thisSession: thisSession && !failedText});
		}
	}

	return {plan: {edits, marks, sameContent}};
}

/** The sentence whose first line is `line`, or -1. */
function lastAtLine(corpus: Corpus, line: number): number {
	const sentence = lastAtOrBefore(corpus.sentenceLine, corpus.sentenceCount, line);
	return corpus.sentenceLine[sentence] === line ? sentence : -1;
}

/** How many tags replaying the plan would change: none when its edits cancel out (a label, then the one the token had). */
export function netChanges(corpus: Corpus, plan: RecoveryPlan): number {
	const final = new Map<number, string>();
	for (const edit of plan.edits) {
		for (const change of edit.changes !== undefined && !edit.alreadySaved ? edit.changes : []) {
			final.set(change.token, change.after);
		}
	}

	let changed = 0;
	for (const [token, tag] of final) {
		changed += tag === corpus.tags.text(corpus.tagIds[token]!) ? 0 : 1;
	}

	return changed;
}

/** Applies the plan's edits that still match and are not in the file yet to `corpus`, each an undoable step of `history`. */
export function applyPlannedEdits(corpus: Corpus, history: History, plan: RecoveryPlan): EditRecord[] {
	const records: EditRecord[] = [];
	for (const edit of plan.edits) {
		if (edit.changes === undefined || edit.alreadySaved) {
			continue;
		}

		const changes = edit.changes.map(change => ({token: change.token, before: corpus.tags.intern(change.before), after: corpus.tags.intern(change.after)}));
		const sentence = corpus.sentenceOf(changes[0]!.token);
		const record = history.apply(corpus, {changes, sentence, token: changes[0]!.token - corpus.sentenceStart[sentence]!, description: edit.entry.description});
		if (record !== undefined) {
			records.push(record);
		}
	}

	return records;
}
