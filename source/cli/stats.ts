/**
`ner-review stats FILE`: corpus statistics as a table, or with --json as one JSON object for
scripts. The same analysis as the screen's `%` and as `check`.
*/
import {analyseFile} from '../review/corpus-analysis.js';
import {formatStatistics} from '../review/statistics.js';
import {reportInputError, type CommandOptions} from './check.js';

/** Exit codes: 0 printed, 2 the file could not be read as a corpus. */
export function runStats(file: string, options: CommandOptions & {readonly json: boolean}, out: (line: string) => void): number {
	let stats;
	try {
		stats = analyseFile(file, {tagColumn: options.tagColumn, scheme: options.scheme}).statistics();
	} catch (error) {
		return reportInputError(file, error, out);
	}

	out(options.json ? JSON.stringify(stats, undefined, '\t') : `${file}: ${formatStatistics(stats)}`);
	return 0;
}
