/**
`ner-review compare A B` and `ner-review compare --column N FILE`: scores the second annotation
against the first (the reference) with exact-span matching, as conlleval and seqeval's strict mode
do, and counts the disagreements. Prints tables, or one JSON object with --json. Exit 0 whatever
the scores; 2 when a file cannot be read or the tokens of A and B differ.
*/
import {CorpusError, loadCorpusFile, openCompareFile, openTagColumn, readCorpusBytes, readLayer, type Corpus, type SchemeName, type TagLayer} from '../corpus/index.js';
import {compareCorpus, formatComparison} from '../review/compare/index.js';
import {inertJson, inertLines} from '../text/inert.js';
import {reportInputError} from './check.js';

export type CompareOptions = {
	readonly tagColumn?: number;
	readonly scheme?: SchemeName;
	readonly miscKey?: string;
	/** With one file: the column scored against its tag column, 1-based. */
	readonly column?: number;
	readonly json: boolean;
};

/** `files` is [A, B], or [FILE] with `options.column`. */
export function runCompare(files: readonly string[], options: CompareOptions, out: (line: string) => void): number {
	const [reference, other] = files as [string, string | undefined];
	let corpus: Corpus;
	let layer: TagLayer;
	try {
		corpus = loadCorpusFile(reference, {tagColumn: options.tagColumn, scheme: options.scheme, miscKey: options.miscKey});
		layer = other === undefined
			? readLayer(openTagColumn(corpus, options.column! - 1, '--column'))
			: readLayer(openCompareFile(corpus, readOther(other), other, {miscKey: options.miscKey}));
	} catch (error) {
		return reportInputError(reference, error, out);
	}

	const comparison = compareCorpus(corpus, layer);
	const referenceName = `${reference} (column ${corpus.format.tagColumn + 1})`;
	const otherName = other === undefined ? `${reference} (column ${layer.column + 1})` : `${other} (column ${layer.column + 1})`;
	// File names and type names come from outside: nothing in them may reach the terminal raw.
	out(options.json
		? inertJson(JSON.stringify({reference: {file: reference, column: corpus.format.tagColumn + 1, scheme: corpus.format.scheme}, compared: {file: other ?? reference, column: layer.column + 1, scheme: layer.scheme}, ...comparison}, undefined, '\t'))
		: inertLines(formatComparison(comparison, referenceName, otherName)));
	return 0;
}

/** The other file's bytes; its read errors name it. */
function readOther(file: string): Buffer {
	try {
		return readCorpusBytes(file);
	} catch (error) {
		throw error instanceof CorpusError ? new CorpusError(error.message, error.line, file) : error;
	}
}
