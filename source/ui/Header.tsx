import {memo} from 'react';
import {Text} from 'ink';
import {displayText, truncate} from './display-text.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly fileName: string;
	readonly sentence: number;
	readonly sentenceCount: number;
	readonly token: number;
	readonly tokenCount: number;
	readonly scheme: string;
	readonly dirty: boolean;
	/** Share of the file indexed, while a large file is still being read. */
	readonly indexing?: number;
	/** Review progress, when a sidecar is kept. */
	readonly reviewed?: number;
	readonly flagged?: number;
	/** The active filter, described. */
	readonly filter?: string;
	readonly width: number;
};

/** File name, position, scheme and the modified marker. */
export const Header = memo(function Header({fileName, sentence, sentenceCount, token, tokenCount, scheme, dirty, indexing, reviewed, flagged, filter, width}: Props) {
	const total = indexing === undefined ? `${sentenceCount}` : `${sentenceCount}+ (indexing ${Math.floor(indexing * 100)}%)`;
	// Narrow terminals drop the app name first, so the position stays visible.
	const name = width < 70 ? displayText(fileName) : `ner-review  ${displayText(fileName)}`;
	const parts = [name, `sentence ${sentence + 1}/${total}`, `token ${token + 1}/${tokenCount}`];
	if (reviewed !== undefined) {
		parts.push(`reviewed ${reviewed}/${sentenceCount}${flagged ? `  flagged ${flagged}` : ''}`);
	}

	if (filter !== undefined) {
		parts.push(filter);
	}

	parts.push(scheme);
	const modified = dirty ? '  [modified]' : '';
	const text = truncate(parts.join('  ·  '), width - modified.length);
	const {plain} = useDisplay();
	return (
		<Text bold={!plain} wrap="truncate">
			{text}
			<Text color={plain ? undefined : 'yellow'}>{modified}</Text>
		</Text>
	);
});
