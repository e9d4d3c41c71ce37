/**
`ner-review diff ORIGINAL EDITED` and `ner-review diff FILE` (FILE.bak, which the first save of a
session keeps, against FILE): what a dataset pull request changes, for its description and its
reviewers.

- Default: every changed entity, grouped by sentence, with the line in EDITED
  (`line 812: [Barcelona] LOC -> ORG`), then the sentences flagged in EDITED's review sidecar with
  their notes (ORIGINAL's sidecar when EDITED has none: a session with `--output` keeps its marks
  beside its input), then a count. Everything passes the terminal sanitiser.
- `--unified`: `diff -u` of the two files. To a terminal, each line passes the sanitiser (TABs
  kept); to a pipe or a file it is the files' own bytes (CR, invalid UTF-8, a missing final
  newline), so `patch ORIGINAL < x.patch` gives EDITED byte for byte: the raw bytes are the point
  of a patch, and a patch is read by `patch`, `git apply` or an editor, not by the terminal.
- `--json`: one JSON object (the changes, the flags and the counts), sanitised as `check`'s is.
- Exit codes, as diff(1)'s: 0 the files are identical, 1 they differ, 2 bad input (a file that
  cannot be read as a corpus, tokens that differ: one line naming the file and line).

Both files are read by the corpus engine and aligned by compare mode's reader (openCompareFile);
the changes come from compare mode's entity pairing, read with EDITED as the side whose lines count.
Nothing is written: no side file, no journal. `--unsaved FILE` diffs FILE against FILE with the
edits of its review journal that still match, read as recovery reads them (unsaved-edits.ts).
*/
import fs from 'node:fs';
import {type Corpus, CorpusError, type FormatOverrides, type Hunk, indexCorpus, loadCorpusFile, openCompareFile, readCorpusBytes, readLayer, type SchemeName, type TagLayer, tagOnlyDifference, unifiedHunks} from '../corpus/index.js';
import {type ChangeCounts, corpusChanges, countChanges, describeChange, emptyCounts, type EntityChange, type FlagList, readFlagList, sidecarCandidates, journalScope, otherLayerOf, tokensText, unsavedEdits} from '../review/index.js';
import {inert, inertJson} from '../text/inert.js';
import {plural} from '../text/plural.js';
import {reportInputError} from './check.js';

export type DiffOptions = {
	readonly tagColumn?: number;
	readonly scheme?: SchemeName;
	readonly miscKey?: string;
	readonly json: boolean;
	readonly unified: boolean;
	/** `--unsaved FILE`: FILE against FILE with its journal's unsaved edits. */
	readonly unsaved?: boolean;
	/** `--unified` writes the files' bytes as they are (stdout is not a terminal). */
	readonly raw?: boolean;
	/** For the state folder a sidecar may live in. */
	readonly env?: NodeJS.ProcessEnv;
};

/** Where the raw bytes of a patch go (stdout); lines go to `out` like every command's. */
export type ByteSink = (chunk: Buffer) => void;

/** The files of `diff FILE`: FILE.bak, then FILE. */
export function backupPair(file: string): [original: string, edited: string] {
	return [`${file}.bak`, file];
}

/** `files` is [ORIGINAL, EDITED], or [FILE] for FILE.bak against FILE. */
export function runDiff(files: readonly string[], options: DiffOptions, out: (line: string) => void, writeBytes: ByteSink = chunk => {
	out(chunk.toString('utf8').replace(/\n$/, ''));
}): number {
	let [original, edited] = options.unsaved ? [files[0]!, `${files[0]!} (unsaved edits)`] : (files.length === 1 ? backupPair(files[0]!) : files as [string, string]);
	if (files.length === 1 && !options.unsaved && !fs.existsSync(original)) {
		out(`ner-review: ${inert(`${original}: no such file: diff FILE compares FILE with the FILE.bak of its first save; give ORIGINAL EDITED otherwise`)}`);
		return 2;
	}

	const overrides: FormatOverrides = {tagColumn: options.tagColumn, scheme: options.scheme, miscKey: options.miscKey};
	const loaded: {corpus: Corpus; originalBytes: Buffer; name?: string} | number = options.unsaved ? loadUnsaved(files[0]!, overrides, options, out) : loadPair(original, edited, overrides, out);
	if (typeof loaded === 'number') {
		return loaded;
	}

	const {corpus, originalBytes} = loaded;
	if (loaded.name !== undefined) {
		// An --output session's edits are on OUT: the diff and its patch name OUT.
		[original, edited] = [loaded.name, `${loaded.name} (unsaved edits)`];
	}

	let layer: TagLayer;
	try {
		// ORIGINAL is read as compare mode reads its other file: its own format and scheme, the same tokens;
		// in a file of several tag layers, the layer EDITED is read in (GermEval's nested one compared with
		// the outer one listed every difference between the layers, and not the edit).
		const sameLayer = corpus.format.tagColumns.length > 1 ? {tagColumn: corpus.format.tagColumn + 1} : {};
		layer = readLayer(openCompareFile(corpus, originalBytes, original, {miscKey: options.miscKey, ...sameLayer}));
	} catch (error) {
		return reportInputError(edited, error, out);
	}

	const differ = !originalBytes.equals(corpus.bytes);
	if (options.unified) {
		if (differ) {
			printUnified(indexOriginal(originalBytes, options.miscKey), corpus, original, edited, options.raw === true, writeBytes);
		}

		return differ ? 1 : 0;
	}

	const flags = readFlagList(corpus, options.unsaved ? sidecarCandidates(original, options.env) : [...sidecarCandidates(edited, options.env), ...sidecarCandidates(original, options.env)]);
	if (flags.problem !== undefined) {
		out(`ner-review: ${inert(`${flags.sidecar!} ${flags.problem}: the flagged sentences are not listed (the file is left as it is)`)}`);
	}

	if (flags.unplaced > 0) {
		out(`ner-review: ${inert(`${flags.sidecar!}: ${flags.unplaced} flagged sentence${flags.unplaced === 1 ? ' is' : 's are'} not in ${edited} any more`)}`);
	}

	// Bytes that differ outside the tag cells (a column, a comment, a line ending) are no entity change: say where they start.
	const outside = differ ? tagOnlyDifference(originalBytes, corpus.bytes, corpus.format) : undefined;
	const otherLine = outside === undefined || outside.same ? undefined : outside.line;
	if (options.json) {
		printJson({corpus, layer, original, edited, flags, otherLine, differ}, out);
	} else {
		printList({corpus, layer, original, edited, flags, otherLine}, out);
	}

	return differ ? 1 : 0;
}

/** ORIGINAL's bytes, and EDITED as a corpus; an exit code when either cannot be read. */
function loadPair(original: string, edited: string, overrides: FormatOverrides, out: (line: string) => void): {corpus: Corpus; originalBytes: Buffer} | number {
	let corpus: Corpus;
	try {
		corpus = loadCorpusFile(edited, overrides);
	} catch (error) {
		return reportInputError(edited, error, out);
	}

	try {
		return {corpus, originalBytes: readCorpusBytes(original)};
	} catch (error) {
		return reportInputError(original, error, out);
	}
}

/**
`--unsaved FILE`: FILE against FILE with the edits of its journal that still match (what recovering
and saving would write). The journal is read, never changed. No journal: nothing to show, exit 0.
*/
function loadUnsaved(file: string, overrides: FormatOverrides, options: DiffOptions, out: (line: string) => void): {corpus: Corpus; originalBytes: Buffer; name?: string} | number {
	let corpus: Corpus;
	let output: string | undefined;
	try {
		// The edits are in the tag layer the journal names (the screen opens on it too, see open-review.ts),
		// and an --output session's are on OUT's tags: FILE is then read as OUT holds it.
		const scope = journalScope(file, options.env);
		output = scope?.output !== undefined && fs.existsSync(scope.output) ? scope.output : undefined;
		corpus = loadCorpusFile(output ?? file, overrides);
		const layer = overrides.tagColumn === undefined ? otherLayerOf(scope, corpus.format) : undefined;
		if (layer !== undefined) {
			overrides = {...overrides, tagColumn: layer};
			corpus = loadCorpusFile(output ?? file, overrides);
		}
	} catch (error) {
		return reportInputError(file, error, out);
	}

	const originalBytes = corpus.bytes;
	const unsaved = unsavedEdits(file, corpus, options.env);
	switch (unsaved.kind) {
		case 'none': {
			if (options.json) {
				// JSON still, for the script reading it: the shape of a diff of identical files.
				const side = {file, column: corpus.format.tagColumn + 1, scheme: corpus.format.scheme};
				out(inertJson(JSON.stringify({original: side, edited: side, identical: true, counts: emptyCounts(), changes: [], otherDifferencesFromLine: null, flagged: [], sidecar: null, journal: null}, undefined, '\t')));
			} else if (!options.unified) {
				out(inert(`${file}: no unsaved edits (no review journal)`));
			}

			return 0;
		}

		case 'problem': {
			out(`ner-review: ${inert(`${unsaved.journal}: ${unsaved.problem}: its edits are not shown (the journal is left as it is)`)}`);
			return 2;
		}

		case 'edits': {
			if (!options.unified && !options.json) {
				const of = output === undefined ? '' : ` (an --output session's: on ${output} as it is now)`;
				out(inert(`unsaved edits in ${unsaved.journal}${of}, as recovery would replay them: ${unsaved.summary}`));
			} else if (unsaved.leftOut > 0) {
				// On stderr, where the output stays a patch or JSON (QA: a patch left an edit out without a word).
				out(`ner-review: ${inert(`${unsaved.journal}: ${unsaved.summary}: the ${options.json ? 'JSON' : 'patch'} leaves ${unsaved.leftOut === 1 ? 'it' : 'them'} out`)}`);
			}

			return {corpus: indexCorpus(unsaved.bytes, overrides), originalBytes, ...(output === undefined ? {} : {name: output})};
		}
	}
}

/** ORIGINAL as a corpus of its own, for its token lines (the unified diff anchors on them); read as openCompareFile reads it. */
function indexOriginal(bytes: Buffer, miscKey: string | undefined): Corpus {
	try {
		return indexCorpus(bytes, {miscKey});
	} catch (error) {
		if (error instanceof CorpusError && miscKey !== undefined) {
			return indexCorpus(bytes, {});
		}

		throw error;
	}
}

type Report = {
	readonly corpus: Corpus;
	readonly layer: TagLayer;
	readonly original: string;
	readonly edited: string;
	readonly flags: FlagList;
	/** The first line of EDITED that differs outside its tag cells, if any. */
	readonly otherLine: number | undefined;
};

function summaryOf(counts: ChangeCounts): string {
	const total = counts.type + counts.added + counts.removed + counts.boundary + counts.tag;
	return `${plural(total, 'change')} in ${plural(counts.sentences, 'sentence')}: ${counts.type} type, ${counts.added} added, ${counts.removed} removed, ${counts.boundary} boundary, ${counts.tag} tag only`;
}

/** The sentence list, the flags and the count, as text; every line sanitised (tokens, notes and names come from outside). */
function printList({corpus, layer, original, edited, flags, otherLine}: Report, out: (line: string) => void): void {
	const counts = emptyCounts();
	for (const sentence of corpusChanges(corpus, layer)) {
		countChanges(counts, sentence);
		const [first, end] = corpus.sentenceTokens(sentence.sentence);
		out(inert(`sentence ${sentence.sentence + 1} (line ${corpus.sentenceLine[sentence.sentence]!}): ${tokensText(corpus, first, end)}`));
		for (const change of sentence.changes) {
			out(inert(`  line ${change.line}: ${describeChange(corpus, change)}`));
		}
	}

	if (flags.flagged.length > 0) {
		if (counts.sentences > 0) {
			out('');
		}

		out(`flagged (${flags.flagged.length}):`);
		for (const flag of flags.flagged) {
			out(inert(`sentence ${flag.sentence + 1} (line ${flag.line}): ${flag.note ?? '(no note)'}`));
		}
	}

	if (counts.sentences > 0 || flags.flagged.length > 0) {
		out('');
	}

	out(inert(`${edited} against ${original}: ${counts.sentences === 0 ? 'no entity or tag changes' : summaryOf(counts)}`));
	if (otherLine !== undefined) {
		out(inert(`${edited}:${otherLine}: the files also differ outside the tag cells from this line on (ner-review diff --unified shows every line)`));
	}
}

/** The JSON of --json: the changes (each with its sentence), the flags, the counts. */
function printJson({corpus, layer, original, edited, flags, otherLine, differ}: Report & {readonly differ: boolean}, out: (line: string) => void): void {
	const counts = emptyCounts();
	const changes: Array<Record<string, unknown>> = [];
	const entity = (side: EntityChange['before']) => (side === undefined ? null : {text: tokensText(corpus, side.start, side.end, 1000), type: side.type, line: corpus.lineOf(side.start)});
	for (const sentence of corpusChanges(corpus, layer)) {
		countChanges(counts, sentence);
		for (const change of sentence.changes) {
			changes.push({
				sentence: sentence.sentence + 1,
				line: change.line,
				kind: change.kind,
				...(change.kind === 'tag'
					? {token: tokensText(corpus, change.token, change.token + 1, 1000), before: change.tagBefore, after: change.tagAfter}
					: {before: entity(change.before), after: entity(change.after)}),
				description: describeChange(corpus, change),
			});
		}
	}

	out(inertJson(JSON.stringify({
		original: {file: original, column: layer.column + 1, scheme: layer.scheme},
		edited: {file: edited, column: corpus.format.tagColumn + 1, scheme: corpus.format.scheme},
		identical: !differ,
		counts,
		changes,
		otherDifferencesFromLine: otherLine ?? null,
		flagged: flags.flagged.map(flag => ({sentence: flag.sentence + 1, line: flag.line, note: flag.note ?? null})),
		sidecar: flags.sidecar ?? null,
	}, undefined, '\t')));
}

/** Bytes of a patch are gathered into blocks of about 64 KB: one write per line would be a system call per line. */
const blockBytes = 1 << 16;

function printUnified(originalCorpus: Corpus, corpus: Corpus, original: string, edited: string, raw: boolean, writeBytes: ByteSink): void {
	let parts: Buffer[] = [];
	let size = 0;
	const push = (part: Buffer) => {
		parts.push(part);
		size += part.length;
		if (size >= blockBytes) {
			writeBytes(Buffer.concat(parts));
			parts = [];
			size = 0;
		}
	};

	const newlineByte = Buffer.from('\n');
	// On a terminal every line is made inert but for its TABs, which are the columns.
	const shown = (text: string) => (raw ? text : text.split('\t').map(piece => inert(piece)).join('\t'));
	push(Buffer.from(`--- ${shown(original)}\n+++ ${shown(edited)}\n`));
	for (const hunk of unifiedHunks(originalCorpus, corpus)) {
		push(Buffer.from(hunkHeader(hunk)));
		for (const line of hunk.lines) {
			push(Buffer.from(line.mark));
			push(raw ? line.bytes : Buffer.from(shown(line.bytes.toString('utf8'))));
			push(newlineByte);
			if (!line.newline) {
				push(Buffer.from('\\ No newline at end of file\n'));
			}
		}
	}

	if (size > 0) {
		writeBytes(Buffer.concat(parts));
	}
}

function hunkHeader(hunk: Hunk): string {
	return `@@ -${hunk.aLine},${hunk.aCount} +${hunk.bLine},${hunk.bCount} @@\n`;
}
