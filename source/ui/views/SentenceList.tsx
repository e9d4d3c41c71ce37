import {memo} from 'react';
import {Box, Text} from 'ink';
import type {ListRow, Piece} from '../view-model/index.js';
import {useDisplay} from './display-context.js';
import {styledText} from './styled-text.js';

type Props = {
	readonly rows: readonly ListRow[];
	readonly height: number;
};

/** The sentences around the current one, one line each. */
export const SentenceList = memo(function SentenceList({rows, height}: Props) {
	return (
		<Box flexDirection="column" height={height}>
			{rows.map(row => <SentenceRow key={row.sentence} prefix={row.prefix} isCurrent={row.isCurrent} pieces={row.pieces} note={row.note} />)}
		</Box>
	);
});

type RowProps = {
	readonly prefix: string;
	readonly isCurrent: boolean;
	readonly pieces: readonly Piece[];
	readonly note?: string;
};

/** One Text per row, its pieces styled into one string (styled-text.ts): a screen of rows is then a few dozen Ink nodes, not hundreds. */
const SentenceRow = memo(function SentenceRow({prefix, isCurrent, pieces, note}: RowProps) {
	const {plain, colors} = useDisplay();
	let text = prefix;
	for (const piece of pieces) {
		text += styledText(piece.text, colors.textProps(piece.type, plain));
	}

	if (note !== undefined) {
		text += styledText(note, {dimColor: !plain});
	}

	return <Text wrap="truncate" bold={isCurrent && !plain}>{text}</Text>;
});
