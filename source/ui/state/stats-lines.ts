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

	lines.push(...statisticsWithReferences(world, analysis), ...taggerLines(world));
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

const withReferences = new WeakMap<object, {version: number; counts: object; lines: readonly string[]}>();

/**
The statistics, with the problems the references reveal counted in as `stats --reference` counts
them (once the queue is ranked); made once per version of the analysis, not per key of the view.
*/
function statisticsWithReferences(world: World, analysis: Analysis): readonly string[] {
	const counts = world.queue()?.crossFileCounts;
	if (counts === undefined || (counts.inconsistent === 0 && counts.unlabelled === 0)) {
		return analysis.statisticsLines();
	}

	const {engine} = analysis;
	const known = withReferences.get(engine);
	if (known?.version === engine.version && known.counts === counts) {
		return known.lines;
	}

	const lines = formatStatistics(withCrossFileProblems(engine.statistics(), counts)).split('\n');
	withReferences.set(engine, {version: engine.version, counts, lines});
	return lines;
}

/** What the tagger adds to the problems above, which are the checks' alone (as `stats` counts them). */
function taggerLines(world: World): readonly string[] {
	const queue = world.queue();
	if (queue?.withTagger === true) {
		return [`tagger: doubts ${plural(queue.entries.count('model-disagreement'), 'place')} where no check found a problem (e walks them with the problems)`];
	}

	return queue?.training === true ? ['tagger: still training; its doubts join the problems e walks when it is done'] : [];
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
