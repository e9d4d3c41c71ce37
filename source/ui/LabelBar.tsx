import {type ReactNode, memo} from 'react';
import {Text} from 'ink';
import {displayText, textWidth, truncate} from './display-text.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly labels: readonly string[];
	readonly width: number;
};

/** The labels numbered 1..9 for the number keys, then the rest for `t`. */
export const LabelBar = memo(function LabelBar({labels, width}: Props) {
	const {plain, colors} = useDisplay();
	const items: ReactNode[] = [];
	let used = 0;
	for (const [index, name] of labels.entries()) {
		const label = displayText(name);
		const key = index < 9 ? `${index + 1}` : '';
		const text = `${key === '' ? '' : `${key} `}${label}`;
		const gap = items.length > 0 ? '  ' : '';
		if (used + textWidth(gap + text) > width) {
			const rest = labels.length - index;
			const more = `${gap}+${rest} (t)`;
			if (used + more.length <= width) {
				items.push(<Text key="more" dimColor={!plain}>{more}</Text>);
			}

			break;
		}

		items.push(
			<Text key={name}>
				{gap}
				<Text bold={!plain}>{key}</Text>
				{key === '' ? '' : ' '}
				<Text color={plain ? undefined : colors.color(name)} underline={!plain && colors.style(name).underline}>{truncate(label, width)}</Text>
			</Text>,
		);
		used += textWidth(gap + text);
	}

	return <Text wrap="truncate">{items.length > 0 ? items : 'no labels yet: t types one'}</Text>;
});
