/**
What the interactive command opens: the input file's bytes (read in the background while the UI
loads) and, with `--output OUT`, what OUT means for this session.

- OUT is the input file itself (the same path, a link to it): a plain save of the input, with
  every safeguard (FILE.bak, the refusal when it changed on disk).
- OUT does not exist: saves create it; the input is never written.
- OUT exists and is the input with only tags changed (yesterday's session): the session continues
  from OUT's tags and says so; saves go to OUT.
- OUT exists and is anything else (another corpus, a device, a FIFO, a symlink): refused with one
  line before anything is shown or written.
*/
import path from 'node:path';
import {CorpusError, detectFormat, fileKind, lstatOrUndefined, readCorpusFile, sameFile, tagOnlyDifference, type FormatOverrides, type LoadedFile} from '../corpus/index.js';
import {reviewFilePaths} from '../review/index.js';

export type Document = {
	/** The bytes to index and their identity: the input's, or OUT's when the session continues from it. */
	readonly loaded: LoadedFile;
	/** Where saves go (undefined: the input itself). */
	readonly output?: string;
	/** The bytes are OUT's. */
	readonly continuesOutput: boolean;
	/** One line each, for the status line at start. */
	readonly notices: readonly string[];
};

/** A refusal before anything was shown: one line, exit 2. */
export class OpenRefusal extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'OpenRefusal';
	}
}

export function settleOutput(file: string, input: LoadedFile, output: string | undefined, overrides: FormatOverrides): Document {
	if (output === undefined) {
		return {loaded: input, continuesOutput: false, notices: []};
	}

	if (sameFile(output, file)) {
		return {loaded: input, continuesOutput: false, notices: [`--output ${path.basename(output)} is ${path.basename(file)} itself: s saves it as a plain save (with its safeguards)`]};
	}

	if (reviewFilePaths(file).some(reviewFile => sameFile(reviewFile, output))) {
		throw new OpenRefusal(`${output}: is one of ${path.basename(file)}'s review files (its journal, marks or lock): --output writes elsewhere, nothing written`);
	}

	const existing = lstatOrUndefined(output);
	if (existing === undefined) {
		return {loaded: input, output, continuesOutput: false, notices: []};
	}

	if (!existing.isFile()) {
		throw new OpenRefusal(`${output}: is ${fileKind(existing)}: --output writes only a regular file (never through a symlink), nothing written`);
	}

	let loaded: LoadedFile;
	try {
		loaded = readCorpusFile(output);
	} catch (error) {
		if (error instanceof CorpusError) {
			throw new OpenRefusal(error.describe(output));
		}

		throw error;
	}

	const difference = tagOnlyDifference(input.bytes, loaded.bytes, detectFormat(input.bytes, overrides));
	if (!difference.same) {
		throw new OpenRefusal(`${output}:${difference.line}: --output names an existing file that is not ${path.basename(file)} with other tags (this line differs): not overwritten; remove it or choose another --output`);
	}

	const tags = difference.differingTags;
	return {
		loaded,
		output,
		continuesOutput: true,
		notices: [`continuing from ${path.basename(output)}, which exists: ${tags} tag line${tags === 1 ? ' differs' : 's differ'} from ${path.basename(file)}`],
	};
}
