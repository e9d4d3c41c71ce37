import {memo} from 'react';
import {Text} from 'ink';
import type {Corpus, TokenRange} from '../corpus/index.js';
import {displayText, truncate} from './display-text.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly corpus: Corpus;
	readonly sentence: number;
	readonly cursor: number;
	readonly selection?: TokenRange;
	readonly width: number;
	readonly revision: number;
};

/** The token under the cursor as the file has it: text, raw tag, line number, and why its tag is invalid. */
export const TokenDetail = memo(function TokenDetail({corpus, sentence, cursor, selection, width}: Props) {
	const [first] = corpus.sentenceTokens(sentence);
	const token = first + cursor;
	const tag = corpus.tag(token);
	const invalid = corpus.decode(sentence).invalid.includes(cursor);
	const parts = [
		`"${displayText(corpus.tokenText(token))}"`,
		`tag ${displayText(tag.text)}`,
		`line ${corpus.lineOf(token)}`,
	];
	if (invalid) {
		parts.push(tag.prefix === '?' ? 'not a tag' : `invalid in ${corpus.format.scheme}`);
	}

	if (selection !== undefined) {
		parts.push(`selected tokens ${selection.start + 1}-${selection.end}`);
	}

	const {plain} = useDisplay();
	return <Text wrap="truncate" color={invalid && !plain ? 'red' : undefined}>{truncate(parts.join('  '), width)}</Text>;
});
