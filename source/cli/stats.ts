/**
`ner-review stats FILE`: corpus statistics as a table, or with --json as one JSON object for
scripts. The same analysis as the screen's `%` and as `check`.
*/
import path from 'node:path';
import {describeTagColumn} from '../corpus/index.js';
import {analyseFile, crossFileProblems, formatStatistics, judgedTogether} from '../review/index.js';
import {inert, inertJson, inertLines} from '../text/inert.js';
import {reportInputError, warnOfTagColumn, type CommandOptions} from './check.js';

/** Exit codes: 0 printed, 2 the file could not be read as a corpus. */
export function runStats(file: string, options: CommandOptions & {readonly json: boolean}, out: (line: string) => void): number {
	const overrides = {tagColumn: options.tagColumn, scheme: options.scheme, miscKey: options.miscKey};
	let analysis;
	const references = [];
	let reading = file;
	try {
		analysis = analyseFile(file, overrides);
		for (const reference of options.references ?? []) {
			reading = reference;
			references.push({name: path.basename(reference), analysis: analyseFile(reference, overrides)});
		}
	} catch (error) {
		return reportInputError(reading, error, out);
	}

	// With references, the file's problems are judged on every file's counts and the mentions they outnumber count
	// too, as `check` lists them (a mention the files together mostly label its way is no problem): the lines of
	// `check --file-order --reference`, one by one.
	let stats = analysis.statistics();
	if (references.length > 0) {
		const problems = {invalidTags: 0, inconsistent: 0, unlabelled: 0};
		for (const problem of [...judgedTogether(analysis.problems(), analysis, references), ...crossFileProblems(analysis, references)]) {
			problems[problem.kind === 'unlabelled-mention' ? 'unlabelled' : (problem.kind === 'invalid-tag' ? 'invalidTags' : 'inconsistent')]++;
		}

		stats = {...stats, problems};
	}

	const {format} = analysis.corpus;
	warnOfTagColumn(file, format, out);
	// Type names and keys come from the file: a crafted tag must not recolor or retitle the terminal.
	if (options.json) {
		// Which tags were counted: the 1-based column, every column of tags, and the MISC key in CoNLL-U.
		const column = {tagColumn: format.tagColumn + 1, tagColumns: format.tagColumns.map(tagColumn => tagColumn + 1), ...(format.misc === undefined ? {} : {miscKey: format.misc.key})};
		out(inertJson(JSON.stringify({...column, ...stats}, undefined, '\t')));
	} else {
		const [summary, ...rest] = formatStatistics(stats).split('\n');
		// `check` lists the tagger's doubts too (many more lines than these problems): say why they differ.
		const tagger = 'problems are counted at each place, a 1-against-1 tie at both (check ranks it once); the tagger\'s doubts are not counted here: `ner-review check` lists them with these problems';
		out(inertLines([`${inert(file)}: ${summary!}`, `tags: ${describeTagColumn(format)}`, ...rest, tagger].join('\n')));
	}

	return 0;
}
