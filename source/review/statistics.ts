/**
Corpus statistics for the stats screen and `ner-review stats`: sizes, entity types, tag counts and
how many problems of each kind the checks found. One plain object serves both the table and --json.
*/
import {tagCounts, type Corpus, type SchemeName} from '../corpus/index.js';
import {findProblems, type Problem} from './checks.js';
import {buildConsistencyIndex, type ConsistencyIndex} from './consistency.js';

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

/** Statistics of the corpus as it is now; pass the problems (and index) already computed to save a pass. */
export function corpusStatistics(corpus: Corpus, problems?: readonly Problem[], index?: ConsistencyIndex): CorpusStatistics {
	index ??= buildConsistencyIndex(corpus);
	problems ??= findProblems(corpus, index);
	const byType = new Map<string, {mentions: number; distinctStrings: number; tokens: number}>();
	for (const [, occurrences] of index.entries()) {
		for (const [type, count] of occurrences.byType) {
			const entry = byType.get(type) ?? {mentions: 0, distinctStrings: 0, tokens: 0};
			entry.mentions += count;
			entry.distinctStrings++;
			byType.set(type, entry);
		}

		for (const place of occurrences.places) {
			if (place.type !== undefined) {
				byType.get(place.type)!.tokens += place.end - place.start;
			}
		}
	}

	const counts = tagCounts(corpus);
	const tags: Array<{tag: string; count: number}> = [];
	for (let id = 0; id < counts.length; id++) {
		if (counts[id]! > 0) {
			tags.push({tag: corpus.tags.text(id), count: counts[id]!});
		}
	}

	return {
		sentences: corpus.sentenceCount,
		tokens: corpus.tokenCount,
		scheme: corpus.format.scheme,
		types: [...byType].map(([type, entry]) => ({type, ...entry})).sort((a, b) => b.mentions - a.mentions || a.type.localeCompare(b.type)),
		tags: tags.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
		problems: {
			invalidTags: problems.filter(problem => problem.kind === 'invalid-tag').length,
			inconsistent: problems.filter(problem => problem.kind === 'inconsistent-type').length,
			unlabelled: problems.filter(problem => problem.kind === 'unlabelled-mention').length,
		},
	};
}

/** The statistics as aligned plain-text tables. */
export function formatStatistics(stats: CorpusStatistics): string {
	const lines = [
		`${stats.sentences} sentences, ${stats.tokens} tokens, scheme ${stats.scheme}`,
		'',
		...table(['type', 'mentions', 'distinct', 'tokens'], stats.types.map(type => [type.type, type.mentions, type.distinctStrings, type.tokens])),
		'',
		...table(['tag', 'count'], stats.tags.map(tag => [tag.tag, tag.count])),
		'',
		`problems: ${stats.problems.invalidTags} invalid tags, ${stats.problems.inconsistent} inconsistent types, ${stats.problems.unlabelled} unlabelled mentions`,
	];
	return lines.join('\n');
}

/** Rows under a header; the first column left-aligned, numbers right-aligned. */
function table(header: string[], rows: Array<Array<string | number>>): string[] {
	const cells = [header, ...rows.map(row => row.map(String))];
	const widths = header.map((_, column) => Math.max(...cells.map(row => row[column]!.length)));
	return cells.map(row => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
}
