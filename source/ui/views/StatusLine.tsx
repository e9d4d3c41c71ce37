import {memo} from 'react';
import {Text} from 'ink';
import type {StatusModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

/** The bottom line: a prompt, a question, the last message, or the view's key hint. */
export const StatusLine = memo(function StatusLine({status}: {readonly status: StatusModel}) {
	const {plain} = useDisplay();
	switch (status.kind) {
		case 'prompt': {
			// The store owns the text and the cursor (see App's key handler); this only draws them.
			if (plain) {
				const text = `${status.before}_${status.at === ' ' ? '' : status.at}${status.after}`;
				return <Text wrap="truncate">{status.title}{status.selected ? `«${text.slice(0, -1)}»_` : text}{status.hint}</Text>;
			}

			return (
				<Text wrap="truncate">
					<Text bold>{status.title}</Text>
					<Text inverse={status.selected}>{status.before}</Text>
					<Text inverse>{status.at}</Text>
					<Text inverse={status.selected}>{status.after}</Text>
					<Text dimColor>{status.hint}</Text>
				</Text>
			);
		}

		case 'question': {
			return <Text bold={!plain} color={plain ? undefined : 'yellow'}>{status.lines.join('\n')}</Text>;
		}

		case 'message': {
			return <Text color={plain ? undefined : (status.tone === 'error' ? 'red' : 'green')}>{status.lines.join('\n')}</Text>;
		}

		case 'hint': {
			return <Text dimColor={!plain} wrap="truncate">{status.text}</Text>;
		}
	}
});
