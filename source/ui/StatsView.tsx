import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Session} from '../corpus/index.js';
import type {Review} from '../review/review.js';
import {clampScroll} from './layout.js';
import {statsLines} from './stats-lines.js';
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
	const lines = statsLines(session, review);
	const bodyRows = Math.max(1, rows - 1);
	const top = clampScroll(scroll, lines.length, rows);
	return (
		<Box flexDirection="column" height={rows}>
			<Text bold={!plain}>{truncate(`Statistics: j/k scroll, Esc closes${lines.length > bodyRows ? ` (lines ${top + 1}-${Math.min(lines.length, top + bodyRows)} of ${lines.length})` : ''}`, width)}</Text>
			{lines.slice(top, top + bodyRows).map((line, offset) => (
				<Text key={top + offset} wrap="truncate">{truncate(displayText(line), width)}</Text>
			))}
		</Box>
	);
});
