/**
A file indexed in two parts (corpus/index-adoption.ts): the screen's indexer up to a sentence
boundary, another indexer from there to the end over windows of the file, then appended. The
result must be the index one pass builds, on every shared corpus and on generated ones, with the
reviewer's edits kept; anything else is refused and the first indexer reads on by itself.
*/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import fc from 'fast-check';
import {ArrivedPart, type Corpus, CorpusError, detectFormat, type Format, indexCorpus, Indexer, openIndexer, partStart, windowEnd} from '../source/corpus/index.js';
import {corpusArbitrary} from './helpers/corpus-gen.js';
import {assertSameIndex, onePassIndex} from './helpers/index-compare.js';
import {prng} from './helpers/prng.js';
import {corpusFiles} from './helpers/shared-corpora.js';
import {skipShared} from './helpers/review-corpus.js';

/** Windows of `bytes` from `start`, each ending at a line end, of about `size` bytes. */
function windows(bytes: Buffer, start: number, size: number): Buffer[] {
	const parts: Buffer[] = [];
	for (let at = start; at < bytes.length;) {
		const end = windowEnd(bytes, at, size);
		// A copy, as the worker gets.
		parts.push(Buffer.from(Uint8Array.prototype.slice.call(bytes, at, end)));
		at = end;
	}

	return parts;
}

/** The second part's index, read by an indexer of its own over windows. */
function secondPart(bytes: Buffer, format: Format, start: number, windowSize: number) {
	const [first, ...rest] = windows(bytes, start, windowSize);
	const indexer = new Indexer(first!, format, {fileLength: bytes.length, start});
	let done = indexer.step();
	for (const window of rest) {
		assert.ok(!done, 'the part was read before its last window');
		indexer.feed(window);
		done = indexer.step();
	}

	assert.ok(done, 'the part is read to the end of the file');
	return indexer.built();
}

/** Indexes `bytes` in two parts cut at `start`, the first in slices of random sizes; returns the first indexer, adopted. */
function inTwoParts(bytes: Buffer, start: number, random: () => number, windowSize: number, beforeAdopting?: (corpus: Corpus) => void): Indexer {
	const indexer = openIndexer(bytes);
	indexer.holdAt(start);
	while (!indexer.held) {
		assert.equal(indexer.step(1 + Math.floor(random() * 4096)), false, 'the first part never reads to the end of the file');
	}

	assert.equal(indexer.offset, start);
	beforeAdopting?.(indexer.corpus);
	const part = new ArrivedPart(secondPart(bytes, detectFormat(bytes), start, windowSize), indexer.corpus.tags);
	// Renumbered in steps, as the screen does (in chunks of a million tokens there).
	const chunk = 1 + Math.floor(random() * 50);
	while (!part.renumber(performance.now() - 1, chunk)) {}
	assert.equal(indexer.adopt(part), undefined);
	assert.ok(indexer.corpus.complete);
	assert.ok(indexer.step(), 'nothing is left to read');
	return indexer;
}

/** Sentence boundaries spread over the file, as partStart finds them. */
function cuts(bytes: Buffer, count: number): number[] {
	const format = detectFormat(bytes);
	const found = new Set<number>();
	for (let index = 1; index <= count; index++) {
		const start = partStart(bytes, format, Math.floor(bytes.length * index / (count + 1)));
		if (start !== undefined) {
			found.add(start);
		}
	}

	return [...found];
}

test('every shared corpus indexed in two parts gives the index of one pass', {skip: skipShared}, () => {
	const random = prng(17);
	let compared = 0;
	for (const file of corpusFiles()) {
		const bytes = fs.readFileSync(file);
		const expected = onePassIndex(bytes);
		if (expected === undefined) {
			continue;
		}

		for (const start of cuts(bytes, 3)) {
			assertSameIndex(inTwoParts(bytes, start, random, 1 + Math.floor(random() * 200_000)).corpus, expected, `${path.basename(file)} cut at ${start}`);
			compared++;
		}
	}

	assert.ok(compared >= 20, `only ${compared} cuts were compared`);
});

test('generated corpora (both layouts, BOM, CRLF, no final newline, documents) indexed in two parts give the index of one pass', () => {
	fc.assert(fc.property(corpusArbitrary({maxSentences: 30, longSentence: false}), fc.nat(), fc.integer({min: 1, max: 300}), (generated, seed, windowSize) => {
		const expected = onePassIndex(generated.bytes);
		if (expected === undefined) {
			return;
		}

		const random = prng(seed);
		for (const start of cuts(generated.bytes, 4)) {
			assertSameIndex(inTwoParts(generated.bytes, start, random, windowSize).corpus, expected, `cut at ${start}`);
		}
	}), {numRuns: 150});
});

test('the tag ids of the second part are renumbered as the corpus numbers them, new tags included, and widened past 256 tags', () => {
	// The first part has tags the second does not, and the second has 300 the first has never seen.
	const first = ['a\tB-ONLYFIRST', 'b\tO', '', 'c\tB-LOC', ''].join('\n');
	const second = Array.from({length: 300}, (_, index) => `w${index}\tB-T${index}\n\nx\tB-LOC\n`).join('\n');
	const bytes = Buffer.from(`${first}\n${second}`);
	const expected = indexCorpus(bytes);
	const start = bytes.indexOf('w0\t');
	assert.equal(partStart(bytes, detectFormat(bytes), bytes.indexOf('c\t')), start);
	const indexer = inTwoParts(bytes, start, prng(3), 64);
	assert.ok(indexer.corpus.tagIds instanceof Uint16Array, 'more than 256 tags take 16 bits');
	assertSameIndex(indexer.corpus, expected, 'renumbered');
});

test('an edit made in the first part before the second is appended is kept', () => {
	const bytes = Buffer.from(Array.from({length: 200}, (_, index) => `t${index}\tB-PER\nu\tO\n`).join('\n'));
	const start = partStart(bytes, detectFormat(bytes), 1000)!;
	const indexer = inTwoParts(bytes, start, prng(5), 100, corpus => {
		corpus.setTag(2, corpus.tags.intern('B-LOC'));
	});
	const {corpus} = indexer;
	const tagOf = (token: number) => corpus.tags.get(corpus.tagIds[token]!).text;
	assert.equal(tagOf(2), 'B-LOC');
	assert.deepEqual(corpus.changedTokens(), [2]);
	assert.equal(tagOf(corpus.tokenCount - 2), 'B-PER');
});

test('a second part is refused, changing nothing, unless the first stopped between two sentences where it starts', () => {
	const bytes = Buffer.from(Array.from({length: 50}, (_, index) => `t${index}\tB-PER\nu\tI-PER\n`).join('\n'));
	const format = detectFormat(bytes);
	const start = partStart(bytes, format, 200)!;
	const expected = indexCorpus(bytes);
	const part = (indexer: Indexer) => new ArrivedPart(secondPart(bytes, format, start, 64), indexer.corpus.tags);

	// Not yet where the part starts.
	const early = openIndexer(bytes);
	early.holdAt(start);
	early.step(10);
	assert.match(early.adopt(part(early)) ?? '', /read to byte/);

	// Held inside a sentence: the line after `t3 B-PER`, with the part starting elsewhere.
	const inside = openIndexer(bytes);
	const middle = bytes.indexOf('u\tI-PER', bytes.indexOf('t3\t'));
	inside.holdAt(middle);
	while (!inside.held) {
		inside.step();
	}

	const sentences = inside.corpus.sentenceCount;
	assert.match(inside.adopt(part(inside)) ?? '', /ends at|inside a sentence/);
	assert.equal(inside.corpus.sentenceCount, sentences, 'nothing changed');
	assert.equal(inside.corpus.complete, false);
	// Let go on, it reads the rest itself.
	inside.holdAt(undefined);
	assert.ok(inside.step());
	assertSameIndex(inside.corpus, expected, 'read on alone');
});

test('a malformed line in the second part fails its indexer; the first reads on and reports it as one pass does', () => {
	// Far enough from the start that format detection does not see the bad line.
	const good = Array.from({length: 10_000}, (_, index) => `<s>\nt${index}\tB-PER\n</s>`).join('\n');
	const bytes = Buffer.from(`${good}\n<s>\nbad line without a tag\n</s>\n`);
	const format = detectFormat(bytes);
	const start = partStart(bytes, format, bytes.length / 2)!;
	assert.equal(bytes.subarray(start, start + 4).toString(), '<s>\n');
	assert.throws(() => secondPart(bytes, format, start, 50), CorpusError);
	let onePass: unknown;
	try {
		indexCorpus(bytes);
	} catch (error) {
		onePass = error;
	}

	const indexer = openIndexer(bytes);
	indexer.holdAt(start);
	while (!indexer.held) {
		indexer.step();
	}

	indexer.holdAt(undefined);
	assert.throws(() => indexer.step(), (error: unknown) => error instanceof CorpusError && error.message === (onePass as CorpusError).message && error.line === (onePass as CorpusError).line);
});

test('a part starts after a blank line, or at a <s> line, and nowhere in the middle of a sentence', () => {
	const blank = Buffer.from('a O\nb O\n\nc O\r\n\r\nd O\n');
	const format = detectFormat(blank);
	assert.equal(partStart(blank, format, 0), blank.indexOf('c O'));
	assert.equal(partStart(blank, format, blank.indexOf('c O')), blank.indexOf('d O'));
	assert.equal(partStart(blank, format, blank.indexOf('d O')), undefined);
	const markers = Buffer.from('<s>\na\tO\n</s>\n<s>\r\nb\tO\n</s>\n<s> x\tO\n');
	const markersFormat = detectFormat(markers);
	assert.equal(partStart(markers, markersFormat, 1), markers.indexOf('<s>\r\n'));
	assert.equal(partStart(markers, markersFormat, markers.indexOf('b\t')), undefined, '`<s> x` is not a marker line');
});
