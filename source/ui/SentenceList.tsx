import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Corpus} from '../corpus/index.js';
import type {Filter} from '../review/filter.js';
import type {Review} from '../review/review.js';
import {displayText, textWidth, truncate} from './display-text.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly corpus: Corpus;
	readonly current: number;
	readonly rows: number;
	readonly width: number;
	readonly revision: number;
	/** Changes while the corpus is still being indexed, so the window can grow. */
	readonly sentenceCount: number;
	readonly review?: Review;
	/** Only these sentences are listed. */
	readonly filter?: Filter;
};

/** The sentences around the current one, one line each. */
export const SentenceList = memo(function SentenceList({corpus, current, rows, width, revision, sentenceCount, review, filter}: Props) {
	const numberWidth = String(sentenceCount).length;
	const indices = filter === undefined ? windowAround(current, sentenceCount, rows, index => index) : filteredWindow(filter.sentences, current, rows);

	return (
		<Box flexDirection="column" height={rows}>
			{indices.map(sentence => (
				<SentenceRow
					key={sentence}
					corpus={corpus}
					sentence={sentence}
					isCurrent={sentence === current}
					mark={review?.isFlagged(sentence) ? '⚑' : (review?.isReviewed(sentence) ? '✓' : ' ')}
					numberWidth={numberWidth}
					width={width}
					revision={revision}
				/>
			))}
		</Box>
	);
});

/** `rows` consecutive positions of a list of `count` entries, centred on `at` where possible. */
function windowAround(at: number, count: number, rows: number, entry: (position: number) => number): number[] {
	const top = Math.max(0, Math.min(at - Math.floor(rows / 2), count - rows));
	const result: number[] = [];
	for (let position = top; position < Math.min(count, top + rows); position++) {
		result.push(entry(position));
	}

	return result;
}

/** The filtered sentences around the current one (which may itself not match, after an edit). */
function filteredWindow(sentences: Uint32Array, current: number, rows: number): number[] {
	let position = 0;
	while (position < sentences.length && sentences[position]! < current) {
		position++;
	}

	const list = windowAround(position, sentences.length, rows, index => sentences[index]!);
	return list.includes(current) ? list : [...list, current].sort((a, b) => a - b).slice(0, rows);
}

type RowProps = {
	readonly corpus: Corpus;
	readonly sentence: number;
	readonly isCurrent: boolean;
	/** ✓ reviewed, ⚑ flagged. */
	readonly mark: string;
	readonly numberWidth: number;
	readonly width: number;
	readonly revision: number;
};

type Piece = {text: string; type?: string};

const SentenceRow = memo(function SentenceRow({corpus, sentence, isCurrent, mark, numberWidth, width}: RowProps) {
	const {plain, colors} = useDisplay();
	const prefix = `${isCurrent ? '>' : ' '}${mark}${String(sentence + 1).padStart(numberWidth)}  `;
	const pieces = rowPieces(corpus, sentence, width - prefix.length);
	return (
		<Text wrap="truncate" bold={isCurrent && !plain}>
			{prefix}
			{pieces.map((piece, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} color={piece.type === undefined || plain ? undefined : colors.color(piece.type)} underline={piece.type !== undefined && !plain && colors.style(piece.type).underline}>{piece.text}</Text>
			))}
		</Text>
	);
});

/** The sentence's tokens as text pieces, entities bracketed, cut to `width` columns. */
function rowPieces(corpus: Corpus, sentence: number, width: number): Piece[] {
	const {spans} = corpus.decode(sentence);
	const [first, end] = corpus.sentenceTokens(sentence);
	const pieces: Piece[] = [];
	let used = 0;
	let spanIndex = 0;
	let token = first;
	while (token < end && used < width) {
		const relative = token - first;
		while (spanIndex < spans.length && spans[spanIndex]!.end <= relative) {
			spanIndex++;
		}

		const span = spans[spanIndex];
		let text: string;
		let type: string | undefined;
		if (span !== undefined && span.start === relative) {
			const words: string[] = [];
			for (let i = span.start; i < span.end && used + textWidth(words.join(' ')) < width; i++) {
				words.push(displayText(corpus.tokenText(first + i)));
			}

			text = `[${words.join(' ')}]`;
			type = span.type;
			token = first + span.end;
		} else {
			text = displayText(corpus.tokenText(token));
			token++;
		}

		const piece = truncate(`${pieces.length > 0 ? ' ' : ''}${text}`, width - used);
		const last = pieces.at(-1);
		// Plain words join one piece: fewer nodes for Ink to lay out on every frame.
		if (type === undefined && last !== undefined && last.type === undefined) {
			last.text += piece;
		} else {
			pieces.push({text: piece, type});
		}

		used += textWidth(piece);
	}

	return pieces;
}
