import {Text} from 'ink';
import TextInput from 'ink-text-input';
import {filterNames} from '../review/filter.js';
import type {Message, Mode} from './state.js';
import {displayText, truncate} from './display-text.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly mode: Mode;
	readonly message?: Message;
	readonly labels: readonly string[];
	readonly width: number;
};

const noop = () => undefined;

const promptTitles = {goto: 'go to sentence: ', label: 'label: ', write: 'write to: ', filter: 'filter (flagged, unreviewed, problems, all, a label): ', search: 'search (/regex/ or text): '} as const;

/** The bottom line: a prompt, the quit question, the last message, or a hint. */
/** The key hint of each view, when there is nothing else to say. */
const hints: Partial<Record<Mode['kind'], string>> = {
	normal: 'j/k sentence  h/l token  1-9 label  x remove  v select  u undo  s save  ? help  q quit',
	help: 'j/k scroll  ? or Esc close',
	stats: 'j/k scroll  Esc close',
	consistency: 'j/k select  1-9 relabel the group  Enter go there  Esc close',
};

export function StatusLine({mode, message, labels, width}: Props) {
	const {plain} = useDisplay();
	if (mode.kind === 'prompt') {
		const hint = mode.prompt === 'label' ? completionHint(mode.text, labels) : mode.prompt === 'filter' ? completionHint(mode.text, [...filterNames, 'all', ...labels]) : '';
		return (
			<Text wrap="truncate">
				<Text bold={!plain}>{promptTitles[mode.prompt]}</Text>
				{/* Drawn by ink-text-input but not fed by it: the store owns the text (see App's key handler). */}
				<TextInput focus={false} value={mode.text} onChange={noop} />
				<Text inverse={!plain}>{plain ? '_' : ' '}</Text>
				<Text dimColor={!plain}>{truncate(hint, Math.max(0, width - promptTitles[mode.prompt].length - mode.text.length - 2))}</Text>
			</Text>
		);
	}

	if (mode.kind === 'quit') {
		return <Text bold={!plain} color={plain ? undefined : 'yellow'}>Save changes? (y)es (n)o (c)ancel</Text>;
	}

	if (mode.kind === 'confirm') {
		return <Text bold={!plain} color={plain ? undefined : 'yellow'} wrap="truncate">{truncate(displayText(mode.question), width)}</Text>;
	}

	if (mode.kind === 'recover') {
		return <Text bold={!plain} color={plain ? undefined : 'yellow'} wrap="truncate">{truncate(`The last session ended with ${mode.pendingEdits} unsaved edit${mode.pendingEdits === 1 ? '' : 's'}. Recover? (y)es (n)o`, width)}</Text>;
	}

	if (message !== undefined) {
		const color = message.tone === 'error' ? 'red' : 'green';
		return <Text wrap="truncate" color={plain ? undefined : color}>{truncate(displayText(message.text), width)}</Text>;
	}

	return <Text dimColor={!plain} wrap="truncate">{truncate(hints[mode.kind] ?? hints['normal']!, width)}</Text>;
}

function completionHint(text: string, labels: readonly string[]): string {
	const matches = labels.filter(label => label.toLowerCase().startsWith(text.toLowerCase()));
	if (matches.length === 0) {
		return text === '' ? '' : '  (new label)';
	}

	return `  ${matches.slice(0, 6).map(label => displayText(label)).join(' ')}${matches.length > 6 ? ' ...' : ''}  (Tab completes)`;
}
