import {memo} from 'react';
import {Box, Text} from 'ink';
import {truncate} from './display-text.js';
import {helpLines} from './help-lines.js';
import {clampScroll} from './layout.js';

type Props = {
	readonly rows: number;
	readonly width: number;
	/** First help line shown (j/k scroll when the help is taller than the screen). */
	readonly scroll: number;
};

/** Every key of the main view, from the keymap table (the same table the readme shows). */
export const HelpOverlay = memo(function HelpOverlay({rows, width, scroll}: Props) {
	const lines = helpLines(width);
	const bodyRows = Math.max(1, rows - 1);
	const top = clampScroll(scroll, lines.length, rows);
	const more = lines.length > bodyRows ? `  (lines ${top + 1}-${Math.min(lines.length, top + bodyRows)} of ${lines.length}: j/k scroll)` : '';
	return (
		<Box flexDirection="column" height={rows}>
			<Text bold>{truncate(`Keys: ? or Esc closes${more}`, width)}</Text>
			{lines.slice(top, top + bodyRows).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} wrap="truncate">{line}</Text>
			))}
		</Box>
	);
});
