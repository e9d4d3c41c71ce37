import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {applyChanges} from '../source/corpus/edit.js';
import {loadCorpusFile} from '../source/corpus/load.js';
import {findProblems, minLabelledMentions, repairInvalid, type Problem} from '../source/review/index.js';
import {conll, corpusOf, sharedCorpora, skipShared} from './helpers/review-corpus.js';

/** Problems as `LINE kind: message`, the way a reviewer scans them. */
function brief(problems: readonly Problem[]): string[] {
	return problems.map(problem => `${problem.line} ${problem.kind}: ${problem.message}`);
}

describe('invalid tags', () => {
	test('IOB2: inside tags that open an entity, and cells that are not tags', () => {
		const text = conll('Kim/I-PER x', 'a b/I-PER c/I-LOC', 'd e/NNP');
		// Lines: 1 Kim, 2 x, 3 blank, 4 a, 5 b, 6 c, 7 blank, 8 d, 9 e. A `NNP` cell stops detection finding the tag column: name it.
		const corpus = corpusOf(text, {scheme: 'IOB2', tagColumn: 2});
		assert.deepEqual(brief(findProblems(corpus)), [
			'1 invalid-tag: I-PER at the start of a sentence is invalid in IOB2',
			'5 invalid-tag: I-PER after O is invalid in IOB2',
			'6 invalid-tag: I-LOC after I-PER is invalid in IOB2',
			'9 invalid-tag: "NNP" is not a tag',
		]);
	});

	test('BIOES: entities not closed, end tags without a start, foreign prefixes', () => {
		const text = conll('Paris/B-LOC is', 'a Rome/E-LOC', 'b Kim/S-PER Lee/M-PER');
		const corpus = corpusOf(text, {scheme: 'BIOES'});
		const problems = findProblems(corpus);
		assert.deepEqual(brief(problems), [
			'1 invalid-tag: B-LOC not closed by E-LOC (BIOES)',
			'5 invalid-tag: E-LOC after O is invalid in BIOES',
			'9 invalid-tag: M-PER is not used in BIOES; M-PER after S-PER is invalid in BIOES; M-PER not closed by E-PER (BIOES)',
		]);
		assert.deepEqual(problems.map(problem => [problem.sentence, problem.token]), [[0, 0], [1, 3], [2, 6]]);
	});

	test('every token the decoder marks invalid is reported, and nothing else', () => {
		const text = conll('a/B-X b/E-X c/I-X d/O e/B-Y', 'f/E-Y g/S-X h/I-X', 'i/B-X j/I-X k/E-X');
		const corpus = corpusOf(text, {scheme: 'BIOES'});
		const expected: number[] = [];
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			expected.push(...corpus.decode(sentence).invalid.map(index => corpus.sentenceStart[sentence]! + index));
		}

		assert.ok(expected.length >= 4, 'the fixture has invalid tags');
		assert.deepEqual(findProblems(corpus).filter(problem => problem.kind === 'invalid-tag').map(problem => problem.token), expected);
	});
});

describe('repairInvalid', () => {
	test('IOB2: opens the entity the lenient decoder reads with B-', () => {
		const corpus = corpusOf(conll('John/I-PER Smith/I-PER saw Paris/I-LOC'), {scheme: 'IOB2'});
		const before = corpus.decode(0).spans;
		const changes = repairInvalid(corpus, 0);
		assert.deepEqual(changes.map(change => [change.token, corpus.tags.text(change.before), corpus.tags.text(change.after)]), [
			[0, 'I-PER', 'B-PER'],
			[3, 'I-LOC', 'B-LOC'],
		]);
		applyChanges(corpus, changes, 'forward');
		assert.deepEqual(corpus.decode(0), {spans: before, invalid: []});
	});

	test('BIOES: closes entities with E- and S- in the file\'s scheme', () => {
		const corpus = corpusOf(conll('New/B-LOC York/I-LOC and Rome/B-LOC'), {scheme: 'BIOES'});
		const changes = repairInvalid(corpus, 0);
		assert.deepEqual(changes.map(change => [change.token, corpus.tags.text(change.after)]), [[1, 'E-LOC'], [3, 'S-LOC']]);
		applyChanges(corpus, changes, 'forward');
		assert.deepEqual(corpus.decode(0).invalid, []);
	});

	test('a valid sentence needs no changes', () => {
		const corpus = corpusOf(conll('John/B-PER Smith/I-PER'), {scheme: 'IOB2'});
		assert.deepEqual(repairInvalid(corpus, 0), []);
	});
});

describe('inconsistent and unlabelled mentions', () => {
	test('the minority type is reported against the majority, not the reverse', () => {
		const corpus = corpusOf(conll(
			'Linux/B-OS runs', 'Linux/B-OS boots', 'on Linux/B-App', 'Linux/B-OS again',
		), {scheme: 'IOB2'});
		assert.deepEqual(brief(findProblems(corpus)), [
			'8 inconsistent-type: "Linux" is App here but OS in 3 of 4 mentions',
		]);
	});

	test('a tie reports every mention', () => {
		const corpus = corpusOf(conll('Java/B-Lang x', 'Java/B-Island y'), {scheme: 'IOB2'});
		assert.deepEqual(brief(findProblems(corpus)), [
			'1 inconsistent-type: "Java" is Lang here but Island in 1 of 2 mentions',
			'4 inconsistent-type: "Java" is Island here but Lang in 1 of 2 mentions',
		]);
	});

	test(`strings with fewer than ${minLabelledMentions} labelled mentions are not compared`, () => {
		const corpus = corpusOf(conll('Java/B-Lang x', 'Java is', 'Java too'), {scheme: 'IOB2'});
		assert.deepEqual(findProblems(corpus), []);
	});

	test('an unlabelled occurrence of a mostly labelled string, multi-token too', () => {
		const corpus = corpusOf(conll(
			'New/B-LOC York/I-LOC',
			'in New/B-LOC York/I-LOC',
			'New York again', // Lines 8-10: unlabelled.
			'New Jersey', // Not the string.
			'New York/B-ORG', // York is inside an entity: not an unlabelled occurrence, not a mention of "New York".
		), {scheme: 'IOB2'});
		const problems = findProblems(corpus);
		assert.deepEqual(brief(problems), ['8 unlabelled-mention: "New York" is O here but an entity in 2 of 3 occurrences']);
		assert.deepEqual([problems[0]!.sentence, problems[0]!.token], [2, 5]);
	});

	test('a string mostly left unlabelled is not reported', () => {
		// Entities in 2 of 5 occurrences: labelling it is the exception, not the rule.
		const corpus = corpusOf(conll('for/B-Lang a', 'for/B-Lang b', 'for c', 'for d', 'for e'), {scheme: 'IOB2'});
		assert.deepEqual(findProblems(corpus), []);
	});

	test('problems come sorted by sentence, then token, across kinds', () => {
		const corpus = corpusOf(conll(
			'a Linux/B-OS',
			'Linux/B-OS',
			'Linux b/I-X Linux/B-App',
		), {scheme: 'IOB2'});
		const problems = findProblems(corpus);
		assert.deepEqual(problems.map(problem => [problem.sentence, problem.token, problem.kind]), [
			[2, 3, 'unlabelled-mention'],
			[2, 4, 'invalid-tag'],
			[2, 5, 'inconsistent-type'],
		]);
	});
});

describe('on the shared corpora', {skip: skipShared}, () => {
	test('WikiSER dev: Linux is Application 108 times and Operating_System 21 times', () => {
		const file = path.join(sharedCorpora!, 'wikiser/wikiser-small/dev.txt');
		const corpus = loadCorpusFile(file);
		const problems = findProblems(corpus);

		const linux = problems.filter(problem => problem.kind === 'inconsistent-type' && problem.message.startsWith('"Linux" is'));
		assert.equal(linux.length, 21);
		assert.ok(linux.every(problem => problem.message === '"Linux" is Operating_System here but Application in 108 of 129 mentions'));

		const lines = fs.readFileSync(file, 'utf8').split('\n');
		for (const problem of problems.filter(problem => problem.message.startsWith('"Linux" is'))) {
			assert.equal(lines[problem.line - 1], problem.kind === 'unlabelled-mention' ? 'Linux\tO' : 'Linux\tB-Operating_System');
		}

		assert.equal(problems.filter(problem => problem.kind === 'invalid-tag').length, 0, 'WikiSER dev is valid IOB2');
	});

	test('Resume train: the two M-ORG that start a sentence are invalid tags', () => {
		const file = path.join(sharedCorpora!, 'resume-ner-bmes/train.char.bmes');
		const corpus = loadCorpusFile(file);
		const invalid = findProblems(corpus).filter(problem => problem.kind === 'invalid-tag');
		const opening = invalid.filter(problem => problem.message === 'M-ORG at the start of a sentence is invalid in BMES');
		assert.equal(opening.length, 2);
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		for (const problem of opening) {
			assert.match(lines[problem.line - 1]!, / M-ORG$/);
			assert.equal(lines[problem.line - 2], '', 'a blank line comes before');
			assert.equal(problem.token, corpus.sentenceStart[problem.sentence]);
		}

		// The sentence before each was cut after an M-ORG, so it is not closed either; nothing else is invalid.
		assert.deepEqual(invalid.map(problem => problem.message).sort(), [
			'M-ORG at the start of a sentence is invalid in BMES',
			'M-ORG at the start of a sentence is invalid in BMES',
			'M-ORG not closed by E-ORG (BMES)',
			'M-ORG not closed by E-ORG (BMES)',
		]);
	});
});
