import {type ReactNode, memo} from 'react';
import {Box, Text} from 'ink';
import {displayText, textWidth, truncate} from '../display-text.js';
import {labelBarRows} from '../layout.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly labels: readonly string[];
	readonly width: number;
};

/** The labels numbered 1..9 for the number keys, then the rest for `t`, over at most two rows. */
export const LabelBar = memo(function LabelBar({labels, width}: Props) {
	const {plain, colors} = useDisplay();
	const rows: ReactNode[][] = [[]];
	let used = 0;
	for (const [index, name] of labels.entries()) {
		const label = truncate(displayText(name), width - 3);
		const key = index < 9 ? `${index + 1}` : '';
		const text = `${key === '' ? '' : `${key} `}${label}`;
		let row = rows.at(-1)!;
		let gap = row.length > 0 ? '  ' : '';
		if (used + textWidth(gap + text) > width) {
			if (rows.length < labelBarRows) {
				row = [];
				rows.push(row);
				used = 0;
				gap = '';
			} else {
				const more = `${gap}+${labels.length - index} (t)`;
				if (used + more.length <= width) {
					row.push(<Text key="more" dimColor={!plain}>{more}</Text>);
				}

				break;
			}
		}

		row.push(
			<Text key={name}>
				{gap}
				<Text bold={!plain}>{key}</Text>
				{key === '' ? '' : ' '}
				<Text color={plain ? undefined : colors.color(name)} underline={!plain && colors.style(name).underline}>{label}</Text>
			</Text>,
		);
		used += textWidth(gap + text);
	}

	return (
		<Box flexDirection="column" height={labelBarRows}>
			{labels.length === 0 ? <Text>no labels yet: t types one</Text> : rows.map((row, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} wrap="truncate">{row}</Text>
			))}
		</Box>
	);
});
