import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type {Corpus} from '../source/corpus/corpus.js';
import {History} from '../source/corpus/history.js';
import {loadCorpusFile} from '../source/corpus/load.js';
import {CorpusAnalysis, planBulkRelabel} from '../source/review/index.js';
import {conll, corpusOf, sharedCorpora, skipShared} from './helpers/review-corpus.js';

function tagsOf(corpus: Corpus, sentence: number): string {
	return corpus.sentenceTags(sentence).map(tag => tag.text).join(' ');
}

function textOf(corpus: Corpus, sentence: number, start: number, end: number): string {
	const [first] = corpus.sentenceTokens(sentence);
	const words: string[] = [];
	for (let token = first + start; token < first + end; token++) {
		words.push(corpus.tokenText(token));
	}

	return words.join(' ');
}

const linuxText = conll(
	'Linux/B-OS runs',
	'on Linux/B-App',
	'Linux/B-OS and Linux again',
	'the Linux/B-OS kernel/I-OS',
);

/** The analysis of a corpus, built at once (its occurrences and summary are the consistency view's). */
function buildConsistencyIndex(corpus: Corpus): CorpusAnalysis {
	return new CorpusAnalysis(corpus).run();
}

describe('the analysis\'s consistency counts', () => {
	test('counts mentions per type and unlabelled occurrences, with every place in corpus order', () => {
		const index = buildConsistencyIndex(corpusOf(linuxText, {scheme: 'IOB2'}));
		const linux = index.occurrences('Linux');
		assert.deepEqual([...linux.byType], [['OS', 2], ['App', 1]]);
		assert.equal(linux.unlabelled, 1);
		assert.deepEqual(linux.places, [
			{sentence: 0, start: 0, end: 1, type: 'OS'},
			{sentence: 1, start: 1, end: 2, type: 'App'},
			{sentence: 2, start: 0, end: 1, type: 'OS'},
			{sentence: 2, start: 2, end: 3, type: undefined},
		]);
		// `Linux kernel` is its own string; its `Linux` is inside an entity, so not an unlabelled `Linux`.
		assert.deepEqual([...index.occurrences('Linux kernel').byType], [['OS', 1]]);
	});

	test('the places asked for again after an edit are the edited ones (the view asks at every key)', () => {
		const corpus = corpusOf(linuxText, {scheme: 'IOB2'});
		const index = buildConsistencyIndex(corpus);
		assert.deepEqual([...index.occurrences('Linux').byType], [['OS', 2], ['App', 1]]);
		const plan = planBulkRelabel(corpus, 'Linux', 'OS', 'App');
		const record = new History().apply(corpus, {changes: plan.changes, sentence: 1, token: 1, description: 'relabel'});
		assert.ok(record !== undefined, 'the relabel was applied');
		index.noteChanges(record.changes, 'forward');
		assert.deepEqual([...index.occurrences('Linux').byType], [['OS', 3]]);
		assert.deepEqual(index.occurrences('Linux').places.map(place => place.type), ['OS', 'OS', 'OS', undefined]);
	});

	test('summary lists types by frequency and O last', () => {
		const index = buildConsistencyIndex(corpusOf(linuxText, {scheme: 'IOB2'}));
		assert.equal(index.summary('Linux'), 'Linux: OS x2, App x1, O x1');
		assert.equal(index.summary('Windows'), 'Windows: not labelled anywhere');
		assert.deepEqual(index.occurrences('Windows'), {byType: new Map(), unlabelled: 0, places: []});
	});

	test('multi-token strings are found unlabelled only when every token is outside entities', () => {
		const index = buildConsistencyIndex(corpusOf(conll(
			'New/B-LOC York/I-LOC',
			'New York is big',
			'New/B-ORG York',
			'New Jersey and New York',
		), {scheme: 'IOB2'}));
		assert.deepEqual(index.occurrences('New York').places.filter(place => place.type === undefined), [
			{sentence: 1, start: 0, end: 2, type: undefined},
			{sentence: 3, start: 3, end: 5, type: undefined},
		]);
	});

	test('overlapping occurrences count once, as they can be labelled once', () => {
		const index = buildConsistencyIndex(corpusOf(conll('a/B-X a/I-X', 'a a a'), {scheme: 'IOB2'}));
		assert.equal(index.occurrences('a a').unlabelled, 1);
	});

	test('a token holding a space matches the same words as separate tokens', () => {
		const text = '<s>\nWindows 95\tB-OS\n</s>\n<s>\nrun\tO\nWindows\tO\n95\tO\n</s>\n';
		const index = buildConsistencyIndex(corpusOf(text));
		assert.deepEqual(index.occurrences('Windows 95').places.map(place => [place.sentence, place.start, place.end, place.type]), [
			[0, 0, 1, 'OS'],
			[1, 1, 3, undefined],
		]);
	});

	test('20,000 distinct strings over 300,000 tokens (the benchmark times it)', () => {
		// Trying every string at every token would be 20,000 x 300,000 comparisons: the analysis tries only prefixes of strings.
		const sentences: string[] = [];
		for (let i = 0; i < 20_000; i++) {
			const words = [`w${i}/B-X`];
			for (let j = 1; j < 15; j++) {
				words.push(`w${(i * 7 + j) % 20_000}`);
			}

			sentences.push(words.join(' '));
		}

		const corpus = corpusOf(conll(...sentences), {scheme: 'IOB2'});
		assert.equal(corpus.tokenCount, 300_000);
		const index = buildConsistencyIndex(corpus);
		let expected = 0;
		for (let i = 0; i < 20_000; i++) {
			for (let j = 1; j < 15; j++) {
				expected += (i * 7 + j) % 20_000 === 8 ? 1 : 0;
			}
		}

		assert.ok(expected > 2);
		assert.equal(index.occurrences('w8').unlabelled, expected);
		assert.deepEqual([...index.occurrences('w8').byType], [['X', 1]]);
	});
});

describe('planBulkRelabel', () => {
	test('relabels every mention of the string as one history entry, undone in one step', () => {
		const corpus = corpusOf(linuxText, {scheme: 'IOB2'});
		const plan = planBulkRelabel(corpus, 'Linux', 'Kernel');
		assert.equal(plan.mentions, 3);
		assert.equal(plan.sentences, 3);
		const history = new History();
		history.apply(corpus, {changes: plan.changes, sentence: 0, token: 0, description: 'relabel Linux'});
		assert.deepEqual([0, 1, 2, 3].map(sentence => tagsOf(corpus, sentence)), [
			'B-Kernel O', 'O B-Kernel', 'B-Kernel O O O', 'O B-OS I-OS',
		]);
		history.undo(corpus);
		assert.deepEqual([0, 1, 2, 3].map(sentence => tagsOf(corpus, sentence)), [
			'B-OS O', 'O B-App', 'B-OS O O O', 'O B-OS I-OS',
		]);
	});

	test('only the mentions of one type', () => {
		const corpus = corpusOf(linuxText, {scheme: 'IOB2'});
		const plan = planBulkRelabel(corpus, 'Linux', 'OS', 'App');
		assert.deepEqual({mentions: plan.mentions, sentences: plan.sentences}, {mentions: 1, sentences: 1});
		assert.deepEqual(plan.changes.map(change => [change.token, corpus.tags.text(change.after)]), [[3, 'B-OS']]);
	});

	test('with O, unlabelled occurrences become entities in the file\'s scheme', () => {
		const corpus = corpusOf(conll('New/B-LOC York/E-LOC', 'in New York and Rome/S-LOC', 'New York/S-LOC'), {scheme: 'BIOES'});
		const plan = planBulkRelabel(corpus, 'New York', 'LOC', 'O');
		assert.deepEqual({mentions: plan.mentions, sentences: plan.sentences}, {mentions: 1, sentences: 1});
		new History().apply(corpus, {changes: plan.changes, sentence: 1, token: 0, description: 'label New York'});
		assert.equal(tagsOf(corpus, 1), 'O B-LOC E-LOC O S-LOC');
		assert.equal(tagsOf(corpus, 2), 'O S-LOC', 'York is inside an entity: not an occurrence');
	});

	test('IOB1 keeps adjacent entities of one type apart', () => {
		const corpus = corpusOf(conll('Paris/I-LOC London/I-ORG'), {scheme: 'IOB1'});
		const plan = planBulkRelabel(corpus, 'London', 'LOC');
		new History().apply(corpus, {changes: plan.changes, sentence: 0, token: 0, description: 'relabel'});
		assert.equal(tagsOf(corpus, 0), 'I-LOC B-LOC');
		assert.deepEqual(corpus.decode(0).spans.length, 2);
	});

	test('mentions already of the new type change nothing', () => {
		const corpus = corpusOf(linuxText, {scheme: 'IOB2'});
		const plan = planBulkRelabel(corpus, 'Linux kernel', 'OS');
		assert.deepEqual(plan, {changes: [], sentences: 0, mentions: 0});
	});
});

describe('on the shared corpora', {skip: skipShared}, () => {
	test('WikiSER dev: Linux is Application 108 times and Operating_System 21 times (as SOURCE.txt counts)', () => {
		const corpus = loadCorpusFile(path.join(sharedCorpora!, 'wikiser/wikiser-small/dev.txt'));
		const index = buildConsistencyIndex(corpus);
		const linux = index.occurrences('Linux');
		assert.equal(linux.byType.get('Application'), 108);
		assert.equal(linux.byType.get('Operating_System'), 21);
		assert.equal(linux.byType.size, 2);
		assert.equal(linux.places.length, 129 + linux.unlabelled);
		for (const place of linux.places) {
			assert.equal(textOf(corpus, place.sentence, place.start, place.end), 'Linux');
		}

		assert.match(index.summary('Linux'), /^Linux: Application x108, Operating_System x21, O x\d+$/);

		const plan = planBulkRelabel(corpus, 'Linux', 'Application', 'Operating_System');
		assert.equal(plan.mentions, 21);
		new History().apply(corpus, {changes: plan.changes, sentence: 0, token: 0, description: 'relabel Linux'});
		assert.deepEqual([...buildConsistencyIndex(corpus).occurrences('Linux').byType], [['Application', 129]]);
	});
});
