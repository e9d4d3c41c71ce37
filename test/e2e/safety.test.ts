/**
End-to-end, in tmux, the durability and terminal promises of issues 10 and 11 as a reviewer meets
them over SSH: two real ner-review processes on one file (the second is read-only and shares
nothing), kill -9 and reopen (the lock taken over, the edits recovered exactly), a closed terminal
(ended by SIGHUP, the journal kept), Ctrl-Z and `fg` in a real interactive shell, a symlink
planted at the journal's name, a read-only folder as a user who cannot write it, `--output`
run again the next day, and an edit made while a large file is still being indexed.
*/
import {after, afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {assertBytes, fixtureFolder} from '../helpers/fixtures.js';
import {assertBuilt, cliPath, tmuxAvailable, TmuxSession, waitUntil} from '../helpers/tmux.js';

const original = 'EU\tB-ORG\nrejects\tO\nGerman\tB-MISC\ncall\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n';
/** After `x` on the first token (EU's entity removed). */
const withoutEu = original.replace('EU\tB-ORG', 'EU\tO');

const sessions: TmuxSession[] = [];
const cols = 160;

function shellQuote(value: string): string {
	return /^[\w./=:,@%+-]+$/.test(value) ? value : `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

/** `env … node dist/cli.js ARGS` as a user's terminal runs it (no CI variable, colors as the terminal says). */
function cliCommand(args: readonly string[], env: Record<string, string> = {}): string {
	return ['env', '-u', 'NO_COLOR', '-u', 'FORCE_COLOR', '-u', 'TMUX', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', 'TERM=xterm-256color', ...Object.entries(env).map(([name, value]) => `${name}=${value}`), process.execPath, cliPath, ...args]
		.map(part => shellQuote(part))
		.join(' ');
}

const header = (screen: string) => screen.split('\n')[0] ?? '';
const statusOf = (screen: string) => screen.split('\n').filter(line => line.trim() !== '').at(-1) ?? '';

/** The CLI on `c.tsv` (or ARGS) in `folder`, its first frame drawn. */
async function open(folder: string, args: readonly string[] = ['c.tsv'], ready: (screen: string) => boolean = screen => /sentence 1\/2/.test(header(screen))): Promise<TmuxSession> {
	const session = new TmuxSession({args, cwd: folder, cols, rows: 20});
	sessions.push(session);
	await session.waitFor(ready, 10_000);
	// Keys sent before the app has put the tty in raw mode wait in the tty's line buffer.
	await waitUntil(() => session.paneStatus().dead || /(^|\s)-icanon(\s|$)/.test(ttyModes(session)), 'raw mode');
	return session;
}

/** A pane running `command` in a shell (respawned over a CLI that ran `--version`). */
async function paneRunning(folder: string, command: string): Promise<TmuxSession> {
	const session = new TmuxSession({args: ['--version'], cwd: folder, cols, rows: 20});
	sessions.push(session);
	assert.equal(await session.waitForExit(), 0);
	session.tmux(['respawn-pane', '-k', '-t', 'e2e', '-c', folder, command]);
	return session;
}

function paneFormat(session: TmuxSession, format: string): string {
	return session.tmux(['display-message', '-p', '-t', 'e2e', format]).trim();
}

/** The pid written in the lock: the ner-review that owns the file. */
function lockOwner(file: string): number {
	return (JSON.parse(fs.readFileSync(`${file}.review.lock`, 'utf8')) as {pid: number}).pid;
}

/** The pid of the CLI in a pane opened by `open`: the child of the pane's shell. */
function ttyModes(session: TmuxSession): string {
	return execFileSync('stty', ['-a', '-F', paneFormat(session, '#{pane_tty}')], {encoding: 'utf8'});
}

const isRoot = process.getuid?.() === 0;

describe('durability and the terminal, in tmux (issues 10 and 11)', {concurrency: 1, skip: tmuxAvailable() ? false : 'tmux is not installed'}, () => {
	before(() => {
		assertBuilt();
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	after(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	test('two processes on one file: the second is read-only and shares nothing; kill -9 the first, reopen: the lock is taken over and its edit recovered', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const a = await open(folder);
		a.press('x');
		await a.waitFor('"EU"  tag O');
		const pidA = a.appPid();
		const journal = fs.readFileSync(`${file}.review.journal`);

		// The reconnecting reviewer opens the same file while the old process still lives.
		const b = await open(folder, ['c.tsv'], screen => screen.includes('read-only'));
		let screen = b.screen();
		assert.match(statusOf(screen), new RegExp(`^open in another ner-review, pid ${pidA}, since \\d\\d:\\d\\d: read-only; W writes elsewhere`));
		assert.ok(!screen.includes('Recover?'), 'A\'s live edits are not offered to B');
		b.press('x');
		await b.waitFor('"EU"  tag O');
		b.press('s');
		screen = await b.waitFor('not saved');
		assert.match(statusOf(screen), new RegExp(`^not saved: c\\.tsv is open in another ner-review \\(pid ${pidA}, since`));
		b.press('q');
		await b.waitFor('Save changes?');
		b.press('n');
		assert.equal(await b.waitForExit(), 0);
		assert.ok(fs.readFileSync(`${file}.review.journal`).equals(journal), 'B neither truncated nor appended to A\'s journal');
		assert.equal(lockOwner(file), pidA, 'the lock is still A\'s');
		assertBytes(file, original, 'nothing saved');

		// The old session dies for good; the reviewer opens the file again.
		process.kill(pidA, 'SIGKILL');
		const c = await open(folder, ['c.tsv'], next => next.includes('Recover? (y)es (n)o'));
		assert.match(statusOf(c.screen()), /1 unsaved edit\. Recover\? \(y\)es \(n\)o/);
		assert.notEqual(lockOwner(file), pidA, 'the stale lock was taken over');
		c.press('y');
		screen = await c.waitFor(next => statusOf(next).includes('1 of 1 edit recovered'));
		assert.ok(screen.includes('"EU"  tag O'), `the edit is back on its token:\n${screen}`);
		c.press('s');
		await c.waitFor(next => statusOf(next).startsWith('saved c.tsv'));
		assertBytes(file, withoutEu, 'saved');
		c.press('q');
		assert.equal(await c.waitForExit(), 0);
		assert.ok(!fs.existsSync(`${file}.review.lock`), 'the lock goes with the session');
	});

	test('a stale lock without a journal: taken over with a message on the status line', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const a = await open(folder);
		const pidA = a.appPid();
		process.kill(pidA, 'SIGKILL');
		await a.waitForExit();
		assert.ok(fs.existsSync(`${file}.review.lock`), 'kill -9 left the lock');
		const b = await open(folder, ['c.tsv'], screen => screen.includes('took over'));
		assert.match(statusOf(b.screen()), new RegExp(`took over the lock of a ner-review that is no longer running \\(pid ${pidA}, since \\d\\d:\\d\\d\\)`));
		assert.equal(lockOwner(file), b.appPid());
	});

	test('A undoes an edit, both processes are killed: recovery gives exactly A\'s state, never the two sessions interleaved', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const a = await open(folder);
		a.press('x');
		await a.waitFor('"EU"  tag O');
		a.press('j', 'x');
		await a.waitFor('"Peter"  tag O');
		const b = await open(folder, ['c.tsv'], screen => screen.includes('read-only'));
		// B opens where A last was (the sidecar's position): back to the first sentence.
		b.press('g', 'x');
		await b.waitFor('"EU"  tag O');
		a.press('u');
		await a.waitFor('"Peter"  tag B-PER');
		const pidB = b.appPid();
		process.kill(a.appPid(), 'SIGKILL');
		process.kill(pidB, 'SIGKILL');
		await a.waitForExit();
		await b.waitForExit();
		const c = await open(folder, ['c.tsv'], next => next.includes('Recover? (y)es (n)o'));
		assert.match(statusOf(c.screen()), /1 unsaved edit\. Recover/);
		c.press('y');
		await c.waitFor('1 of 1 edit recovered');
		c.press('s');
		await c.waitFor(next => statusOf(next).startsWith('saved c.tsv'));
		assertBytes(file, withoutEu, 'A\'s state: EU removed, Peter\'s removal undone');
	});

	test('the sidecar has one writer: marks of the first session survive the second one flagging a sentence', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const a = await open(folder);
		a.press('Enter');
		await a.waitFor(screen => header(screen).includes('reviewed 1/2'));
		await waitUntil(() => fs.existsSync(`${file}.review.json`) && fs.readFileSync(`${file}.review.json`, 'utf8').includes('"reviewed":[{'), 'A\'s sidecar');
		const sidecar = fs.readFileSync(`${file}.review.json`);
		// B shows A's marks (read from the sidecar, never written).
		const b = await open(folder, ['c.tsv'], screen => screen.includes('read-only') && /reviewed 1\/2/.test(header(screen)));
		b.press('f', 'Enter');
		await b.waitFor(screen => header(screen).includes('flagged 1'));
		b.press('q');
		assert.equal(await b.waitForExit(), 0);
		assert.ok(fs.readFileSync(`${file}.review.json`).equals(sidecar), 'B did not write the sidecar');
		a.press('q');
		assert.equal(await a.waitForExit(), 0);
		const again = await open(folder, ['c.tsv'], screen => /reviewed 1\/2/.test(header(screen)));
		assert.doesNotMatch(header(again.screen()), /flagged/);
	});

	test('closing the terminal (a dropped SSH connection): the process ends by SIGHUP (129), not a segfault; the journal is kept and recovered', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const statusFile = path.join(folder, 'status');
		// A parent that outlives the terminal and records how the CLI ended.
		const wrapper = path.join(folder, 'wrap.mjs');
		fs.writeFileSync(wrapper, `import {spawn} from 'node:child_process';
import fs from 'node:fs';
process.on('SIGHUP', () => {});
const child = spawn(process.execPath, process.argv.slice(2), {stdio: 'inherit'});
child.on('exit', (code, signal) => fs.writeFileSync(${JSON.stringify(statusFile)}, JSON.stringify({code, signal})));
`);
		const session = await paneRunning(folder, cliCommand(['c.tsv']).replace(shellQuote(cliPath), `${shellQuote(wrapper)} ${shellQuote(cliPath)}`));
		await session.waitFor(screen => /sentence 1\/2/.test(header(screen)), 10_000);
		session.press('x');
		await session.waitFor('"EU"  tag O');
		session.kill();
		await waitUntil(() => fs.existsSync(statusFile), 'the CLI to end');
		assert.deepEqual(JSON.parse(fs.readFileSync(statusFile, 'utf8')), {code: null, signal: 'SIGHUP'}, 'ended by SIGHUP: the shell reports 129');
		assert.match(fs.readFileSync(`${file}.review.journal`, 'utf8'), /"after":"O"/);
		assert.ok(!fs.existsSync(`${file}.review.lock`), 'the lock was released');
		const again = await open(folder, ['c.tsv'], screen => screen.includes('Recover?'));
		again.press('y');
		await again.waitFor('1 of 1 edit recovered');
	});

	test('kill -HUP: exit status 129 and the journal kept', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const session = await open(folder);
		session.press('x');
		await session.waitFor('"EU"  tag O');
		process.kill(session.appPid(), 'SIGHUP');
		assert.equal(await session.waitForExit(), 129);
		assert.ok(fs.existsSync(`${file}.review.journal`));
		const again = await open(folder, ['c.tsv'], screen => screen.includes('Recover?'));
		again.press('y');
		await again.waitFor('"EU"  tag O');
	});

	test('Ctrl-Z in an interactive shell: the shell\'s screen, cooked mode and the cursor come back; fg redraws everything and keys act at once', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const session = await paneRunning(folder, 'env -u TMUX PS1=\'$ \' bash --norc --noprofile -i');
		await session.waitFor(/^\$$/m);
		session.press(cliCommand(['c.tsv']), 'Enter');
		await session.waitFor(screen => /sentence 1\/2/.test(header(screen)), 10_000);
		await waitUntil(() => /(^|\s)-icanon(\s|$)/.test(ttyModes(session)), 'raw mode');
		session.press('x');
		await session.waitFor('"EU"  tag O');
		session.press('C-z');
		const stopped = await session.waitFor(/Stopped/);
		assert.doesNotMatch(stopped, /sentence 1\/2/, 'the app\'s screen is gone');
		assert.equal(paneFormat(session, '#{alternate_on}'), '0', 'the normal screen is back');
		assert.equal(paneFormat(session, '#{cursor_flag}'), '1', 'the cursor is shown');
		// (The tty modes at the prompt are bash's own, readline's; cooked mode on suspend is checked by the kill -TSTP test.)

		session.press('fg', 'Enter');
		const resumed = await session.waitFor(screen => /sentence 1\/2/.test(header(screen)) && screen.includes('"EU"  tag O') && screen.includes('3 ORG'));
		assert.equal(paneFormat(session, '#{alternate_on}'), '1', 'the alternate screen again');
		assert.ok(resumed.includes('[modified]'), `the whole screen is redrawn:\n${resumed}`);
		await waitUntil(() => /(^|\s)-icanon(\s|$)/.test(ttyModes(session)), 'raw mode after fg');
		session.press('j');
		await session.waitFor(screen => /sentence 2\/2/.test(header(screen)));
		session.press('q');
		await session.waitFor('Save changes?');
		session.press('n');
		await session.waitFor(screen => screen.trimEnd().endsWith('$'));
	});

	test('kill -TSTP from outside: the terminal is given back the same way; SIGCONT brings the screen and raw keys back', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const session = await open(folder);
		await waitUntil(() => /(^|\s)-icanon(\s|$)/.test(ttyModes(session)), 'raw mode');
		const pid = session.appPid();
		process.kill(pid, 'SIGTSTP');
		await waitUntil(() => paneFormat(session, '#{alternate_on}') === '0', 'the normal screen');
		assert.equal(paneFormat(session, '#{cursor_flag}'), '1');
		assert.match(ttyModes(session), /(^|\s)icanon(\s|$)/);
		process.kill(pid, 'SIGCONT');
		await session.waitFor(screen => /sentence 1\/2/.test(header(screen)) && screen.includes('3 ORG'));
		await waitUntil(() => /(^|\s)-icanon(\s|$)/.test(ttyModes(session)), 'raw mode');
		session.press('j');
		await session.waitFor(screen => /sentence 2\/2/.test(header(screen)));
	});

	test('a symlink planted at FILE.review.journal: opening and editing never write through it, and the status line says so', async () => {
		const folder = fixtureFolder({'c.tsv': original, precious: 'precious\n'});
		const file = path.join(folder, 'c.tsv');
		fs.symlinkSync(path.join(folder, 'precious'), `${file}.review.journal`);
		const session = await open(folder, ['c.tsv'], screen => screen.includes('symbolic link'));
		assert.match(statusOf(session.screen()), /c\.tsv\.review\.journal is a symbolic link: not followed: edits are not journaled this session/);
		session.press('x');
		await session.waitFor('"EU"  tag O');
		session.press('q');
		await session.waitFor('Save changes?');
		session.press('n');
		assert.equal(await session.waitForExit(), 0);
		assertBytes(path.join(folder, 'precious'), 'precious\n', 'the symlink\'s target');
		assert.ok(fs.lstatSync(`${file}.review.journal`).isSymbolicLink());
	});

	test('a read-only folder, as a user who cannot write it: the corpus opens, the review files go to the state folder, W writes elsewhere', {skip: isRoot ? false : 'needs root to run the CLI as another user'}, async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-state-'));
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-out-'));
		fs.chownSync(state, 65_534, 65_534);
		fs.chownSync(out, 65_534, 65_534);
		// The file is the user's own: only the folder stands in the way.
		fs.chownSync(path.join(folder, 'c.tsv'), 65_534, 65_534);
		fs.chmodSync(folder, 0o555);
		try {
			const session = await paneRunning(folder, `setpriv --reuid 65534 --regid 65534 --clear-groups ${cliCommand(['c.tsv'], {XDG_STATE_HOME: state, HOME: '/nonexistent'})}; echo EXIT:$?; read -r _`);
			const screen = await session.waitFor(next => next.includes('the folder is read-only'), 10_000);
			// Both said at the open, wrapped over the status rows: where the review files go, and that s cannot save.
			const said = screen.replaceAll('\n', ' ');
			assert.match(said, new RegExp(`the folder is read-only: review files kept in ${state}/ner-review`));
			assert.match(said, new RegExp(`c\\.tsv is in a folder you cannot write \\(${folder}\\): s cannot save it`));
			session.press('x');
			await session.waitFor('"EU"  tag O');
			session.press('s');
			await session.waitFor(next => statusOf(next).includes('could not save'));
			assert.match(session.screen().replaceAll('\n', ' '), new RegExp(`could not save c\\.tsv: its folder ${folder} cannot be written \\(EACCES: permission denied\\); your edits are kept \\(W writes them to another file\\)`));
			session.press('W');
			await session.waitFor('write to: ');
			for (let i = 0; i < 'c.tsv.edited'.length; i++) {
				session.press('BSpace');
			}

			session.press(path.join(out, 'c.tsv'), 'Enter');
			await session.waitFor(`wrote ${path.join(out, 'c.tsv')}`);
			assertBytes(path.join(out, 'c.tsv'), withoutEu, 'W wrote the edit elsewhere');
			assert.ok(fs.readdirSync(path.join(state, 'ner-review')).some(name => name.endsWith('.review.journal')), 'the journal is kept in the state folder');
			session.press('q');
			await session.waitFor('Save changes?');
			session.press('n');
			await session.waitFor('EXIT:0');
			assert.deepEqual(fs.readdirSync(folder), ['c.tsv']);
		} finally {
			fs.chmodSync(folder, 0o755);
			fs.rmSync(state, {recursive: true, force: true});
			fs.rmSync(out, {recursive: true, force: true});
		}
	});

	test('--output OUT run again the next day: continues from OUT\'s tags and says so; the input is never written', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const out = path.join(folder, 'out.tsv');
		let session = await open(folder, ['--output', 'out.tsv', 'c.tsv']);
		assert.match(session.screen().split('\n')[0]!, /c\.tsv → out\.tsv/, 'the header says where s writes');
		session.press('x');
		await session.waitFor('"EU"  tag O');
		session.press('s');
		await session.waitFor(next => statusOf(next).startsWith('saved out.tsv'));
		session.press('q');
		assert.equal(await session.waitForExit(), 0);

		session = await open(folder, ['--output', 'out.tsv', 'c.tsv'], screen => screen.includes('continuing from'));
		const screen = session.screen();
		assert.match(statusOf(screen), /continuing from out\.tsv, which exists: 1 tag line differs from c\.tsv/);
		assert.ok(screen.includes('"EU"  tag O'), `yesterday's edit is shown:\n${screen}`);
		session.press('j', 'x');
		await session.waitFor('"Peter"  tag O');
		session.press('s');
		await session.waitFor(next => statusOf(next).startsWith('saved out.tsv'));
		assertBytes(out, withoutEu.replace('Peter\tB-PER\nBlackburn\tI-PER', 'Peter\tO\nBlackburn\tO'), 'both days\' edits in OUT');
		assertBytes(file, original, 'the input');
		assert.ok(!fs.existsSync(`${file}.bak`));
		session.press('q');
		assert.equal(await session.waitForExit(), 0);

		// The input alone afterwards: its marks file was last written for OUT's content, which holds no
		// mark to lose; "the corpus changed since the last review: kept 0 of 0 marks" was noise.
		session = await open(folder, ['c.tsv']);
		assert.doesNotMatch(session.screen(), /changed since the last review/);
		assert.match(session.screen().split('\n')[0]!, /c\.tsv  ·/);
	});

	test('a file name too long for its side files (244 characters): the corpus opens, its review files go to the state folder', async () => {
		const name = `${'n'.repeat(240)}.tsv`;
		const folder = fixtureFolder({[name]: original});
		const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-state-'));
		try {
			const session = new TmuxSession({args: [name], cwd: folder, cols: 400, rows: 20, env: {XDG_STATE_HOME: state}});
			sessions.push(session);
			const screen = await session.waitFor(next => next.includes('too long'), 10_000);
			assert.match(statusOf(screen), new RegExp(`the file name is too long for its review files: review files kept in ${state}/ner-review`));
			session.press('x');
			await session.waitFor('"EU"  tag O');
			assert.ok(fs.readdirSync(path.join(state, 'ner-review')).some(file => file.endsWith('.review.journal')));
			session.press('s');
			await session.waitFor(next => statusOf(next).startsWith('saved'));
			assertBytes(path.join(folder, name), withoutEu, 'saved');
		} finally {
			fs.rmSync(state, {recursive: true, force: true});
		}
	});

	test('after a crash the file changed: a line appended elsewhere keeps the edit; a line moved in the middle of a large file is named, never put on the wrong token', async () => {
		// 300 sentences (some 20 KB a hundred): the middle is far from the first and last 64 KB the old fingerprint sampled.
		const sentences = Array.from({length: 3000}, (_, index) => `Word${index}\tB-PER\nsaid\tO\nthis\tO\n`).join('\n');
		const folder = fixtureFolder({'c.tsv': sentences});
		const file = path.join(folder, 'c.tsv');
		const goTo1500 = async (app: TmuxSession) => {
			app.press(':');
			// tmux trims the space at the end of the row; one digit at a time, each shown before the next.
			await app.waitFor('go to sentence:');
			for (const [index, digit] of [...'1500'].entries()) {
				app.press(digit);
				// eslint-disable-next-line no-await-in-loop
				await app.waitFor(`go to sentence: ${'1500'.slice(0, index + 1)}`);
			}

			app.press('Enter');
			await app.waitFor(screen => /sentence 1500\/300\d/.test(header(screen)));
		};

		const editAndCrash = async () => {
			const app = await open(folder, ['c.tsv'], screen => /sentence \d+\/300\d/.test(header(screen)));
			await goTo1500(app);
			app.press('x');
			await app.waitFor('"Word1499"  tag O');
			process.kill(app.appPid(), 'SIGKILL');
			await app.waitForExit();
		};

		await editAndCrash();
		fs.appendFileSync(file, '\nAppended\tB-LOC\n');
		let app = await open(folder, ['c.tsv'], screen => screen.includes('Recover?'));
		app.press('y');
		await app.waitFor(next => statusOf(next).startsWith('1 of 1 edit recovered'));
		await goTo1500(app);
		let screen = app.screen();
		assert.ok(screen.includes('"Word1499"  tag O'), `the edit is back on its token:\n${screen}`);
		app.press('q');
		await app.waitFor('Save changes?');
		app.press('n');
		await app.waitForExit();
		fs.rmSync(`${file}.review.journal`, {force: true});

		await editAndCrash();
		// Swap the edited line with the line after it: same size, same first and last 64 KB.
		const before = fs.readFileSync(file, 'utf8');
		const moved = before.replace('Word1499\tB-PER\nsaid\tO\n', 'said\tO\nWord1499\tB-PER\n');
		assert.equal(moved.length, before.length);
		fs.writeFileSync(file, moved);
		app = await open(folder, ['c.tsv'], next => next.includes('Recover?'));
		app.press('y');
		screen = await app.waitFor(next => statusOf(next).startsWith('0 of 1 edit recovered'));
		assert.match(statusOf(screen), /^0 of 1 edit recovered; 1 no longer matches: line \d+ \(the whole journal is kept as .*c\.tsv\.review\.journal\.unmatched-/);
		assert.ok(!header(screen).includes('[modified]'), `nothing was replayed:\n${screen}`);
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('nothing to save'));
		assertBytes(file, moved, 'the file as the other writer left it');
	});

	test('--output naming the input itself is a plain save with FILE.bak; a 0444 file is refused naming W', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		let session = await open(folder, ['--output', './c.tsv', 'c.tsv'], screen => screen.includes('itself'));
		assert.match(statusOf(session.screen()), /--output c\.tsv is c\.tsv itself: s saves it as a plain save/);
		session.press('x');
		await session.waitFor('"EU"  tag O');
		session.press('s');
		await session.waitFor(next => statusOf(next).startsWith('saved c.tsv'));
		assertBytes(`${file}.bak`, original, 'FILE.bak as for a plain save');
		assertBytes(file, withoutEu, 'saved');
		session.press('q');
		await session.waitForExit();

		fs.chmodSync(file, 0o444);
		session = await open(folder, ['c.tsv'], screen => /sentence 1\/2/.test(header(screen)));
		session.press('j', 'x');
		await session.waitFor('"Peter"  tag O');
		session.press('s');
		const screen = await session.waitFor(next => statusOf(next).includes('not saved'));
		assert.match(statusOf(screen), /^c\.tsv is read-only \(mode 0444\): not saved; W writes your edits to another file/);
		assertBytes(file, withoutEu, 'the read-only file as it was');
		assert.equal(fs.statSync(file).mode & 0o777, 0o444);
	});

	test('s with nothing changed writes nothing and says so', async () => {
		const folder = fixtureFolder({'c.tsv': original});
		const file = path.join(folder, 'c.tsv');
		const before = fs.statSync(file);
		const session = await open(folder);
		session.press('s');
		await session.waitFor(screen => statusOf(screen).startsWith('nothing to save'));
		assert.equal(fs.statSync(file).ino, before.ino);
		assert.ok(!fs.existsSync(`${file}.bak`));
	});

	test('an edit made while a large file is still being indexed is journaled: killed at once, it is recovered', async () => {
		// Some 40 MB: indexed in the background for a second or more after the first frame.
		const folder = fixtureFolder({'big.tsv': `${'EU\tB-ORG\nrejects\tO\nGerman\tB-MISC\ncall\tO\n\n'.repeat(1_000_000)}`});
		const file = path.join(folder, 'big.tsv');
		const session = await open(folder, ['big.tsv'], screen => /sentence 1\/\d+/.test(header(screen)));
		session.press('x');
		const screen = await session.waitFor('"EU"  tag O');
		const stillIndexing = /indexing \d+%/.test(header(screen));
		process.kill(session.appPid(), 'SIGKILL');
		await session.waitForExit();
		assert.ok(fs.existsSync(`${file}.review.journal`), 'a journal was written');
		const again = await open(folder, ['big.tsv'], next => next.includes('Recover?'));
		again.press('y');
		await again.waitFor('1 of 1 edit recovered', 15_000);
		assert.ok(again.screen().includes('"EU"  tag O'));
		if (!stillIndexing) {
			// The machine indexed faster than the key came: the journal was still written, which is what counts.
			console.log('note: indexing had finished before the edit on this run');
		}
	});
});
