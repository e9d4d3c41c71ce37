import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Session} from '../corpus/session.js';
import {analysisOf} from '../review/analysis.js';
import type {Review} from '../review/review.js';
import {corpusStatistics, formatStatistics} from '../review/statistics.js';
import {displayText, truncate} from './display-text.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly session: Session;
	readonly review?: Review;
	readonly scroll: number;
	readonly rows: number;
	readonly width: number;
	readonly revision: number;
};

/** `%`: the same statistics as `ner-review stats`, plus review progress. */
export const StatsView = memo(function StatsView({session, review, scroll, rows, width}: Props) {
	const {plain} = useDisplay();
	const {problems, index} = analysisOf(session);
	const lines = formatStatistics(corpusStatistics(session.corpus, problems, index)).split('\n');
	if (review !== undefined) {
		lines.unshift(`review: ${review.marks.reviewedCount} of ${session.corpus.sentenceCount} sentences reviewed, ${review.marks.flaggedCount} flagged`, '');
	}

	const bodyRows = Math.max(1, rows - 1);
	const top = Math.max(0, Math.min(scroll, lines.length - bodyRows));
	return (
		<Box flexDirection="column" height={rows}>
			<Text bold={!plain}>{truncate(`Statistics: j/k scroll, Esc closes${lines.length > bodyRows ? ` (lines ${top + 1}-${Math.min(lines.length, top + bodyRows)} of ${lines.length})` : ''}`, width)}</Text>
			{lines.slice(top, top + bodyRows).map((line, offset) => (
				<Text key={top + offset} wrap="truncate">{truncate(displayText(line), width)}</Text>
			))}
		</Box>
	);
});
