import {type ReactNode, memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import type {Corpus} from '../corpus/corpus.js';
import type {TokenRange} from '../corpus/edit.js';
import {useDisplay} from './display-context.js';
import {layoutSentence, scrollTop, sentenceUnits, type TokenUnit} from './sentence-layout.js';

type Props = {
	readonly corpus: Corpus;
	readonly sentence: number;
	readonly cursor: number;
	readonly selection?: TokenRange;
	readonly rows: number;
	readonly width: number;
	readonly revision: number;
};

/** The current sentence in full, wrapped, scrolled to keep the cursor in view. */
export const SentenceView = memo(function SentenceView({corpus, sentence, cursor, selection, rows, width, revision}: Props) {
	// The wrapped layout depends only on the text and the tags: cursor moves reuse it.
	const layout = useMemo(() => {
		const [first, end] = corpus.sentenceTokens(sentence);
		const texts: string[] = [];
		for (let token = first; token < end; token++) {
			texts.push(corpus.tokenText(token));
		}

		return layoutSentence(sentenceUnits(texts, corpus.decode(sentence), width - 2), width);
	}, [corpus, sentence, width, revision]);
	const cursorLine = layout.lineOfToken[cursor] ?? 0;
	const top = scrollTop(layout.lines.length, cursorLine, rows);
	const visible = layout.lines.slice(top, top + rows);
	return (
		<Box flexDirection="column" height={rows}>
			{visible.map((line, index) => (
				<SentenceLine
					key={top + index}
					units={line.units}
					cursor={cursor}
					selection={selection}
					moreAbove={index === 0 && top > 0}
					moreBelow={index === visible.length - 1 && top + rows < layout.lines.length}
				/>
			))}
		</Box>
	);
});

type LineProps = {
	readonly units: readonly TokenUnit[];
	readonly cursor: number;
	readonly selection?: TokenRange;
	readonly moreAbove: boolean;
	readonly moreBelow: boolean;
};

function SentenceLine({units, cursor, selection, moreAbove, moreBelow}: LineProps) {
	const {plain, colors} = useDisplay();
	const selected = (token: number) => selection !== undefined && token >= selection.start && token < selection.end;
	const children: ReactNode[] = [];
	units.forEach((unit, index) => {
		const {token} = unit;
		const color = unit.type === undefined || plain ? undefined : colors.color(unit.type);
		children.push(<Text key={`g${token}`}>{gapBefore(unit, index, units, cursor, selection, plain, moreAbove)}</Text>);
		if (unit.opens) {
			children.push(<Text key={`o${token}`} color={color}>[</Text>);
		}

		const isCursor = token === cursor;
		children.push(
			<Text
				key={`t${token}`}
				color={color}
				inverse={!plain && (isCursor || selected(token))}
				bold={!plain && isCursor}
				underline={!plain && isCursor && selected(token)}
			>
				{unit.text}
			</Text>,
		);
		if (unit.closes) {
			children.push(<Text key={`c${token}`} color={color}>]<Text dimColor={!plain}>{unit.label}</Text></Text>);
		}

		if (unit.invalid) {
			children.push(<Text key={`i${token}`} color={plain ? undefined : 'red'} bold={!plain}>!</Text>);
		}
	});
	const last = units.at(-1);
	const closing = last === undefined ? '' : plainMark(last.token, 'after', cursor, selection, plain);
	return (
		<Text wrap="truncate">
			{children}
			{closing || (moreBelow ? '…' : '')}
		</Text>
	);
}

/** The one-column gap before a unit: a space, or in plain mode the cursor and selection marks. */
function gapBefore(unit: TokenUnit, index: number, units: readonly TokenUnit[], cursor: number, selection: TokenRange | undefined, plain: boolean, moreAbove: boolean): string {
	const previous = index > 0 ? units[index - 1] : undefined;
	const closingPrevious = previous === undefined ? '' : plainMark(previous.token, 'after', cursor, selection, plain);
	const opening = plainMark(unit.token, 'before', cursor, selection, plain);
	return opening || closingPrevious || (index === 0 && moreAbove ? '…' : ' ');
}

function plainMark(token: number, side: 'before' | 'after', cursor: number, selection: TokenRange | undefined, plain: boolean): string {
	if (!plain) {
		return '';
	}

	if (token === cursor) {
		return side === 'before' ? '‹' : '›';
	}

	if (selection !== undefined) {
		if (side === 'before' && token === selection.start) {
			return '«';
		}

		if (side === 'after' && token === selection.end - 1) {
			return '»';
		}
	}

	return '';
}
