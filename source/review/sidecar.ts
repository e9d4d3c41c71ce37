/**
The review sidecar, `FILE.review.json` beside the corpus (or in the state folder): which sentences
are reviewed and flagged, and where the reviewer was. Never inside the corpus. It names the
version of the file it was written for by the SHA-256 of its whole content; each mark carries a
hash of its sentence's text, so that when the corpus changed elsewhere the marks are matched to
sentences again by text rather than by position.

Version 2 (this one): {"version":2,"sha256":"…","position":{…},"reviewed":[{"sentence":0,"hash":"…"}],"flagged":[…]}
Version 1 (read only): the same with a sampled "fingerprint" instead of "sha256", and hashes of
the sentence's text as UTF-16 (sentenceTextHash): its marks are matched by text.
*/
import {writeAtomically} from '../corpus/index.js';
import {isHash, isIndex, isNote, readSideFile} from './records.js';

export type SidecarMark = {
	readonly sentence: number;
	/** Hash of the sentence's token texts when it was marked. */
	readonly hash: string;
	/** A flag's reason, as the reviewer typed it after `f`. */
	readonly note?: string;
};

export type Sidecar = {
	readonly version: 1 | 2;
	/** The content the marks were made on (version 2). */
	readonly sha256?: string;
	readonly position: {readonly sentence: number; readonly token: number; readonly hash?: string};
	readonly reviewed: readonly SidecarMark[];
	readonly flagged: readonly SidecarMark[];
	/**
	The label bar's order the reviewer worked with (ReviewMarks.labelOrder). Not checked with the rest:
	the file's own types can be names `t` refuses (`B-X` from `B-B-X`), and a sidecar judged broken for
	them would set the marks aside; one that is not a list of names is ignored (sidecar-marks.ts).
	*/
	readonly labels?: unknown;
	/** The file the session saved to, when it was an `--output` session (its name: said when FILE is opened alone). */
	readonly output?: unknown;
};

export function sidecarPath(corpusFile: string): string {
	return `${corpusFile}.review.json`;
}

export type SidecarRead =
	| {readonly sidecar?: undefined; readonly problem?: undefined}
	| {readonly sidecar: Sidecar; readonly problem?: undefined}
	/** `blocked`: the path cannot be used at all (a symlink, a FIFO): never written either. */
	| {readonly sidecar?: undefined; readonly problem: string; readonly blocked: boolean};

/** Reads and checks the sidecar at `file` (a path, as locateSideFiles gives it). A broken one never blocks opening the corpus. */
export function readSidecarFile(file: string): SidecarRead {
	const read = readSideFile(file);
	if (read.text === undefined) {
		return 'missing' in read ? {} : {problem: read.problem, blocked: true};
	}

	let value: unknown;
	try {
		value = JSON.parse(read.text);
	} catch {
		return {problem: 'is not valid JSON', blocked: false};
	}

	const problem = sidecarProblem(value);
	return problem === undefined ? {sidecar: value as Sidecar} : {problem, blocked: false};
}

/** What is wrong with a parsed sidecar, in a few words, or undefined. */
function sidecarProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return 'is not a review file';
	}

	const sidecar = value as Record<string, unknown>;
	if (sidecar['version'] !== 1 && sidecar['version'] !== 2) {
		return 'is not a review file this version understands';
	}

	if (sidecar['version'] === 2 && sidecar['sha256'] !== undefined && !(typeof sidecar['sha256'] === 'string' && /^[\da-f]{64}$/.test(sidecar['sha256']))) {
		return 'has an invalid sha256';
	}

	const position = sidecar['position'] as Record<string, unknown> | undefined;
	if (typeof position !== 'object' || position === null || !isIndex(position['sentence']) || !isIndex(position['token']) || (position['hash'] !== undefined && !isHash(position['hash']))) {
		return 'has an invalid position';
	}

	for (const name of ['reviewed', 'flagged']) {
		const marks = sidecar[name];
		if (!Array.isArray(marks)) {
			return `has no list of ${name} sentences`;
		}

		for (const mark of marks as unknown[]) {
			if (typeof mark !== 'object' || mark === null || !isIndex((mark as SidecarMark).sentence) || !isHash((mark as SidecarMark).hash) || ((mark as SidecarMark).note !== undefined && !isNote((mark as SidecarMark).note))) {
				return `has an invalid ${name} mark`;
			}
		}
	}

	return undefined;
}

/** Writes the sidecar atomically: never through a symlink, never over anything but a regular file. */
export function writeSidecarFile(file: string, sidecar: Sidecar): void {
	writeAtomically(file, [Buffer.from(`${JSON.stringify(sidecar)}\n`)]);
}
