import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {loadCorpusFile} from '../source/corpus/load.js';
import {corpusStatistics, findProblems, formatStatistics} from '../source/review/index.js';
import {conll, corpusOf, sharedCorpora, skipShared} from './helpers/review-corpus.js';

const text = conll(
	'John/B-PER Smith/I-PER met Mary/B-PER',
	'John/B-PER went to New/B-LOC York/I-LOC',
	'John left x/I-LOC',
);

describe('corpusStatistics', () => {
	test('counts sentences, tokens, types, tags and problems', () => {
		const stats = corpusStatistics(corpusOf(text, {scheme: 'IOB2'}));
		assert.deepEqual(stats, {
			sentences: 3,
			tokens: 12,
			scheme: 'IOB2',
			types: [
				{type: 'PER', mentions: 3, distinctStrings: 3, tokens: 4},
				{type: 'LOC', mentions: 2, distinctStrings: 2, tokens: 3},
			],
			tags: [
				{tag: 'O', count: 5},
				{tag: 'B-PER', count: 3},
				{tag: 'I-LOC', count: 2},
				{tag: 'B-LOC', count: 1},
				{tag: 'I-PER', count: 1},
			],
			// `x/I-LOC` after O; `John` is PER in 1 mention: below the threshold for comparing.
			problems: {invalidTags: 1, inconsistent: 0, unlabelled: 0},
		});
	});

	test('counts the problems findProblems lists', () => {
		const corpus = corpusOf(conll('Linux/B-OS', 'Linux/B-OS', 'Linux/B-App x/I-LOC', 'on Linux'), {scheme: 'IOB2'});
		const problems = findProblems(corpus);
		const count = (kind: string) => problems.filter(problem => problem.kind === kind).length;
		assert.deepEqual(corpusStatistics(corpus).problems, {invalidTags: count('invalid-tag'), inconsistent: count('inconsistent-type'), unlabelled: count('unlabelled-mention')});
		assert.deepEqual(corpusStatistics(corpus).problems, {invalidTags: 1, inconsistent: 1, unlabelled: 1});
	});

	test('formats aligned tables', () => {
		const table = formatStatistics(corpusStatistics(corpusOf(text, {scheme: 'IOB2'})));
		assert.equal(table, [
			'3 sentences, 12 tokens, scheme IOB2',
			'',
			'type  mentions  distinct  tokens',
			'PER          3         3       4',
			'LOC          2         2       3',
			'',
			'tag    count',
			'O          5',
			'B-PER      3',
			'I-LOC      2',
			'B-LOC      1',
			'I-PER      1',
			'',
			'problems: 1 invalid tag, 0 inconsistent types, 0 unlabelled mentions',
		].join('\n'));
	});

	test('survives JSON as the same object', () => {
		const stats = corpusStatistics(corpusOf(text, {scheme: 'IOB2'}));
		assert.deepEqual(JSON.parse(JSON.stringify(stats)), stats);
	});
});

describe('on the shared corpora', {skip: skipShared}, () => {
	test('WikiSER dev: the counts SOURCE.txt gives', () => {
		const stats = corpusStatistics(loadCorpusFile(path.join(sharedCorpora!, 'wikiser/wikiser-small/dev.txt')));
		assert.equal(stats.sentences, 7992);
		assert.equal(stats.tokens, 297_885);
		assert.equal(stats.types.length, 12);
		assert.equal(stats.types.reduce((total, type) => total + type.mentions, 0), 26_009);
		const entityTokens = stats.tags.filter(tag => tag.tag !== 'O').reduce((total, tag) => total + tag.count, 0);
		assert.equal(stats.types.reduce((total, type) => total + type.tokens, 0), entityTokens);
		assert.equal(stats.tags.reduce((total, tag) => total + tag.count, 0), 297_885);
	});
});
