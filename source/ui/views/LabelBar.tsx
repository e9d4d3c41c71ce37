import {memo} from 'react';
import {Box, Text} from 'ink';
import {labelBarRows} from '../layout.js';
import type {LabelBarModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

/** The labels of the bar's page, numbered for the number keys, over two rows; `[ ] page 1/2` when there are more. */
export const LabelBar = memo(function LabelBar({bar}: {readonly bar: LabelBarModel}) {
	const {plain, colors} = useDisplay();
	if (bar.rows.length === 0 || bar.rows[0]!.length === 0) {
		return <Box height={labelBarRows}><Text>no labels yet: t types one</Text></Box>;
	}

	return (
		<Box flexDirection="column" height={labelBarRows}>
			{bar.rows.map((row, rowIndex) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={rowIndex} wrap="truncate">
					{row.map((slot, index) => (
						<Text key={slot.label}>
							{index > 0 ? '  ' : ''}
							<Text bold={!plain}>{slot.key}</Text>
							{' '}
							<Text {...colors.textProps(slot.label, plain)}>{slot.shown}</Text>
						</Text>
					))}
					{rowIndex === bar.rows.length - 1 && bar.indicator !== undefined ? <Text dimColor={!plain}>{`  ${bar.indicator}`}</Text> : undefined}
				</Text>
			))}
		</Box>
	);
});
