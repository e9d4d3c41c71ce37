/**
Compare mode and tag layers on screen (issue 16), in a real terminal: the other side's entities
under the sentence with the differences marked, `d` walking them, `o`/`O` taking the other side
into the file (one undoable edit each, saved byte-exactly, the other file untouched), and a
GermEval-like file's nested layer drawn under its outer one. Refusals of files whose tokens
differ are in compare-cli.test.ts.
*/
import {afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {assertBytes, fixtureFolder} from '../helpers/fixtures.js';
import {assertBuilt, tmuxAvailable, TmuxSession, waitUntil} from '../helpers/tmux.js';

const ours = [
	'Barcelona B-LOC', 'beat O', 'Madrid B-LOC', '', // sentence 1: both LOC here, ORG there
	'John B-PER', 'lives O', 'here O', '', // sentence 2: the same on both sides
	'New B-LOC', 'York I-LOC', 'Times O', '', // sentence 3: the other side has [New York Times]ORG
].join('\n');
const theirs = [
	'Barcelona B-ORG', 'beat O', 'Madrid B-ORG', '',
	'John B-PER', 'lives O', 'here O', '',
	'New B-ORG', 'York I-ORG', 'Times I-ORG', '',
].join('\n');

const sessions: TmuxSession[] = [];

async function open(folder: string, args: string[]): Promise<TmuxSession> {
	const app = new TmuxSession({args, cwd: folder, cols: 100, rows: 30});
	sessions.push(app);
	await app.waitFor(/sentence 1\/\d+/, 10_000);
	return app;
}

const headerOf = (screen: string) => screen.split('\n')[0] ?? '';
const statusOf = (screen: string) => screen.split('\n').filter(line => line !== '').at(-1) ?? '';
const skip = tmuxAvailable() ? false : 'tmux is not installed: the end-to-end terminal tests need it';

describe('compare mode in a terminal (tmux)', {skip}, () => {
	before(() => {
		assertBuilt();
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	test('where one side has one entity and the other two over its tokens, d names every entity of both sides there (QA: "theirs no entity" of a token theirs labelled)', async () => {
		const split = ['the O', 'Panamanian B-MISC', 'Boxing B-ORG', 'Association I-ORG', 'said O', ''].join('\n');
		const merged = ['the O', 'Panamanian B-ORG', 'Boxing I-ORG', 'Association I-ORG', 'said O', ''].join('\n');
		const folder = fixtureFolder({'ours.txt': split, 'theirs.txt': merged});
		const app = await open(folder, ['ours.txt', '--compare', 'theirs.txt']);
		await app.waitFor(next => next.includes('≠ 1 '));
		app.press('d');
		// The message wraps onto a second row at 100 columns.
		await app.waitFor(next => next.replaceAll('\n', ' ').includes('boundary: here [Panamanian]MISC [Boxing Association]ORG, theirs.txt [Panamanian Boxing Association]ORG'));
	});

	test('d walks the differences, o takes the other side\'s entity, O the whole sentence; u undoes; s writes only FILE', async () => {
		const folder = fixtureFolder({'ours.txt': ours, 'theirs.txt': theirs});
		const app = await open(folder, ['ours.txt', '--compare', 'theirs.txt']);
		let screen = await app.waitFor(next => next.includes('≠ 2 ') && next.includes('theirs.txt: 2 differences'));
		assert.match(screen, /^theirs\.txt: 2 differences here \(d next, o take it\) · 2 sentences disagree$/m);
		assert.match(screen, /\[Barcelona\]LOC≠ beat \[Madrid\]LOC≠/, 'our side marks both differences');
		assert.match(screen, /\[Barcelona\]ORG≠ beat \[Madrid\]ORG≠/, 'the other side, under it');

		app.press('d');
		screen = await app.waitFor(next => statusOf(next).startsWith('type: here [Madrid]LOC, theirs.txt [Madrid]ORG'));
		assert.match(screen, /"Madrid" {2}tag B-LOC {2}line 3 {2}theirs\.txt: B-ORG/);
		app.press('o');
		screen = await app.waitFor(next => statusOf(next) === 'take theirs.txt\'s entity: 1 tag changed');
		assert.match(screen, /\[Barcelona\]LOC≠ beat \[Madrid\]ORG$/m);

		app.press('d');
		screen = await app.waitFor(next => statusOf(next).startsWith('boundary: here [New York]LOC, theirs.txt [New York Times]ORG'));
		assert.match(screen, /sentence 3\/3/);
		app.press('O');
		await app.waitFor(next => statusOf(next) === 'take theirs.txt\'s sentence: 3 tags changed');
		app.press('u');
		await app.waitFor(next => statusOf(next) === 'undid take theirs.txt\'s sentence');
		app.press('C-r');
		await app.waitFor(next => statusOf(next) === 'redid take theirs.txt\'s sentence');
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('saved ours.txt'));
		assertBytes(path.join(folder, 'ours.txt'), ours.replace('Madrid B-LOC', 'Madrid B-ORG').replace('New B-LOC\nYork I-LOC\nTimes O', 'New B-ORG\nYork I-ORG\nTimes I-ORG'), 'the file has the taken entities');
		assertBytes(path.join(folder, 'theirs.txt'), theirs, 'the other side is never written');
		assert.ok(!fs.readdirSync(folder).some(name => name.startsWith('theirs.txt.')), 'no side file beside the other side');
	});

	test('one sentence left that disagrees is said in the singular, under the sentence and when d finds no more', async () => {
		const folder = fixtureFolder({'ours.txt': ours, 'theirs.txt': theirs});
		const app = await open(folder, ['ours.txt', '--compare', 'theirs.txt']);
		await app.waitFor(next => next.includes('≠ 2 ') && next.includes('theirs.txt: 2 differences'));
		app.press('O');
		let screen = await app.waitFor(next => statusOf(next) === 'take theirs.txt\'s sentence: 2 tags changed');
		assert.match(screen, /^theirs\.txt: agrees here · 1 sentence disagrees$/m);
		app.press('G');
		screen = await app.waitFor(next => /sentence 3\/3/.test(next));
		assert.match(screen, /^theirs\.txt: 1 difference here \(d next, o take it\) · 1 sentence disagrees$/m);
		// The cursor is on the sentence's only difference: none after it.
		app.press('d');
		await app.waitFor(next => statusOf(next) === 'no difference after this one: 1 sentence disagrees');
	});

	test('after a crash, the recovered edits count: the header and d compare them with the other side as after any edit', async () => {
		const folder = fixtureFolder({'ours.txt': ours, 'theirs.txt': theirs});
		const first = await open(folder, ['ours.txt', '--compare', 'theirs.txt']);
		await first.waitFor(next => next.includes('≠ 2 '));
		first.press('O');
		await first.waitFor(next => statusOf(next) === 'take theirs.txt\'s sentence: 2 tags changed' && next.includes('≠ 1 '));
		const journal = path.join(folder, 'ours.txt.review.journal');
		await waitUntil(() => fs.existsSync(journal) && fs.readFileSync(journal, 'utf8').includes('"op":"apply"'), 'the edit journaled');
		process.kill(first.appPid(), 'SIGKILL');
		await first.waitForExit();

		const second = await open(folder, ['ours.txt', '--compare', 'theirs.txt']);
		await second.waitFor(/Recover\? \(y\)es \(n\)o/);
		second.press('y');
		const screen = await second.waitFor(next => /1 of 1 edit recovered/.test(next));
		assert.match(headerOf(screen), /≠ 1 /, `the header counts the recovered sentence as agreeing: ${headerOf(screen)}`);
		assert.match(screen, /^theirs\.txt: agrees here · 1 sentence disagrees$/m);
		second.press('g', 'd');
		await second.waitFor(next => /sentence 3\/3/.test(next) && statusOf(next).startsWith('boundary: here [New York]LOC'));
	});

	test('an IO file cannot write two adjacent entities of one type: o and O say so rather than "both sides agree"', async () => {
		const io = ['In O', 'New I-LOC', 'York I-LOC', '. O', '', 'Bob I-PER', 'ran O', ''].join('\n');
		const folder = fixtureFolder({'io.txt': io, 'split.txt': io.replace('York I-LOC', 'York B-LOC')});
		const app = await open(folder, ['io.txt', '--compare', 'split.txt']);
		await app.waitFor(next => next.includes('≠ 1 '));
		app.press('d');
		await app.waitFor(next => statusOf(next).startsWith('boundary: here [New York]LOC'));
		app.press('o');
		await app.waitFor(/^the file's scheme \(IO\) cannot write what split\.txt has here: two entities of one type side by side/m);
		app.press('j', 'O');
		// Sentence 2 agrees; back on sentence 1, O says the same of the whole sentence.
		await app.waitFor(next => /sentence 2\/2/.test(next) && next.includes('both sides agree on this sentence'));
		app.press('k', 'O');
		const screen = await app.waitFor(next => /sentence 1\/2/.test(next) && /^the file's scheme \(IO\) cannot write/m.test(next));
		assert.doesNotMatch(headerOf(screen), /modified/);
		assertBytes(path.join(folder, 'io.txt'), io, 'nothing written');
	});

	test('a GermEval-like file: the nested layer is drawn under the outer one, which is the one edited', async () => {
		const fixture = fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'germeval2014-layout.tsv'));
		const folder = fixtureFolder({'germeval.tsv': fixture});
		const app = await open(folder, ['germeval.tsv']);
		let screen = await app.waitFor('tags in columns 3 and 4; editing 3');
		app.press('j');
		screen = await app.waitFor(next => /sentence 2\//.test(next) && next.includes('[Hamburg]LOC'));
		assert.match(screen, /\[Museum für Kunst Hamburg\]ORG/);
		assert.match(screen, /^the other tag layer, column 4 \(L edits it\)$/m);
		app.press('d');
		await app.waitFor(next => statusOf(next).startsWith('no second opinion to compare with'));
	});

	test('L edits the nested layer: refused while an edit is unsaved, then the file opens again on column 4 at the same sentence, and s writes only that column', async () => {
		const fixture = fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'germeval2014-layout.tsv'));
		const folder = fixtureFolder({'germeval.tsv': fixture});
		const file = path.join(folder, 'germeval.tsv');
		const app = await open(folder, ['germeval.tsv']);
		await app.waitFor('tags in columns 3 and 4; editing 3');
		app.press('j');
		await app.waitFor(next => /sentence 2\//.test(next) && next.includes('[Museum für Kunst Hamburg]ORG'));
		// An unsaved edit of column 3: L refuses rather than journal it for the wrong column.
		app.press('w');
		await app.waitFor(next => /"Museum" {2}tag B-ORG/.test(next));
		app.press('x');
		await app.waitFor(next => headerOf(next).includes('[modified]'));
		app.press('L');
		await app.waitFor(next => statusOf(next).startsWith('save first (s) or undo (u)'));
		app.press('u');
		await app.waitFor(next => !headerOf(next).includes('[modified]') && next.includes('[Museum für Kunst Hamburg]ORG'));
		app.press('L');
		let screen = await app.waitFor(next => next.includes('editing 4') && /sentence 2\//.test(next));
		assert.match(screen, /^the other tag layer, column 3 \(L edits it\)$/m);
		// The nested layer is the one under the cursor now: [Hamburg]LOC is an entity of the sentence.
		app.press('w');
		screen = await app.waitFor(next => /"Hamburg" {2}tag B-LOC/.test(next));
		app.press('x');
		await app.waitFor(next => headerOf(next).includes('[modified]'));
		app.press('s');
		await app.waitFor(next => /saved/.test(statusOf(next)));
		const expected = fixture.toString('utf8').replace(/(\tHamburg\tI-ORG\t)B-LOC/, '$1O');
		assert.notEqual(expected, fixture.toString('utf8'), 'the fixture has [Hamburg]LOC nested in column 4');
		assertBytes(file, expected, 'the file after saving column 4');
		// And back to the outer layer: the header says so.
		app.press('L');
		await app.waitFor(next => next.includes('editing 3'));
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
	});
});
