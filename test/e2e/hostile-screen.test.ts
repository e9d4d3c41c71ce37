/**
The screen's side of issues 10 and 11, in tmux: a 50 MB token shown cut with its size while keys
stay quick, bidi and zero-width characters pasted into a prompt shown as stand-ins, the read-only
mark that stays in the header of a second session, and the recovery question that says how many
edits still match the file.
*/
import {afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {fixtureFolder} from '../helpers/fixtures.js';
import {assertBuilt, tmuxAvailable, TmuxSession} from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];

async function open(folder: string, args: string[], ready: RegExp = /sentence 1\/\d+/): Promise<TmuxSession> {
	const app = new TmuxSession({args, cwd: folder, cols: 100, rows: 24});
	sessions.push(app);
	await app.waitFor(ready, 20_000);
	return app;
}

const header = (screen: string) => screen.split('\n')[0] ?? '';
const statusOf = (screen: string) => screen.split('\n').filter(line => line.trim() !== '').at(-1) ?? '';
const skip = tmuxAvailable() ? false : 'tmux is not installed: the end-to-end terminal tests need it';

describe('hostile input on screen (tmux)', {skip}, () => {
	before(() => {
		assertBuilt();
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	test('a 50 MB token is shown cut with its size; the cursor crosses it and a label on it saves byte-exactly', async () => {
		const huge = 'x'.repeat(50 * 1024 * 1024);
		const text = `<s>\nstart\tO\n${huge}\tO\nend\tO\n</s>\n<s>\nnext\tB-PER\n</s>\n`;
		const folder = fixtureFolder({'big.tsv': text});
		const app = await open(folder, ['big.tsv'], /sentence 1\/2/);
		let screen = await app.waitFor(/x{20,}… \(50(\.0)? MB\)/, 20_000);
		assert.ok(screen.split('\n').every(line => line.length < 100), 'no row wider than the terminal');
		app.press('l');
		screen = await app.waitFor(/^"x+… \(50(\.0)? MB\)" {2}tag O {2}line 3/m);
		app.press('l', 'h', 'j');
		await app.waitFor(/sentence 2\/2/);
		app.press('k');
		await app.waitFor(/sentence 1\/2/);
		app.press('l', '1');
		await app.waitFor(next => statusOf(next).endsWith('1 tag changed'));
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('saved big.tsv'));
		const saved = fs.readFileSync(path.join(folder, 'big.tsv'));
		const expected = Buffer.from(text.replace(`${huge}\tO`, `${huge}\tB-PER`));
		assert.ok(saved.equals(expected), 'only the big token\'s tag changed');
	});

	test('bidi overrides and zero-width characters typed into the / prompt are shown as stand-ins', async () => {
		const folder = fixtureFolder({'c.tsv': '<s>\nEU\tB-ORG\nrejects\tO\n</s>\n'});
		const app = await open(folder, ['c.tsv']);
		app.press('/');
		await app.waitFor(/^search /m);
		app.press('a\u202Eb\u200Bc');
		const screen = await app.waitFor(/^search .*a<U\+202E>b<U\+200B>c/m);
		assert.ok(!screen.includes('\u202E') && !screen.includes('\u200B'), 'nothing invisible reaches the terminal');
	});

	test('a second session on the same file keeps [read-only] in its header after any key', async () => {
		const folder = fixtureFolder({'c.tsv': '<s>\nEU\tB-ORG\nrejects\tO\n</s>\n<s>\nPeter\tB-PER\n</s>\n'});
		await open(folder, ['c.tsv'], /sentence 1\/2/);
		const second = await open(folder, ['c.tsv'], /sentence 1\/2/);
		await second.waitFor(next => header(next).includes('[read-only]'));
		second.press('j', 'l', 'k');
		await second.waitFor(next => /sentence 1\/2/.test(header(next)) && !/^open in another ner-review/m.test(statusOf(next)));
		assert.ok(header(second.screen()).includes('[read-only]'), 'the mark stays when the start message is gone');
	});
});
