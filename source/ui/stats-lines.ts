import type {Session} from '../corpus/index.js';
import {analysisOf} from '../review/analysis.js';
import type {Review} from '../review/review.js';

/** What the statistics view shows: review progress, then the statistics of `ner-review stats`. */
export function statsLines(session: Session, review: Review | undefined): readonly string[] {
	const statistics = analysisOf(session).statisticsLines();
	if (review === undefined) {
		return statistics;
	}

	return [`review: ${review.marks.reviewedCount} of ${session.corpus.sentenceCount} sentences reviewed, ${review.marks.flaggedCount} flagged`, '', ...statistics];
}
