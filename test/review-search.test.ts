import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {loadCorpusFile} from '../source/corpus/load.js';
import {searchTokens, type SearchQuery} from '../source/review/search.js';
import {conll, corpusOf, sharedCorpora, skipShared} from './helpers/review-corpus.js';

const corpus = corpusOf(conll(
	'Linux runs on the Linux kernel', // Sentence 0.
	'nothing here',
	'New York and new york', // Sentence 2.
	'LINUX shouting',
));

const plain = (text: string, caseSensitive?: boolean): SearchQuery => ({text, regex: false, caseSensitive});

describe('searchTokens', () => {
	test('n walks forward through every match and wraps to the start', () => {
		const query = plain('linux');
		let at = {sentence: 0, token: 0};
		const seen: string[] = [];
		for (let i = 0; i < 4; i++) {
			const match = searchTokens(corpus, query, at, 1)!;
			seen.push(`${match.sentence}:${match.token}${match.wrapped ? ' wrapped' : ''}`);
			at = match;
		}

		assert.deepEqual(seen, ['0:4', '3:0', '0:0 wrapped', '0:4']);
	});

	test('N walks backward and wraps to the end', () => {
		const query = plain('linux');
		assert.deepEqual(searchTokens(corpus, query, {sentence: 0, token: 4}, -1), {sentence: 0, token: 0, length: 1, wrapped: false});
		assert.deepEqual(searchTokens(corpus, query, {sentence: 0, token: 0}, -1), {sentence: 3, token: 0, length: 1, wrapped: true});
	});

	test('a query with spaces matches several tokens', () => {
		assert.deepEqual(searchTokens(corpus, plain('Linux kernel'), {sentence: 0, token: 0}, 1), {sentence: 0, token: 4, length: 2, wrapped: false});
		assert.deepEqual(searchTokens(corpus, plain('york and'), {sentence: 1, token: 0}, 1), {sentence: 2, token: 1, length: 2, wrapped: false});
	});

	test('case sensitivity', () => {
		assert.deepEqual(searchTokens(corpus, plain('new york', true), {sentence: 0, token: 0}, 1), {sentence: 2, token: 3, length: 2, wrapped: false});
		assert.equal(searchTokens(corpus, plain('LINUX', true), {sentence: 3, token: 0}, 1)?.sentence, 3, 'the only match, found again after a full round');
	});

	test('a match inside a token starts at that token; one starting on a space at the next', () => {
		assert.deepEqual(searchTokens(corpus, plain('ernel'), {sentence: 0, token: 0}, 1), {sentence: 0, token: 5, length: 1, wrapped: false});
		assert.deepEqual(searchTokens(corpus, plain(' here'), {sentence: 0, token: 0}, 1), {sentence: 1, token: 1, length: 1, wrapped: false});
	});

	test('regular expressions, and a clear error for an invalid one', () => {
		const query = {text: '^n\\w+ y', regex: true};
		assert.deepEqual(searchTokens(corpus, query, {sentence: 0, token: 0}, 1), {sentence: 2, token: 0, length: 2, wrapped: false});
		assert.deepEqual(searchTokens(corpus, {text: 'x*', regex: true}, {sentence: 1, token: 0}, 1), {sentence: 1, token: 1, length: 1, wrapped: false}, 'empty matches move on');
		assert.throws(() => searchTokens(corpus, {text: 'Linux(', regex: true}, {sentence: 0, token: 0}, 1), {message: 'invalid regular expression /Linux(/: Unterminated group'});
	});

	test('literal text is not a regular expression', () => {
		assert.equal(searchTokens(corpus, plain('L.nux'), {sentence: 0, token: 0}, 1), undefined);
		assert.equal(searchTokens(corpus, plain('Linux('), {sentence: 0, token: 0}, 1), undefined);
	});

	test('nothing to find', () => {
		assert.equal(searchTokens(corpus, plain('Windows'), {sentence: 2, token: 1}, -1), undefined);
		assert.equal(searchTokens(corpus, plain(''), {sentence: 0, token: 0}, 1), undefined);
	});
});

describe('on the shared corpora', {skip: skipShared}, () => {
	test('WikiSER dev: a search that finds nothing wraps around the whole corpus', () => {
		const dev = loadCorpusFile(path.join(sharedCorpora!, 'wikiser/wikiser-small/dev.txt'));
		assert.equal(searchTokens(dev, plain('no such words here'), {sentence: 100, token: 0}, 1), undefined);
		const match = searchTokens(dev, plain('Linux kernel', true), {sentence: 0, token: 0}, 1)!;
		assert.equal(dev.tokenText(dev.sentenceStart[match.sentence]! + match.token), 'Linux');
		assert.equal(dev.tokenText(dev.sentenceStart[match.sentence]! + match.token + 1), 'kernel');
		assert.equal(match.length, 2);
	});
});
