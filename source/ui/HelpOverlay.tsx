import {memo} from 'react';
import {Box, Text} from 'ink';
import {describeKeys, normalBindings} from './keymap.js';
import {textWidth, truncate} from './display-text.js';

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
	const top = Math.max(0, Math.min(scroll, lines.length - bodyRows));
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

/** The key table as screen lines, descriptions word-wrapped beside the keys. */
export function helpLines(width: number): string[] {
	const entries = normalBindings.map(binding => ({keys: describeKeys(binding).replaceAll('`', ''), description: binding.description}));
	const keyWidth = Math.min(16, Math.max(...entries.map(entry => textWidth(entry.keys))));
	const descriptionWidth = Math.max(10, width - keyWidth - 2);
	const lines: string[] = [];
	for (const entry of entries) {
		const wrapped = wrapWords(entry.description, descriptionWidth);
		const keys = textWidth(entry.keys) > keyWidth ? [entry.keys, ''] : [entry.keys];
		for (let i = 0; i < Math.max(wrapped.length, keys.length); i++) {
			lines.push(truncate(`${(keys[i] ?? '').padEnd(keyWidth)}  ${wrapped[i] ?? ''}`.trimEnd(), width));
		}
	}

	return lines;
}

function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line !== '' && textWidth(`${line} ${word}`) > width) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	lines.push(line);
	return lines;
}
