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
		assert.deepEqual(run(out => runCheck([file], {fileOrder: true}, out)), {code: 0, lines: []});
	});

	test('problems print as FILE:LINE: message, pointing at the right lines, and exit 1', () => {
		const file = write('faulty.conll', faulty);
		const {code, lines} = run(out => runCheck([file], {scheme: 'IOB2', fileOrder: true}, out));
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
		assert.equal(run(out => runCheck([file], {tagColumn: 3, scheme: 'IOB1', fileOrder: true}, out)).code, 0);
		assert.deepEqual(run(out => runCheck([file], {tagColumn: 3, scheme: 'IOB2', fileOrder: true}, out)).lines, [`${file}:1: I-PER at the start of a sentence is invalid in IOB2`]);
	});

	test('input errors print one line naming the file and line, and exit 2', () => {
		const missing = path.join(directory, 'missing.conll');
		assert.deepEqual(run(out => runCheck([missing], {fileOrder: true}, out)), {code: 2, lines: [`ner-review: ${missing}: no such file`]});
		const broken = write('broken.txt', '<s>\nJohn\tB-PER\n');
		assert.deepEqual(run(out => runCheck([broken], {fileOrder: true}, out)), {code: 2, lines: [`ner-review: ${broken}:1: <s> is never closed by </s>`]});
	});
});

describe('runCheck: ranked, several files, references, JSON (issues 12 and 15)', () => {
	const train = conll('Paris/B-ORG beat Lyon', 'Paris/B-ORG won', 'Paris/B-ORG lost', 'Mary/B-PER left');
	const held = conll('Paris/B-LOC is big', 'Mary/B-PER came');

	test('a string labelled another way in another file is reported in that file, naming the others', () => {
		const trainFile = write('train.conll', train);
		const testFile = write('test.conll', held);
		const {code, lines} = run(out => runCheck([testFile, trainFile], {fileOrder: true}, out));
		assert.equal(code, 1);
		assert.deepEqual(lines, [`${testFile}:1: "Paris" is LOC here but ORG in 3 of 4 mentions (with train.conll)`]);
		// Alone, each file is consistent.
		assert.equal(run(out => runCheck([testFile], {fileOrder: true}, out)).code, 0);
		assert.equal(run(out => runCheck([trainFile], {fileOrder: true}, out)).code, 0);
	});

	test('an occurrence left O where the files together mostly label the string is reported (each file alone is below the share)', () => {
		const trainFile = write('train-acme.conll', conll('Acme/B-ORG sells', 'Acme/B-ORG buys', 'Acme/B-ORG won'));
		const testFile = write('test-acme.conll', conll('Acme/B-ORG sells', 'Acme left'));
		assert.equal(run(out => runCheck([testFile], {fileOrder: true}, out)).code, 0, 'alone: 1 of 2 occurrences labelled');
		for (const options of [{fileOrder: true, references: [trainFile]}, {fileOrder: true}]) {
			const files = options.references === undefined ? [testFile, trainFile] : [testFile];
			const {code, lines} = run(out => runCheck(files, options, out));
			assert.equal(code, 1);
			assert.deepEqual(lines, [`${testFile}:4: "Acme" is O here but an entity in 4 of 5 occurrences (with train-acme.conll)`]);
		}

		const stats = run(out => runStats(testFile, {json: false, references: [trainFile]}, out));
		assert.ok(stats.lines.join('\n').includes('problems: 0 invalid tags, 0 inconsistent types, 1 unlabelled mention'), stats.lines.join('\n'));
	});

	test('--file-order judges the file\'s own problems on every file\'s counts, as the ranked queue does: a mention the files together mostly label its way is not reported, the rest say the counts together (QA: "LOC in 8 of 11" here, "9 of 43" ranked)', () => {
		// Alone, "Jordan" is PER twice and LOC once: the LOC is the minority. With the reference's 5 LOC, the PERs are.
		const trainFile = write('train-jordan.conll', conll('Jordan/B-LOC a', 'Jordan/B-LOC b', 'Jordan/B-LOC c', 'Jordan/B-LOC d', 'Jordan/B-LOC e'));
		const testFile = write('test-jordan.conll', conll('Jordan/B-PER x', 'Jordan/B-PER y', 'Jordan/B-LOC z'));
		const alone = run(out => runCheck([testFile], {fileOrder: true}, out)).lines;
		assert.deepEqual(alone, [`${testFile}:7: "Jordan" is LOC here but PER in 2 of 3 mentions`], 'test bug: alone, the LOC is reported');
		const {code, lines} = run(out => runCheck([testFile], {fileOrder: true, references: [trainFile]}, out));
		assert.equal(code, 1);
		assert.deepEqual(lines, [
			`${testFile}:1: "Jordan" is PER here but LOC in 6 of 8 mentions (with train-jordan.conll)`,
			`${testFile}:4: "Jordan" is PER here but LOC in 6 of 8 mentions (with train-jordan.conll)`,
		]);
		// stats counts them so, and the ranked queue reports the same places.
		assert.match(run(out => runStats(testFile, {json: false, references: [trainFile]}, out)).lines[0]!, /\nproblems: 0 invalid tags, 2 inconsistent types, 0 unlabelled mentions\n/);
		const ranked = run(out => runCheck([testFile], {references: [trainFile]}, out)).lines;
		assert.deepEqual(ranked.map(line => line.split(': ')[0]), [`${testFile}:1`, `${testFile}:4`]);
	});

	test('a file named twice is checked once (its problems were printed twice)', () => {
		const file = write('twice.conll', faulty);
		const once = run(out => runCheck([file], {fileOrder: true}, out));
		assert.deepEqual(run(out => runCheck([file, path.join(path.dirname(file), '.', 'twice.conll')], {fileOrder: true}, out)), once);
	});

	test('--reference counts for consistency but is not itself checked', () => {
		const trainFile = write('train.conll', train);
		const testFile = write('test.conll', held);
		const {code, lines} = run(out => runCheck([testFile], {fileOrder: true, references: [trainFile]}, out));
		assert.equal(code, 1);
		assert.deepEqual(lines, [`${testFile}:1: "Paris" is LOC here but ORG in 3 of 4 mentions (with train.conll)`]);
	});

	test('ranked (the default): invalid tags first, each with its suspicion and the suggested fix', () => {
		const file = write('faulty.conll', faulty);
		const {code, lines} = run(out => runCheck([file], {scheme: 'IOB2'}, out));
		assert.equal(code, 1);
		assert.match(lines[0]!, new RegExp(`^${file.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: 1\.00 .*I-LOC.*; suggest I-LOC → B-LOC$`));
		assert.ok(lines.some(line => /:14: \d\.\d\d .*"Linux".*; suggest \[Linux\]O → OS/.test(line)), lines.join('\n'));
	});

	test('--json: one array of entries with file, line, kind, score, reason and the suggestion\'s tag changes', () => {
		const file = write('faulty.conll', faulty);
		const {code, lines} = run(out => runCheck([file], {scheme: 'IOB2', json: true}, out));
		assert.equal(code, 1);
		const entries = JSON.parse(lines.join('\n')) as Array<{file: string; line: number; kind: string; score: number; suggestion?: {changes: Array<{line: number; before: string; after: string}>}}>;
		assert.equal(entries[0]!.kind, 'invalid-tag');
		assert.equal(entries[0]!.line, 6);
		assert.deepEqual(entries[0]!.suggestion?.changes, [{line: 6, token: 'Paris', before: 'I-LOC', after: 'B-LOC'}]);
		const linux = entries.find(entry => entry.line === 14)!;
		assert.equal(linux.file, file);
		assert.ok(linux.score > 0 && linux.score < 1);
	});
});

describe('runStats', () => {
	test('prints the table under the file name', () => {
		const file = write('stats.conll', faulty);
		const {code, lines} = run(out => runStats(file, {scheme: 'IOB2', json: false}, out));
		assert.equal(code, 0);
		assert.equal(lines.length, 1);
		assert.ok(lines[0]!.startsWith(`${file}: 5 sentences, 10 tokens, scheme IOB2\n`), lines[0]);
		assert.match(lines[0]!, /\nproblems: 1 invalid tag, 0 inconsistent types, 1 unlabelled mention\nproblems are counted at each place, a 1-against-1 tie at both \(check ranks it once\); the tagger's doubts are not counted here: `ner-review check` lists them with these problems$/, 'says why check lists more (QA)');
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
		assert.deepEqual(run(out => runCheck([file], {fileOrder: true}, out)), {code: 0, lines: []});
	});

	test('WikiSER dev: every reported line holds the token the message names', () => {
		const file = path.join(sharedCorpora!, 'wikiser/wikiser-small/dev.txt');
		const {code, lines} = run(out => runCheck([file], {fileOrder: true}, out));
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
		const {code, lines} = run(out => runCheck([file], {fileOrder: true}, out));
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

test('check and stats say, as the screen does, when the tag column looks like chunk tags (QA: eng.testb gave 1,937 NP/VP "entities" and no word of it)', () => {
	const file = write('chunks.conll', '-DOCSTART- -X- O\n\nSOCCER NN I-NP\n- : O\nJAPAN NNP I-NP\nGET VB I-VP\n\n');
	const warning = `ner-review: ${file}: column 3 looks like chunk tags (NP, VP), not entities: use --tag-column if it is wrong`;
	assert.equal(run(out => runCheck([file], {fileOrder: true}, out)).lines[0], warning);
	assert.equal(run(out => runStats(file, {json: false}, out)).lines[0], warning);
	assert.ok(!run(out => runStats(write('entities.conll', clean), {json: false}, out)).lines.some(line => line.startsWith('ner-review: ')), 'nothing said of a column of entities');
});
