/**
`ner-review stats FILE`: corpus statistics as a table, or with --json as one JSON object for
scripts.
*/
import {loadCorpusFile} from '../corpus/index.js';
import {corpusStatistics, formatStatistics} from '../review/statistics.js';
import {inertJson, inertLines} from '../text/inert.js';
import {reportInputError, type CommandOptions} from './check.js';

/** Exit codes: 0 printed, 2 the file could not be read as a corpus. */
export function runStats(file: string, options: CommandOptions & {readonly json: boolean}, out: (line: string) => void): number {
	let stats;
	try {
		stats = corpusStatistics(loadCorpusFile(file, {tagColumn: options.tagColumn, scheme: options.scheme}));
	} catch (error) {
		return reportInputError(file, error, out);
	}

	// Type names come from the file: a crafted tag must not recolor or retitle the terminal.
	out(options.json ? inertJson(JSON.stringify(stats, undefined, '\t')) : inertLines(`${file}: ${formatStatistics(stats)}`));
	return 0;
}
