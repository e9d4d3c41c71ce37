/**
Property tests for "never loses or damages data" (issue 5): generated corpora in every format
round-trip byte for byte and decode to the spans they were written from; random edit scripts
through Session (relabel, create, delete, selections, undo, redo) give the spans an independent
model predicts, change nothing but tag cells, and leave the tags valid in the file's scheme; the
same scripts on the real corpora under ../shared/corpora.

CI runs a fixed seed and few runs. To run longer by hand (or replay a failure's seed):

	FC_RUNS=5000 node --import tsx --test test/property.test.ts
	FC_SEED=1234 FC_RUNS=500 node --import tsx --test test/property.test.ts
	FC_REAL_RUNS=20 node --import tsx --test test/property.test.ts   # scripts per real corpus file
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type {Corpus} from '../source/corpus/corpus.js';
import {CorpusError} from '../source/corpus/errors.js';
import {sampleBytes, type FormatOverrides} from '../source/corpus/format.js';
import {indexCorpus} from '../source/corpus/index.js';
import {decodeSpans, type SchemeName, type Span} from '../source/corpus/scheme.js';
import {serialize} from '../source/corpus/serialize.js';
import {Session} from '../source/corpus/session.js';
import {parseTag} from '../source/corpus/tags.js';
import {corpusArbitrary, describeCorpus, type GeneratedCorpus} from './helpers/corpus-gen.js';
import {cellOf} from './helpers/cells.js';
import {corporaFolder, corpusFiles} from './helpers/shared-corpora.js';

const seed = Number(process.env.FC_SEED ?? 42);
const runs = Number(process.env.FC_RUNS ?? 150);
const realRuns = Number(process.env.FC_REAL_RUNS ?? 3);
const parameters = (numRuns: number) => ({seed, numRuns, includeErrorInReport: true});

/** A tag as a file may hold it after an edit: `O` or a prefix letter, a dash and a type without whitespace. */
const tagPattern = /^(?:O|[BIESLUM]-[^\s]+)$/;

function keys(spans: readonly Span[]): string[] {
	return spans.map(span => `${span.start}-${span.end}:${span.type}`).sort();
}

/**
IO cannot keep two adjacent entities of one type apart: an edited entity written next to one of its
type is read back as one entity with it. Only a `B-` the file already has at the start of the
entity after it (irregular in IO, left as it is) keeps that one apart. An edit that changes no
spans writes nothing, so merges nothing.
*/
function normalize(before: readonly Span[], after: readonly Span[], edited: Span | undefined, scheme: SchemeName, tagsBefore: readonly string[]): Span[] {
	if (scheme !== 'IO' || edited === undefined || keys(before).join() === keys(after).join()) {
		return [...after];
	}

	let merged = edited;
	const others = after.filter(span => span !== edited);
	const left = others.find(span => span.end === merged.start && span.type === merged.type);
	if (left !== undefined) {
		merged = {start: left.start, end: merged.end, type: merged.type};
	}

	const right = others.find(span => span.start === merged.end && span.type === merged.type && !tagsBefore[span.start]!.startsWith('B-'));
	if (right !== undefined) {
		merged = {start: merged.start, end: right.end, type: merged.type};
	}

	return [...others.filter(span => span !== left && span !== right), merged];
}

function invalidTokens(tags: readonly string[], scheme: SchemeName): number[] {
	return decodeSpans(tags.map(tag => parseTag(tag)), scheme).invalid;
}

/**
Loads a generated corpus the way the app does: detection first, and an override only where
detection cannot know (the sample it reads is also valid in the scheme it guessed, e.g. IOB1
without any `B-` reads as IO, BMES without `M-` as BIOES, no entities at all as IOB2).
*/
function loadGenerated(generated: GeneratedCorpus): {corpus: Corpus; overrides: FormatOverrides} {
	const {format} = generated;
	const detected = indexCorpus(generated.bytes).format;
	assert.equal(detected.layout, format.layout, 'layout');
	assert.equal(detected.separator, format.separator, 'separator');
	assert.equal(detected.tagColumn, format.tagColumn, 'tag column');
	assert.equal(detected.contentStart, format.bom ? 3 : 0, 'BOM');
	const overrides: FormatOverrides = {};
	if (detected.scheme !== format.scheme) {
		// What detection reads: runs of consecutive token lines in the first sampleBytes, without lines
		// that start with `#` (they may be comments, so detection skips them). A run cut short by such a
		// line is only part of a sentence (an entity may look unclosed): only whole sentences are judged.
		const sampleEnd = detected.contentStart + sampleBytes;
		const runs: Array<{tags: string[]; whole: boolean}> = [{tags: [], whole: true}];
		let offset = detected.contentStart;
		for (const line of generated.lines) {
			offset += line.content.length + line.ending.length;
			if (offset > sampleEnd) {
				break;
			}

			const run = runs.at(-1)!;
			if (line.token !== undefined && line.content[0] === 0x23) {
				run.whole = false;
				runs.push({tags: [], whole: false});
			} else if (line.token === undefined) {
				runs.push({tags: [], whole: true});
			} else {
				run.tags.push(line.token.tag);
			}
		}

		for (const {tags} of runs.filter(run => run.whole)) {
			assert.deepEqual(invalidTokens(tags, detected.scheme), [], `detected ${detected.scheme} for a ${format.scheme} file whose sample says otherwise: ${tags.join(' ')}`);
		}

		overrides.scheme = format.scheme;
	}

	const corpus = indexCorpus(generated.bytes, overrides);
	assert.equal(corpus.format.scheme, format.scheme);
	return {corpus, overrides};
}

// Edit scripts ---------------------------------------------------------------------------------

type Step = {
	kind: 'relabel' | 'relabel-selection' | 'remove' | 'remove-selection' | 'undo' | 'redo';
	sentence: number;
	cursor: number;
	a: number;
	b: number;
	type: number;
	/** Selections: from inside one entity to inside a later one (several entities), else any range. */
	spanning: boolean;
};

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
	kind: fc.constantFrom<Step['kind']>('relabel', 'relabel', 'relabel-selection', 'remove', 'remove-selection', 'undo', 'redo'),
	sentence: fc.nat(),
	cursor: fc.nat(),
	a: fc.nat(),
	b: fc.nat(),
	type: fc.nat(),
	spanning: fc.boolean(),
});

const scriptArbitrary = fc.array(stepArbitrary, {minLength: 1, maxLength: 25});

const newTypes = ['NEW', 'Zz_9', 'PER', 'LOC.NAM', '地名'];

type Model = {
	/** Current expected spans of each touched sentence. */
	spans: Map<number, Span[]>;
	done: Array<{sentence: number; before: Span[]; after: Span[]}>;
	undone: Array<{sentence: number; before: Span[]; after: Span[]}>;
	touched: Set<number>;
};

function overlaps(span: Span, range: {start: number; end: number}): boolean {
	return span.start < range.end && range.start < span.end;
}

/** Runs a script on the session and on the model side by side, checking each step's record against the model. */
function runScript(session: Session, script: readonly Step[], types: readonly string[], sentencesOfInterest?: number[]): Model {
	const {corpus} = session;
	const {scheme} = corpus.format;
	const model: Model = {spans: new Map(), done: [], undone: [], touched: new Set()};
	const spansOf = (sentence: number): Span[] => {
		let spans = model.spans.get(sentence);
		if (spans === undefined) {
			// First touch: the sentence is as loaded.
			spans = corpus.decode(sentence).spans;
			model.spans.set(sentence, spans);
		}

		return spans;
	};

	const pool = [...new Set([...types, ...newTypes])];
	for (const step of script) {
		if (step.kind === 'undo') {
			const record = session.undo();
			const expected = model.done.pop();
			assert.equal(record !== undefined, expected !== undefined, 'undo did something exactly when there was an edit to undo');
			if (expected !== undefined) {
				model.spans.set(expected.sentence, expected.before);
				model.undone.push(expected);
			}

			continue;
		}

		if (step.kind === 'redo') {
			const record = session.redo();
			const expected = model.undone.pop();
			assert.equal(record !== undefined, expected !== undefined, 'redo did something exactly when there was an edit to redo');
			if (expected !== undefined) {
				model.spans.set(expected.sentence, expected.after);
				model.done.push(expected);
			}

			continue;
		}

		const sentence = sentencesOfInterest === undefined ? step.sentence % corpus.sentenceCount : sentencesOfInterest[step.sentence % sentencesOfInterest.length]!;
		const length = corpus.sentenceLength(sentence);
		const before = spansOf(sentence);
		model.touched.add(sentence);
		const cursor = step.cursor % length;
		const type = pool[step.type % pool.length]!;
		let selection: {start: number; end: number};
		const sorted = [...before].sort((x, y) => x.start - y.start);
		if (step.spanning && sorted.length > 0) {
			const i = step.a % sorted.length;
			const j = i + (step.b % (sorted.length - i));
			const first = sorted[i]!;
			const last = sorted[j]!;
			const start = first.start + (step.cursor % (first.end - first.start));
			selection = {start, end: Math.max(start + 1, last.start + 1 + (step.type % (last.end - last.start)))};
		} else {
			const start = step.a % length;
			selection = {start, end: start + 1 + (step.b % (length - start))};
		}

		const tagsBefore = corpus.sentenceTags(sentence).map(tag => tag.text);
		let after: Span[];
		let edited: Span | undefined;
		let record;
		switch (step.kind) {
			case 'relabel': {
				const under = before.find(span => span.start <= cursor && cursor < span.end);
				edited = under === undefined ? {start: cursor, end: cursor + 1, type} : {...under, type};
				after = [...before.filter(span => span !== under), edited];
				record = session.relabel(sentence, cursor, undefined, type);
				break;
			}

			case 'relabel-selection': {
				edited = {...selection, type};
				after = [...before.filter(span => !overlaps(span, selection)), edited];
				record = session.relabel(sentence, cursor, selection, type);
				break;
			}

			case 'remove': {
				after = before.filter(span => !(span.start <= cursor && cursor < span.end));
				record = session.remove(sentence, cursor, undefined);
				break;
			}

			default: {
				after = before.filter(span => !overlaps(span, selection));
				record = session.remove(sentence, cursor, selection);
			}
		}

		after = normalize(before, after, edited, scheme, tagsBefore);
		const context = `${step.kind} sentence ${sentence} cursor ${cursor} selection ${selection.start}-${selection.end} type ${type}`;
		if (record === undefined) {
			// Nothing to change is only right when the spans stay as they are.
			assert.deepEqual(keys(after), keys(before), `${context}: the edit changed nothing but the spans should change`);
		} else {
			model.done.push({sentence, before, after});
			model.undone.length = 0;
			model.spans.set(sentence, after);
		}

		assert.deepEqual(keys(corpus.decode(sentence).spans), keys(model.spans.get(sentence)!), `${context}: spans in memory`);
	}

	return model;
}

/** Splits bytes into lines, each with its `\n` (and `\r`) kept. */
function* linesOf(bytes: Buffer): Generator<Buffer> {
	let start = 0;
	while (start < bytes.length) {
		const newline = bytes.indexOf(0x0A, start);
		const end = newline === -1 ? bytes.length : newline + 1;
		yield bytes.subarray(start, end);
		start = end;
	}
}

/**
Checks that `edited` differs from `original` only inside tag cells: same lines, same endings, and on
each line that differs, the bytes before and after the original tag cell are unchanged and the new
cell is a tag. Returns how many lines differ.
*/
function assertOnlyTagCellsDiffer(original: Buffer, edited: Buffer, tagColumn: number, separator: 'tab' | 'space'): number {
	const editedLines = linesOf(edited);
	let differing = 0;
	let number = 0;
	for (const line of linesOf(original)) {
		number++;
		const other = editedLines.next();
		assert.ok(!other.done, `the edited file ends before line ${number}`);
		if (line.equals(other.value)) {
			continue;
		}

		differing++;
		const newline = line.at(-1) === 0x0A ? (line.at(-2) === 0x0D ? 2 : 1) : (line.at(-1) === 0x0D ? 1 : 0);
		const cell = cellOf(line.subarray(0, line.length - newline), tagColumn, separator);
		assert.ok(cell !== undefined, `line ${number} changed but has no tag cell: ${JSON.stringify(line.toString())}`);
		const [start, end] = cell;
		const suffix = line.length - end;
		const changed = other.value;
		assert.ok(changed.length >= start + suffix, `line ${number} lost bytes: ${JSON.stringify(changed.toString())}`);
		assert.ok(changed.subarray(0, start).equals(line.subarray(0, start)), `line ${number}: bytes before the tag cell changed`);
		assert.ok(changed.subarray(changed.length - suffix).equals(line.subarray(end)), `line ${number}: bytes after the tag cell (or the line ending) changed`);
		const tag = changed.subarray(start, changed.length - suffix).toString('utf8');
		assert.match(tag, tagPattern, `line ${number}: the new tag cell is not a tag`);
	}

	assert.ok(editedLines.next().done, 'the edited file has more lines');
	return differing;
}

const tagTexts = (corpus: Corpus) => Array.from({length: corpus.tokenCount}, (_, token) => corpus.tag(token).text);

// Generated corpora -----------------------------------------------------------------------------

describe('generated corpora', () => {
	test('index then serialize gives the same bytes, and decode gives the spans they were written from', () => {
		fc.assert(fc.property(corpusArbitrary({allowEmpty: true}), generated => {
			if (generated.empty) {
				assert.throws(() => indexCorpus(generated.bytes), (error: unknown) => error instanceof CorpusError && /no tokens/.test(error.message));
				return;
			}

			const {corpus} = loadGenerated(generated);
			assert.ok(serialize(corpus).equals(generated.bytes), `serialized bytes differ\n${describeCorpus(generated)}`);
			assert.equal(corpus.sentenceCount, generated.sentences.length, 'sentences');
			assert.equal(corpus.tokenCount, generated.sentences.reduce((sum, sentence) => sum + sentence.length, 0), 'tokens');
			for (const [index, sentence] of generated.sentences.entries()) {
				assert.equal(corpus.sentenceLength(index), sentence.length, `length of sentence ${index}`);
				const decoded = corpus.decode(index);
				assert.deepEqual(keys(decoded.spans), keys(sentence.spans), `spans of sentence ${index}`);
				assert.deepEqual(decoded.invalid, [], `sentence ${index} is valid ${generated.format.scheme}`);
				assert.deepEqual(corpus.sentenceTags(index).map(tag => tag.text), sentence.tags);
			}
		}), parameters(runs));
	});

	test('sentenceWords reads the same words as sentenceTexts, whatever order its slices come in', () => {
		const slices = fc.array(fc.tuple(fc.nat(40), fc.nat(40)), {minLength: 1, maxLength: 6});
		fc.assert(fc.property(corpusArbitrary(), slices, (generated, asked) => {
			const {corpus} = loadGenerated(generated);
			for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
				const texts = corpus.sentenceTexts(sentence);
				const words = corpus.sentenceWords(sentence);
				assert.equal(words.length, texts.length);
				for (const [start, end] of asked) {
					assert.deepEqual(words.slice(start, end), texts.slice(start, end), `sentence ${sentence}, slice ${start}-${end}`);
				}

				assert.deepEqual(words.slice(), texts);
			}
		}), parameters(runs));
	});

	test('edit scripts through Session give the modelled spans, change only tag cells and keep the tags valid', () => {
		fc.assert(fc.property(corpusArbitrary(), scriptArbitrary, (generated, script) => {
			const {corpus, overrides} = loadGenerated(generated);
			const {format} = generated;
			const originalTags = tagTexts(corpus);
			const session = new Session(corpus, {file: path.join('/nonexistent', 'generated.txt'), backup: false});
			const model = runScript(session, script, generated.types);

			const edited = serialize(corpus);
			const reread = indexCorpus(edited, {...overrides, tagColumn: format.tagColumn + 1, scheme: format.scheme});
			assert.equal(reread.format.layout, format.layout);
			assert.equal(reread.format.separator, format.separator);
			assert.equal(reread.sentenceCount, generated.sentences.length);
			assert.equal(reread.tokenCount, corpus.tokenCount);

			// (a) The spans are the model's; sentences the script never touched read as generated.
			for (const [index, sentence] of generated.sentences.entries()) {
				assert.equal(reread.sentenceLength(index), sentence.length);
				const expected = model.spans.get(index) ?? sentence.spans;
				assert.deepEqual(keys(reread.decode(index).spans), keys(expected), `spans of sentence ${index} after the script`);
				// (c) A file generated valid stays valid everywhere.
				assert.deepEqual(reread.decode(index).invalid, [], `sentence ${index} has tags invalid in ${format.scheme}: ${reread.sentenceTags(index).map(tag => tag.text).join(' ')}`);
			}

			// (b) Rebuilt from the ground truth with each token's tag cell as re-read: every other byte is the generated one.
			const rereadTags = tagTexts(reread);
			const firstToken = generated.sentences.map((_, index) => reread.sentenceStart[index]!);
			const expected: Buffer[] = format.bom ? [Buffer.from([0xEF, 0xBB, 0xBF])] : [];
			for (const line of generated.lines) {
				if (line.token === undefined) {
					expected.push(line.content);
				} else {
					const token = firstToken[line.token.sentence]! + line.token.index;
					const tag = rereadTags[token]!;
					assert.match(tag, tagPattern);
					if (!model.touched.has(line.token.sentence)) {
						assert.equal(tag, line.token.tag, `token ${token} changed in a sentence no edit touched`);
					}

					expected.push(line.token.prefix, Buffer.from(tag), line.token.suffix);
				}

				expected.push(Buffer.from(line.ending));
			}

			assert.ok(edited.equals(Buffer.concat(expected)), 'bytes outside the tag cells changed');
			const differing = assertOnlyTagCellsDiffer(generated.bytes, edited, format.tagColumn, format.separator);
			assert.equal(differing, rereadTags.filter((tag, token) => tag !== originalTags[token]).length, 'one changed line per changed tag');
			assert.equal(session.dirty, differing > 0, 'modified exactly when a tag differs from the loaded file (edits that cancel out leave nothing to save)');

			// Undoing everything gives the file back, byte for byte.
			while (session.undo() !== undefined) {}
			assert.ok(serialize(corpus).equals(generated.bytes), 'undoing every edit does not give the loaded bytes back');
			assert.equal(session.dirty, false);
		}), parameters(runs));
	});
});

// Real corpora ----------------------------------------------------------------------------------

const corpora = corporaFolder;

describe('real corpora: random edit scripts', () => {
	const files = fs.existsSync(corpora) ? corpusFiles(corpora) : [];
	if (files.length === 0) {
		test('real corpora', {skip: `${corpora} is absent: no real corpora to edit`}, () => {});
		return;
	}

	for (const file of files) {
		test(path.relative(corpora, file), () => {
			const bytes = fs.readFileSync(file);
			const loaded = indexCorpus(bytes);
			assert.ok(serialize(loaded).equals(bytes));
			const {format} = loaded;
			const originalTags = tagTexts(loaded);
			const validBefore = Array.from({length: loaded.sentenceCount}, (_, sentence) => loaded.decode(sentence).invalid.length === 0);
			const types = [...new Set(originalTags.map(tag => parseTag(tag).type).filter(type => type !== ''))].slice(0, 20);
			// Scripts mostly hit sentences with entities, a few anywhere, and the invalid ones (the irregular tags a reviewer fixes).
			const withEntities: number[] = [];
			const invalid: number[] = [];
			for (let sentence = 0; sentence < loaded.sentenceCount; sentence++) {
				if (!validBefore[sentence]) {
					invalid.push(sentence);
				} else if (loaded.decode(sentence).spans.length > 0) {
					withEntities.push(sentence);
				}
			}

			const focus = fc.tuple(fc.constantFrom('entities', 'any', 'invalid'), fc.nat({max: 1000}));
			fc.assert(fc.property(scriptArbitrary, focus, (script, [where, salt]) => {
				const corpus = indexCorpus(bytes);
				const session = new Session(corpus, {file, backup: false});
				// A handful of sentences per script, so that steps meet again (undo/redo across edits of one sentence).
				const pool = where === 'invalid' && invalid.length > 0 ? invalid : (where === 'entities' && withEntities.length > 0 ? withEntities : undefined);
				const sentences = Array.from({length: 3}, (_, k) => (pool === undefined ? (salt * 7919 + k * 104_729) % corpus.sentenceCount : pool[(salt * 7919 + k * 104_729) % pool.length]!));
				const model = runScript(session, script, types, sentences);

				const edited = serialize(corpus);
				const reread = indexCorpus(edited, {tagColumn: format.tagColumn + 1, scheme: format.scheme});
				assert.equal(reread.sentenceCount, loaded.sentenceCount);
				assert.equal(reread.tokenCount, loaded.tokenCount);
				const rereadTags = tagTexts(reread);
				for (let token = 0; token < reread.tokenCount; token++) {
					if (rereadTags[token] !== originalTags[token]) {
						assert.ok(model.touched.has(reread.sentenceOf(token)), `token ${token} changed outside the edited sentences`);
					}
				}

				for (const sentence of model.touched) {
					// (a) the model's spans.
					assert.deepEqual(keys(reread.decode(sentence).spans), keys(model.spans.get(sentence)!), `spans of sentence ${sentence}`);
					// (c) a sentence that was valid stays valid.
					if (validBefore[sentence]) {
						assert.deepEqual(reread.decode(sentence).invalid, [], `sentence ${sentence} was valid ${format.scheme} and is not: ${reread.sentenceTags(sentence).map(tag => tag.text).join(' ')}`);
					}
				}

				// (b) only tag cells differ.
				const differing = assertOnlyTagCellsDiffer(bytes, edited, format.tagColumn, format.separator);
				assert.equal(differing, rereadTags.filter((tag, token) => tag !== originalTags[token]).length, 'one changed line per changed tag');
				while (session.undo() !== undefined) {}
				assert.ok(serialize(corpus).equals(bytes), 'undoing every edit does not give the file back');
			}), parameters(realRuns));
		});
	}
});

// Regressions the scripts above found on conll2003-iob1-crlf/eng.testa (read as IO: no `B-` in the first KB it samples).
describe('IO with an irregular B- (two adjacent entities of one type)', () => {
	const text = 'EU I-ORG\nrejects O\nGerman I-MISC\nBritish B-MISC\ncall O\n\n';
	const tags = (corpus: Corpus) => corpus.sentenceTags(0).map(tag => tag.text).join(' ');

	test('an edit that makes an unwritable adjacency leaves the rest of the sentence as it was', () => {
		// The sample of eng.testa holds no B-, so it reads as IO; here the scheme is given.
		const corpus = indexCorpus(Buffer.from(text), {scheme: 'IO'});
		const session = new Session(corpus, {file: '/nonexistent/io.txt', backup: false});
		assert.ok(session.relabel(0, 1, undefined, 'ORG'));
		// Before the fix the whole sentence was rewritten canonically: B-MISC became I-MISC, merging German and British.
		assert.equal(tags(corpus), 'I-ORG I-ORG I-MISC B-MISC O');
		assert.deepEqual(keys(corpus.decode(0).spans), keys([{start: 0, end: 2, type: 'ORG'}, {start: 2, end: 3, type: 'MISC'}, {start: 3, end: 4, type: 'MISC'}]));
	});

	test('relabelling an entity with its own type changes nothing', () => {
		const corpus = indexCorpus(Buffer.from(text), {scheme: 'IO'});
		const session = new Session(corpus, {file: '/nonexistent/io.txt', backup: false});
		// Before the fix B-MISC was rewritten to I-MISC, merging two entities.
		assert.equal(session.relabel(0, 3, undefined, 'MISC'), undefined);
		assert.equal(tags(corpus), 'I-ORG O I-MISC B-MISC O');
		assert.equal(session.dirty, false);
	});
});
