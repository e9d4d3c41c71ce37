import {memo} from 'react';
import {Box, Text} from 'ink';
import type {ConsistencyModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly view: ConsistencyModel;
	readonly rows: number;
};

/** `c`: what the corpus labels one string as, and where; the selected row is the one a key acts on. */
export const ConsistencyView = memo(function ConsistencyView({view, rows}: Props) {
	const {plain, colors} = useDisplay();
	return (
		<Box flexDirection="column" height={rows}>
			<Text bold={!plain} wrap="truncate">{view.summary}</Text>
			<Text dimColor={!plain} wrap="truncate">{view.hint}</Text>
			{view.rows.map(row => (
				<Text key={row.key} wrap="truncate" inverse={row.selected && !plain} {...colors.textProps(row.type, plain)}>
					{row.text}
				</Text>
			))}
		</Box>
	);
});
