/**
`ner-review check FILE`: prints every problem as `FILE:LINE: message`, the form editors and CI
logs link to, and reports through the exit code whether the corpus is clean. The problems come
from the same analysis as the screen's, printed one by one in file order as they are read from
its compact records (a 10M-token corpus's problems are never held as a list of messages).
*/
import {CorpusError, describeTagColumn, type SchemeName} from '../corpus/index.js';
import {analyseFile} from '../review/corpus-analysis.js';
import {inert} from '../text/inert.js';

export type CommandOptions = {
	/** 1-based, as the `--tag-column` flag gives it. */
	readonly tagColumn?: number;
	readonly scheme?: SchemeName;
	readonly miscKey?: string;
};

/** Exit codes: 0 clean, 1 problems found, 2 the file could not be read as a corpus. */
export function runCheck(file: string, options: CommandOptions, out: (line: string) => void): number {
	let analysis;
	try {
		analysis = analyseFile(file, {tagColumn: options.tagColumn, scheme: options.scheme, miscKey: options.miscKey});
	} catch (error) {
		return reportInputError(file, error, out);
	}

	const {format} = analysis.corpus;
	if (format.tagColumns.length > 1) {
		// Which layer was checked, on stderr (the `ner-review: ` lines), so stdout stays FILE:LINE lines.
		out(`ner-review: ${inert(`${file}: checking the tags in ${describeTagColumn(format)}`)}`);
	}

	let found = 0;
	for (const problem of analysis.problems()) {
		// Tokens and tags are quoted in the messages: a crafted one must not reach the terminal raw.
		out(inert(`${file}:${problem.line}: ${problem.message}`));
		found++;
	}

	return found > 0 ? 1 : 0;
}

/** Prints a CorpusError the way the CLI prints input errors and returns exit code 2; anything else is a bug and is rethrown. */
export function reportInputError(file: string, error: unknown, out: (line: string) => void): number {
	if (error instanceof CorpusError) {
		out(`ner-review: ${inert(error.describe(file))}`);
		return 2;
	}

	throw error;
}
