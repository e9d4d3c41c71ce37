/**
A journal's unsaved edits belong to more than the file. To a tag column: a session that edited the
nested layer of a GermEval file (`L`, or --tag-column 4) and died left a journal that the next open,
on the outer layer by default, replayed into the outer column (most tokens hold O in both, so the
edit landed in the wrong layer unnoticed). And to an `--output OUT` session's OUT: a plain open of
FILE offered them as FILE's own, and either answer ended them (y could write them into FILE).
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {runDiff} from '../source/cli/diff.js';
import {loadForReview, startReview} from '../source/cli/open-review.js';
import type {Options} from '../source/cli/flags.js';
import {CorpusError} from '../source/corpus/errors.js';
import {journalPath} from '../source/review/journal.js';

const germEval = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'germeval2014-layout.tsv'));
const options: Options = {backup: false, json: false, references: [], fileOrder: false, unified: false, unsaved: false};

/** A copy of the GermEval-layout fixture in a folder of its own. */
function copy(): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-layers-'));
	const file = path.join(folder, 'germeval.tsv');
	fs.writeFileSync(file, germEval);
	return file;
}

/** A session on `tagColumn` that labels "Die" (sentence 1, token 0) as PER and dies: no save, no close. */
async function crashAfterNestedEdit(file: string, tagColumn: number): Promise<void> {
	const opened = startReview(await loadForReview(file, {...options, tagColumn}, true), options);
	assert.ok(opened.session.relabel(0, 0, undefined, 'PER') !== undefined);
	opened.review.flush(true);
	opened.claim.lock?.release();
}

/** The lines of the file that differ from the fixture. */
function changedLines(file: string): Array<[string, string]> {
	const before = germEval.toString('utf8').split('\n');
	const after = fs.readFileSync(file, 'utf8').split('\n');
	return before.flatMap((line, index) => (line === after[index] ? [] : [[line, after[index]!] as [string, string]]));
}

describe('unsaved edits of the nested layer (column 4) after a crash', () => {
	test('the next open, without --tag-column, opens on column 4, says so, and recovers them there', async () => {
		const file = copy();
		await crashAfterNestedEdit(file, 4);
		const opened = startReview(await loadForReview(file, options, true), options);
		assert.equal(opened.session.corpus.format.tagColumn + 1, 4);
		assert.ok(opened.notices.some(notice => notice.startsWith('opened on the tags of column 4: the last session\'s unsaved edits are in that layer')), opened.notices.join(' | '));
		const {recovery} = opened.review.pendingRecovery();
		assert.equal(recovery?.recoverable, 1);
		opened.review.recover(recovery);
		assert.equal(opened.session.save().ok, true);
		opened.claim.lock?.release();
		assert.deepEqual(changedLines(file), [['1\tDie\tO\tO', '1\tDie\tO\tB-PER']]);
	});

	test('--tag-column 3 given: the open is refused in one line naming the column, and the journal stays', async () => {
		const file = copy();
		await crashAfterNestedEdit(file, 4);
		const journal = fs.readFileSync(journalPath(file));
		await assert.rejects(loadForReview(file, {...options, tagColumn: 3}, true), (error: unknown) => error instanceof CorpusError && /unsaved edits are in the tags of column 4: open the file with --tag-column 4/.test(error.message) && !error.message.includes('\n'));
		assert.ok(fs.readFileSync(journalPath(file)).equals(journal), 'the journal stays as it was');
		assert.ok(fs.readFileSync(file).equals(germEval));
	});

	test('a journal of column 4 is never replayed into column 3 (read by a session on column 3 anyway, it is set aside, not applied)', async () => {
		const file = copy();
		await crashAfterNestedEdit(file, 4);
		// As an older build's open would: the outer layer, whatever the journal says.
		const {indexCorpus, Session} = await import('../source/corpus/index.js');
		const {Review} = await import('../source/review/review.js');
		const session = new Session(indexCorpus(germEval, {tagColumn: 3}), {file, backup: false});
		const review = new Review(session, file);
		const {recovery, problem} = review.pendingRecovery();
		assert.equal(recovery, undefined);
		assert.match(problem ?? review.takeNotices().join(' '), /edits of the tags in column 4, and this session edits column 3/);
		assert.ok(fs.readFileSync(file).equals(germEval));
	});

	test('diff --unsaved lists the edit of column 4, not the differences between the layers', async () => {
		const file = copy();
		await crashAfterNestedEdit(file, 4);
		const lines: string[] = [];
		assert.equal(runDiff([file], {json: false, unified: false, unsaved: true}, line => lines.push(line), () => undefined), 1);
		assert.deepEqual(lines.filter(line => line.startsWith('  line ')), ['  line 2: [Die] O -> PER'], lines.join('\n'));
	});

	test('diff --unsaved shows the edit in column 4', async () => {
		const file = copy();
		await crashAfterNestedEdit(file, 4);
		const chunks: Buffer[] = [];
		const code = runDiff([file], {json: false, unified: true, unsaved: true, raw: true}, () => undefined, chunk => chunks.push(chunk));
		assert.equal(code, 1);
		const patch = Buffer.concat(chunks).toString('utf8');
		assert.match(patch, /^-1\tDie\tO\tO$/m);
		assert.match(patch, /^\+1\tDie\tO\tB-PER$/m);
	});
});

describe('unsaved edits of an --output session after a crash', () => {
	const seedText = '<s>\nLinux\tB-OS\nruns\tO\n</s>\n<s>\nParis\tB-LOC\nis\tO\n</s>\n';

	/** FILE and OUT in a folder of their own, and a session with --output OUT that relabels Paris and dies. */
	async function crashedOutputSession(): Promise<{file: string; out: string}> {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-output-'));
		const file = path.join(folder, 'c.txt');
		const out = path.join(folder, 'out.txt');
		fs.writeFileSync(file, seedText);
		const withOutput = {...options, output: out};
		const opened = startReview(await loadForReview(file, withOutput, true), withOutput);
		assert.ok(opened.session.relabel(1, 0, undefined, 'ORG') !== undefined);
		opened.review.flush(true);
		opened.claim.lock?.release();
		return {file, out};
	}

	test('a plain open of FILE is refused in one line naming the --output to give, and the journal stays', async () => {
		const {file, out} = await crashedOutputSession();
		const journal = fs.readFileSync(journalPath(file));
		await assert.rejects(loadForReview(file, options, true), (error: unknown) => error instanceof CorpusError && error.message === `the last session's unsaved edits were made for --output ${out}: open the file with --output ${out} to recover them (or remove its review journal to drop them)`);
		assert.ok(fs.readFileSync(journalPath(file)).equals(journal));
		assert.equal(fs.readFileSync(file, 'utf8'), seedText);
	});

	test('the same --output recovers them into OUT; FILE is untouched', async () => {
		const {file, out} = await crashedOutputSession();
		const withOutput = {...options, output: out};
		const opened = startReview(await loadForReview(file, withOutput, true), withOutput);
		const {recovery} = opened.review.pendingRecovery();
		assert.equal(recovery?.recoverable, 1);
		opened.review.recover(recovery);
		assert.equal(opened.session.save().ok, true);
		opened.claim.lock?.release();
		assert.equal(fs.readFileSync(out, 'utf8'), seedText.replace('Paris\tB-LOC', 'Paris\tB-ORG'));
		assert.equal(fs.readFileSync(file, 'utf8'), seedText);
	});

	test('a plain session\'s journal is refused by an --output open', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-output-'));
		const file = path.join(folder, 'c.txt');
		fs.writeFileSync(file, seedText);
		const opened = startReview(await loadForReview(file, options, true), options);
		assert.ok(opened.session.relabel(1, 0, undefined, 'ORG') !== undefined);
		opened.review.flush(true);
		opened.claim.lock?.release();
		await assert.rejects(loadForReview(file, {...options, output: path.join(folder, 'out.txt')}, true), /the last session's unsaved edits were made on the file itself: open the file without --output to recover them/);
	});

	test('diff --unsaved FILE shows them against OUT (it said they no longer matched, exit 0)', async () => {
		const {file, out} = await crashedOutputSession();
		// A first save made OUT; the session went on and died with the edit unsaved.
		fs.writeFileSync(out, seedText.replace('Linux\tB-OS', 'Linux\tB-Application'));
		const lines: string[] = [];
		const code = runDiff([file], {json: false, unified: false, unsaved: true}, line => lines.push(line), () => undefined);
		assert.equal(code, 1, lines.join('\n'));
		assert.match(lines[0]!, /an --output session's: on .*out\.txt as it is now\), as recovery would replay them: 1 of 1 edit recovered/);
		assert.ok(lines.some(line => line.includes('[Paris] LOC -> ORG')), lines.join('\n'));
		// The patch names OUT, which it applies to.
		const chunks: Buffer[] = [];
		runDiff([file], {json: false, unified: true, unsaved: true, raw: true}, () => undefined, chunk => chunks.push(chunk));
		assert.match(Buffer.concat(chunks).toString('utf8'), new RegExp(`^--- ${out.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
	});
});

describe('what the open says about saving', () => {
	test('a file of mode 0444 is said read-only at the open, not found out at the first save after the work (QA)', async () => {
		const file = copy();
		fs.chmodSync(file, 0o444);
		const opened = startReview(await loadForReview(file, options, true), options);
		opened.claim.lock?.release();
		assert.ok(opened.notices.includes('germeval.tsv is read-only (mode 0444): s cannot save it; W writes your edits to another file'), opened.notices.join(' | '));
		fs.chmodSync(file, 0o644);
		const writable = startReview(await loadForReview(file, options, true), options);
		writable.claim.lock?.release();
		assert.ok(!writable.notices.some(notice => notice.includes('read-only')), writable.notices.join(' | '));
	});
});

describe('a session whose lock another ner-review replaced', () => {
	test('finds out at its next edit or save, not 30 s later: s refuses, the journal is left to the other (QA: it saved, and appended to the journal the other recovered)', async () => {
		const file = copy();
		const opened = startReview(await loadForReview(file, options, true), options);
		const {session, review} = opened;
		review.startJournal(true);
		assert.ok(session.relabel(0, 0, undefined, 'ORG') !== undefined);
		const journal = journalPath(file);
		const journaled = fs.readFileSync(journal, 'utf8');
		// Another program removed the lock, and another ner-review made its own.
		const lock = `${file}.review.lock`;
		fs.rmSync(lock);
		fs.writeFileSync(lock, JSON.stringify({pid: process.ppid, host: os.hostname(), boot: '', since: Date.now()}));
		assert.ok(session.relabel(1, 0, undefined, 'ORG') !== undefined);
		assert.equal(fs.readFileSync(journal, 'utf8'), journaled, 'nothing more written to the other session\'s journal');
		const saved = session.save();
		assert.equal(saved.status, 'read-only');
		assert.match(saved.message, /^not saved: another ner-review \(pid \d+, since \d\d:\d\d\) holds this file now; W writes/);
		assert.ok(review.takeNotices().some(notice => notice.includes('holds this file now (its lock replaced this one\'s): s no longer saves it')));
		assert.match(review.journalProblem ?? '', /edits are not journaled/);
		// Quitting (even discarding the edits) leaves the other session's journal and writes no marks over its sidecar.
		review.setReviewed(2, true);
		review.close(true, opened.claim.lock);
		assert.equal(fs.readFileSync(journal, 'utf8'), journaled, 'the journal is left where the other session finds it');
		assert.equal(fs.existsSync(`${file}.review.json`), false, 'no sidecar written by the session that lost the file');
		assert.match(fs.readFileSync(lock, 'utf8'), new RegExp(`"pid":${process.ppid}`), 'the other\'s lock left alone');
	});
});
