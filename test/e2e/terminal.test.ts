/**
End-to-end: how the built CLI treats the terminal it runs in (tmux). It draws on the alternate
screen and gives the shell's screen back on every way out (q, Ctrl-C, SIGTERM, a crash); it never draws a
line wider than the terminal nor on its last row, at any size; it follows a resize; it says when
the terminal is too small and recovers; entities read without color under NO_COLOR, and two types
get two colors when colors are on.
*/
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import stringWidth from 'string-width';
import {parseAnsi, type Span} from '../../scripts/screenshot.js';
import {assertBuilt, cliPath, repoRoot, tmuxAvailable, TmuxSession, type TmuxOptions} from '../helpers/tmux.js';

const demoSource = path.join(repoRoot, 'demo', 'software.txt');
const folders: string[] = [];
const sessions: TmuxSession[] = [];

/** A temporary folder with a copy of the demo corpus (the app writes its review sidecar beside the file). */
function demoFolder(): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-terminal-'));
	folders.push(folder);
	fs.copyFileSync(demoSource, path.join(folder, 'software.txt'));
	return folder;
}

/** The header line (narrow terminals drop the leading `ner-review`). */
const headerPattern = /^(?:ner-review\b.*)?software\.txt\b.*sentence \d+\/42/m;

async function open(options: Omit<TmuxOptions, 'args' | 'cwd'> & {args?: string[]}): Promise<TmuxSession> {
	const cwd = demoFolder();
	const session = new TmuxSession({args: ['software.txt'], cwd, ...options});
	sessions.push(session);
	await session.waitFor(screen => headerPattern.test(screen), 10_000);
	return session;
}

function shellQuote(value: string): string {
	return /^[\w./=:,@%+-]+$/.test(value) ? value : `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

/**
A session whose pane runs a shell command around the CLI: a marker line printed before it, and
after it the exit status and whether the tty modes (`stty -g`) are the ones from before. The
helper runs only `node dist/cli.js ARGS`, so its pane (here running `--version`, which exits at
once) is respawned with this command. With `stderrFile`, the CLI's stderr goes there (`2>FILE`).
*/
async function openInShell(env: Record<string, string> = {}, stderrFile?: string): Promise<TmuxSession> {
	const cwd = demoFolder();
	const session = new TmuxSession({args: ['--version'], cwd});
	sessions.push(session);
	assert.equal(await session.waitForExit(), 0);
	const cli = ['env', '-u', 'NO_COLOR', '-u', 'FORCE_COLOR', '-u', 'TMUX', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', 'TERM=xterm-256color', ...Object.entries(env).map(([name, value]) => `${name}=${value}`), process.execPath, cliPath, 'software.txt']
		.map(part => shellQuote(part))
		.join(' ');
	// The shell then waits on `read` (until the session is killed): when a pane dies, tmux scrolls its
	// screen up a row to print "Pane is dead", which would push the marker off the first row.
	const redirect = stderrFile === undefined ? '' : ` 2>${shellQuote(stderrFile)}`;
	const command = `clear; printf 'BEFORE-MARKER\\n'; modes=$(stty -g); ${cli}${redirect}; echo "EXIT:$?"; if [ "$(stty -g)" = "$modes" ]; then echo TTY:restored; else echo TTY:changed; fi; read -r _`;
	session.tmux(['respawn-pane', '-k', '-t', 'e2e', '-c', cwd, command]);
	await session.waitFor(screen => headerPattern.test(screen), 10_000);
	await waitForRawMode(session);
	return session;
}

/**
Waits until the app has put the terminal in raw mode (`stty -a` of the pane's tty shows -icanon).
The first frame is drawn a moment before: a Ctrl-C sent in between is turned into SIGINT by the
tty (see the SIGINT test).
*/
async function waitForRawMode(session: TmuxSession): Promise<void> {
	const tty = paneFormat(session, '#{pane_tty}');
	let modes = '';
	await session.waitFor(() => {
		modes = execFileSync('stty', ['-a', '-F', tty], {encoding: 'utf8'});
		return /(^|\s)-icanon(\s|$)/.test(modes);
	});
}

/** The pid of the CLI started by `openInShell`: the only child of the pane's shell (env execs node). */
function cliPid(session: TmuxSession): number {
	const pid = session.appPid();
	assert.equal(fs.realpathSync(`/proc/${pid}/exe`), fs.realpathSync(process.execPath), 'the child is not node');
	return pid;
}

function paneFormat(session: TmuxSession, format: string): string {
	return session.tmux(['display-message', '-p', '-t', 'e2e', format]).trim();
}

/** After the CLI has ended: the shell's screen is back as it was, with the marker, the exit status and restored tty modes. */
async function assertShellScreenBack(session: TmuxSession, expectedStatus: number): Promise<void> {
	const screen = await session.waitFor(/^TTY:\w+$/m);
	const lines = screen.split('\n');
	assert.equal(lines[0], 'BEFORE-MARKER', `the marker printed before the CLI is not on the first row:\n${screen}`);
	assert.equal(lines[1], `EXIT:${expectedStatus}`, `the CLI's output is not right after the marker (or a different exit status):\n${screen}`);
	assert.equal(lines[2], 'TTY:restored', `the tty modes (raw mode, echo) were not restored:\n${screen}`);
	assert.doesNotMatch(screen, /ner-review {2}software|sentence \d+\/42|j\/k sentence/, 'the app\'s screen is still visible');
	assert.equal(paneFormat(session, '#{alternate_on}'), '0', 'the terminal is still on the alternate screen');
	assert.equal(paneFormat(session, '#{cursor_flag}'), '1', 'the cursor is still hidden');
}

/** The screen with wrapped lines joined (`capture-pane -J`): a line the app drew wider than the terminal shows up wider here. */
function joinedLines(session: TmuxSession): string[] {
	return session.tmux(['capture-pane', '-p', '-J', '-t', 'e2e']).replace(/\n$/, '').split('\n');
}

/** Every line fits the width, the app's first row is on the first row, and the last row is empty. */
function assertFits(session: TmuxSession, cols: number, rows: number, what: string): void {
	const lines = session.lines();
	const screen = lines.join('\n');
	assert.equal(lines.length, rows, `${what}: capture has ${lines.length} rows, the terminal ${rows}`);
	assert.equal(lines.at(-1), '', `${what}: the app drew on the last row (it must stay at most rows-1 tall):\n${screen}`);
	for (const line of joinedLines(session)) {
		assert.ok(stringWidth(line) <= cols, `${what}: a line is ${stringWidth(line)} columns wide in a ${cols}-column terminal: ${JSON.stringify(line)}\n${screen}`);
	}
}

/** Waits until the pane has the expected size and the app has drawn for it (the header fits the width). */
async function waitForSize(session: TmuxSession, cols: number, rows: number): Promise<string> {
	return session.waitFor(screen => {
		const size = paneFormat(session, '#{pane_width}x#{pane_height}');
		const lines = screen.split('\n');
		const separator = lines.find(line => /^─+$/.test(line));
		// The app's separator is as wide as its layout: within the terminal, and not a leftover of another size.
		return size === `${cols}x${rows}` && headerPattern.test(lines[0] ?? '') && separator !== undefined && separator.length <= cols - 1 && separator.length >= cols - 2;
	});
}

/** The span under the first character of `text` on the first screen line (capture-pane -e) that matches `linePattern`. */
function spanAt(ansi: string, linePattern: RegExp, text: string): Span | undefined {
	for (const spans of parseAnsi(ansi)) {
		// parseAnsi's spans are contiguous: their texts make the line.
		const plain = spans.map(span => span.text).join('');
		if (linePattern.test(plain) && plain.includes(text)) {
			const column = stringWidth(plain.slice(0, plain.indexOf(text)));
			return spans.find(span => span.column <= column && column < span.column + span.width);
		}
	}

	return undefined;
}

describe('the terminal: alternate screen, sizes, resize, colors', {skip: tmuxAvailable() ? false : 'tmux is not installed'}, () => {
	before(() => {
		assertBuilt();
	});

	after(() => {
		for (const session of sessions) {
			session.kill();
		}

		for (const folder of folders) {
			fs.rmSync(folder, {recursive: true, force: true, maxRetries: 5});
		}
	});

	test('q: the app draws on the alternate screen and gives the shell\'s screen back', async () => {
		const session = await openInShell();
		assert.equal(paneFormat(session, '#{alternate_on}'), '1', 'the app is not on the alternate screen');
		assert.doesNotMatch(session.screen(), /BEFORE-MARKER/, 'the shell\'s screen shows through the app');
		session.press('q');
		await assertShellScreenBack(session, 0);
	});

	test('stderr redirected to a file: no escape sequence lands in it (q, SIGTERM), and the cursor shows on the terminal', async () => {
		for (const [end, status] of [['q', 0], ['SIGTERM', 143]] as const) {
			const stderrFile = path.join(demoFolder(), 'err.txt');
			// eslint-disable-next-line no-await-in-loop
			const session = await openInShell({}, stderrFile);
			if (end === 'q') {
				session.press('q');
			} else {
				process.kill(cliPid(session), 'SIGTERM');
			}

			// eslint-disable-next-line no-await-in-loop
			await assertShellScreenBack(session, status);
			assert.equal(JSON.stringify(fs.readFileSync(stderrFile, 'utf8')), '""', `after ${end}, stderr holds terminal output`);
		}
	});

	test('Ctrl-C with no edits quits at once and gives the shell\'s screen back', async () => {
		const session = await openInShell();
		session.press('C-c');
		await assertShellScreenBack(session, 0);
	});

	test('SIGTERM to the node process: the shell\'s screen and tty modes come back, exit status 143', async () => {
		const session = await openInShell();
		process.kill(cliPid(session), 'SIGTERM');
		await assertShellScreenBack(session, 143);
	});

	test('SIGINT to the node process (Ctrl-C before raw mode is on, or kill -INT): the terminal is restored, exit status 130', async () => {
		const session = await openInShell();
		process.kill(cliPid(session), 'SIGINT');
		await assertShellScreenBack(session, 130);
	});

	test('a crash (an uncaught exception, injected): the terminal comes back first, then the error is shown, exit status 70, the edit kept in the journal', async () => {
		// Preloaded into the CLI: throws from a timer when the test sends SIGUSR2, as a bug would.
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-crash-'));
		folders.push(folder);
		const crash = path.join(folder, 'crash.mjs');
		fs.writeFileSync(crash, "process.on('SIGUSR2', () => { setImmediate(() => { throw new Error('injected crash for the test'); }); });\n");
		const session = await openInShell({NODE_OPTIONS: `--import=${pathToFileURL(crash).href}`});
		session.press('1');
		await session.waitFor(screen => (screen.split('\n')[0] ?? '').includes('[modified]'), 3000);
		process.kill(cliPid(session), 'SIGUSR2');
		const screen = await session.waitFor(/^TTY:\w+$/m);
		const lines = screen.split('\n');
		assert.equal(lines[0], 'BEFORE-MARKER', screen);
		assert.match(lines[1] ?? '', /^ner-review: internal error: Error: injected crash for the test$/, screen);
		assert.match(screen, /^ner-review: your unsaved edits are kept: open software\.txt again to recover them$/m);
		assert.match(screen, /^EXIT:70$/m);
		assert.match(screen, /^TTY:restored$/m);
		assert.equal(paneFormat(session, '#{alternate_on}'), '0', 'the terminal is still on the alternate screen');
		assert.equal(paneFormat(session, '#{cursor_flag}'), '1', 'the cursor is still hidden');
		const cwd = paneFormat(session, '#{pane_current_path}');
		assert.ok(fs.existsSync(path.join(cwd, 'software.txt.review.journal')), 'the journal of the unsaved edit is gone');
	});

	for (const [cols, rows] of [[80, 24], [100, 30], [120, 40], [60, 15], [40, 10]] as const) {
		test(`${cols}x${rows}: no line wider than the terminal, nothing on the last row, on every screen`, async () => {
			const session = await open({cols, rows});
			assertFits(session, cols, rows, 'the first sentence');

			// The 81-token sentence 21 wraps over many rows.
			session.press(':');
			await session.waitFor(/go to sentence: *$/m);
			assertFits(session, cols, rows, 'the go-to prompt');
			// One key at a time: keys sent right after `:` can be lost (see the todo test at the end).
			session.press('2');
			await session.waitFor(/go to sentence: 2 *$/m);
			session.press('1');
			await session.waitFor(/go to sentence: 21 *$/m);
			session.press('Enter');
			await session.waitFor(screen => /sentence 21\/42/.test(screen.split('\n')[0] ?? ''));
			assertFits(session, cols, rows, 'the 81-token sentence');
			session.press('l'.repeat(80));
			// The last token, as the token line names it (the header is cut short in narrow terminals).
			await session.waitFor(/^"\."  tag O  line 449/m);
			assertFits(session, cols, rows, 'the 81-token sentence, cursor on its last token');

			session.press('?');
			await session.waitFor(/^Keys: \? or Esc closes/m);
			assertFits(session, cols, rows, 'the help');
			session.press('?');
			await session.waitFor(screen => !/^Keys: \? or Esc closes/m.test(screen) && /^─+$/m.test(screen));

			session.press('%');
			await session.waitFor(/mentions|Statistics|statistics/);
			assertFits(session, cols, rows, 'the statistics');
			session.press('q');
			// q in the statistics view closes it or quits; either way the app ends on a second q.
			const screen = await session.waitFor(screen => headerPattern.test(screen.split('\n')[0] ?? '') || session.paneStatus().dead);
			if (!session.paneStatus().dead) {
				assertFits(session, cols, rows, 'back from the statistics');
				assert.match(screen, /sentence 21\/42/);
				session.press('q');
			}

			assert.equal(await session.waitForExit(), 0);
		});
	}

	test('a resize during a session: the screen follows, smaller then larger', async () => {
		const session = await open({cols: 100, rows: 30});
		await waitForSize(session, 100, 30);
		assertFits(session, 100, 30, '100x30');
		session.resize(60, 15);
		await waitForSize(session, 60, 15);
		assertFits(session, 60, 15, 'shrunk to 60x15');
		session.resize(120, 40);
		const screen = await waitForSize(session, 120, 40);
		assertFits(session, 120, 40, 'grown to 120x40');
		// The larger screen is used: more sentences listed than at 100x30.
		const listed = screen.split('\n').filter(line => /^[> ] +\d+ {2}/.test(line)).length;
		assert.ok(listed > 8, `only ${listed} sentences listed at 120x40:\n${screen}`);
		// Still working: a key after the resizes.
		session.press('j');
		await session.waitFor(/sentence 2\/42/);
		assertFits(session, 120, 40, 'after j');
		session.press('q');
		assert.equal(await session.waitForExit(), 0);
	});

	test('a terminal smaller than 40x10 says so, and the app recovers when it grows', async () => {
		const cwd = demoFolder();
		const session = new TmuxSession({args: ['software.txt'], cwd, cols: 30, rows: 8});
		sessions.push(session);
		let screen = await session.waitFor('Terminal too', 10_000);
		assert.match(screen.replaceAll('\n', ''), /Terminal too\s*small/);
		assertFits(session, 30, 8, '30x8');

		session.resize(80, 24);
		await waitForSize(session, 80, 24);
		assertFits(session, 80, 24, 'grown to 80x24');

		// One column or one row short is too small too.
		session.resize(39, 20);
		screen = await session.waitFor('Terminal too');
		assert.doesNotMatch(screen, /sentence \d+\/42/);
		assertFits(session, 39, 20, '39x20');
		session.resize(60, 9);
		await session.waitFor(screen => screen.includes('Terminal too') && paneFormat(session, '#{pane_width}x#{pane_height}') === '60x9');
		assertFits(session, 60, 9, '60x9');

		session.resize(40, 10);
		await waitForSize(session, 40, 10);
		assertFits(session, 40, 10, 'exactly 40x10');
		session.press('q');
		assert.equal(await session.waitForExit(), 0);
	});

	test('q with unsaved edits in a terminal too small: the quit question is asked there, and n leaves (QA: it opened unseen, and the reviewer could not leave)', async () => {
		const cwd = demoFolder();
		const session = new TmuxSession({args: ['software.txt'], cwd, cols: 80, rows: 24});
		sessions.push(session);
		await session.waitFor(/sentence 1\/42/, 10_000);
		session.press('x');
		await session.waitFor(/\[modified\]/);
		session.resize(30, 8);
		await session.waitFor('Terminal too');
		session.press('q');
		await session.waitFor(screen => screen.replaceAll('\n', ' ').includes('Save changes?'));
		assertFits(session, 30, 8, 'the question at 30x8');
		session.press('n');
		assert.equal(await session.waitForExit(), 0);
	});

	test('NO_COLOR: no color codes, entities still read as [text]TYPE and the cursor is marked', async () => {
		const session = await open({env: {CI: undefined, NO_COLOR: '1'}});
		const screen = session.screen();
		assert.match(screen, /\[Linux\]Operating_System/);
		assert.match(screen, /\[operating systems\]General_Concept/);
		assert.match(screen, /‹[^›]*Linux[^›]*›/, `the cursor is not marked with ‹›:\n${screen}`);
		const ansi = session.screenWithEscapes();
		const colored = parseAnsi(ansi).flat().filter(span => span.style.fg !== undefined || span.style.bg !== undefined || span.style.inverse);
		assert.deepEqual(colored.map(span => span.text), [], 'text drawn in color or inverse under NO_COLOR');
		session.press('q');
		assert.equal(await session.waitForExit(), 0);
	});

	test('FORCE_COLOR=1: two entity types get two colors, the same as their labels in the label bar', async () => {
		const session = await open({env: {FORCE_COLOR: '1'}});
		const ansi = session.screenWithEscapes();
		const sentenceLine = /^ .*Operating_System.* is a family/;
		const linux = spanAt(ansi, sentenceLine, '[Linux');
		const operating = spanAt(ansi, sentenceLine, '[operating');
		assert.ok(linux?.style.fg !== undefined, `[Linux] has no color: ${JSON.stringify(linux)}`);
		assert.ok(operating?.style.fg !== undefined, `[operating systems] has no color: ${JSON.stringify(operating)}`);
		assert.notEqual(linux.style.fg, operating.style.fg, 'Operating_System and General_Concept have the same color');
		const labelBar = /^1 .*Operating_System.*General_Concept/;
		assert.equal(spanAt(ansi, labelBar, 'Operating_System')?.style.fg, linux.style.fg, 'the label bar colors Operating_System differently');
		assert.equal(spanAt(ansi, labelBar, 'General_Concept')?.style.fg, operating.style.fg, 'the label bar colors General_Concept differently');
		// The cursor stands out: inverse, on the first token.
		assert.equal(spanAt(ansi, sentenceLine, 'Linux]')?.style.inverse, true, 'the cursor is not drawn inverse');
		session.press('q');
		assert.equal(await session.waitForExit(), 0);
	});

	test('colors off by the environment (FORCE_COLOR=0): the cursor is still visible', async () => {
		const session = await open({env: {CI: undefined, FORCE_COLOR: '0'}});
		const ansi = session.screenWithEscapes();
		const sentenceLine = /^.*Operating_System.* is a family/;
		const inverse = spanAt(ansi, sentenceLine, 'Linux]')?.style.inverse === true;
		const marked = /‹[^›]*Linux[^›]*›/.test(session.screen());
		session.press('q');
		assert.equal(await session.waitForExit(), 0);
		assert.ok(inverse || marked, `the cursor on "Linux" is neither inverse nor marked ‹›:\n${ansi}`);
	});

	// Failed 2 runs in 3 with the tree of 19:40 (digits and/or Enter lost); passes since the prompt changes of 19:50.
	test('keys typed ahead while the go-to prompt opens are kept (`:12` Enter sent at once)', async () => {
		const session = await open({});
		for (const target of ['12', '7', '30']) {
			session.press(':', target, 'Enter');
			await session.waitFor(screen => new RegExp(`sentence ${target}/42`).test(screen.split('\n')[0] ?? '') && !screen.includes('go to sentence:'), 3000);
		}

		session.press('q');
		assert.equal(await session.waitForExit(), 0);
	});
});
