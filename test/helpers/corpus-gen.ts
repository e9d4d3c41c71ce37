/**
A fast-check arbitrary for whole corpus files, as bytes, mixing every on-disk variant the engine
claims to read: WikiSER `<s>`/`</s>` or blank-line CoNLL with 2-5 tab or space columns (feature
columns before the tag, extra columns after it), the six tag schemes written by `encodeSpans` from
random spans, LF/CRLF/mixed line endings, a UTF-8 BOM, `# comment` and `-DOCSTART-` lines,
whitespace-only sentence breaks, invalid UTF-8, CJK, emoji, `#` tokens, no final newline, a very
long sentence, and (on request) an empty file.

Each value carries its ground truth: the format written, the spans of every sentence, and every
line split into the bytes before the tag cell, the tag and the bytes after it, so a test can check
an edited file line by line without trusting the engine's own cell finder.
*/
import fc from 'fast-check';
import {encodeSpans, schemeNames, type SchemeName, type Span} from '../../source/corpus/scheme.js';
import {prng} from './prng.js';

export type GeneratedLayout = 'sentence-markers' | 'blank-lines';
export type GeneratedSeparator = 'tab' | 'space';

export type GeneratedFormat = {
	readonly layout: GeneratedLayout;
	readonly separator: GeneratedSeparator;
	/** Number of columns of a token line. */
	readonly columns: number;
	/** 0-based column of the tag. */
	readonly tagColumn: number;
	readonly scheme: SchemeName;
	readonly bom: boolean;
	readonly endings: 'lf' | 'crlf' | 'mixed';
	readonly finalNewline: boolean;
};

/** A token line: `prefix + tag + suffix` is its content (without the line ending). */
export type GeneratedTokenLine = {
	readonly sentence: number;
	/** Index of the token in its sentence. */
	readonly index: number;
	readonly prefix: Buffer;
	readonly tag: string;
	readonly suffix: Buffer;
};

export type GeneratedLine = {
	/** The line's content, without its ending. */
	readonly content: Buffer;
	/** `\n`, `\r\n`, or '' for a last line without a newline. */
	readonly ending: '' | '\n' | '\r\n';
	readonly token?: GeneratedTokenLine;
};

export type GeneratedSentence = {
	readonly length: number;
	/** Ground-truth entities, sorted by start. */
	readonly spans: readonly Span[];
	/** The tags written, `encodeSpans(spans, length, scheme)`. */
	readonly tags: readonly string[];
	/** Byte offset of the sentence's first token line in the file. */
	readonly offset: number;
	/** Byte offset just after the line ending of its last token line. */
	readonly end: number;
};

export type GeneratedCorpus = {
	readonly bytes: Buffer;
	readonly format: GeneratedFormat;
	readonly sentences: readonly GeneratedSentence[];
	/** Every line of the file in order, after the BOM. */
	readonly lines: readonly GeneratedLine[];
	/** Entity types used in the file. */
	readonly types: readonly string[];
	/** True for the empty file (no lines, no sentences). */
	readonly empty: boolean;
};

/** Entity types, from CoNLL, WikiSER, Weibo (`PER.NOM`) and a non-ASCII one. */
export const typePool = ['PER', 'LOC', 'ORG', 'MISC', 'Application', 'Operating_System', 'PER.NOM', 'GPE', '人名'] as const;

/** Tokens as bytes: a mix of the traps real corpora hold. Never holds a tab, newline, CR or NUL; spaces only where allowed. */
const plainTokens = ['John', 'Smith', 'visited', 'Bonn', 'the', 'Linux', 'kernel', ',', '.', '1995', 'U.S.', "don't", 'C++', '(', ')', '--', '-', '=', 'O', 'B-PER', 'I', 'x'];
const specialTokens: Array<string | number[]> = [
	'北京', '科', '科0', '中国人民银行', '😀', '👩‍💻', '🇩🇪',
	'#hashtag', '#', '##', '#1', '@user', 'a\u200Cb', '\uFEFFbom', 'zero\u200Bwidth', 'é', 'Ω', '<s', 's>', '</', '-DOCSTART',
	// Invalid UTF-8: a lone surrogate half (as weiboNER writes emoji), a stray continuation byte, 0xFF, a truncated sequence.
	[0xED, 0xA0, 0xBD], [0xED, 0xB8, 0x80], [0x80], [0x61, 0xFF, 0x62], [0xE4, 0xB8],
];
const spacedTokens = ['Windows 95', 'New York', 'a b c'];

function tokenBytes(choice: number, allowSpaces: boolean): Buffer {
	const all = allowSpaces ? [...plainTokens, ...specialTokens, ...spacedTokens] : [...plainTokens, ...specialTokens];
	const token = all[choice % all.length]!;
	return typeof token === 'string' ? Buffer.from(token, 'utf8') : Buffer.from(token);
}

/** Cells of feature columns (before the tag) and extra columns (after it). Extra cells never look like tags. */
const featureCells = ['NNP', 'VBD', 'B-NP', 'I-NP', 'O', 'B-VP', '-X-', '_', 'PROPN', '0', 'Nc'];
const extraCells = ['-', '_', 'NNP', 'x1', 'ann', '0.93', 'Yes', 'PER', 'B', 'n/a'];


type SentencePlan = {
	length: number;
	/** Steps: a gap of O tokens, then an entity of `size` tokens of `type` (index into the file's types). */
	steps: Array<{gap: number; size: number; type: number}>;
	tokens: number[];
	/** Before the sentence (blank-lines layout): comments, a `-DOCSTART-`, break lines. */
	before: Array<'comment' | 'text' | 'docstart' | 'blank' | 'tab' | 'spaces'>;
};

/** Turns steps into spans that the scheme can write and read back: IO cannot separate two adjacent entities of one type. */
function spansOf(plan: {length: number; steps: Array<{gap: number; size: number; type: number}>}, types: readonly string[], scheme: SchemeName): Span[] {
	const spans: Span[] = [];
	let position = 0;
	for (const step of plan.steps) {
		const type = types[step.type % types.length]!;
		let start = position + step.gap;
		const previous = spans.at(-1);
		if (scheme === 'IO' && previous !== undefined && previous.end === start && previous.type === type) {
			start++;
		}

		const end = start + step.size;
		if (end > plan.length) {
			break;
		}

		spans.push({start, end, type});
		position = end;
	}

	return spans;
}

const sentencePlan = (): fc.Arbitrary<SentencePlan> => fc.integer({min: 1, max: 14}).chain(length => fc.record({
	length: fc.constant(length),
	steps: fc.array(fc.record({gap: fc.nat({max: 3}), size: fc.integer({min: 1, max: 4}), type: fc.nat()}), {maxLength: 5}),
	tokens: fc.array(fc.oneof({arbitrary: fc.nat({max: plainTokens.length - 1}), weight: 3}, {arbitrary: fc.nat({max: 200}), weight: 1}), {minLength: length, maxLength: length}),
	before: fc.array(fc.constantFrom('comment', 'text', 'docstart', 'blank', 'tab', 'spaces'), {maxLength: 3}),
}));

/** A long sentence (1,000-2,500 tokens) drawn from a PRNG seed. */
function longPlan(seed: number, length: number): SentencePlan {
	const random = prng(seed);
	const steps: SentencePlan['steps'] = [];
	for (let covered = 0; covered < length;) {
		const step = {gap: Math.floor(random() * 12), size: 1 + Math.floor(random() * 5), type: Math.floor(random() * 50)};
		steps.push(step);
		covered += step.gap + step.size;
	}

	const tokens = Array.from({length}, () => Math.floor(random() * 300));
	return {length, steps, tokens, before: ['blank']};
}

export type CorpusOptions = {
	/** Allow the empty file (no bytes at all); only engine-level round trips can take it. */
	allowEmpty?: boolean;
	/** Most sentences in the file (default 12). */
	maxSentences?: number;
	/** Chance-like weight of a 1,000+ token sentence (0 disables; default 1 in 8). */
	longSentence?: boolean;
};

export function corpusArbitrary(options: CorpusOptions = {}): fc.Arbitrary<GeneratedCorpus> {
	const {allowEmpty = false, maxSentences = 12, longSentence = true} = options;
	const formatArbitrary = fc.record({
		layout: fc.constantFrom<GeneratedLayout>('sentence-markers', 'blank-lines'),
		separator: fc.constantFrom<GeneratedSeparator>('tab', 'space'),
		columns: fc.integer({min: 2, max: 5}),
		tagPick: fc.nat(),
		scheme: fc.constantFrom<SchemeName>(...schemeNames),
		bom: fc.boolean(),
		endings: fc.constantFrom<'lf' | 'crlf' | 'mixed'>('lf', 'crlf', 'mixed'),
		finalNewline: fc.boolean(),
	}).map(({layout, separator, columns, tagPick, ...rest}): GeneratedFormat => {
		if (layout === 'sentence-markers') {
			// WikiSER: `token<TAB>tag`.
			return {layout, separator: 'tab', columns: 2, tagColumn: 1, ...rest};
		}

		return {layout, separator, columns, tagColumn: 1 + (tagPick % (columns - 1)), ...rest};
	});

	const corpus = formatArbitrary.chain(format => fc.record({
		format: fc.constant(format),
		types: fc.uniqueArray(fc.constantFrom(...typePool), {minLength: 1, maxLength: 4}),
		sentences: fc.array(sentencePlan(), {minLength: allowEmpty ? 0 : 1, maxLength: maxSentences}),
		// One file in eight holds a 1,000-2,500 token sentence.
		long: longSentence
			? fc.oneof({arbitrary: fc.constant(null), weight: 7}, {arbitrary: fc.record({seed: fc.integer(), length: fc.integer({min: 1000, max: 2500}), at: fc.nat()}), weight: 1})
			: fc.constant(null),
		leadingBlank: fc.boolean(),
		trailing: fc.constantFrom('', 'blank', 'comment'),
		padding: fc.constantFrom('none', 'trailing', 'around'),
		randomSeed: fc.integer(),
	}));

	return corpus.map(({format, types, sentences, long, leadingBlank, trailing, padding, randomSeed}) => {
		const plans = [...sentences];
		if (long !== null && plans.length > 0) {
			plans.splice(long.at % (plans.length + 1), 0, longPlan(long.seed, long.length));
		}

		return build(format, types, plans, {leadingBlank, trailing, padding, randomSeed});
	});
}

type Decoration = {leadingBlank: boolean; trailing: string; padding: string; randomSeed: number};

function build(format: GeneratedFormat, types: readonly string[], plans: SentencePlan[], decoration: Decoration): GeneratedCorpus {
	const random = prng(decoration.randomSeed);
	const lines: Array<{content: Buffer; token?: GeneratedTokenLine}> = [];
	const sentences: Array<{length: number; spans: Span[]; tags: string[]; line: number}> = [];
	const tab = format.separator === 'tab';
	const separator = () => (tab ? '\t' : (random() < 0.2 ? '  ' : ' '));
	const text = (value: string) => ({content: Buffer.from(value, 'utf8')});
	const markers = format.layout === 'sentence-markers';

	if (plans.length === 0) {
		return {bytes: Buffer.alloc(0), format, sentences: [], lines: [], types, empty: true};
	}

	if (decoration.leadingBlank && !markers) {
		lines.push(text(''));
	}

	for (const [sentenceIndex, plan] of plans.entries()) {
		if (markers) {
			if (sentenceIndex > 0 && plan.before.includes('blank')) {
				// Whitespace-only lines between `</s>` and `<s>` are ignored.
				lines.push(text(plan.before.includes('tab') ? '\t' : ''));
			}

			lines.push(text('<s>'));
		} else {
			for (const kind of plan.before) {
				switch (kind) {
					case 'comment': {
						lines.push(text(`# sent_id = train-${sentenceIndex}`));
						break;
					}

					case 'text': {
						lines.push(text('# text = some words here, 北京 = x'));
						break;
					}

					case 'docstart': {
						lines.push(text(tab ? '-DOCSTART-\tO' : (format.columns >= 4 ? '-DOCSTART- -X- -X- O' : '-DOCSTART- O')), text(''));
						break;
					}

					case 'blank': {
						lines.push(text(''));
						break;
					}

					case 'tab': {
						lines.push(text('\t'));
						break;
					}

					default: {
						lines.push(text('   '));
					}
				}
			}

			// A sentence break: at least one blank or whitespace-only line after the previous sentence.
			const previousIsToken = lines.at(-1)?.token !== undefined;
			if (sentenceIndex > 0 && previousIsToken) {
				lines.push(text(random() < 0.3 ? '\t' : ''));
			}
		}

		const spans = spansOf(plan, types, format.scheme);
		const tags = encodeSpans(spans, plan.length, format.scheme);
		sentences.push({length: plan.length, spans, tags, line: lines.length});
		for (let index = 0; index < plan.length; index++) {
			// The first token of the file is a plain word, so that format detection has a token line to read.
			const choice = sentenceIndex === 0 && index === 0 ? plan.tokens[index]! % plainTokens.length : plan.tokens[index]!;
			const cells: Buffer[] = [tokenBytes(choice, tab)];
			for (let column = 1; column < format.tagColumn; column++) {
				cells.push(Buffer.from(featureCells[Math.floor(random() * featureCells.length)]!));
			}

			const before = Buffer.concat(cells.flatMap(cell => [cell, Buffer.from(separator())]));
			const after: Buffer[] = [];
			for (let column = format.tagColumn + 1; column < format.columns; column++) {
				after.push(Buffer.from(separator()), Buffer.from(extraCells[Math.floor(random() * extraCells.length)]!));
			}

			const padded = decoration.padding !== 'none' && random() < 0.3;
			const lead = padded && tab && decoration.padding === 'around' ? ' ' : '';
			const trail = padded ? ' ' : '';
			const prefix = Buffer.concat([before, Buffer.from(lead)]);
			const suffix = Buffer.concat([...after, Buffer.from(trail)]);
			const tag = tags[index]!;
			lines.push({content: Buffer.concat([prefix, Buffer.from(tag), suffix]), token: {sentence: sentenceIndex, index, prefix, tag, suffix}});
		}

		if (markers) {
			lines.push(text('</s>'));
		}
	}

	if (decoration.trailing === 'blank') {
		lines.push(text(markers ? '' : '\t'));
	} else if (decoration.trailing === 'comment' && !markers) {
		lines.push(text(''), text('# end of file'));
	}

	const withEndings: GeneratedLine[] = lines.map((line, index) => {
		const last = index === lines.length - 1;
		const crlf = format.endings === 'crlf' || (format.endings === 'mixed' && random() < 0.5);
		const ending = last && !format.finalNewline ? '' : (crlf ? '\r\n' : '\n');
		return {...line, ending};
	});

	const chunks: Buffer[] = format.bom ? [Buffer.from([0xEF, 0xBB, 0xBF])] : [];
	const lineOffsets: number[] = [];
	let offset = chunks.length > 0 ? 3 : 0;
	for (const line of withEndings) {
		lineOffsets.push(offset);
		chunks.push(line.content, Buffer.from(line.ending));
		offset += line.content.length + line.ending.length;
	}

	lineOffsets.push(offset);

	return {
		bytes: Buffer.concat(chunks),
		format,
		sentences: sentences.map(sentence => ({length: sentence.length, spans: sentence.spans, tags: sentence.tags, offset: lineOffsets[sentence.line]!, end: lineOffsets[sentence.line + sentence.length]!})),
		lines: withEndings,
		types,
		empty: false,
	};
}

/** A human-readable summary for failure messages. */
export function describeCorpus(corpus: GeneratedCorpus): string {
	const {format} = corpus;
	const preview = corpus.bytes.subarray(0, 600).toString('latin1');
	return `${format.layout} ${format.separator} columns=${format.columns} tag=${format.tagColumn} ${format.scheme} bom=${format.bom} ${format.endings} final=${format.finalNewline}, ${corpus.sentences.length} sentences\n${JSON.stringify(preview)}`;
}
