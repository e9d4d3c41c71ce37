/**
Detects how a corpus file is laid out, from a sample of its first lines: sentence markers or blank
lines, the column separator, which column holds the token and which the tag, and the tag scheme.
Flags override each guess.
*/
import {contentEnd, isBlank, newline, splitCells, type Separator} from './cells.js';
import {refuseNul} from './binary.js';
import {CorpusError} from './errors.js';
import {detectScheme, type SchemeName} from './scheme.js';
import {looksLikeTag, parseTag, type ParsedTag} from './tags.js';

export type Layout = 'sentence-markers' | 'blank-lines';

export type Format = {
	/** `sentence-markers`: sentences between `<s>` and `</s>` lines (WikiSER); `blank-lines`: CoNLL. */
	readonly layout: Layout;
	readonly separator: Separator;
	/** 0-based column of the token text. */
	readonly tokenColumn: number;
	/** 0-based column of the NER tag. */
	readonly tagColumn: number;
	/**
	The tag is the last column (detected so, not given by --tag-column): each line's tag is read
	from its end, so a line with an extra or a missing feature column still has its tag found.
	*/
	readonly tagIsLast: boolean;
	readonly scheme: SchemeName;
	/** The scheme came from `--scheme`, not from the sample. */
	readonly schemeGiven: boolean;
	/** Byte offset where content starts (3 after a UTF-8 BOM). */
	readonly contentStart: number;
	/** A note for the user about a doubtful guess, e.g. a tag column that looks like chunk tags. */
	readonly warning?: string;
};

export type FormatOverrides = {
	/** 1-based tag column, as the `--tag-column` flag gives it. */
	tagColumn?: number;
	scheme?: SchemeName;
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
	if ((bytes[0] === 0xFF && bytes[1] === 0xFE) || (bytes[0] === 0xFE && bytes[1] === 0xFF)) {
		throw new CorpusError('the file is UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)', 1);
	}

	const contentStart = bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF ? 3 : 0;
	refuseNul(bytes, 0, Math.min(bytes.length, contentStart + sampleBytes));
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
	const guess = overrides.tagColumn === undefined ? guessTagColumn(rows) : {column: overrides.tagColumn - 1, last: false};
	const tagColumn = guess.column;
	const tagIsLast = guess.last;
	const short = rows.find(row => row.cells.length <= tagColumn || (tagColumn === 0 && row.cells.length < 2));
	if (overrides.tagColumn !== undefined && short !== undefined) {
		throw new CorpusError(`the line has no column ${overrides.tagColumn} (--tag-column)`, short.line.number);
	}

	const tokenColumn = tagColumn > 1 && rows.every(row => /^\d+(?:[-.]\d+)?$/.test(row.cells[0] ?? '')) ? 1 : 0;
	const sentences = sampleSentences(rows.map(row => ({number: row.line.number, tag: parseTag((tagIsLast ? row.cells.at(-1) : row.cells[tagColumn]) ?? '')})));
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

	const warning = types.size > 0 && [...types].every(type => chunkTypes.has(type))
		? `column ${tagColumn + 1} looks like chunk tags (${[...types].slice(0, 3).join(', ')}), not entities: use --tag-column if it is wrong`
		: undefined;
	return {layout, separator, tokenColumn, tagColumn, tagIsLast, scheme, schemeGiven: overrides.scheme !== undefined, contentStart, warning};
}

type SampleLine = {number: number; text: string};

function sampleLines(bytes: Buffer, contentStart: number): SampleLine[] {
	let end = Math.min(bytes.length, contentStart + sampleBytes);
	if (end < bytes.length) {
		const lastNewline = bytes.lastIndexOf(newline, end - 1);
		end = lastNewline > contentStart ? lastNewline : end;
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

/** The last column (after the token) whose cells all look like tags; feature and prediction columns may follow it. */
function guessTagColumn(rows: Array<{line: SampleLine; cells: string[]}>): {column: number; last: boolean} {
	const width = rows.reduce((widest, row) => Math.max(widest, row.cells.length), 0);
	if (width < 2) {
		throw new CorpusError('the token line has no tag column (expected `token<TAB>tag` or CoNLL columns)', rows[0]!.line.number);
	}

	const mostly = (count: number) => count >= rows.length * 0.98;
	// The last cell of each line, whatever the line's width: tags last, feature columns may vary.
	if (mostly(rows.filter(row => row.cells.length >= 2 && looksLikeTag(row.cells.at(-1)!)).length)) {
		return {column: width - 1, last: true};
	}

	for (let column = width - 2; column >= 1; column--) {
		if (mostly(rows.filter(row => looksLikeTag(row.cells[column] ?? '')).length)) {
			return {column, last: false};
		}
	}

	const offending = rows.find(row => !looksLikeTag(row.cells.at(-1) ?? '')) ?? rows[0]!;
	throw new CorpusError(`no column of NER tags found: "${offending.cells.at(-1) ?? ''}" is not a tag like O or B-PER (use --tag-column N)`, offending.line.number);
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
