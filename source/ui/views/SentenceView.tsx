import {memo} from 'react';
import {Box, Text} from 'ink';
import type {TokenRange} from '../../corpus/index.js';
import type {TokenUnit} from '../sentence-layout.js';
import type {SentenceLine as LineModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';
import {styledText} from './styled-text.js';

type Props = {
	readonly lines: readonly LineModel[];
	readonly cursor: number;
	readonly selection?: TokenRange;
	readonly rows: number;
	/** A title row above the lines (the second opinion's name). */
	readonly title?: string;
	/** A reference layer: drawn dimmed. */
	readonly dim?: boolean;
};

/** The current sentence in full, wrapped, its window keeping the cursor in view (or the other side's view of it). */
export const SentenceView = memo(function SentenceView({lines, cursor, selection, rows, title, dim = false}: Props) {
	const {plain} = useDisplay();
	return (
		<Box flexDirection="column" height={rows}>
			{title === undefined ? undefined : <Text dimColor={!plain} wrap="truncate">{title}</Text>}
			{lines.map(line => (
				<SentenceLine
					key={line.key}
					units={line.units}
					cursor={cursor}
					selection={selection}
					moreAbove={line.moreAbove}
					moreBelow={line.moreBelow}
					dim={dim}
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
	readonly dim?: boolean;
};

type Style = {color?: string; inverse?: boolean; bold?: boolean; underline?: boolean; dim?: boolean};
type Segment = {text: string; style: Style};

/**
One screen line, one <Text>: runs of text with the same style are merged, and each run is styled
into the line's string (styled-text.ts). Ink lays out and serialises every node on every frame.
*/
function SentenceLine({units, cursor, selection, moreAbove, moreBelow, dim = false}: LineProps) {
	const {plain, colors} = useDisplay();
	const selected = (token: number) => selection !== undefined && token >= selection.start && token < selection.end;
	const segments: Segment[] = [];
	const add = (text: string, style: Style) => {
		const last = segments.at(-1);
		if (last !== undefined && sameStyle(last.style, style)) {
			last.text += text;
		} else {
			segments.push({text, style});
		}
	};

	const none: Style = {};
	units.forEach((unit, index) => {
		const {token} = unit;
		const {color, underline: underlined, bold: typeBold} = colors.textProps(unit.type, plain);
		add(gapBefore(unit, index, units, cursor, selection, plain, moreAbove), none);
		if (unit.opens) {
			add('[', {color});
		}

		const isCursor = token === cursor;
		add(unit.text, plain ? none : {color, inverse: isCursor || selected(token), bold: isCursor || typeBold, underline: underlined || (isCursor && selected(token))});
		if (unit.closes) {
			add(']', {color});
			add(unit.label ?? '', plain ? none : {color, dim: true});
		}

		if (unit.differs) {
			add('≠', plain ? none : {color: 'red', bold: true});
		}

		if (unit.note !== undefined) {
			add(unit.note, plain ? none : {color: 'yellow', bold: true});
		}

		if (unit.invalid) {
			add('!', plain ? none : {color: 'red', bold: true});
		}
	});
	const last = units.at(-1);
	const closing = last === undefined ? '' : plainMark(last.token, 'after', cursor, selection, plain);
	add(closing || (moreBelow ? '…' : ''), none);
	let text = '';
	for (const {text: segmentText, style} of segments) {
		text += styledText(segmentText, {color: style.color, inverse: style.inverse, bold: style.bold, underline: style.underline, dimColor: style.dim});
	}

	return <Text wrap="truncate" dimColor={dim && !plain}>{text}</Text>;
}

function sameStyle(a: Style, b: Style): boolean {
	return a.color === b.color && Boolean(a.inverse) === Boolean(b.inverse) && Boolean(a.bold) === Boolean(b.bold)
		&& Boolean(a.underline) === Boolean(b.underline) && Boolean(a.dim) === Boolean(b.dim);
}

/** The one-column gap before a unit: a space, or in plain mode the cursor and selection marks. */
function gapBefore(unit: TokenUnit, index: number, units: readonly TokenUnit[], cursor: number, selection: TokenRange | undefined, plain: boolean, moreAbove: boolean): string {
	const previous = index > 0 ? units[index - 1] : undefined;
	const closingPrevious = previous === undefined ? '' : plainMark(previous.token, 'after', cursor, selection, plain);
	const opening = plainMark(unit.token, 'before', cursor, selection, plain);
	return opening || closingPrevious || (index === 0 && moreAbove ? '…' : ' ');
}

/**
The plain mode's mark on one side of a token. The selection's ends win over the cursor's mark on the
same side, so a selection is always closed (`«queues ‹on»`), and the cursor keeps its other side.
*/
function plainMark(token: number, side: 'before' | 'after', cursor: number, selection: TokenRange | undefined, plain: boolean): string {
	if (!plain) {
		return '';
	}

	if (selection !== undefined) {
		if (side === 'before' && token === selection.start) {
			return '«';
		}

		if (side === 'after' && token === selection.end - 1) {
			return '»';
		}
	}

	if (token === cursor) {
		return side === 'before' ? '‹' : '›';
	}

	return '';
}
