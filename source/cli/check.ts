/**
`ner-review check FILE...`: every problem as `FILE:LINE: message`, the form editors and CI logs
link to, most suspicious first, and the exit code says whether the corpora are clean.

- The problems come from the same analysis as the screen's. Several files are also checked against
  each other, and `--reference` corpora count too: a string labelled one way here and mostly
  another way in the others is reported with the file and line where it is the minority.
- Ranked (the default): each problem with its suspicion and the suggested fix, the tagger's
  disagreements included when the file is small enough to train on in a moment (up to
  `taggerTokens`) and large enough to learn from (`minTaggerTokens`); `--file-order` prints the checks' problems in file order as they are read,
  streaming (a 10M-token corpus's problems are never held as a list).
- `--json`: one JSON array of the entries, for scripts.
- Exit codes: 0 clean, 1 the checks found problems (the tagger's suggestions alone do not fail a
  check), 2 a file could not be read as a corpus.
*/
import path from 'node:path';
import {CorpusError, describeTagColumn, sameFile, type Format, type SchemeName} from '../corpus/index.js';
import {analyseFile, type CorpusAnalysis, crossFileProblems, crossValidate, judgedTogether, type Problem, type QueueEntry, rankQueue, suggestionLabel, minTaggerTokens} from '../review/index.js';
import {inert, inertJson} from '../text/inert.js';
import {trace} from '../trace.js';

export type CommandOptions = {
	/** 1-based, as the `--tag-column` flag gives it. */
	readonly tagColumn?: number;
	readonly scheme?: SchemeName;
	readonly miscKey?: string;
	readonly references?: readonly string[];
	readonly fileOrder?: boolean;
	readonly json?: boolean;
};

/** Files up to this many tokens (with their references) are read by the tagger before they are ranked. */
export const taggerTokens = 2_000_000;

type Checked = {readonly file: string; readonly analysis: CorpusAnalysis};

/** Exit codes: 0 clean, 1 problems found, 2 a file could not be read as a corpus. */
export function runCheck(files: readonly string[], options: CommandOptions, out: (line: string) => void): number {
	const overrides = {tagColumn: options.tagColumn, scheme: options.scheme, miscKey: options.miscKey};
	const checked: Checked[] = [];
	const references: Checked[] = [];
	for (const [list, names] of [[checked, files], [references, options.references ?? []]] as const) {
		for (const file of names) {
			// A file named twice (`check a ./a`), or checked and a reference too, is read once: its problems were printed twice.
			if ([...checked, ...references].some(other => sameFile(other.file, file))) {
				continue;
			}

			try {
				list.push({file, analysis: analyseFile(file, overrides)});
			} catch (error) {
				return reportInputError(file, error, out);
			}
		}
	}

	let found = false;
	const entries: Array<Record<string, unknown>> = [];
	for (const {file, analysis} of checked) {
		const {format} = analysis.corpus;
		warnOfTagColumn(file, format, out);
		if (format.tagColumns.length > 1) {
			// Which layer was checked, on stderr (the `ner-review: ` lines), so stdout stays FILE:LINE lines.
			out(`ner-review: ${inert(`${file}: checking the tags in ${describeTagColumn(format)}`)}`);
		}

		const others = [...checked, ...references].filter(other => other.analysis !== analysis).map(other => ({name: path.basename(other.file), analysis: other.analysis}));
		const cross = crossFileProblems(analysis, others);
		if (options.fileOrder === true && !options.json) {
			found = printInFileOrder(file, judgedTogether(analysis.problems(), analysis, others), cross, out) || found;
			continue;
		}

		// Read once, as the ranking weighs them: a 10M-token corpus's problems are never held as a list.
		let problemCount = 0;
		const problems = (function * () {
			for (const problem of inFileOrder(analysis.problems(), cross)) {
				problemCount++;
				yield problem;
			}
		})();
		const referenceCorpora = references.map(reference => reference.analysis.corpus);
		const tokens = analysis.corpus.tokenCount + referenceCorpora.reduce((total, corpus) => total + corpus.tokenCount, 0);
		const useTagger = options.fileOrder !== true && tokens <= taggerTokens && tokens >= minTaggerTokens;
		if (options.fileOrder !== true && tokens > taggerTokens) {
			out(`ner-review: ${inert(`${file}: ${tokens.toLocaleString('en')} tokens: ranked by the checks alone (the tagger reads files of up to ${taggerTokens.toLocaleString('en')} tokens here; the screen trains it on a sample)`)}`);
		}

		const tagger = useTagger ? crossValidate(analysis.corpus, referenceCorpora) : undefined;
		const queue = rankQueue(analysis.corpus, problems, {tagger, indexes: [analysis, ...others.map(other => other.analysis)], order: options.fileOrder === true ? 'file' : 'rank'});
		trace.mark('ranked', {entries: queue.length});
		found ||= problemCount > 0;
		const line = options.json ? undefined : entryLines(file, analysis);
		for (const entry of queue) {
			if (line === undefined) {
				entries.push(entryJson(file, analysis, entry));
			} else {
				out(line(entry));
			}
		}
	}

	if (options.json) {
		out(inertJson(JSON.stringify(entries, undefined, '\t')));
	}

	return found ? 1 : 0;
}

/** The checks' problems as they are read, in file order: the linear, streaming path. */
function printInFileOrder(file: string, own: Iterable<Problem>, cross: readonly Problem[], out: (line: string) => void): boolean {
	let found = false;
	for (const problem of inFileOrder(own, cross)) {
		// Tokens and tags are quoted in the messages: a crafted one must not reach the terminal raw.
		out(inert(`${file}:${problem.line}: ${problem.message}`));
		found = true;
	}

	return found;
}

/** The file's own problems and those against the other files (each in file order) in file order, its own first at a token. */
function * inFileOrder(own: Iterable<Problem>, cross: readonly Problem[]): Generator<Problem> {
	let next = 0;
	for (const problem of own) {
		while (next < cross.length && cross[next]!.token < problem.token) {
			yield cross[next++]!;
		}

		yield problem;
	}

	for (; next < cross.length; next++) {
		yield cross[next]!;
	}
}

/**
Each entry's line, `FILE:LINE: 0.94 reason; suggest [Barcelona]LOC → ORG`, made inert. The file name is made inert once and each reason once: the entries
of one verdict share their reason (rank.ts), and scanning every whole line was 50 ms of `check` on
a 10M-token corpus. Pieces made inert apart read the same as the line made inert whole: `inert`
replaces character by character.
*/
function entryLines(file: string, analysis: CorpusAnalysis): (entry: QueueEntry) => string {
	const {corpus} = analysis;
	const safeFile = inert(file);
	const safeReasons = new Map<string, string>();
	// A queue's scores take a few thousand values: each is formatted once; and each verdict's suggestion.
	const scores = new Map<number, string>();
	const suggestions = new Map<object, string>();
	return entry => {
		let reason = safeReasons.get(entry.reason);
		if (reason === undefined) {
			reason = inert(entry.reason);
			safeReasons.set(entry.reason, reason);
		}

		const key = entry.suggestionKey;
		let suggestion = key === undefined ? undefined : suggestions.get(key);
		if (suggestion === undefined) {
			suggestion = entry.suggestion === undefined ? '' : `; suggest ${inert(suggestionLabel(entry.suggestion, corpus.sentenceWords(entry.sentence), corpus.tags))}`;
			if (key !== undefined) {
				suggestions.set(key, suggestion);
			}
		}

		let score = scores.get(entry.score);
		if (score === undefined) {
			score = entry.score.toFixed(2);
			scores.set(entry.score, score);
		}

		return `${safeFile}:${entry.line}: ${score} ${reason}${suggestion}`;
	};
}

function entryJson(file: string, analysis: CorpusAnalysis, entry: QueueEntry): Record<string, unknown> {
	const {corpus} = analysis;
	const {suggestion} = entry;
	return {
		file,
		line: entry.line,
		sentence: entry.sentence + 1,
		kind: entry.kind,
		score: Number(entry.score.toFixed(4)),
		reason: entry.reason,
		...(suggestion === undefined ? {} : {
			suggestion: {
				label: suggestionLabel(suggestion, corpus.sentenceWords(entry.sentence), corpus.tags),
				confidence: Number(suggestion.confidence.toFixed(4)),
				source: suggestion.source,
				changes: suggestion.changes.map(change => ({line: corpus.lineOf(change.token), token: corpus.tokenText(change.token), before: corpus.tags.text(change.before), after: corpus.tags.text(change.after)})),
			},
		}),
	};
}

/**
The doubt the format's detection has about the tag column (chunk tags, no tags), on stderr as the
screen says it in its status line: headless, `check` of eng.testb reported 1,937 NP/VP "entities"
and said nothing of it.
*/
export function warnOfTagColumn(file: string, format: Format, out: (line: string) => void): void {
	if (format.columnDoubt !== undefined) {
		out(`ner-review: ${inert(`${file}: ${format.columnDoubt}`)}`);
	}
}

/** Prints a CorpusError the way the CLI prints input errors and returns exit code 2; anything else is a bug and is rethrown. */
export function reportInputError(file: string, error: unknown, out: (line: string) => void): number {
	if (error instanceof CorpusError) {
		out(`ner-review: ${inert(error.describe(file))}`);
		return 2;
	}

	throw error;
}
