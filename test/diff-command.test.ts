/**
`ner-review diff`: the command function on small files written here (each kind of change, CRLF,
no final newline, different tokens, FILE.bak, flags with notes, a hostile token), the built CLI as
a child process with no terminal (exit codes, the raw patch applied with patch(1)), and the real
CoNLL-2003 dev / CleanCoNLL pair, whose changes are counted again here from the tag columns alone.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {runDiff, type DiffOptions} from '../source/cli/diff.js';
import {loadCorpusFile, Session, tagOnlyDifference} from '../source/corpus/index.js';
import {Review} from '../source/review/review.js';
import {conll, sharedCorpora, skipShared} from './helpers/review-corpus.js';
import {assertBuilt, cliPath} from './helpers/tmux.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-diff-'));
process.on('exit', () => {
	fs.rmSync(directory, {recursive: true, force: true});
});

let counter = 0;
/** A fresh folder for one test's files (side files of one test must not meet another's). */
function folder(): string {
	const made = path.join(directory, String(counter++));
	fs.mkdirSync(made);
	return made;
}

function write(dir: string, name: string, content: string | Buffer): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, content);
	return file;
}

const defaults: DiffOptions = {json: false, unified: false};

/** Runs the command function, gathering lines (stdout and `ner-review: ` stderr lines alike) and raw bytes. */
function diff(files: string[], options: Partial<DiffOptions> = {}): {code: number; lines: string[]; bytes: Buffer} {
	const lines: string[] = [];
	const chunks: Buffer[] = [];
	// No sidecar from the user's own state folder may count.
	const code = runDiff(files, {...defaults, env: {HOME: directory, XDG_STATE_HOME: path.join(directory, 'state')}, ...options}, line => lines.push(line), chunk => chunks.push(chunk));
	return {code, lines, bytes: Buffer.concat(chunks)};
}

/** The change lines (`  line N: ...`) of a list. */
const changeLines = (lines: readonly string[]) => lines.filter(line => line.startsWith('  line '));

/** Applies a patch to a copy of `original` with patch(1) and returns the result's bytes. */
function applyPatch(original: string, patch: Buffer): Buffer {
	const copy = path.join(folder(), 'patched');
	fs.copyFileSync(original, copy);
	const result = spawnSync('patch', ['--quiet', copy], {input: patch});
	assert.equal(result.status, 0, `patch failed: ${String(result.stdout)}${String(result.stderr)}`);
	return fs.readFileSync(copy);
}

const original = conll(
	'EU/B-ORG rejects German/B-MISC call',
	'Peter/B-PER Blackburn/I-PER',
	'He went to New/B-LOC York/I-LOC City',
	'Barcelona/B-LOC won in Madrid/B-LOC',
	'nothing changes here/O',
);
const edited = conll(
	'EU/B-ORG rejects German/B-MISC call',
	'Peter/B-PER Blackburn/I-PER',
	'He went to New/B-LOC York/I-LOC City/I-LOC',
	'Barcelona/B-ORG won in Madrid',
	'nothing changes here/B-MISC',
);

describe('runDiff: the list of changed entities', () => {
	test('a changed type, an added and a removed entity and a boundary change, each with its line in EDITED, grouped by sentence', () => {
		const dir = folder();
		const result = diff([write(dir, 'a.conll', original), write(dir, 'b.conll', edited)]);
		assert.equal(result.code, 1);
		assert.deepEqual(result.lines, [
			'sentence 3 (line 9): He went to New York City',
			'  line 12: [New York] LOC -> [New York City] LOC',
			'sentence 4 (line 16): Barcelona won in Madrid',
			'  line 16: [Barcelona] LOC -> ORG',
			'  line 19: [Madrid] LOC -> O',
			'sentence 5 (line 21): nothing changes here',
			'  line 23: [here] O -> MISC',
			'',
			`${path.join(dir, 'b.conll')} against ${path.join(dir, 'a.conll')}: 4 changes in 3 sentences: 1 type, 1 added, 1 removed, 1 boundary, 0 tag only`,
		]);
		// The lines named are EDITED's lines of those tokens.
		const lines = edited.split('\n');
		assert.equal(lines[16 - 1], 'Barcelona B-ORG');
		assert.equal(lines[19 - 1], 'Madrid O');
		assert.equal(lines[23 - 1], 'here B-MISC');
	});

	test('an entity split in two or two merged into one: boundary changes against the entity each part overlaps, never "O -> MISC" of tokens that were labelled (QA)', () => {
		const dir = folder();
		const before = conll('CRICKET - ENGLISH/B-MISC COUNTY/I-MISC CHAMPIONSHIP/I-MISC SCORES', 'the Panamanian/B-MISC Boxing Association/B-ORG said');
		const after = conll('CRICKET - ENGLISH/B-MISC COUNTY/B-MISC CHAMPIONSHIP/I-MISC SCORES', 'the Panamanian/B-ORG Boxing/I-ORG Association/I-ORG said');
		const result = diff([write(dir, 'a.conll', before), write(dir, 'b.conll', after)]);
		assert.deepEqual(result.lines.slice(0, 7), [
			'sentence 1 (line 1): CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES',
			'  line 3: [ENGLISH COUNTY CHAMPIONSHIP] MISC -> [ENGLISH] MISC',
			'  line 3: [ENGLISH COUNTY CHAMPIONSHIP] MISC -> [COUNTY CHAMPIONSHIP] MISC',
			'sentence 2 (line 8): the Panamanian Boxing Association said',
			'  line 9: [Panamanian] MISC -> [Panamanian Boxing Association] ORG',
			'  line 11: [Association] ORG -> [Panamanian Boxing Association] ORG',
			'',
		]);
		assert.match(result.lines.at(-1)!, /: 4 changes in 2 sentences: 0 type, 0 added, 0 removed, 4 boundary, 0 tag only$/);
	});

	test('identical files: exit 0, and the count says so', () => {
		const dir = folder();
		const result = diff([write(dir, 'a.conll', original), write(dir, 'b.conll', original)]);
		assert.equal(result.code, 0);
		assert.equal(result.lines.length, 1);
		assert.match(result.lines[0]!, /: no entity or tag changes$/);
	});

	test('a tag rewritten without changing any entity is listed as a tag change', () => {
		const dir = folder();
		// `I-LOC` after `O` is read as an entity's start (leniently, as conlleval does): `B-LOC` is the same entity.
		const result = diff([write(dir, 'a.conll', conll('in Paris/I-LOC today')), write(dir, 'b.conll', conll('in Paris/B-LOC today'))]);
		assert.equal(result.code, 1);
		assert.deepEqual(changeLines(result.lines), ['  line 2: Paris: tag I-LOC -> B-LOC (same entities)']);
	});

	test('a difference outside the tag cells is no entity change, but the files differ: exit 1 and the line where they start to', () => {
		const dir = folder();
		const a = write(dir, 'a.conll', 'EU NNP B-ORG\nrejects VBZ O\n');
		const b = write(dir, 'b.conll', 'EU NNP B-ORG\nrejects VBD O\n');
		const result = diff([a, b]);
		assert.equal(result.code, 1);
		assert.deepEqual(changeLines(result.lines), []);
		assert.equal(result.lines.at(-1), `${b}:2: the files also differ outside the tag cells from this line on (ner-review diff --unified shows every line)`);
	});

	test('in a file of several 64 KB blocks, the first line that differs outside the tag cells is still found exactly', () => {
		const dir = folder();
		const lines = Array.from({length: 30_000}, (_, index) => (index % 10 === 9 ? '' : `w${index} NN O`));
		const a = write(dir, 'a.conll', `${lines.join('\n')}\n`);
		const changed = [...lines];
		changed[14_999 - 1] = 'w14998 NN B-ORG';
		changed[21_001 - 1] = 'w21000 VB O';
		changed[25_001 - 1] = 'w25000 VB O';
		const b = write(dir, 'b.conll', `${changed.join('\n')}\n`);
		const result = diff([a, b]);
		assert.deepEqual(changeLines(result.lines), ['  line 14999: [w14998] O -> ORG']);
		assert.equal(result.lines.at(-1), `${b}:21001: the files also differ outside the tag cells from this line on (ner-review diff --unified shows every line)`);
		const tagsOnly = [...lines];
		tagsOnly[3 - 1] = 'w2 NN B-PER';
		tagsOnly[29_999 - 1] = 'w29998 NN B-LOC';
		assert.deepEqual(tagOnlyDifference(fs.readFileSync(a), Buffer.from(`${tagsOnly.join('\n')}\n`), loadCorpusFile(a).format), {same: true, differingTags: 2});
	});

	test('a CRLF file: the same changes and lines', () => {
		const dir = folder();
		const crlf = (text: string) => text.replaceAll('\n', '\r\n');
		const result = diff([write(dir, 'a.conll', crlf(original)), write(dir, 'b.conll', crlf(edited))]);
		assert.equal(result.code, 1);
		assert.deepEqual(changeLines(result.lines), ['  line 12: [New York] LOC -> [New York City] LOC', '  line 16: [Barcelona] LOC -> ORG', '  line 19: [Madrid] LOC -> O', '  line 23: [here] O -> MISC']);
	});

	test('files whose tokens differ: one line naming EDITED\'s line and ORIGINAL\'s, exit 2', () => {
		const dir = folder();
		const a = write(dir, 'a.conll', conll('EU/B-ORG rejects German/B-MISC call', 'Peter/B-PER'));
		const b = write(dir, 'b.conll', conll('EU/B-ORG rejects German/B-MISC call', 'Pete/B-PER'));
		const result = diff([a, b]);
		assert.equal(result.code, 2);
		assert.deepEqual(result.lines, [`ner-review: ${b}:6: the tokens differ: "Pete" here, "Peter" at ${a}:6`]);
	});

	test('a file that cannot be read names itself', () => {
		const dir = folder();
		const b = write(dir, 'b.conll', edited);
		const result = diff([path.join(dir, 'missing.conll'), b]);
		assert.equal(result.code, 2);
		assert.deepEqual(result.lines, [`ner-review: ${path.join(dir, 'missing.conll')}: no such file`]);
	});

	test('a token holding an escape sequence is printed inert', () => {
		const dir = folder();
		const hostile = '\u001B]52;c;cHduZWQ=\u0007Evil';
		const result = diff([write(dir, 'a.conll', `${hostile} O\n`), write(dir, 'b.conll', `${hostile} B-ORG\n`)]);
		assert.equal(result.code, 1);
		const text = result.lines.join('\n');
		assert.ok(!text.includes('\u001B') && !text.includes('\u0007'), text);
		assert.ok(text.includes('  line 1: [␛]52;c;cHduZWQ=␇Evil] O -> ORG'), text);
	});

	test('--json: the changes with their sentence, line, kind and both sides, and the counts', () => {
		const dir = folder();
		const result = diff([write(dir, 'a.conll', original), write(dir, 'b.conll', edited)], {json: true});
		assert.equal(result.code, 1);
		const json = JSON.parse(result.lines.join('\n')) as {identical: boolean; counts: Record<string, number>; changes: Array<{sentence: number; line: number; kind: string; before: unknown; after: unknown}>};
		assert.equal(json.identical, false);
		assert.deepEqual(json.counts, {type: 1, added: 1, removed: 1, boundary: 1, tag: 0, sentences: 3});
		assert.deepEqual(json.changes.map(change => [change.sentence, change.line, change.kind]), [[3, 12, 'boundary'], [4, 16, 'type'], [4, 19, 'removed'], [5, 23, 'added']]);
		assert.deepEqual(json.changes[0]!.before, {text: 'New York', type: 'LOC', line: 12});
		assert.deepEqual(json.changes[0]!.after, {text: 'New York City', type: 'LOC', line: 12});
		assert.equal(json.changes[2]!.after, null);
	});
});

describe('runDiff FILE: FILE.bak against FILE, with the flags of the review', () => {
	test('after a session saved an edit and flagged a sentence with a note: the edit and the note, and nothing written', () => {
		const dir = folder();
		const file = write(dir, 'train.conll', original);
		const corpus = loadCorpusFile(file);
		const session = new Session(corpus, {file, backup: true});
		const review = new Review(session, file);
		// Sentence 4 (index 3): Barcelona (token 0) becomes ORG; sentence 2 is flagged with a note, sentence 5 without one.
		assert.ok(session.relabel(3, 0, undefined, 'ORG') !== undefined);
		assert.equal(session.save().status, 'saved');
		review.setFlagged(1, true, 'is Blackburn the player or the town?');
		review.setFlagged(4, true);
		review.close(true);
		assert.ok(fs.existsSync(`${file}.bak`), 'the first save keeps FILE.bak');
		const before = fs.readdirSync(dir).sort();
		const stamps = before.map(name => fs.statSync(path.join(dir, name)).mtimeMs);

		const result = diff([file]);
		assert.equal(result.code, 1);
		assert.deepEqual(result.lines, [
			'sentence 4 (line 16): Barcelona won in Madrid',
			'  line 16: [Barcelona] LOC -> ORG',
			'',
			'flagged (2):',
			'sentence 2 (line 6): is Blackburn the player or the town?',
			'sentence 5 (line 21): (no note)',
			'',
			`${file} against ${file}.bak: 1 change in 1 sentence: 1 type, 0 added, 0 removed, 0 boundary, 0 tag only`,
		]);
		assert.deepEqual(fs.readdirSync(dir).sort(), before, 'diff creates no file');
		assert.deepEqual(before.map(name => fs.statSync(path.join(dir, name)).mtimeMs), stamps, 'diff changes no file');
	});

	test('flags are found by their sentence\'s text when the sidecar was written for another version', () => {
		const dir = folder();
		const a = write(dir, 'a.conll', original);
		const b = write(dir, 'b.conll', edited);
		// A version 2 sidecar for other content: the marks are placed by the hash of their sentence's text.
		const corpus = loadCorpusFile(b);
		fs.writeFileSync(`${b}.review.json`, JSON.stringify({version: 2, sha256: '0'.repeat(64), position: {sentence: 0, token: 0}, reviewed: [], flagged: [{sentence: 0, hash: corpus.sentenceHash(2), note: 'City or not?'}]}));
		const result = diff([a, b]);
		assert.ok(result.lines.includes('sentence 3 (line 9): City or not?'), result.lines.join('\n'));
	});

	test('a broken sidecar is named on its own line and left as it is; the changes are still listed', () => {
		const dir = folder();
		const a = write(dir, 'a.conll', original);
		const b = write(dir, 'b.conll', edited);
		fs.writeFileSync(`${b}.review.json`, '{"version":2,');
		const result = diff([a, b]);
		assert.equal(result.code, 1);
		assert.ok(result.lines.includes(`ner-review: ${b}.review.json is not valid JSON: the flagged sentences are not listed (the file is left as it is)`));
		assert.equal(changeLines(result.lines).length, 4);
		assert.equal(fs.readFileSync(`${b}.review.json`, 'utf8'), '{"version":2,');
	});

	test('--unsaved FILE: the edits of a session that died before saving, read from its journal, which is left as it is', () => {
		const dir = folder();
		const file = write(dir, 'train.conll', original);
		const session = new Session(loadCorpusFile(file), {file, backup: true});
		const review = new Review(session, file);
		// Barcelona (sentence 4, token 0) becomes ORG and City joins New York; then the session dies (no save, no close).
		assert.ok(session.relabel(3, 0, undefined, 'ORG') !== undefined);
		assert.ok(session.relabel(2, 3, {start: 3, end: 6}, 'LOC') !== undefined);
		review.flush(true);
		const journal = `${file}.review.journal`;
		assert.ok(fs.existsSync(journal), 'the session journals its edits');
		const journalBytes = fs.readFileSync(journal);
		const before = fs.readdirSync(dir).sort();

		const result = diff([file], {unsaved: true});
		assert.equal(result.code, 1);
		assert.deepEqual(result.lines.slice(0, 1), [`unsaved edits in ${journal}, as recovery would replay them: 2 of 2 edits recovered`]);
		assert.deepEqual(changeLines(result.lines), ['  line 12: [New York] LOC -> [New York City] LOC', '  line 16: [Barcelona] LOC -> ORG']);
		assert.deepEqual(fs.readdirSync(dir).sort(), before, 'diff creates no file');
		assert.ok(fs.readFileSync(journal).equals(journalBytes), 'the journal is left as it is');
		assertFileIs(file, original);

		// The patch of the unsaved edits turns the file into what recovering and saving would write.
		const patch = diff([file], {unsaved: true, unified: true, raw: true});
		assert.equal(patch.code, 1);
		const saved = applyPatch(file, patch.bytes);
		session.save();
		assert.ok(saved.equals(fs.readFileSync(file)), 'the patched copy is the file the session saves');
	});

	test('--unsaved --unified or --json of a journal some of whose edits no longer match says on stderr that the patch or the JSON leaves them out (QA: a patch left an edit out without a word)', () => {
		const dir = folder();
		const file = write(dir, 'train.conll', original);
		const session = new Session(loadCorpusFile(file), {file, backup: true});
		const review = new Review(session, file);
		assert.ok(session.relabel(3, 0, undefined, 'ORG') !== undefined);
		assert.ok(session.relabel(0, 0, undefined, 'LOC') !== undefined);
		review.flush(true);
		// Another program rewrites the token of the second edit: it no longer matches.
		fs.writeFileSync(file, original.replace('EU B-ORG', 'Eu B-ORG'));
		const journal = `${file}.review.journal`;
		for (const how of [{unified: true, raw: true}, {json: true}]) {
			const result = diff([file], {unsaved: true, ...how});
			assert.equal(result.code, 1);
			const said = result.lines.filter(line => line.startsWith('ner-review: '));
			assert.deepEqual(said, [`ner-review: ${journal}: 1 of 2 edits recovered; 1 no longer matches: line 1: the ${'json' in how ? 'JSON' : 'patch'} leaves it out`]);
		}
	});

	test('--unsaved FILE with no journal: nothing to show, exit 0; a crafted journal: one line, exit 2', () => {
		const dir = folder();
		const file = write(dir, 'train.conll', original);
		assert.deepEqual(diff([file], {unsaved: true}), {code: 0, lines: [`${file}: no unsaved edits (no review journal)`], bytes: Buffer.alloc(0)});
		// --json stays JSON (QA: the plain line broke json.load in a script).
		const json = diff([file], {unsaved: true, json: true});
		assert.equal(json.code, 0);
		const parsed = JSON.parse(json.lines.join('\n')) as {identical: boolean; changes: unknown[]; journal: unknown};
		assert.deepEqual([parsed.identical, parsed.changes, parsed.journal], [true, [], null]);
		fs.writeFileSync(`${file}.review.journal`, 'not json\n');
		const result = diff([file], {unsaved: true});
		assert.equal(result.code, 2);
		assert.match(result.lines[0]!, /^ner-review: .*train\.conll\.review\.journal: line 1 is not JSON: its edits are not shown/);
	});

	test('no FILE.bak: one line saying so, exit 2', () => {
		const dir = folder();
		const file = write(dir, 'train.conll', original);
		const result = diff([file]);
		assert.equal(result.code, 2);
		assert.equal(result.lines.length, 1);
		assert.match(result.lines[0]!, new RegExp(`^ner-review: ${file.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.bak: no such file: `));
	});
});

describe('runDiff --unified', () => {
	const cases: Array<[string, (text: string) => string]> = [
		['LF', text => text],
		['CRLF', text => text.replaceAll('\n', '\r\n')],
		['no final newline', text => text.slice(0, -1)],
		['CRLF and no final newline, a BOM and a comment line added', text => `\uFEFF${text.replaceAll('\n', '\r\n').slice(0, -2)}`],
		// QA: with line 1 in a hunk, the BOM came out as a line of its own without a line feed, which patch refused.
		['a BOM and the first token edited', text => `\uFEFF${text.replace(/^EU B-ORG/, text === edited ? 'EU B-LOC' : 'EU B-ORG')}`],
	];
	for (const [name, shape] of cases) {
		test(`raw: patch(1) turns ORIGINAL into EDITED byte for byte (${name})`, () => {
			const dir = folder();
			const a = write(dir, 'a.conll', shape(original));
			const editedText = name.includes('comment') ? shape(edited).replace('Peter B-PER', '# checked\r\nPeter B-PER') : shape(edited);
			const b = write(dir, 'b.conll', editedText);
			const result = diff([a, b], {unified: true, raw: true});
			assert.equal(result.code, 1);
			assert.deepEqual(applyPatch(a, result.bytes), fs.readFileSync(b));
		});
	}

	test('the hunks are those of diff -u (context of 3, near changes merged)', () => {
		const dir = folder();
		const a = write(dir, 'a.conll', original);
		const b = write(dir, 'b.conll', edited);
		const ours = diff([a, b], {unified: true, raw: true}).bytes.toString('utf8');
		const theirs = spawnSync('diff', ['-u', a, b], {encoding: 'utf8'}).stdout.replace(/^(---|\+\+\+) (\S+)\t.*$/gm, '$1 $2');
		assert.equal(ours, theirs);
	});

	test('identical files: nothing printed, exit 0', () => {
		const dir = folder();
		const result = diff([write(dir, 'a.conll', original), write(dir, 'b.conll', original)], {unified: true, raw: true});
		assert.deepEqual([result.code, result.bytes.length], [0, 0]);
	});

	test('on a terminal every line passes the sanitiser but keeps its TABs; into a pipe the bytes are the file\'s', () => {
		const dir = folder();
		const a = write(dir, 'a.tsv', '\u001B[31mRed\tO\n');
		const b = write(dir, 'b.tsv', '\u001B[31mRed\tB-ORG\n');
		const shown = diff([a, b], {unified: true, raw: false}).bytes.toString('utf8');
		assert.ok(!shown.includes('\u001B'));
		assert.ok(shown.includes('-␛[31mRed\tO\n+␛[31mRed\tB-ORG\n'), shown);
		const raw = diff([a, b], {unified: true, raw: true}).bytes.toString('utf8');
		assert.ok(raw.includes('+\u001B[31mRed\tB-ORG\n'));
	});
});

describe('the built CLI, without a terminal', () => {
	const cli = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], {encoding: 'buffer', stdio: ['ignore', 'pipe', 'pipe']});

	test('diff prints the list with exit 1, --unified a patch that applies, a bad pair one line with exit 2', () => {
		assertBuilt();
		const dir = folder();
		const a = write(dir, 'a.conll', original.replaceAll('\n', '\r\n').slice(0, -2));
		const b = write(dir, 'b.conll', edited.replaceAll('\n', '\r\n').slice(0, -2));
		const list = cli('diff', a, b);
		assert.equal(list.status, 1, String(list.stderr));
		assert.equal(String(list.stderr), '');
		assert.match(String(list.stdout), /^ {2}line 16: \[Barcelona\] LOC -> ORG$/m);

		const patch = cli('diff', '--unified', a, b);
		assert.equal(patch.status, 1, String(patch.stderr));
		assert.deepEqual(applyPatch(a, patch.stdout), fs.readFileSync(b));

		const same = cli('diff', a, a);
		assert.equal(same.status, 0);

		const other = write(dir, 'c.conll', conll('EU/B-ORG rejects'));
		const bad = cli('diff', other, b);
		assert.equal(bad.status, 2);
		assert.equal(String(bad.stdout), '');
		assert.match(String(bad.stderr), new RegExp(`^ner-review: ${b.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: .*\n$`));

		const usage = cli('diff', '--unified', '--json', a, b);
		assert.equal(usage.status, 2);
		assert.equal(String(usage.stderr), 'ner-review: give --unified or --json, not both\n');
	});
});

/** Entities `start:end:type` of each sentence of a CoNLL file's last column, decoded here on their own (IOB2; an I- of another type opens one). */
function entitiesByColumn(file: string): string[][] {
	const sentences: string[][] = [];
	let current: string[] = [];
	let open: {start: number; type: string} | undefined;
	let index = 0;
	const close = (end: number) => {
		if (open !== undefined) {
			current.push(`${open.start}:${end}:${open.type}`);
			open = undefined;
		}
	};

	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const cells = line.trim().split(' ');
		if (line.trim() === '' || cells[0] === '-DOCSTART-') {
			close(index);
			if (current.length > 0 || index > 0) {
				sentences.push(current);
			}

			current = [];
			index = 0;
			continue;
		}

		const tag = cells.at(-1)!;
		if (tag === 'O' || tag.startsWith('B-') || (tag.startsWith('I-') && open?.type !== tag.slice(2))) {
			close(index);
		}

		if (tag !== 'O' && open === undefined) {
			open = {start: index, type: tag.slice(2)};
		}

		index++;
	}

	close(index);
	return sentences;
}

describe('a real pull request: CoNLL-2003 dev against its CleanCoNLL correction', {skip: skipShared}, () => {
	test('the changes match a count made from the tag columns alone', () => {
		const dir = folder();
		const a = path.join(dir, 'conllpp_dev.txt');
		const b = path.join(dir, 'dev.clean.txt');
		fs.copyFileSync(path.join(sharedCorpora!, 'conll2003-conllpp', 'conllpp_dev.txt'), a);
		fs.copyFileSync(path.join(sharedCorpora!, 'cleanconll-dev', 'dev.clean.txt'), b);

		const before = entitiesByColumn(a);
		const after = entitiesByColumn(b);
		assert.equal(before.length, after.length);
		let onlyAfter = 0;
		let onlyBefore = 0;
		let overlappingNothing = {after: 0, before: 0};
		let sentences = 0;
		const span = (entity: string) => entity.split(':').slice(0, 2).map(Number) as [number, number];
		const overlapsAny = (entity: string, others: readonly string[]) => others.some(other => Math.min(span(entity)[1], span(other)[1]) > Math.max(span(entity)[0], span(other)[0]));
		for (const [index, entities] of after.entries()) {
			const old = new Set(before[index]);
			const now = new Set(entities);
			const added = entities.filter(entity => !old.has(entity));
			const removed = before[index]!.filter(entity => !now.has(entity));
			onlyAfter += added.length;
			onlyBefore += removed.length;
			overlappingNothing = {after: overlappingNothing.after + added.filter(entity => !overlapsAny(entity, before[index]!)).length, before: overlappingNothing.before + removed.filter(entity => !overlapsAny(entity, entities)).length};
			sentences += added.length + removed.length > 0 ? 1 : 0;
		}

		const result = diff([a, b], {json: true});
		assert.equal(result.code, 1);
		const {counts, changes: listed} = JSON.parse(result.lines.join('\n')) as {counts: Record<string, number>; changes: Array<{kind: string; before: unknown; after: unknown}>};
		// Added: an entity whose tokens were all O; removed: one whose tokens are all O now. A part of a split or a merge overlaps
		// an entity of the other side: a boundary change against it (QA: `[ENGLISH] O -> MISC` for a split MISC).
		assert.equal(counts['added'], overlappingNothing.after);
		assert.equal(counts['removed'], overlappingNothing.before);
		assert.ok(counts['boundary']! + counts['type']! >= Math.max(onlyAfter - overlappingNothing.after, onlyBefore - overlappingNothing.before), 'every other entity only one side has is in a type or boundary change');
		assert.ok(listed.every(change => (change.kind === 'added') === (change.before === null) && (change.kind === 'removed') === (change.after === null)));
		assert.equal(counts['sentences'], sentences);
		assert.equal(sentences, 394, 'the corpora README: 394 of 3,250 sentences differ');
		assert.equal(counts['tag'], 0, 'the pair has no tag change without an entity change');

		// The text list says the same, one line per change, and each named line is a token line of the edited file with the new type.
		const list = diff([a, b]).lines;
		const changes = changeLines(list);
		assert.equal(changes.length, counts['type']! + counts['boundary']! + counts['added']! + counts['removed']!);
		const editedLines = fs.readFileSync(b, 'utf8').split('\n');
		for (const change of changes) {
			const match = /^ {2}line (\d+): \[[^\]]*\] \S+ -> ([A-Z]+)$/.exec(change);
			if (match !== null) {
				const tag = editedLines[Number(match[1]) - 1]!.split(' ').at(-1)!;
				assert.ok(match[2] === 'O' || tag.endsWith(`-${match[2]!}`), `${change}: the edited line is ${editedLines[Number(match[1]) - 1]!}`);
			}
		}

		// And the patch turns the original into the correction, byte for byte.
		assert.deepEqual(applyPatch(a, diff([a, b], {unified: true, raw: true}).bytes), fs.readFileSync(b));
	});
});

function assertFileIs(file: string, text: string): void {
	assert.equal(fs.readFileSync(file, 'utf8'), text);
}
