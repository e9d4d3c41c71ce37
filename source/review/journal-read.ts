/**
Reading a journal left by an earlier session, checking the shape of every line before anything of
it is replayed: a journal that is not one ner-review wrote is set aside whole.
*/
import {textChars, type JournalEntry, type JournalHeader} from './journal-entries.js';
import {isHash, isIndex, isLine, isNote, readSideFile} from './records.js';

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

	if (header['tagColumn'] !== undefined && !(Number.isSafeInteger(header['tagColumn']) && (header['tagColumn'] as number) >= 2)) {
		return 'an invalid tag column';
	}

	if (header['output'] !== undefined && !(typeof header['output'] === 'string' && header['output'] !== '')) {
		return 'an invalid output';
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
