import type {TokenRange} from '../../corpus/index.js';
import {displayText, truncate} from '../display-text.js';
import {compareSentence} from '../../review/compare/index.js';
import {plural} from '../../text/plural.js';
import {displayCharsFor, otherSideLayoutOf, sentenceLayoutOf, type SentenceLayout, type TokenUnit} from '../sentence-layout.js';
import {windowAround} from '../state/window.js';
import type {World} from '../state/world.js';

export type SentenceLine = {
	readonly key: number;
	readonly units: readonly TokenUnit[];
	/** The sentence goes on above this first visible line, or below this last one: drawn as `…`. */
	readonly moreAbove: boolean;
	readonly moreBelow: boolean;
};

/**
The visible wrapped lines of the current sentence, from the window's first line (moved down when a
wrapped message took rows and the cursor's line would fall below them).
*/
export function sentenceLines(world: World, sentence: number, cursor: number, windowTop: number, rows: number, width: number, note?: {token: number; text: string}): SentenceLine[] {
	const layout = sentenceLayoutOf(world.corpus, sentence, width, world.history.revision, world.second, note);
	const cursorLine = layout.lineOfToken[cursor] ?? 0;
	const top = cursorLine >= windowTop + rows ? cursorLine - rows + 1 : windowTop;
	return visibleLines(layout, top, rows);
}

function visibleLines(layout: SentenceLayout, top: number, rows: number): SentenceLine[] {
	const visible = layout.lines.slice(top, top + rows);
	return visible.map((line, index) => ({
		key: top + index,
		units: line.units,
		moreAbove: index === 0 && top > 0,
		moreBelow: index === visible.length - 1 && top + rows < layout.lines.length,
	}));
}

export type OtherSideModel = {
	/** `gold.conll: 2 differences here · 14 sentences disagree`, or the other layer's column. */
	readonly title: string;
	readonly lines: readonly SentenceLine[];
	/** A reference layer, not compared: drawn dimmed. */
	readonly dim: boolean;
};

/** The second opinion's entities for the current sentence, under it, around the cursor. */
export function otherSide(world: World, sentence: number, cursor: number, rows: number, width: number): OtherSideModel | undefined {
	const {second} = world;
	if (second === undefined || rows < 2) {
		return undefined;
	}

	const {layer, disagreements, kind} = second;
	const layout = otherSideLayoutOf(second, sentence, width, world.history.revision);
	if (layout === undefined) {
		return {title: `${layer.label}: not read yet`, lines: [], dim: true};
	}

	let title = `the other tag layer, ${layer.label} (L edits it)`;
	if (kind === 'compare') {
		const here = compareSentence(world.corpus, layer, sentence).differences.length;
		// While the other side is still read the count can only grow: `1+ sentences`.
		const one = disagreements.count === 1 && disagreements.complete;
		const total = `${disagreements.count}${disagreements.complete ? '' : '+'} ${one ? 'sentence disagrees' : 'sentences disagree'}`;
		title = `${layer.label}: ${here === 0 ? 'agrees here' : `${plural(here, 'difference')} here (d next, o take it)`} · ${total}`;
	}

	const lineRows = rows - 1;
	const top = windowAround(layout.lineOfToken[cursor] ?? 0, layout.lines.length, lineRows, Math.floor(lineRows / 3));
	return {title: truncate(displayText(title), width), lines: visibleLines(layout, top, lineRows), dim: kind === 'layer'};
}

export type TokenDetailModel = {readonly text: string; readonly invalid: boolean};

/** The token under the cursor as the file has it: text, raw tag, line number, and why its tag is invalid. */
export function tokenDetail(world: World, sentence: number, cursor: number, selection: TokenRange | undefined, width: number): TokenDetailModel {
	const {corpus} = world;
	const [first] = corpus.sentenceTokens(sentence);
	const token = first + cursor;
	const tag = corpus.tag(token);
	const invalid = corpus.decode(sentence).invalid.includes(cursor);
	const parts = [
		`"${displayText(corpus.tokenDisplayText(token, displayCharsFor(width - 20)))}"`,
		`tag ${displayText(tag.text)}`,
		`line ${corpus.lineOf(token)}`,
	];
	if (invalid) {
		parts.push(tag.prefix === '?' ? 'not a tag' : `invalid in ${corpus.format.scheme}`);
	}

	// The line's other columns (POS, chunk, features), as the file has them.
	const others = corpus.otherCells(token);
	if (others.length > 0) {
		parts.push(`cols ${displayText(others.join(' '))}`);
	}

	if (selection !== undefined) {
		parts.push(`selected tokens ${selection.start + 1}-${selection.end}`);
	}

	const note = world.marks?.noteOf(sentence);
	if (note !== undefined) {
		parts.push(`⚑ ${displayText(note)}`);
	}

	const {second} = world;
	if (second !== undefined && second.layer.has(sentence)) {
		parts.push(`${displayText(second.layer.label)}: ${displayText(second.layer.tag(token).text)}`);
	}

	return {text: truncate(parts.join('  '), width), invalid};
}
