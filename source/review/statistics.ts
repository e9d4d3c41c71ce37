/**
Corpus statistics for the stats screen and `ner-review stats`: sizes, entity types, tag counts and
how many problems of each kind the checks found. One plain object serves both the table and --json.
*/
import type {Corpus, SchemeName} from '../corpus/index.js';
import {CorpusAnalysis} from './corpus-analysis.js';
import {plural} from '../text/plural.js';

export type TypeStatistics = {
	readonly type: string;
	/** Entity spans of this type. */
	readonly mentions: number;
	/** Different surface strings among them. */
	readonly distinctStrings: number;
	/** Tokens inside them. */
	readonly tokens: number;
};

export type CorpusStatistics = {
	readonly sentences: number;
	readonly tokens: number;
	readonly scheme: SchemeName;
	/** Most mentions first. */
	readonly types: TypeStatistics[];
	/** Tags as written, most frequent first. */
	readonly tags: Array<{tag: string; count: number}>;
	readonly problems: {invalidTags: number; inconsistent: number; unlabelled: number};
};

/** Statistics of the corpus as it is now (builds an analysis: the screen asks its own, kept up to date). */
export function corpusStatistics(corpus: Corpus): CorpusStatistics {
	return new CorpusAnalysis(corpus).run().statistics();
}

/**
The statistics with the problems the references reveal counted in (as `check` reports them): the
mentions they outnumber count as inconsistent, the strings they label as unlabelled mentions.
*/
export function withCrossFileProblems(stats: CorpusStatistics, crossFile: {readonly inconsistent: number; readonly unlabelled: number}): CorpusStatistics {
	const {problems} = stats;
	return crossFile.inconsistent === 0 && crossFile.unlabelled === 0 ? stats : {...stats, problems: {...problems, inconsistent: problems.inconsistent + crossFile.inconsistent, unlabelled: problems.unlabelled + crossFile.unlabelled}};
}

/** The statistics as aligned plain-text tables. */
export function formatStatistics(stats: CorpusStatistics): string {
	const lines = [
		`${plural(stats.sentences, 'sentence')}, ${plural(stats.tokens, 'token')}, scheme ${stats.scheme}`,
		'',
		...table(['type', 'mentions', 'distinct', 'tokens'], stats.types.map(type => [type.type, type.mentions, type.distinctStrings, type.tokens])),
		'',
		...table(['tag', 'count'], stats.tags.map(tag => [tag.tag, tag.count])),
		'',
		`problems: ${plural(stats.problems.invalidTags, 'invalid tag')}, ${plural(stats.problems.inconsistent, 'inconsistent type')}, ${plural(stats.problems.unlabelled, 'unlabelled mention')}`,
	];
	return lines.join('\n');
}

/** Rows under a header; the first column left-aligned, numbers right-aligned. */
function table(header: string[], rows: Array<Array<string | number>>): string[] {
	const cells = [header, ...rows.map(row => row.map(String))];
	const widths = header.map((_, column) => Math.max(...cells.map(row => row[column]!.length)));
	return cells.map(row => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
}
