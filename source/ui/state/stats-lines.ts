import type {Analysis} from '../../review/analysis.js';
import type {World} from './world.js';

/** What the statistics view shows: review progress, then the statistics of `ner-review stats`. */
export function statsLines(world: World, analysis: Analysis): readonly string[] {
	const statistics = analysis.statisticsLines();
	if (world.marks === undefined) {
		return statistics;
	}

	return [`review: ${world.marks.reviewedCount} of ${world.corpus.sentenceCount} sentences reviewed, ${world.marks.flaggedCount} flagged`, '', ...statistics];
}
