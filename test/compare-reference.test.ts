/**
The compare scores against conlleval, the reference every NER paper's numbers come from.

Neither conlleval (Perl) nor seqeval (Python) can be fetched where CI runs (PyPI is not reachable,
and no npm or Debian package ships them), so this test carries its own implementation of
conlleval's algorithm: it reads `gold predicted` pairs line by line and applies conlleval's
start-of-chunk and end-of-chunk rules to the previous and current tag, as conlleval does. It shares
no code with the product, which decodes whole sentences into spans and pairs them. Both are run on
random tag sequences and on the real pair in ../shared (CoNLL-2003 dev against its CleanCoNLL
correction), where the numbers are also checked against what conlleval itself printed.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {indexCorpus, loadCorpusFile, openCompareFile, openTagColumn, readCorpusBytes, readLayer} from '../source/corpus/index.js';
import {compareCorpus, type CorpusComparison} from '../source/review/compare/index.js';
import {sharedCorpora, skipShared} from './helpers/review-corpus.js';

type Counts = {found: Map<string, number>; guessed: Map<string, number>; correct: Map<string, number>};

/** A tag as conlleval splits it: the part before the first `-`, and the rest as the type. */
function split(tag: string): [prefix: string, type: string] {
	const dash = tag.indexOf('-');
	return dash === -1 ? [tag, ''] : [tag.slice(0, dash), tag.slice(dash + 1)];
}

function chunkEnds(previous: string, current: string, previousType: string, type: string): boolean {
	const pair = `${previous}${current}`;
	return ['BB', 'BO', 'IB', 'IO', 'EE', 'EI', 'EO'].includes(pair)
		|| (previous !== 'O' && previous !== '.' && previousType !== type)
		|| previous === ']' || previous === '[';
}

function chunkStarts(previous: string, current: string, previousType: string, type: string): boolean {
	const pair = `${previous}${current}`;
	return ['BB', 'IB', 'OB', 'OI', 'EE', 'EI', 'OE'].includes(pair)
		|| (current !== 'O' && current !== '.' && previousType !== type)
		|| current === '[' || current === ']';
}

/** conlleval's counts over `[gold, predicted]` rows; `undefined` is a sentence break (a blank line). */
function conlleval(rows: ReadonlyArray<readonly [string, string] | undefined>): Counts {
	const counts: Counts = {found: new Map(), guessed: new Map(), correct: new Map()};
	const add = (map: Map<string, number>, type: string) => map.set(type, (map.get(type) ?? 0) + 1);
	let lastGold = 'O';
	let lastGoldType = '';
	let lastGuess = 'O';
	let lastGuessType = '';
	let inCorrect = false;
	for (const row of [...rows, undefined]) {
		const [gold, goldType] = row === undefined ? ['O', ''] : split(row[0]);
		const [guess, guessType] = row === undefined ? ['O', ''] : split(row[1]);
		const goldEnds = chunkEnds(lastGold, gold, lastGoldType, goldType);
		const guessEnds = chunkEnds(lastGuess, guess, lastGuessType, guessType);
		if (inCorrect) {
			if (goldEnds && guessEnds && lastGuessType === lastGoldType) {
				inCorrect = false;
				add(counts.correct, lastGoldType);
			} else if (goldEnds !== guessEnds || guessType !== goldType) {
				inCorrect = false;
			}
		}

		const goldStarts = chunkStarts(lastGold, gold, lastGoldType, goldType);
		const guessStarts = chunkStarts(lastGuess, guess, lastGuessType, guessType);
		if (goldStarts && guessStarts && guessType === goldType) {
			inCorrect = true;
		}

		if (goldStarts) {
			add(counts.found, goldType);
		}

		if (guessStarts) {
			add(counts.guessed, guessType);
		}

		[lastGold, lastGoldType, lastGuess, lastGuessType] = [gold, goldType, guess, guessType];
	}

	return counts;
}

/** The product's counts in the same shape. */
function productCounts(comparison: CorpusComparison): Counts {
	const counts: Counts = {found: new Map(), guessed: new Map(), correct: new Map()};
	for (const score of comparison.types) {
		if (score.reference > 0) {
			counts.found.set(score.type, score.reference);
		}

		if (score.predicted > 0) {
			counts.guessed.set(score.type, score.predicted);
		}

		if (score.correct > 0) {
			counts.correct.set(score.type, score.correct);
		}
	}

	return counts;
}

const sorted = (map: Map<string, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));

function assertSameCounts(actual: Counts, expected: Counts, what: string) {
	assert.deepEqual(sorted(actual.found), sorted(expected.found), `${what}: reference entities`);
	assert.deepEqual(sorted(actual.guessed), sorted(expected.guessed), `${what}: compared entities`);
	assert.deepEqual(sorted(actual.correct), sorted(expected.correct), `${what}: correct entities`);
}

/** Two token-per-line files from sentences of `[gold, predicted]` tags. */
function filesOf(sentences: ReadonlyArray<ReadonlyArray<readonly [string, string]>>): [string, string] {
	const write = (side: 0 | 1) => sentences.map((sentence, index) => sentence.map((tags, token) => `t${index}_${token} ${tags[side]}`).join('\n')).join('\n\n') + '\n';
	return [write(0), write(1)];
}

describe('the same counts as conlleval\'s algorithm', () => {
	test('on random IOB1, IOB2 and IO tag sequences, valid or not', () => {
		const tag = fc.constantFrom('O', 'O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'I-ORG', 'B-MISC-X');
		const sentence = fc.array(fc.tuple(tag, tag), {minLength: 1, maxLength: 12});
		fc.assert(fc.property(fc.array(sentence, {minLength: 1, maxLength: 8}), sentences => {
			const [gold, predicted] = filesOf(sentences);
			const corpus = indexCorpus(Buffer.from(gold), {scheme: 'IOB2'});
			const layer = readLayer(openCompareFile(corpus, Buffer.from(predicted), 'predicted'));
			const rows = sentences.flatMap((tags, index) => (index === 0 ? tags : [undefined, ...tags]));
			assertSameCounts(productCounts(compareCorpus(corpus, layer)), conlleval(rows), JSON.stringify(sentences));
		}), {seed: 2003, numRuns: 1000});
	});

	test('a hand-checked case: conlleval reads `I-` after `O` as a start, and a type change as a new entity', () => {
		const rows: Array<[string, string]> = [['I-PER', 'B-PER'], ['I-PER', 'I-PER'], ['O', 'O'], ['B-LOC', 'B-LOC'], ['I-LOC', 'I-ORG']];
		const counts = conlleval(rows);
		assert.deepEqual(sorted(counts.found), [['LOC', 1], ['PER', 1]]);
		assert.deepEqual(sorted(counts.guessed), [['LOC', 1], ['ORG', 1], ['PER', 1]]);
		assert.deepEqual(sorted(counts.correct), [['PER', 1]]);
	});
});

describe('on the real pair: CoNLL-2003 dev against its CleanCoNLL correction', {skip: skipShared}, () => {
	const original = path.join(sharedCorpora ?? '', 'conll2003-conllpp/conllpp_dev.txt');
	const corrected = path.join(sharedCorpora ?? '', 'cleanconll-dev/dev.clean.txt');

	test('per-type counts equal conlleval\'s algorithm, and the printed scores equal conlleval\'s own output', () => {
		const corpus = loadCorpusFile(original);
		const layer = readLayer(openCompareFile(corpus, readCorpusBytes(corrected), corrected));
		const comparison = compareCorpus(corpus, layer);
		// The lines of both files side by side, as `paste` would give conlleval: the last field of each.
		const goldLines = fs.readFileSync(original, 'utf8').split('\n');
		const guessLines = fs.readFileSync(corrected, 'utf8').split('\n');
		assert.equal(goldLines.length, guessLines.length);
		const rows = goldLines.map((line, index) => (line.trim() === '' ? undefined : [line.split(' ').at(-1)!, guessLines[index]!.split(' ').at(-1)!] as const));
		assertSameCounts(productCounts(comparison), conlleval(rows), 'shared pair');
		// What conlleval (version 2004-01-26, run with perl on the two files pasted together, gold
		// then corrected) printed: "processed 51578 tokens with 5942 phrases; found: 5983 phrases;
		// correct: 5474." and these precision, recall and FB1 lines.
		const printed = {
			all: ['91.49', '92.12', '91.81'],
			LOC: ['98.43', '81.65', '89.26'],
			MISC: ['86.16', '93.17', '89.53'],
			ORG: ['79.19', '95.90', '86.75'],
			PER: ['99.51', '99.29', '99.40'],
		};
		const shown = (score: {precision: number; recall: number; f1: number}) => [score.precision, score.recall, score.f1].map(value => (100 * value).toFixed(2));
		assert.deepEqual(Object.fromEntries([['all', shown(comparison.overall)], ...comparison.types.map(score => [score.type, shown(score)])]), printed);
		assert.deepEqual([comparison.overall.reference, comparison.overall.predicted, comparison.overall.correct], [5942, 5983, 5474]);
		// seqeval's strict mode differs from conlleval only on tags invalid in the scheme; neither file has one.
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			assert.deepEqual(corpus.decode(sentence).invalid, []);
			assert.deepEqual(layer.decode(sentence).invalid, []);
		}

		// The shared corpora's README counts 394 of 3,250 sentences that differ.
		assert.equal(comparison.disagreeingSentences, 394);
		assert.equal(comparison.sentences, 3250);
	});

	test('the same numbers from a conlleval-style file (gold and predicted columns) with --column', () => {
		const goldLines = fs.readFileSync(original, 'utf8').split('\n');
		const guessLines = fs.readFileSync(corrected, 'utf8').split('\n');
		const merged = goldLines.map((line, index) => (line.trim() === '' ? line : `${line} ${guessLines[index]!.split(' ').at(-1)!}`)).join('\n');
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-conlleval-'));
		try {
			const file = path.join(folder, 'dev.conlleval');
			fs.writeFileSync(file, merged);
			const corpus = loadCorpusFile(file);
			assert.equal(corpus.format.tagColumn, 3);
			assert.deepEqual(corpus.format.tagColumns, [3, 4]);
			const fromColumns = compareCorpus(corpus, readLayer(openTagColumn(corpus, 4)));
			const reference = loadCorpusFile(original);
			const fromFiles = compareCorpus(reference, readLayer(openCompareFile(reference, readCorpusBytes(corrected), corrected)));
			assert.deepEqual(fromColumns, fromFiles);
		} finally {
			fs.rmSync(folder, {recursive: true, force: true});
		}
	});
});
