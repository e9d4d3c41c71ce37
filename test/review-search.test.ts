/**
The search of `/`, `n` and `N` (issue 15's syntax, issue 17's speed): a table of queries and the
tokens they find; wrapping; the byte search before decoding checked against reading every
sentence, on generated corpora, with windows small enough to cut needles in two; slices.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import {indexCorpus, loadCorpusFile, type Corpus} from '../source/corpus/index.js';
import {parseQuery, QuerySyntaxError, searchTokens, sentenceMatches, TokenSearch, toParsedQuery, type ParsedQuery, type SearchMatch, type SearchPosition} from '../source/review/index.js';
import {isCaseless} from '../source/review/search-query.js';
import {seed as seedText} from './helpers/corpus.js';
import {noisyCorpus, noisyCorpusArbitrary} from './helpers/noisy-corpus.js';
import {Reviewer} from './helpers/reviewer.js';
import {conll, corpusOf, sharedCorpora, skipShared} from './helpers/review-corpus.js';

const seed = Number(process.env.FC_SEED ?? 15);
const runs = Number(process.env.FC_RUNS ?? 200);

const corpus = corpusOf(conll(
	'Linux runs on the Linux kernel', // Sentence 0.
	'nothing here',
	'New York and new york', // Sentence 2.
	'LINUX shouting',
	'the IBM/B-ORG PC and the Apple/B-ORG Inc/I-ORG', // Sentence 4.
	'Linuxes running',
	'* @user a@b.com C++ x/y/O', // Sentence 6: x/y is a token.
), {scheme: 'IOB2'});

/** Every match of a query from the start of the corpus, as `sentence:token` or `sentence:token+length`. */
function allMatches(onCorpus: Corpus, query: string): string[] {
	const found: string[] = [];
	for (let sentence = 0; sentence < onCorpus.sentenceCount; sentence++) {
		for (const match of sentenceMatches(onCorpus, sentence, toParsedQuery(onCorpus, query))) {
			found.push(`${sentence}:${match.token}${match.length > 1 ? `+${match.length}` : ''}`);
		}
	}

	return found;
}

describe('the query syntax', () => {
	const table: Array<[query: string, matches: string[], why: string]> = [
		['linux', ['0:0', '0:4', '3:0'], 'lower case ignores case; whole tokens (not Linuxes)'],
		['Linux', ['0:0', '0:4'], 'an upper-case letter makes it exact'],
		['LINUX', ['3:0'], 'exact'],
		['linux*', ['0:0', '0:4', '3:0', '5:0'], '* inside a part'],
		['*ing', ['1:0', '3:1', '5:1'], '* at the start (nothing, shouting, running)'],
		['* kernel', ['0:4+2'], '* alone is any token'],
		['new york', ['2:0+2', '2:3+2'], 'parts match consecutive tokens'],
		['New york', [], 'exact: no "New york" in the corpus'],
		['the linux kernel', ['0:3+3'], 'three parts'],
		['@ORG', ['4:1', '4:5', '4:6'], 'any token of an ORG entity'],
		['@org', ['4:1', '4:5', '4:6'], 'a label in lower case matches whatever its case'],
		['the @ORG', ['4:0+2', '4:4+2'], 'every ORG token that follows "the": the label does not make the text exact'],
		['@ORG @ORG', ['4:5+2'], 'two ORG tokens in a row'],
		['Apple@ORG', ['4:5'], 'a token of that text inside an ORG entity'],
		['apple@O', [], 'Apple is inside an entity'],
		['the@O', ['0:3', '4:0', '4:4'], '@O: outside entities'],
		['pc@O', ['4:2'], 'PC is outside entities'],
		['/^Linux$/', ['0:0', '0:4'], 'anchors per token; smart case'],
		['/^linux$/', ['0:0', '0:4', '3:0'], 'lower case ignores case'],
		['/^[a-z]+ing$/', ['1:0', '3:1', '5:1'], 'a regular expression against each token'],
		['/\\w+ing/', ['1:0', '3:1', '5:1'], '\\w is no upper-case letter'],
		['/\\S+es/', ['5:0'], '\\S neither: Linuxes ignoring case'],
		['/^[A-Z]+$/@ORG', ['4:1'], 'a regular expression with a label'],
		['/n/ /n/', ['0:0+2', '0:1+2', '0:4+2', '2:2+2', '3:0+2', '5:0+2'], 'two regular expressions on consecutive tokens, each holding an n or N'],
		['\\*', ['6:0'], 'a backslash makes * plain'],
		['@user', ['6:1'], '@NAME is text when NAME is no label'],
		['a@b.com', ['6:2'], 'an address is text'],
		['c++', ['6:3'], 'regular expression characters in text are plain'],
		['x/y', ['6:4'], 'a slash inside a part is plain'],
		['', [], 'nothing to find'],
	];
	for (const [query, matches, why] of table) {
		test(`${JSON.stringify(query)}: ${why}`, () => {
			assert.deepEqual(allMatches(corpus, query), matches);
		});
	}

	test('a token that holds a space is found by its words, like separate tokens', () => {
		const wikiser = indexCorpus(Buffer.from('<s>\nrun\tO\nWindows 95\tB-OS\n</s>\n<s>\nWindows\tO\n95\tO\nand\tO\nWindows\tO\n</s>\n'));
		assert.deepEqual(allMatches(wikiser, 'windows 95'), ['0:1', '1:0+2']);
		assert.deepEqual(allMatches(wikiser, 'Windows'), ['1:0', '1:3'], 'one word of a two-word token is not the token');
		assert.deepEqual(allMatches(wikiser, '95@OS'), [], 'a match ends on a token boundary');
		assert.deepEqual(allMatches(wikiser, 'windows 95@os'), ['0:1']);
		assert.deepEqual(allMatches(wikiser, '/^Windows 95$/'), ['0:1'], 'a regular expression sees the whole token');
	});

	test('smart case looks at the text, not at label names or escapes in regular expressions', () => {
		assert.equal(parseQuery('the @ORG', ['ORG']).ignoreCase, true);
		assert.equal(parseQuery('/\\W\\S\\D\\B\\p{Lu}/').ignoreCase, true);
		assert.equal(parseQuery('/[A-Z]/').ignoreCase, false);
		assert.equal(parseQuery('Linux').ignoreCase, false);
		assert.equal(parseQuery('élan').ignoreCase, true);
		assert.equal(parseQuery('Élan').ignoreCase, false);
	});

	test('an invalid regular expression is named in the error', () => {
		assert.throws(() => parseQuery('/Linux(/'), {name: 'Error', message: 'invalid regular expression /Linux(/: Unterminated group'});
		assert.throws(() => parseQuery('/a[/'), QuerySyntaxError);
	});

	test('the byte string searched first is one every match holds', () => {
		const text = (query: ParsedQuery) => Buffer.from(query.needle).toString();
		assert.equal(text(parseQuery('the Linux kernel')), 'kernel', 'the longest piece');
		assert.equal(text(parseQuery('linux*es')), 'linux');
		assert.equal(text(parseQuery('élan vital')), 'vital', 'ignoring case, é cannot be searched as bytes');
		assert.equal(text(parseQuery('Élan')), 'Élan', 'exact, it can');
		assert.equal(text(parseQuery('北京')), '北京', 'characters without case can');
		assert.equal(text(parseQuery('/^Linux$/')), '', 'a regular expression gives none');
		assert.equal(parseQuery('linux').folded, true);
		assert.equal(parseQuery('1995').folded, false, 'no letter: a native search');
	});

	test('ignoring case, no character but itself matches a character without case (so its bytes can be searched)', () => {
		for (let code = 0; code < 0x1_00_00; code++) {
			if (code >= 0xD8_00 && code <= 0xDF_FF) {
				continue;
			}

			const character = String.fromCodePoint(code);
			const upper = character.toUpperCase();
			// JavaScript's case-insensitive matching without `u` maps a character to its upper case when that is one character, never from above 127 to below.
			const canonical = upper.length === 1 && !(code >= 128 && upper.codePointAt(0)! < 128) ? upper : character;
			if (canonical !== character && isCaseless(canonical)) {
				assert.fail(`U+${code.toString(16)} matches ${canonical} ignoring case`);
			}
		}
	});
});

describe('n and N', () => {
	test('n walks forward through every match and wraps to the start', () => {
		let at: SearchPosition = {sentence: 0, token: 0};
		const seen: string[] = [];
		for (let i = 0; i < 4; i++) {
			const match = searchTokens(corpus, 'linux', at, 1)!;
			seen.push(`${match.sentence}:${match.token}${match.wrapped ? ' wrapped' : ''}`);
			at = match;
		}

		assert.deepEqual(seen, ['0:4', '3:0', '0:0 wrapped', '0:4']);
	});

	test('N walks backward and wraps to the end', () => {
		assert.deepEqual(searchTokens(corpus, 'linux', {sentence: 0, token: 4}, -1), {sentence: 0, token: 0, length: 1, wrapped: false});
		assert.deepEqual(searchTokens(corpus, 'linux', {sentence: 0, token: 0}, -1), {sentence: 3, token: 0, length: 1, wrapped: true});
	});

	test('the only match is found again after a full round', () => {
		assert.deepEqual(searchTokens(corpus, 'LINUX', {sentence: 3, token: 0}, 1), {sentence: 3, token: 0, length: 1, wrapped: true});
		assert.deepEqual(searchTokens(corpus, 'LINUX', {sentence: 3, token: 0}, -1), {sentence: 3, token: 0, length: 1, wrapped: true});
	});

	test('nothing to find', () => {
		assert.equal(searchTokens(corpus, 'Windows', {sentence: 2, token: 1}, -1), undefined);
		assert.equal(searchTokens(corpus, '', {sentence: 0, token: 0}, 1), undefined);
	});

	test('the screen\'s older query form still works: a regular expression alone, or text in the new syntax', () => {
		assert.deepEqual(searchTokens(corpus, {text: '^Linux$', regex: true}, {sentence: 0, token: 0}, 1), {sentence: 0, token: 4, length: 1, wrapped: false});
		assert.deepEqual(searchTokens(corpus, {text: '^linux$', regex: true, caseSensitive: true}, {sentence: 0, token: 0}, 1), undefined);
		assert.deepEqual(searchTokens(corpus, {text: 'new york', regex: false}, {sentence: 0, token: 0}, 1), {sentence: 2, token: 0, length: 2, wrapped: false});
	});
});

/** The next match by reading every sentence of the round in order: what the byte search must agree with. */
function modelSearch(onCorpus: Corpus, query: ParsedQuery, from: SearchPosition, direction: 1 | -1): SearchMatch | undefined {
	const count = onCorpus.sentenceCount;
	const origin = Math.min(Math.max(from.sentence, 0), count - 1);
	for (let step = 0; step <= count; step++) {
		const sentence = (((origin + (direction * step)) % count) + count) % count;
		const matches = sentenceMatches(onCorpus, sentence, query);
		const ordered = direction === 1 ? matches : matches.reverse();
		const found = ordered.find(match => {
			if (step === 0) {
				return direction === 1 ? match.token > from.token : match.token < from.token;
			}

			return step < count || (direction === 1 ? match.token <= from.token : match.token >= from.token);
		});
		if (found !== undefined) {
			return {sentence, ...found, wrapped: step === count || (direction === 1 ? sentence < origin : sentence > origin)};
		}
	}

	return undefined;
}

const queryArbitrary = fc.array(fc.record({
	word: fc.constantFrom('a', 'A', 'the', 'new', 'New', 'york', 'YORK', 'linux', 'Linux', 'kernel', 'é', 'É', '北京', 'windows', '95', 'wind*', '*x', '*', 'ne*rk'),
	label: fc.constantFrom('', '', '', '@X', '@y', '@O', '@Z'),
	regex: fc.boolean(),
}), {minLength: 1, maxLength: 3}).map(parts => parts.map(part => (part.regex && !part.word.includes('*') ? `/^${part.word}/${part.label}` : `${part.word}${part.label}`)).join(' '));

describe('the byte search before decoding', () => {
	test('finds what reading every sentence finds, forward and backward, with windows that cut needles in two', () => {
		fc.assert(fc.property(noisyCorpusArbitrary, queryArbitrary, fc.nat(), fc.nat(), fc.constantFrom<1 | -1>(1, -1), fc.integer({min: 1, max: 64}), (noisy, text, sentence, token, direction, window) => {
			const onCorpus = noisyCorpus(noisy);
			const query = toParsedQuery(onCorpus, text);
			const from = {sentence: sentence % onCorpus.sentenceCount, token: token % 5};
			const search = new TokenSearch(onCorpus, query, from, direction, window);
			search.step();
			assert.deepEqual(search.match, modelSearch(onCorpus, query, from, direction), `${text} from ${JSON.stringify(from)} ${direction}`);
		}), {seed, numRuns: runs * 2});
	});

	test('a search run a slice at a time ends where a search at once does, its progress rising to 1', () => {
		fc.assert(fc.property(noisyCorpusArbitrary, queryArbitrary, fc.nat(), fc.constantFrom<1 | -1>(1, -1), (noisy, text, sentence, direction) => {
			const onCorpus = noisyCorpus(noisy);
			const from = {sentence: sentence % onCorpus.sentenceCount, token: 0};
			const search = new TokenSearch(onCorpus, text, from, direction, 8);
			let progress = 0;
			while (!search.step(0)) {
				assert.ok(search.progress >= progress && search.progress <= 1);
				progress = search.progress;
			}

			assert.equal(search.progress, 1);
			assert.deepEqual(search.match, searchTokens(onCorpus, text, from, direction));
		}), {seed, numRuns: runs});
	});
});

describe('a new search on the screen starts after the cursor, as in vim', () => {
	/** A reviewer on `text` who types `/query` Enter. */
	const search = (user: Reviewer, query: string) => user.press('/', ...query, 'return');
	const at = (user: Reviewer) => [user.sentence, user.state.token];
	const text = seedText('CRICKET - LEICESTERSHIRE TAKE OVER', 'nothing here', 'more CRICKET news and CRICKET scores', 'Alone here');

	test('a match on the cursor\'s own token is not the first: the next one is', () => {
		const user = Reviewer.of(text);
		search(user, 'CRICKET');
		assert.deepEqual(at(user), [2, 1]);
		assert.equal(user.message, '"CRICKET" in sentence 3  (n next, N previous)');
		search(user, 'CRICKET');
		assert.deepEqual(at(user), [2, 4], 'a later match in the same sentence');
		user.press('n');
		assert.deepEqual(at(user), [0, 0], 'n wraps around to the first');
		assert.match(user.message ?? '', /\(wrapped around\)/);
	});

	test('the cursor\'s own token is found by wrapping around when nothing else matches', () => {
		const user = Reviewer.of(text);
		user.press(':', '4', 'return');
		search(user, 'Alone');
		assert.deepEqual(at(user), [3, 0]);
		assert.equal(user.message, '"Alone" in sentence 4 (wrapped around)  (n next, N previous)');
	});

	test('N from a match goes back past the cursor\'s token too', () => {
		const user = Reviewer.of(text);
		search(user, 'CRICKET');
		user.press('N');
		assert.deepEqual(at(user), [0, 0]);
		user.press('N');
		assert.deepEqual(at(user), [2, 4], 'wrapped around to the last');
		user.press('N');
		assert.deepEqual(at(user), [2, 1]);
	});
});

describe('on the shared corpora', {skip: skipShared}, () => {
	test('WikiSER dev: a token near the end, found by its bytes; the Linux kernel', () => {
		const dev = loadCorpusFile(path.join(sharedCorpora!, 'wikiser/wikiser-small/dev.txt'));
		assert.equal(searchTokens(dev, 'no such words here', {sentence: 100, token: 0}, 1), undefined);
		const match = searchTokens(dev, 'Linux kernel', {sentence: 0, token: 0}, 1)!;
		assert.equal(dev.tokenText(dev.sentenceStart[match.sentence]! + match.token), 'Linux');
		assert.equal(dev.tokenText(dev.sentenceStart[match.sentence]! + match.token + 1), 'kernel');
		assert.equal(match.length, 2);
		const query = toParsedQuery(dev, 'linux kernel@operating_system');
		const from = {sentence: 3000, token: 0};
		assert.deepEqual(searchTokens(dev, query, from, -1), modelSearch(dev, query, from, -1));
	});
});
