import {compareCorpus, formatComparison} from '../../review/compare/index.js';
import {type Analysis, formatStatistics, withCrossFileProblems} from '../../review/index.js';
import {plural} from '../../text/plural.js';
import {displayText, wrapWords} from '../display-text.js';
import type {World} from './world.js';

const comparisons = new WeakMap<object, {revision: number; lines: readonly string[]}>();

/**
What the statistics view shows: review progress, the statistics of `ner-review stats`, and in
compare mode the scores and the confusion table of `ner-review compare` (once the other side is read).
*/
export function statsLines(world: World, analysis: Analysis): readonly string[] {
	const lines: string[] = [];
	if (world.marks !== undefined) {
		lines.push(`review: ${world.marks.reviewedCount} of ${plural(world.corpus.sentenceCount, 'sentence')} reviewed, ${world.marks.flaggedCount} flagged`, '');
	}

	// With references, the problems they reveal count too, as `stats --reference` counts them (once ranked).
	const crossFile = world.queue()?.crossFileCounts;
	lines.push(...(crossFile === undefined || crossFile.inconsistent + crossFile.unlabelled === 0 ? analysis.statisticsLines() : formatStatistics(withCrossFileProblems(analysis.engine.statistics(), crossFile)).split('\n')));
	const {second} = world;
	if (second?.kind === 'compare') {
		lines.push('');
		if (second.disagreements.complete) {
			lines.push(...comparisonLines(world));
		} else {
			lines.push(`compare: ${second.layer.label} is still being read`);
		}
	}

	return lines;
}

/**
The statistics as the page draws them at `width` columns: a line too long (the comparison's file
names, its count of differences) goes on under itself, indented, rather than be cut.
*/
export function statsPageLines(world: World, analysis: Analysis, width: number): readonly string[] {
	return statsLines(world, analysis).flatMap(line => {
		const shown = displayText(line);
		return wrapWords(shown, width, `${/^ */.exec(shown)![0]}  `);
	});
}

/** The comparison's table, computed once per state of the tags. */
function comparisonLines(world: World): readonly string[] {
	const {layer} = world.second!;
	const {revision} = world.history;
	const known = comparisons.get(layer);
	if (known?.revision === revision) {
		return known.lines;
	}

	const lines = formatComparison(compareCorpus(world.corpus, layer), world.file, layer.label).split('\n');
	comparisons.set(layer, {revision, lines});
	return lines;
}
