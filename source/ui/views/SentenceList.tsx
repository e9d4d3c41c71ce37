import {memo} from 'react';
import {Box, Text} from 'ink';
import type {ListRow, Piece} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

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

const SentenceRow = memo(function SentenceRow({prefix, isCurrent, pieces, note}: RowProps) {
	const {plain, colors} = useDisplay();
	return (
		<Text wrap="truncate" bold={isCurrent && !plain}>
			{prefix}
			{pieces.map((piece, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} {...colors.textProps(piece.type, plain)}>{piece.text}</Text>
			))}
			{note === undefined ? undefined : <Text dimColor={!plain}>{note}</Text>}
		</Text>
	);
});
