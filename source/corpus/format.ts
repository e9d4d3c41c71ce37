/**
Detects how a corpus file is laid out, from a sample of its first lines: sentence markers or blank
lines, the column separator, which column holds the token and which the tag, and the tag scheme.
Flags override each guess.
*/
import {contentEnd, isBlank, isTokenNumber, isWordRangeId, newline, splitCells, type Separator} from './cells.js';
import {refuseCarriageReturnLines, refuseNul} from './binary.js';
import {CorpusError} from './errors.js';
import {detectScheme, type SchemeName} from './scheme.js';
import {knownMiscKeys, miscItems, miscTags, type MiscTags} from './misc.js';
import {looksLikeTag, parseTag, type ParsedTag} from './tags.js';

export type Layout = 'sentence-markers' | 'blank-lines';

export type Format = {
	/** `sentence-markers`: sentences between `<s>` and `</s>` lines (WikiSER); `blank-lines`: CoNLL. */
	readonly layout: Layout;
	readonly separator: Separator;
	/** 0-based column of the token text. */
	readonly tokenColumn: number;
	/** 0-based column of the NER tag (the one edited). */
	readonly tagColumn: number;
	/**
	The tag is the last column (detected so, not given by --tag-column): each line's tag is read
	from its end, so a line with an extra or a missing feature column still has its tag found.
	*/
	readonly tagIsLast: boolean;
	/**
	Every column that holds entity tags, 0-based, in file order; `tagColumn` is one of them. More than
	one when a file carries several layers: GermEval 2014's outer and nested entities, a conlleval
	file's gold and predicted tags. Chunk-tag columns (CoNLL-2003's B-NP) are not entity layers.
	*/
	readonly tagColumns: readonly number[];
	/** The tags are the value of a key inside a CoNLL-U MISC cell (column `tagColumn`), not a cell of their own. */
	readonly misc?: MiscTags;
	readonly scheme: SchemeName;
	/** The scheme came from `--scheme`, not from the sample. */
	readonly schemeGiven: boolean;
	/** Byte offset where content starts (3 after a UTF-8 BOM). */
	readonly contentStart: number;
	/**
	A note for the user: a doubtful guess (a tag column that looks like chunk tags), or that the file
	has several tag columns and which one is edited.
	*/
	readonly warning?: string;
	/** The part of `warning` that doubts the tag column (chunk tags, no tags), which `check` and `stats` say too. */
	readonly columnDoubt?: string;
};

export type FormatOverrides = {
	/** 1-based tag column, as the `--tag-column` flag gives it. */
	tagColumn?: number;
	scheme?: SchemeName;
	/** The MISC key holding the tags (`--misc-key`), for keys other than the known ones. */
	miscKey?: string;
};

/**
How much of the file the guesses read. Every real corpus tried (the shared corpora: CoNLL-2003 in
three schemes, WNUT17, UNER, Weibo, Resume, WikiSER) is detected the same from 8 KB as from 64 KB;
16 KB leaves room for long headers. Detection costs about 1 ms per KB in a cold process, and it
stands between the file read and the first frame.
*/
export const sampleBytes = 16 * 1024;

const chunkTypes = new Set(['NP', 'VP', 'PP', 'ADJP', 'ADVP', 'SBAR', 'PRT', 'CONJP', 'INTJ', 'LST', 'UCP']);

export function detectFormat(bytes: Buffer, overrides: FormatOverrides = {}): Format {
	// UTF-32LE's BOM begins with UTF-16LE's: told apart first, or the advice would make garbage.
	if (bytes[0] === 0xFF && bytes[1] === 0xFE && bytes[2] === 0 && bytes[3] === 0) {
		throw new CorpusError('the file is UTF-32; convert it to UTF-8 first (iconv -f UTF-32 -t UTF-8)', 1);
	}

	if ((bytes[0] === 0xFF && bytes[1] === 0xFE) || (bytes[0] === 0xFE && bytes[1] === 0xFF)) {
		throw new CorpusError('the file is UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)', 1);
	}

	const contentStart = bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF ? 3 : 0;
	refuseNul(bytes, 0, Math.min(bytes.length, contentStart + sampleBytes));
	refuseCarriageReturnLines(bytes.subarray(contentStart, contentStart + sampleBytes));
	const lines = sampleLines(bytes, contentStart);
	const firstContent = lines.find(line => line.text.trim() !== '');
	if (firstContent === undefined) {
		throw new CorpusError('the file has no tokens (it is empty or blank)');
	}

	const layout: Layout = firstContent.text.trim() === '<s>' ? 'sentence-markers' : 'blank-lines';
	const candidates = lines.filter(line => isCandidateTokenLine(line.text));
	if (candidates.length === 0) {
		throw new CorpusError('no token lines found', firstContent.number);
	}

	const separator: Separator = candidates.some(line => line.text.includes('\t')) ? 'tab' : 'space';
	const rows = candidates.map(line => ({line, cells: splitCells(line.text, separator)}));
	const choice = chooseTagColumn(rows, overrides);
	const {column: tagColumn, last: tagIsLast, misc} = choice;
	// CoNLL-U multiword-token and empty-node lines (`5-6`, `8.1`) carry no entity of their own when the
	// tags are in MISC: the words do.
	const tokenRows = misc === undefined ? rows : rows.filter(row => !isWordRangeId(row.cells[0] ?? ''));
	const tokenColumn = tagColumn > 1 && rows.every(row => isTokenNumber(row.cells[0] ?? '')) ? 1 : 0;
	const sentences = sampleSentences(tokenRows.map(row => ({number: row.line.number, tag: parseTag(sampleTag(row.cells, tagColumn, tagIsLast, misc))})));
	const scheme = overrides.scheme ?? detectScheme(sentences);
	// Loops, not flat/map/filter: Array.prototype.flat is slow enough to show in the start-up time.
	const types = new Set<string>();
	for (const sentence of sentences) {
		for (const tag of sentence) {
			if (tag.type !== '') {
				types.add(tag.type);
			}
		}
	}

	const columnDoubt = types.size > 0 && [...types].every(type => chunkTypes.has(type)) ? `column ${tagColumn + 1} looks like chunk tags (${[...types].slice(0, 3).join(', ')}), not entities: use --tag-column if it is wrong`
		: overrides.tagColumn !== undefined && misc === undefined && !choice.columns.includes(tagColumn) ? `column ${tagColumn + 1} holds no tags in the first lines: is --tag-column right?` : undefined;
	const notes = [columnDoubt, choice.columns.length > 1 ? `tags in columns ${listColumns(choice.columns)}; editing ${tagColumn + 1}` : undefined].filter(note => note !== undefined);
	const warning = notes.length > 0 ? notes.join('; ') : undefined;
	return {layout, separator, tokenColumn, tagColumn, tagIsLast, tagColumns: choice.columns, ...(misc === undefined ? {} : {misc}), scheme, schemeGiven: overrides.scheme !== undefined, contentStart, warning, ...(columnDoubt === undefined ? {} : {columnDoubt})};
}

/** `3 and 4`, `3, 4 and 5` (1-based). */
function listColumns(columns: readonly number[]): string {
	const numbers = columns.map(column => String(column + 1));
	return numbers.length === 1 ? numbers[0]! : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)!}`;
}

/**
Where the tags being read are, for `check` and `stats` to say: `column 3 (tags also in column 4:
--tag-column 4)`, `column 10, MISC name=`.
*/
export function describeTagColumn(format: Format): string {
	const others = otherTagColumns(format);
	const also = others.length === 0 ? '' : ` (tags also in column ${listColumns(others)}: --tag-column ${others[0]! + 1})`;
	return format.misc === undefined ? `column ${format.tagColumn + 1}${also}` : `column ${format.tagColumn + 1}, MISC ${format.misc.key}=`;
}

/** The other columns of entity tags, besides the one edited (the layers a screen can show dimmed or switch to). */
export function otherTagColumns(format: Format): number[] {
	return format.tagColumns.filter(column => column !== format.tagColumn);
}

type SampleLine = {number: number; text: string};

function sampleLines(bytes: Buffer, contentStart: number): SampleLine[] {
	let end = Math.min(bytes.length, contentStart + sampleBytes);
	if (end < bytes.length) {
		const lastNewline = bytes.lastIndexOf(newline, end - 1);
		// A first line longer than the sample is sampled whole: cut, its tag was out of sight.
		const firstNewline = bytes.indexOf(newline, end);
		end = lastNewline > contentStart ? lastNewline : firstNewline === -1 ? bytes.length : firstNewline;
	}

	const lines: SampleLine[] = [];
	let start = contentStart;
	let number = 1;
	while (start < end) {
		let lineEnd = bytes.indexOf(newline, start);
		if (lineEnd === -1 || lineEnd > end) {
			lineEnd = end;
		}

		const stop = contentEnd(bytes, start, lineEnd);
		lines.push({number, text: isBlank(bytes, start, stop) ? '' : bytes.toString('utf8', start, stop)});
		start = lineEnd + 1;
		number++;
	}

	return lines;
}

/** Lines that can only be tokens: not blank, not markers, not document starts, not `#` lines (which may be comments). */
function isCandidateTokenLine(text: string): boolean {
	const trimmed = text.trim();
	return trimmed !== '' && trimmed !== '<s>' && trimmed !== '</s>' && !trimmed.startsWith('-DOCSTART-') && !trimmed.startsWith('#');
}

type Row = {line: SampleLine; cells: string[]};

type TagColumnChoice = {
	column: number;
	last: boolean;
	/** Every column of entity tags (see Format.tagColumns). */
	columns: number[];
	misc?: MiscTags;
};

/** The sample row's tag as text: its tag cell, or the value inside MISC (`O` where MISC lacks the key). */
function sampleTag(cells: readonly string[], column: number, last: boolean, misc: MiscTags | undefined): string {
	if (misc !== undefined) {
		return miscItems(cells[column] ?? '').find(([key]) => key === misc.key)?.[1] ?? 'O';
	}

	return (last ? cells.at(-1) : cells[column]) ?? '';
}

/**
Which column holds the tags. `--misc-key` and `--tag-column` decide when given; otherwise every
column whose cells (98% of the sample) look like tags is an entity layer, unless all its types are
chunk types (CoNLL-2003's B-NP column). Of several layers the first is edited (GermEval's outer
entities before the nested ones, a conlleval file's gold tags before the predicted ones), unless a
later one holds more than twice its entities: a nested layer holds far fewer entities than the outer
one, while gold and predicted tags hold about as many. Without any tag column, the tags may be
inside a CoNLL-U MISC cell under a known key.
*/
function chooseTagColumn(rows: Row[], overrides: FormatOverrides): TagColumnChoice {
	const width = rows.reduce((widest, row) => Math.max(widest, row.cells.length), 0);
	if (width < 2) {
		throw new CorpusError('the token line has no tag column (expected `token<TAB>tag` or CoNLL columns)', rows[0]!.line.number);
	}

	// A few cells that are no tags (shown with a `!`, fixed by the reviewer) do not hide the column; in
	// a small file one of them was more than 2% of the sample, and the file could not be opened to fix it.
	const mostly = (count: number) => count >= rows.length * 0.98 || (count >= rows.length - 2 && count >= rows.length * 0.8);
	const given = overrides.tagColumn === undefined ? undefined : overrides.tagColumn - 1;
	if (given !== undefined) {
		const short = rows.find(row => row.cells.length <= given);
		if (short !== undefined) {
			throw new CorpusError(`the line has no column ${overrides.tagColumn} (--tag-column)`, short.line.number);
		}
	}

	if (overrides.miscKey !== undefined) {
		const key = overrides.miscKey;
		// In CoNLL-U, MISC is column 10 even when no token of the sample carries the key (all O).
		const column = given ?? findMiscColumn(rows, width, [key])?.column ?? (isConllu(rows, width) ? 9 : undefined);
		if (column === undefined) {
			throw new CorpusError(`no MISC item ${key}=... in the first lines (--misc-key)`, rows[0]!.line.number);
		}

		return {column, last: false, columns: [column], misc: miscTags(key, outsideHabit(rows, column, key))};
	}

	const tagLike = new Map<number, number>();
	for (let column = 1; column < width; column++) {
		tagLike.set(column, rows.filter(row => looksLikeTag(row.cells[column] ?? '')).length);
	}

	// The last cell of each line, whatever the line's width: tags last, feature columns may vary.
	const lastIsTags = mostly(rows.filter(row => row.cells.length >= 2 && looksLikeTag(row.cells.at(-1)!)).length);
	const tagColumns = [...tagLike].filter(([, count]) => mostly(count)).map(([column]) => column);
	if (lastIsTags && !tagColumns.includes(width - 1)) {
		tagColumns.push(width - 1);
	}

	const entityColumns = tagColumns.filter(column => !isChunkColumn(rows, column, lastIsTags && column === width - 1));
	const layers = entityColumns.length > 0 ? entityColumns : tagColumns;
	if (given !== undefined) {
		// Column 2 is the token where column 1 numbers them (CoNLL-U, GermEval): as tags, R wrote O over every word.
		if (given === 1 && !tagColumns.includes(1) && width > 2 && rows.every(row => isTokenNumber(row.cells[0] ?? ''))) {
			throw new CorpusError('column 2 holds the tokens (column 1 numbers them): --tag-column takes a column of tags', rows[0]!.line.number);
		}

		const found = layers.includes(given) ? undefined : findMiscColumn(rows, width, knownMiscKeys, given);
		if (found !== undefined) {
			return {column: given, last: false, columns: [given], misc: miscTags(found.key, outsideHabit(rows, given, found.key))};
		}

		return {column: given, last: false, columns: [...new Set([...layers, given])].sort((a, b) => a - b)};
	}

	if (layers.length > 0) {
		let chosen = layers[0]!;
		for (const column of layers) {
			if (entityTags(rows, column, lastIsTags && column === width - 1) > 2 * entityTags(rows, chosen, lastIsTags && chosen === width - 1)) {
				chosen = column;
			}
		}

		return {column: chosen, last: lastIsTags && chosen === width - 1, columns: layers};
	}

	const found = findMiscColumn(rows, width, knownMiscKeys);
	if (found !== undefined) {
		return {column: found.column, last: false, columns: [found.column], misc: miscTags(found.key, outsideHabit(rows, found.column, found.key))};
	}

	throw noTagsError(rows, width, tagLike);
}

/** Ten columns with a word id first: CoNLL-U, whose MISC is column 10. */
function isConllu(rows: Row[], width: number): boolean {
	return width === 10 && rows.every(row => /^\d+(?:[-.]\d+)?$/.test(row.cells[0] ?? ''));
}

function columnTags(rows: Row[], column: number, last: boolean): ParsedTag[] {
	return rows.map(row => parseTag((last ? row.cells.at(-1) : row.cells[column]) ?? ''));
}

/** All the column's types are chunk types (NP, VP, PP): a chunking layer, not entities. */
function isChunkColumn(rows: Row[], column: number, last: boolean): boolean {
	const types = new Set(columnTags(rows, column, last).map(tag => tag.type).filter(type => type !== ''));
	return types.size > 0 && [...types].every(type => chunkTypes.has(type));
}

/** Tokens inside entities in the column, in the sample. */
function entityTags(rows: Row[], column: number, last: boolean): number {
	return columnTags(rows, column, last).filter(tag => tag.type !== '').length;
}

/**
The MISC column and key holding tags: a column of `key=value|...` items (or `_`) where the key's
values look like tags. Searched from the last column (CoNLL-U's MISC is column 10), or only in `only`.
*/
function findMiscColumn(rows: Row[], width: number, keys: readonly string[], only?: number): {column: number; key: string} | undefined {
	for (let column = only ?? width - 1; column >= (only ?? 1); column--) {
		for (const key of keys) {
			let carrying = 0;
			let tags = 0;
			for (const row of rows) {
				const value = miscItems(row.cells[column] ?? '').find(([name]) => name === key)?.[1];
				if (value !== undefined) {
					carrying++;
					tags += looksLikeTag(value) ? 1 : 0;
				}
			}

			if (carrying > 0 && tags >= carrying * 0.98) {
				return {column, key};
			}
		}
	}

	return undefined;
}

/** `value` when the sample writes `key=O` or gives every token the key; `absent` when O tokens go without it. */
function outsideHabit(rows: Row[], column: number, key: string): MiscTags['outside'] {
	let without = 0;
	for (const row of rows) {
		if (isWordRangeId(row.cells[0] ?? '')) {
			continue;
		}

		const value = miscItems(row.cells[column] ?? '').find(([name]) => name === key)?.[1];
		if (value === 'O') {
			return 'value';
		}

		without += value === undefined ? 1 : 0;
	}

	return without > 0 ? 'absent' : 'value';
}

/**
No column of tags: the message names the first line where the column most like one has no tag (a
cell that is none, or no cell there at all) and, where the file is CoNLL-U with `key=value` items
in a column, says that MISC has no known key (and which key holds tags, if any).
*/
function noTagsError(rows: Row[], width: number, tagLike: ReadonlyMap<number, number>): CorpusError {
	let likeliest = width - 1;
	for (const [column, count] of tagLike) {
		likeliest = count > tagLike.get(likeliest)! ? column : likeliest;
	}

	const offending = rows.find(row => !looksLikeTag(row.cells[likeliest] ?? '')) ?? rows[0]!;
	const cell = offending.cells[likeliest];
	if (cell === undefined) {
		return new CorpusError(`the token line has no tag in column ${likeliest + 1}`, offending.line.number);
	}

	const miscColumn = isConllu(rows, width) || rows.some(row => row.cells.length === width && miscItems(row.cells[width - 1]!).length > 0) ? width - 1 : undefined;
	if (miscColumn === undefined) {
		return new CorpusError(`no column of NER tags found: "${cell}" is not a tag like O or B-PER (use --tag-column N)`, offending.line.number);
	}

	const keys = new Set(rows.flatMap(row => miscItems(row.cells[miscColumn] ?? '').filter(([, value]) => looksLikeTag(value) && value !== 'O').map(([key]) => key)));
	const known = knownMiscKeys.map(key => `${key}=`).join(', ');
	const hint = keys.size > 0 ? `its key ${[...keys][0]!}= holds tags: use --misc-key ${[...keys][0]!}` : 'use --misc-key KEY for the key that holds them';
	return new CorpusError(`no NER tags found: column ${miscColumn + 1} (MISC) has no ${known} item (${hint})`, offending.line.number);
}

/** Groups consecutive sample token lines into sentences for scheme detection. */
function sampleSentences(tokens: Array<{number: number; tag: ParsedTag}>): ParsedTag[][] {
	const sentences: ParsedTag[][] = [];
	let current: ParsedTag[] = [];
	let previousLine = -1;
	for (const token of tokens) {
		if (token.number !== previousLine + 1 && current.length > 0) {
			sentences.push(current);
			current = [];
		}

		current.push(token.tag);
		previousLine = token.number;
	}

	if (current.length > 0) {
		sentences.push(current);
	}

	return sentences;
}
