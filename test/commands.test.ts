import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {runCheck} from '../source/cli/check.js';
import {runStats} from '../source/cli/stats.js';
import {loadCorpusFile} from '../source/corpus/load.js';
import {corpusStatistics} from '../source/review/statistics.js';
import {conll, sharedCorpora, skipShared} from './helpers/review-corpus.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-commands-'));
process.on('exit', () => {
	fs.rmSync(directory, {recursive: true, force: true});
});

function write(name: string, text: string): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, text);
	return file;
}

/** Runs a command, collecting what it prints. */
function run(command: (out: (line: string) => void) => number): {code: number; lines: string[]} {
	const lines: string[] = [];
	const code = command(line => lines.push(line));
	return {code, lines};
}

const clean = conll('John/B-PER Smith/I-PER lives in Paris/B-LOC', 'Mary/B-PER left');
const faulty = conll('John/B-PER Smith/I-PER lives', 'in Paris/I-LOC today', 'Linux/B-OS', 'Linux/B-OS', 'on Linux');

describe('runCheck', () => {
	test('a clean file prints nothing and exits 0', () => {
		const file = write('clean.conll', clean);
		assert.deepEqual(run(out => runCheck(file, {}, out)), {code: 0, lines: []});
	});

	test('problems print as FILE:LINE: message, pointing at the right lines, and exit 1', () => {
		const file = write('faulty.conll', faulty);
		const {code, lines} = run(out => runCheck(file, {scheme: 'IOB2'}, out));
		assert.equal(code, 1);
		assert.deepEqual(lines, [
			`${file}:6: I-LOC after O is invalid in IOB2`,
			`${file}:14: "Linux" is O here but an entity in 2 of 3 occurrences`,
		]);
		const fileLines = fs.readFileSync(file, 'utf8').split('\n');
		assert.equal(fileLines[5], 'Paris I-LOC');
		assert.equal(fileLines[13], 'Linux O');
	});

	test('--scheme and --tag-column are passed on', () => {
		const file = write('iob1.conll', 'x NNP I-PER\ny NN I-PER\nz NN O\n');
		assert.equal(run(out => runCheck(file, {tagColumn: 3, scheme: 'IOB1'}, out)).code, 0);
		assert.deepEqual(run(out => runCheck(file, {tagColumn: 3, scheme: 'IOB2'}, out)).lines, [`${file}:1: I-PER at the start of a sentence is invalid in IOB2`]);
	});

	test('input errors print one line naming the file and line, and exit 2', () => {
		const missing = path.join(directory, 'missing.conll');
		assert.deepEqual(run(out => runCheck(missing, {}, out)), {code: 2, lines: [`ner-review: ${missing}: no such file`]});
		const broken = write('broken.txt', '<s>\nJohn\tB-PER\n');
		assert.deepEqual(run(out => runCheck(broken, {}, out)), {code: 2, lines: [`ner-review: ${broken}:1: <s> is never closed by </s>`]});
	});
});

describe('runStats', () => {
	test('prints the table under the file name', () => {
		const file = write('stats.conll', faulty);
		const {code, lines} = run(out => runStats(file, {scheme: 'IOB2', json: false}, out));
		assert.equal(code, 0);
		assert.equal(lines.length, 1);
		assert.ok(lines[0]!.startsWith(`${file}: 5 sentences, 10 tokens, scheme IOB2\n`), lines[0]);
		assert.match(lines[0]!, /\nproblems: 1 invalid tags, 0 inconsistent types, 1 unlabelled mentions$/);
	});

	test('--json prints the statistics object', () => {
		const file = write('stats.conll', faulty);
		const {code, lines} = run(out => runStats(file, {scheme: 'IOB2', json: true}, out));
		assert.equal(code, 0);
		// The statistics, under the column they count (1-based) and every column of tags.
		assert.deepEqual(JSON.parse(lines.join('\n')), {tagColumn: 2, tagColumns: [2], ...corpusStatistics(loadCorpusFile(file, {scheme: 'IOB2'}))});
	});

	test('input errors exit 2', () => {
		const empty = write('empty.conll', '\n\n');
		const {code, lines} = run(out => runStats(empty, {json: true}, out));
		assert.equal(code, 2);
		assert.match(lines[0]!, new RegExp(`^ner-review: ${empty.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
	});
});

describe('on the shared corpora', {skip: skipShared}, () => {
	test('a clean corpus exits 0', () => {
		const file = path.join(sharedCorpora!, 'ncrfpp-bioes/dev.bmes');
		assert.deepEqual(run(out => runCheck(file, {}, out)), {code: 0, lines: []});
	});

	test('WikiSER dev: every reported line holds the token the message names', () => {
		const file = path.join(sharedCorpora!, 'wikiser/wikiser-small/dev.txt');
		const {code, lines} = run(out => runCheck(file, {}, out));
		assert.equal(code, 1);
		assert.ok(lines.length > 100);
		const fileLines = fs.readFileSync(file, 'utf8').split('\n');
		for (const line of lines) {
			const match = /^(.+):(\d+): "(.+)" is (\S+) here but /.exec(line);
			assert.ok(match, line);
			assert.equal(match[1], file);
			const [token, tag] = fileLines[Number(match[2]) - 1]!.split('\t');
			const text = match[3]!;
			assert.ok(text === token || text.startsWith(`${token} `), `${line}: the line holds ${token}`);
			assert.equal(match[4] === 'O' ? 'O' : `B-${match[4]}`, tag, line);
		}
	});

	test('Resume train: the M-ORG lines', () => {
		const file = path.join(sharedCorpora!, 'resume-ner-bmes/train.char.bmes');
		const {code, lines} = run(out => runCheck(file, {}, out));
		assert.equal(code, 1);
		const fileLines = fs.readFileSync(file, 'utf8').split('\n');
		const opening = lines.filter(line => line.endsWith(': M-ORG at the start of a sentence is invalid in BMES'));
		assert.equal(opening.length, 2);
		for (const line of opening) {
			const number = Number(/:(\d+): /.exec(line)![1]);
			assert.match(fileLines[number - 1]!, / M-ORG$/);
			assert.equal(fileLines[number - 2], '');
		}
	});
});
