import {memo} from 'react';
import {Text} from 'ink';
import TextInput from 'ink-text-input';
import type {StatusModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

const noop = () => undefined;

/** The bottom line: a prompt, a question, the last message, or the view's key hint. */
export const StatusLine = memo(function StatusLine({status}: {readonly status: StatusModel}) {
	const {plain} = useDisplay();
	switch (status.kind) {
		case 'prompt': {
			return (
				<Text wrap="truncate">
					<Text bold={!plain}>{status.title}</Text>
					{/* Drawn by ink-text-input but not fed by it: the store owns the text (see App's key handler). */}
					<TextInput focus={false} value={status.text} onChange={noop} />
					<Text inverse={!plain}>{plain ? '_' : ' '}</Text>
					<Text dimColor={!plain}>{status.hint}</Text>
				</Text>
			);
		}

		case 'question': {
			return <Text bold={!plain} color={plain ? undefined : 'yellow'} wrap="truncate">{status.text}</Text>;
		}

		case 'message': {
			return <Text wrap="truncate" color={plain ? undefined : (status.tone === 'error' ? 'red' : 'green')}>{status.text}</Text>;
		}

		case 'hint': {
			return <Text dimColor={!plain} wrap="truncate">{status.text}</Text>;
		}
	}
});
