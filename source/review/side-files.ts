/**
Where a corpus's review files live: the edit journal, the review sidecar (marks and position)
and the lock. Beside the corpus (`FILE.review.journal`, `FILE.review.json`, `FILE.review.lock`)
when its folder is writable, so they travel with it and are easy to find; otherwise (a read-only
folder, a file name so long that the side-file names would not fit) in the user's state folder,
`$XDG_STATE_HOME/ner-review/` (`~/.local/state/ner-review/`), under a short name made of the
corpus's name and a hash of its full path. When neither can be written, the review runs without
them and says what will not be kept.
*/
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SideFiles = {
	readonly journal: string;
	readonly sidecar: string;
	readonly lock: string;
	/** The lock beside the corpus, when the side files are elsewhere: another user's session there still counts. */
	readonly besideLock?: string;
	/** The state folder is used, and why (for the status line). */
	readonly elsewhere?: string;
};

export type SideFilesResult = {readonly files: SideFiles} | {readonly files?: undefined; readonly problem: string};

/** The longest suffix a side file gets (a set-aside journal, a temporary file): the base name must leave room for it. */
const longestSuffix = '.review.journal.unreadable-20250101-000000-000.123456789.abcdef01.tmp';
/** NAME_MAX of Linux and macOS file systems, in bytes. */
const nameMax = 255;

export function besideNames(corpusFile: string): SideFiles {
	return {journal: `${corpusFile}.review.journal`, sidecar: `${corpusFile}.review.json`, lock: `${corpusFile}.review.lock`};
}

/**
Decides where the side files of `corpusFile` go. A corpus opened through a symlink has them beside
the file it points at, under that file's name: one lock and one journal for the file, whatever
name opens it (through a link, a second session was a second writer, and a crashed session's
journal was not offered under the file's own name).
*/
export function locateSideFiles(linkOrFile: string, env: NodeJS.ProcessEnv = process.env): SideFilesResult {
	const corpusFile = linkedFile(linkOrFile);
	const folder = path.dirname(corpusFile);
	const base = path.basename(corpusFile);
	const fits = Buffer.byteLength(`.${base}${longestSuffix}`) <= nameMax;
	const problem = fits ? folderProblem(folder) : 'the file name is too long for its review files';
	if (problem === undefined) {
		return {files: besideNames(corpusFile)};
	}

	const stateFolder = stateFolderOf(env);
	try {
		fs.mkdirSync(stateFolder, {recursive: true, mode: 0o700});
		fs.accessSync(stateFolder, fs.constants.W_OK | fs.constants.X_OK);
	} catch (error) {
		return {problem: `${problem}, and ${stateFolder} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`};
	}

	const name = stateFolderName(corpusFile, stateFolder);
	return {files: {...besideNames(name), besideLock: fits ? besideNames(corpusFile).lock : undefined, elsewhere: `${problem}: review files kept in ${stateFolder}`}};
}

/** The base of the side files' names in the state folder: the corpus's name and a hash of its full path. */
export function stateFolderName(corpusFile: string, stateFolder: string): string {
	return path.join(stateFolder, `${shortName(path.basename(corpusFile))}-${pathHash(corpusFile)}`);
}

/**
The names the review files of `corpusFile` have beside it and in the state folder, for a reader
that writes nothing (`ner-review diff`), an output that must not be one of them, and a journal left
in the other place. Nothing is created or checked for writing here.
*/
export function namesInBothPlaces(linkOrFile: string, env: NodeJS.ProcessEnv = process.env): {readonly beside: SideFiles; readonly state: SideFiles} {
	const corpusFile = linkedFile(linkOrFile);
	return {beside: besideNames(corpusFile), state: besideNames(stateFolderName(corpusFile, stateFolderOf(env)))};
}

/** Where the sidecar of `corpusFile` may be: beside it, then in the state folder. */
export function sidecarCandidates(linkOrFile: string, env: NodeJS.ProcessEnv = process.env): string[] {
	const {beside, state} = namesInBothPlaces(linkOrFile, env);
	return [beside.sidecar, state.sidecar];
}

/** Every path a review file of `corpusFile` may have, beside it or in the state folder: never an output. */
export function reviewFilePaths(linkOrFile: string, env: NodeJS.ProcessEnv = process.env): string[] {
	const {beside, state} = namesInBothPlaces(linkOrFile, env);
	return [beside, state].flatMap(({journal, sidecar, lock}) => [journal, sidecar, lock, `${lock}.takeover`]);
}

/** `$XDG_STATE_HOME/ner-review`, or `~/.local/state/ner-review`. */
export function stateFolderOf(env: NodeJS.ProcessEnv): string {
	const xdg = env['XDG_STATE_HOME'];
	const root = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(env['HOME'] ?? os.homedir(), '.local', 'state');
	return path.join(root, 'ner-review');
}

function folderProblem(folder: string): string | undefined {
	try {
		fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
		return undefined;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'EROFS' ? 'the folder is on a read-only file system' : 'the folder is read-only';
	}
}

/** The start of the name, cut on a character boundary to at most 100 bytes. */
function shortName(base: string): string {
	let result = '';
	for (const char of base) {
		if (Buffer.byteLength(result + char) > 100) {
			break;
		}

		result += char;
	}

	return result;
}

function pathHash(corpusFile: string): string {
	return crypto.createHash('sha256').update(realPathOf(corpusFile)).digest('hex').slice(0, 16);
}

/**
The file a symlink names, when `file` is one; else `file` as given (a link to a folder on the way
needs nothing: the side files beside either name are the same files).
*/
function linkedFile(file: string): string {
	try {
		return fs.lstatSync(file).isSymbolicLink() ? fs.realpathSync(file) : file;
	} catch {
		return file;
	}
}

/** The file itself, symlinks resolved (as given, made absolute, when it cannot be resolved). */
function realPathOf(file: string): string {
	try {
		return fs.realpathSync(file);
	} catch {
		return path.resolve(file);
	}
}
