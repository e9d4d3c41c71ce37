import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Session} from '../corpus/index.js';
import {analysisOf} from '../review/analysis.js';
import {consistencyRows, type ConsistencyRow} from './consistency-rows.js';
import {displayText, truncate} from './display-text.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly session: Session;
	readonly text: string;
	readonly selected: number;
	readonly rows: number;
	readonly width: number;
	readonly revision: number;
};

/** `c`: what the corpus labels one string as, and where; the selected row is the one a key acts on. */
export const ConsistencyView = memo(function ConsistencyView({session, text, selected, rows, width}: Props) {
	const {plain, colors} = useDisplay();
	const {index} = analysisOf(session);
	const occurrences = index.occurrences(text);
	const all = consistencyRows(occurrences);
	const bodyRows = Math.max(1, rows - 2);
	const top = Math.max(0, Math.min(selected - Math.floor(bodyRows / 2), all.length - bodyRows));
	return (
		<Box flexDirection="column" height={rows}>
			<Text bold={!plain} wrap="truncate">{truncate(displayText(index.summary(text)), width)}</Text>
			<Text dimColor={!plain} wrap="truncate">{truncate('j/k select  1-9 relabel the selected group as label N  Enter go to occurrence  Esc close', width)}</Text>
			{all.slice(top, top + bodyRows).map((row, offset) => {
				const isSelected = top + offset === selected;
				const type = row.kind === 'type' ? row.type : row.kind === 'place' ? row.place.type : undefined;
				return (
					<Text key={top + offset} wrap="truncate" inverse={isSelected && !plain} color={type === undefined || plain ? undefined : colors.color(type)} underline={type !== undefined && !plain && colors.style(type).underline}>
						{truncate(`${isSelected ? '>' : ' '} ${describeRow(session, row)}`, width)}
					</Text>
				);
			})}
		</Box>
	);
});

function describeRow(session: Session, row: ConsistencyRow): string {
	switch (row.kind) {
		case 'all': {
			return `all ${row.mentions} labelled mentions`;
		}

		case 'type': {
			return `${displayText(row.type)} x${row.count}`;
		}

		case 'unlabelled': {
			return `O (not labelled) x${row.count}`;
		}

		case 'place': {
			const {place} = row;
			const texts = session.corpus.sentenceTexts(place.sentence);
			const before = texts.slice(Math.max(0, place.start - 4), place.start).join(' ');
			const match = texts.slice(place.start, place.end).join(' ');
			const after = texts.slice(place.end, place.end + 6).join(' ');
			return `  ${place.sentence + 1}: ${displayText(before)} [${displayText(match)}]${displayText(place.type ?? 'O')} ${displayText(after)}`;
		}
	}
}
