import type {TokenRange} from '../../corpus/index.js';
import {displayText, truncate} from '../display-text.js';
import {sentenceLayoutOf, type TokenUnit} from '../sentence-layout.js';
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
export function sentenceLines(world: World, sentence: number, cursor: number, windowTop: number, rows: number, width: number): SentenceLine[] {
	const layout = sentenceLayoutOf(world.corpus, sentence, width, world.history.revision);
	const cursorLine = layout.lineOfToken[cursor] ?? 0;
	const top = cursorLine >= windowTop + rows ? cursorLine - rows + 1 : windowTop;
	const visible = layout.lines.slice(top, top + rows);
	return visible.map((line, index) => ({
		key: top + index,
		units: line.units,
		moreAbove: index === 0 && top > 0,
		moreBelow: index === visible.length - 1 && top + rows < layout.lines.length,
	}));
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

	return {text: truncate(parts.join('  '), width), invalid};
}
