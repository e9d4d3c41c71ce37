/**
End-to-end: the built CLI's `compare` command, `--compare` refusing files whose tokens differ, and
`check`/`stats` naming the tag column they read (several tag columns, CoNLL-U MISC).
*/
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fixtureFolder} from '../helpers/fixtures.js';
import {conll} from '../helpers/review-corpus.js';
import {assertBuilt, cliPath} from '../helpers/tmux.js';

type Run = {status: number | null; stdout: string; stderr: string};

function run(cwd: string, ...args: string[]): Run {
	const result = spawnSync(process.execPath, [cliPath, ...args], {cwd, env: {...process.env, CI: 'true'}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000});
	assert.equal(result.error, undefined, `the CLI could not be run: ${String(result.error)}`);
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Exit 2, nothing on stdout, and exactly `line` on stderr. */
function assertOneLine(result: Run, line: string) {
	assert.equal(result.status, 2, `exit 2; stderr: ${result.stderr}`);
	assert.equal(result.stdout, '');
	assert.equal(result.stderr, `${line}\n`);
}

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures');
const gold = conll('John/B-PER Smith/I-PER visited New/B-LOC York/I-LOC .', 'Paris/B-LOC is nice', 'Mary/B-PER left');
const predicted = conll('John/B-PER Smith/I-PER visited New/B-ORG York/I-ORG .', 'Paris is nice', 'Mary/B-PER left');
const conllevalFile = 'EU NNP B-NP B-ORG B-ORG\nrejects VBZ B-VP O O\nGerman JJ B-NP B-MISC B-LOC\ncall NN I-NP O O\n\nPeter NNP B-NP B-PER B-PER\nBlackburn NNP I-NP I-PER O\n';
let folder: string;

describe('ner-review compare, and the tag column named by check and stats', {concurrency: 1}, () => {
	before(() => {
		assertBuilt();
		folder = fixtureFolder({
			'gold.conll': gold,
			'predicted.conll': predicted,
			'shifted.conll': `# a comment\n${predicted.replace('Paris', 'Lyon')}`,
			'dev.conlleval': conllevalFile,
			'germeval.tsv': fs.readFileSync(path.join(fixtures, 'germeval2014-layout.tsv')),
			'norne.conllu': fs.readFileSync(path.join(fixtures, 'norne-layout.conllu')),
		}, 'ner-review-compare-');
	});

	after(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});

	test('compare A B prints the scores per type and the differences, exit 0', () => {
		const result = run(folder, 'compare', 'gold.conll', 'predicted.conll');
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stderr, '');
		const lines = result.stdout.split('\n');
		assert.equal(lines[0], 'predicted.conll (column 2) against gold.conll (column 2): 3 sentences, 11 tokens');
		const row = (...cells: string[]) => lines.some(line => line.trim().split(/\s+/).join(' ') === cells.join(' '));
		assert.ok(row('type', 'reference', 'compared', 'correct', 'precision', 'recall', 'F1'), result.stdout);
		assert.ok(row('LOC', '2', '0', '0', '0.00%', '0.00%', '0.00'), result.stdout);
		assert.ok(row('ORG', '0', '1', '0', '0.00%', '0.00%', '0.00'), result.stdout);
		assert.ok(row('PER', '2', '2', '2', '100.00%', '100.00%', '100.00'), result.stdout);
		assert.ok(row('all', '4', '3', '2', '66.67%', '50.00%', '57.14'), result.stdout);
		assert.ok(row('LOC', 'ORG', '1', '0'), `the confusion table: ${result.stdout}`);
		assert.ok(row('LOC', '(none)', '1', '0'), `the confusion table: ${result.stdout}`);
		assert.ok(lines.includes('disagreeing sentences: 2 of 3; differences: 2 (1 type, 0 boundary, 1 only in the reference, 0 only in the compared)'), result.stdout);
	});

	test('--json gives the same numbers to scripts', () => {
		const result = run(folder, 'compare', '--json', 'gold.conll', 'predicted.conll');
		assert.equal(result.status, 0, result.stderr);
		const json = JSON.parse(result.stdout) as {reference: {file: string; column: number}; compared: {file: string}; overall: {reference: number; predicted: number; correct: number; f1: number}; disagreeingSentences: number; types: Array<{type: string}>};
		assert.deepEqual(json.reference, {file: 'gold.conll', column: 2, scheme: 'IOB2'});
		assert.equal(json.compared.file, 'predicted.conll');
		assert.deepEqual([json.overall.reference, json.overall.predicted, json.overall.correct], [4, 3, 2]);
		assert.equal(json.overall.f1, 2 * (2 / 3) * (2 / 4) / ((2 / 3) + (2 / 4)));
		assert.equal(json.disagreeingSentences, 2);
		assert.deepEqual(json.types.map(type => type.type), ['LOC', 'ORG', 'PER']);
	});

	test('compare --column N FILE scores a second column of one file', () => {
		const result = run(folder, 'compare', '--column', '5', '--json', 'dev.conlleval');
		assert.equal(result.status, 0, result.stderr);
		const json = JSON.parse(result.stdout) as {reference: {column: number}; compared: {column: number}; overall: {correct: number}};
		assert.equal(json.reference.column, 4);
		assert.equal(json.compared.column, 5);
		assert.equal(json.overall.correct, 1);
	});

	test('tokens that differ: exit 2, one line naming the first differing line of each file', () => {
		assertOneLine(run(folder, 'compare', 'gold.conll', 'shifted.conll'), 'ner-review: gold.conll:8: the tokens differ: "Paris" here, "Lyon" at shifted.conll:9');
		// The screen refuses the same before it opens (no terminal needed to see it), and writes nothing.
		const before = fs.readdirSync(folder).sort();
		assertOneLine(run(folder, 'gold.conll', '--compare', 'shifted.conll'), 'ner-review: gold.conll:8: the tokens differ: "Paris" here, "Lyon" at shifted.conll:9');
		assertOneLine(run(folder, 'gold.conll', '--compare', 'missing.conll'), 'ner-review: missing.conll: no such file');
		assert.deepEqual(fs.readdirSync(folder).sort(), before);
	});

	test('bad command lines are one line and exit 2', () => {
		assertOneLine(run(folder, 'compare', 'gold.conll'), 'ner-review: usage: ner-review compare A B, or ner-review compare --column N FILE');
		assertOneLine(run(folder, 'compare', '--column', '5', 'gold.conll', 'predicted.conll'), 'ner-review: --column compares two columns of one FILE: give one file with it');
		assertOneLine(run(folder, 'compare', '--column', '1', 'dev.conlleval'), 'ner-review: --column takes a column number of 2 or more (column 1 is the token), not "1"');
		assertOneLine(run(folder, 'gold.conll', '--compare', 'predicted.conll', '--compare-column', '3'), 'ner-review: gold.conll: give --compare OTHER or --compare-column N, not both');
		assertOneLine(run(folder, 'check', '--misc-key', 'a=b', 'norne.conllu'), 'ner-review: --misc-key takes a key like name or NE (no spaces, = or |), not "a=b"');
		assertOneLine(run(folder, 'compare', '--column', '4', 'dev.conlleval'), 'ner-review: dev.conlleval: column 4 is the tag column it is compared with: give another one (--column)');
	});

	test('check and stats say which of several tag columns they read, and take --tag-column', () => {
		const check = run(folder, 'check', 'germeval.tsv');
		assert.match(check.stderr, /^ner-review: germeval\.tsv: checking the tags in column 3 \(tags also in column 4: --tag-column 4\)\n$/);
		const stats = run(folder, 'stats', 'germeval.tsv');
		assert.equal(stats.status, 0, stats.stderr);
		assert.equal(stats.stdout.split('\n')[1], 'tags: column 3 (tags also in column 4: --tag-column 4)');
		const nested = run(folder, 'stats', '--json', '--tag-column', '4', 'germeval.tsv');
		const json = JSON.parse(nested.stdout) as {tagColumn: number; tagColumns: number[]; types: Array<{type: string; mentions: number}>};
		assert.equal(json.tagColumn, 4);
		assert.deepEqual(json.tagColumns, [3, 4]);
		assert.deepEqual(json.types.map(type => [type.type, type.mentions]), [['LOC', 2]]);
	});

	test('CoNLL-U with NER in MISC: stats reads name=, also with --tag-column 10', () => {
		for (const args of [['stats', 'norne.conllu'], ['stats', '--tag-column', '10', 'norne.conllu']]) {
			const result = run(folder, ...args);
			assert.equal(result.status, 0, result.stderr);
			const lines = result.stdout.split('\n');
			assert.equal(lines[0], 'norne.conllu: 2 sentences, 15 tokens, scheme IOB2');
			assert.equal(lines[1], 'tags: column 10, MISC name=');
			assert.ok(lines.some(line => /^ORG\s+2\s+2\s+2$/.test(line)), result.stdout);
		}

		const check = run(folder, 'check', 'norne.conllu');
		assert.deepEqual([check.status, check.stdout, check.stderr], [0, '', '']);
	});
});
