/**
Checks for what the journal and the sidecar bring back from disk. They are outside input like the
corpus itself: a file can be truncated, written by another version, or crafted. A value that
fails a check is named in one line; the file is then set aside, never obeyed and never a crash.
And reading them never follows a symlink, never blocks on a FIFO, never reads without bound.
*/
import fs from 'node:fs';
import {fileKind, parseTag, typeNameProblem, type Corpus} from '../corpus/index.js';

/** A journal or sidecar larger than this is not read (a journal of a long session is a few MB). */
export const maxSideFileBytes = 256 * 1024 * 1024;

export type SideFileRead = {readonly text: string} | {readonly text?: undefined; readonly missing: true} | {readonly text?: undefined; readonly problem: string};

/** Reads a side file as text: not through a symlink, only a regular file, at most maxSideFileBytes. */
export function readSideFile(file: string): SideFileRead {
	let fd: number;
	try {
		fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			return {missing: true};
		}

		return {problem: code === 'ELOOP' ? 'is a symbolic link: not followed' : `cannot be read (${code ?? (error as Error).message})`};
	}

	try {
		const stat = fs.fstatSync(fd);
		if (!stat.isFile()) {
			return {problem: `is ${fileKind(stat)}, not a file ner-review wrote`};
		}

		if (stat.size > maxSideFileBytes) {
			return {problem: `is ${stat.size.toLocaleString('en')} bytes, more than a review file can be`};
		}

		const buffer = Buffer.alloc(stat.size);
		let filled = 0;
		while (filled < buffer.length) {
			const count = fs.readSync(fd, buffer, filled, buffer.length - filled, filled);
			if (count === 0) {
				break;
			}

			filled += count;
		}

		return {text: buffer.toString('utf8', 0, filled)};
	} catch (error) {
		return {problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`};
	} finally {
		fs.closeSync(fd);
	}
}

/** A whole number from 0 up (a token, a sentence, a count). */
export function isIndex(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A 1-based line number. */
export function isLine(value: unknown): value is number {
	return isIndex(value) && value >= 1;
}

/** A short hash as the sidecar and journal write them (letters and digits). */
export function isHash(value: unknown): value is string {
	return typeof value === 'string' && /^[\da-z]{1,64}$/.test(value);
}

/** Nothing that could split a cell or a line, or hide itself, may be written into a tag cell. */
const unsafeInCell = /[\s\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]/u;

/**
Why `tag` may not be written into a tag cell of `corpus`, or undefined when it may: `O`, a tag the
file already has, or a scheme prefix and a valid type name (typeNameProblem).
*/
export function tagProblem(tag: unknown, corpus: Corpus): string | undefined {
	if (typeof tag !== 'string') {
		return 'a tag that is not a string';
	}

	if (tag.length === 0 || tag.length > 200) {
		return 'an empty or overlong tag';
	}

	if (unsafeInCell.test(tag)) {
		return `the tag ${JSON.stringify(tag)} has a tab, a line break, a space or an invisible character`;
	}

	if (tag === 'O' || corpus.tags.has(tag)) {
		return undefined;
	}

	const parsed = parseTag(tag);
	if (parsed.prefix === '?' || parsed.prefix === 'O') {
		return `${JSON.stringify(tag)} is not a tag`;
	}

	const problem = typeNameProblem(parsed.type);
	return problem === undefined ? undefined : `the tag ${JSON.stringify(tag)}: ${problem}`;
}

/** `c.tsv.review.journal.unreadable-20250101-140203-123`: a name to set a side file aside under, one that is free. */
export function asideName(file: string, why: string): string {
	const now = new Date();
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}-${pad(now.getMilliseconds(), 3)}`;
	let name = `${file}.${why}-${stamp}`;
	for (let n = 2; fs.existsSync(name); n++) {
		name = `${file}.${why}-${stamp}-${n}`;
	}

	return name;
}

/**
Sets a side file aside under a new name (a rename: its bytes are kept as they were) and returns
the new name, or undefined when that was not possible (a read-only folder).
*/
export function setAside(file: string, why: string): string | undefined {
	const target = asideName(file, why);
	try {
		// A hard link then an unlink, so an existing name is never replaced.
		fs.linkSync(file, target);
		fs.unlinkSync(file);
		return target;
	} catch {
		try {
			fs.renameSync(file, target);
			return target;
		} catch {
			return undefined;
		}
	}
}

/**
A reviewer's note on a flag: one line of printable text, at most `maxNoteLength` characters (code
points, as the message says). The joiners U+200C and U+200D are text (Persian words, an emoji like
👨‍👩‍👧); every other invisible or control character is refused (bidi overrides could make a note
read as something else).
*/
export function isNote(value: unknown): value is string {
	return typeof value === 'string' && [...value].length <= maxNoteLength && !/(?![\u200C\u200D])[\p{Cc}\p{Cf}\u2028\u2029]/u.test(value);
}

export const maxNoteLength = 200;
