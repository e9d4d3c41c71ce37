/**
Issue 15 in a real terminal (tmux, 80x24 as the reviewer had it): the label bar that pages instead
of hiding labels, the key hint that keeps q and ?, messages that wrap instead of being cut, rows
cut at a word's end, the W prompt's selected suggestion and line editing, W asking before it
writes over a file, growing an entity, a new search that starts after the cursor; the statistics
and help pages filled to their last row and paged with Space, PageDown, g and G; the filter
prompt's hint; the header's filter count after Enter.
*/
import {afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {fixtureFolder} from '../helpers/fixtures.js';
import {assertBuilt, tmuxAvailable, TmuxSession} from '../helpers/tmux.js';

/** WikiSER's twelve types (long names), each used once, most frequent first by repetition. */
const types = ['Application', 'Operating_System', 'General_Concept', 'Data_Structure', 'Programming_Language', 'Algorithm', 'Protocol', 'Device', 'License', 'Error_Name', 'Library', 'MyType'];

function corpus(): string {
	const sentences: string[] = [];
	for (const [index, type] of types.entries()) {
		// Earlier types more often, so the label bar's order is this list's.
		for (let count = 0; count < types.length - index; count++) {
			sentences.push(`<s>\nword${index}\tB-${type}\nand\tO\nmore\tO\n</s>\n`);
		}
	}

	// A sentence whose row is cut exactly at a word's end at 80 columns.
	const long = Array.from({length: 30}, (_, index) => `w${String(index).padStart(3, '0')}`);
	sentences.push(`<s>\n${long.map(word => `${word}\tO`).join('\n')}\n</s>\n`);
	return sentences.join('');
}

const sessions: TmuxSession[] = [];

async function open(args: string[] = [], cols = 80, rows = 24): Promise<{app: TmuxSession; file: string}> {
	const folder = fixtureFolder({'c.tsv': corpus()});
	const app = new TmuxSession({args: [...args, 'c.tsv'], cwd: folder, cols, rows});
	sessions.push(app);
	await app.waitFor(/sentence 1\/\d+/, 10_000);
	return {app, file: path.join(folder, 'c.tsv')};
}

const lastRows = (screen: string, count: number) => screen.split('\n').filter(line => line !== '').slice(-count);

const skip = tmuxAvailable() ? false : 'tmux is not installed: the end-to-end terminal tests need it';

describe('a reviewer\'s papercuts at 80x24 (tmux)', {skip}, () => {
	before(() => {
		assertBuilt();
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	test('twelve long labels: the bar says more exist, ] pages to them, and a number key applies the label it shows', async () => {
		const {app, file} = await open();
		let screen = await app.waitFor(/\[ \] page 1\/2/);
		assert.ok(!screen.includes('MyType'), 'MyType is on the second page');
		app.press(']');
		screen = await app.waitFor(/\[ \] page 2\/2/);
		const bar = screen.split('\n').find(line => line.includes('MyType'));
		const key = /(\d) MyType/.exec(bar ?? '')?.[1];
		assert.ok(key !== undefined, `MyType has a number on page 2: ${bar}`);
		app.press(key);
		await app.waitFor('MyType: 1 tag changed');
		app.press('s');
		await app.waitFor(/saved c\.tsv/);
		assert.match(fs.readFileSync(file, 'utf8'), /^word0\tB-MyType$/m);
		app.press('[');
		await app.waitFor(/\[ \] page 1\/2/);
	});

	test('Esc and a number key read in one go: the selection is cancelled, and the number labels the cursor\'s token alone (QA: it labelled the selection)', async () => {
		const {app, file} = await open();
		app.press('v', 'l');
		await app.waitFor(/selected tokens 1-2/);
		app.pressTogether('Escape', '1');
		await app.waitFor('Application: 1 tag changed');
		app.press('s');
		await app.waitFor(/saved c\.tsv/);
		// The cursor was on "and" (v l moved it): an entity of its own, next to word0's, not one entity over both.
		assert.match(fs.readFileSync(file, 'utf8'), /^<s>\nword0\tB-Application\nand\tB-Application\nmore\tO\n/);
	});

	test('Esc and Enter read in one go in the t prompt: the prompt is cancelled, nothing is labelled (QA: Esc+Enter applied the name)', async () => {
		const {app, file} = await open();
		const before = fs.readFileSync(file, 'utf8');
		app.press('t');
		await app.waitFor('label: ');
		app.press('Device');
		await app.waitFor(/label: Device/);
		app.pressTogether('Escape', 'Enter');
		// Enter then marks the sentence reviewed and goes on, as it does outside a prompt.
		await app.waitFor(/sentence 2\/\d+/);
		assert.doesNotMatch(app.screen(), /Device: 1 tag changed/);
		assert.equal(fs.readFileSync(file, 'utf8'), before);
	});

	test('the key hint keeps q quit and ? help at 80 columns', async () => {
		const {app} = await open();
		const screen = await app.waitFor(/q quit {2}\? help/);
		const hint = screen.split('\n').find(line => line.includes('q quit'))!;
		assert.ok(hint.length <= 79, hint);
		assert.match(hint, /^j\/k sentence/);
	});

	test('a message longer than the line wraps onto the next row instead of losing its end', async () => {
		const {app} = await open();
		// Sentence 79 (the long one) relabelled and saved into a folder that cannot be written: the refusal names W.
		app.press(':');
		app.press('999', 'Enter');
		const screen = await app.waitFor('no sentence "999": enter a number from 1 to 79');
		assert.ok(lastRows(screen, 3).join('\n').includes('no sentence "999"'));
		app.press('W');
		await app.waitFor(/^write to: /m);
		app.press('C-u');
		const target = `/no/such/folder/out-${'x'.repeat(30)}.tsv`;
		app.press(target, 'Enter');
		const wrapped = await app.waitFor(screen => /could not save/.test(screen));
		const rows = wrapped.split('\n');
		assert.ok(rows.every(row => row.length <= 79), 'no row wider than the terminal');
		const message = lastRows(wrapped, 3).join(' ');
		assert.ok(message.slice(message.indexOf('could not save')).length > 79, 'longer than one row');
		assert.ok(!message.includes('…'), `nothing is cut:\n${wrapped}`);
		assert.ok(message.trimEnd().endsWith(`${target}'`) || message.includes(`${target}: `), `the whole message is on screen:\n${wrapped}`);
	});

	test('a sentence row cut exactly at a word\'s end still ends with …', async () => {
		const {app} = await open();
		app.press('G');
		const screen = await app.waitFor(/sentence 79\/79/);
		const row = screen.split('\n').find(line => line.startsWith('>') && line.includes('w000'))!;
		assert.ok(row.endsWith('…'), `the row shows the sentence goes on: ${row}`);
	});

	test('W suggests FILE.edited selected: typing replaces it; Ctrl-W and Ctrl-U edit the line', async () => {
		const {app, file} = await open();
		app.press('2', 'W');
		await app.waitFor(/^write to: c\.tsv\.edited/m);
		app.press('o', 'u', 't');
		await app.waitFor(/^write to: out *$/m);
		app.press('C-a', 's', 'u', 'b', '/');
		await app.waitFor(/^write to: sub\/out *$/m);
		app.press('C-e', 'C-w');
		await app.waitFor(/^write to: sub\/ *$/m);
		app.press('C-u');
		await app.waitFor(/^write to: *$/m);
		app.press('copy.tsv', 'Enter');
		await app.waitFor(/wrote copy\.tsv/);
		const copy = fs.readFileSync(path.join(path.dirname(file), 'copy.tsv'), 'utf8');
		assert.match(copy, /^word0\tB-Operating_System$/m);
	});

	test('W to a file that exists asks first: n leaves it, y writes over it; the session\'s journal is never written', async () => {
		const {app, file} = await open();
		const folder = path.dirname(file);
		const train = path.join(folder, 'train.tsv');
		fs.writeFileSync(train, 'precious\tO\n');
		app.press('2', 'W', 'C-u', 'train.tsv', 'Enter');
		await app.waitFor(/train\.tsv exists \(11 B\): replace it with this corpus\? \(y\)es \(n\)o/);
		app.press('n');
		await app.waitFor('cancelled');
		assert.equal(fs.readFileSync(train, 'utf8'), 'precious\tO\n');
		app.press('W', 'C-u', 'train.tsv', 'Enter');
		await app.waitFor(/replace it with this corpus\?/);
		app.press('y');
		await app.waitFor(/wrote train\.tsv/);
		assert.match(fs.readFileSync(train, 'utf8'), /^word0\tB-Operating_System$/m);
		app.press('W', 'C-u', 'c.tsv.review.journal', 'Enter');
		await app.waitFor(/c\.tsv\.review\.journal is one of this session's review files: not written/);
		assert.match(fs.readFileSync(`${file}.review.journal`, 'utf8'), /^\{"journal":2/);
	});

	test('a new search starts after the cursor, as vim\'s does: the token under it is found only by wrapping around', async () => {
		const {app} = await open();
		// The cursor is on word0, the first token; sentences 1 to 12 start with it.
		app.press('/', 'word0', 'Enter');
		await app.waitFor(screen => /sentence 2\/79/.test(screen) && /^"word0" in sentence 2 {2}\(n next, N previous\)/m.test(screen));
		app.press('N');
		await app.waitFor(/^"word0" in sentence 1 {2}\(n next, N previous\)/m);
		// word11 is in sentence 78 only: from there, a search for it wraps around to it.
		app.press('/', 'word11', 'Enter', '/', 'word11', 'Enter');
		await app.waitFor(/^"word11" in sentence 78 \(wrapped around\) {2}\(n next, N previous\)/m);
	});

	test('> grows the entity under the cursor by one token, and the file gets the scheme\'s tags', async () => {
		const {app, file} = await open();
		app.press('>');
		await app.waitFor('grow Application on the right: 1 tag changed');
		app.press('>');
		await app.waitFor(/\[word0 and more\]Application/);
		app.press('s');
		await app.waitFor(/saved c\.tsv/);
		assert.ok(fs.readFileSync(file, 'utf8').startsWith('<s>\nword0\tB-Application\nand\tI-Application\nmore\tI-Application\n</s>\n'));
	});

	test('% and ? page through their lines: every row holds one (blank ones too), Space and PageDown page, G and End show the last line right above the key hint', async () => {
		const {app} = await open();
		for (const [open, title, lastLine] of [['%', 'Statistics:', /^problems: /], ['?', 'Keys:', /^G \/ End +the bottom$/]] as const) {
			app.press(open);
			// eslint-disable-next-line no-await-in-loop
			let screen = await app.waitFor(new RegExp(`^${title} .*\\(lines 1-\\d+ of \\d+\\)`, 'm'));
			const [, pageSize, count] = /\(lines 1-(\d+) of (\d+)\)/.exec(screen)!.map(Number);
			/** The page's rows, and the row after them (the key hint). */
			const page = (frame: string) => {
				const rows = frame.split('\n');
				const top = rows.findIndex(row => row.startsWith(title)) + 1;
				return {rows: rows.slice(top, top + pageSize!), after: rows[top + pageSize!] ?? ''};
			};

			assert.notEqual(page(screen).rows.at(-1), '', `the page is filled to its last row:\n${screen}`);
			assert.match(page(screen).after, /j\/k scroll {2}Space page/, `the key hint right after the page:\n${screen}`);
			// A page down, or to the last page when less than a page is left.
			const second = Math.min(pageSize! + 1, count! - pageSize! + 1);
			app.press('Space');
			// eslint-disable-next-line no-await-in-loop
			await app.waitFor(new RegExp(`\\(lines ${second}-\\d+ of ${count}\\)`));
			app.press('G');
			// eslint-disable-next-line no-await-in-loop
			screen = await app.waitFor(new RegExp(`\\(lines \\d+-${count} of ${count}\\)`));
			assert.match(page(screen).rows.at(-1)!, lastLine, `the last line on the page's last row:\n${screen}`);
			app.press('Home');
			// eslint-disable-next-line no-await-in-loop
			await app.waitFor(new RegExp(`\\(lines 1-${pageSize} of ${count}\\)`));
			app.press('PageDown');
			// eslint-disable-next-line no-await-in-loop
			await app.waitFor(new RegExp(`\\(lines ${second}-\\d+ of ${count}\\)`));
			app.press('End', 'PageUp');
			// eslint-disable-next-line no-await-in-loop
			await app.waitFor(new RegExp(`\\(lines ${Math.max(1, count! - (2 * pageSize!) + 1)}-\\d+ of ${count}\\)`));
			app.press('Escape');
			// eslint-disable-next-line no-await-in-loop
			await app.waitFor(/sentence 1\/79/);
		}
	});

	test('F: a name no filter has is not a "(new label)"; F unreviewed then Enter counts one sentence fewer at once', async () => {
		const {app} = await open();
		app.press('F');
		await app.waitFor(/^filter \(flagged/m);
		app.press('fl', 'Tab', 'LO');
		const screen = await app.waitFor(/flaggedLO +\(no match\)/);
		assert.doesNotMatch(screen, /new label/);
		app.press('C-u', 'unreviewed', 'Enter');
		await app.waitFor(/filter unreviewed: 79 sentences/);
		app.press('Enter');
		await app.waitFor(next => /sentence 2\/79/.test(next) && /filter unreviewed: 78 sentences/.test(next));
		app.press('Enter', 'Enter');
		await app.waitFor(next => /sentence 4\/79/.test(next) && /filter unreviewed: 76 sentences/.test(next));
	});
});
