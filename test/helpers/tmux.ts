/**
Drives the built CLI (dist/cli.js) in a real terminal: a detached tmux session on a private
socket, one `send-keys` per key, `capture-pane` to read the screen. Nothing here sleeps a fixed
time: `waitFor` polls the screen for what the test expects.
*/
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Absolute path of the repository root (this file is test/helpers/tmux.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the built CLI. */
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

/** Throws a clear error when the CLI was not built: the e2e tests never build it themselves. */
export function assertBuilt(): void {
	if (!fs.existsSync(cliPath)) {
		throw new Error(`${cliPath} is missing: build it first with \`npm run build\` (\`npm test\` builds it before running the tests)`);
	}
}

let tmuxChecked: boolean | undefined;

/** Whether a tmux binary can be run. */
export function tmuxAvailable(): boolean {
	if (tmuxChecked === undefined) {
		const result = spawnSync('tmux', ['-V'], {stdio: 'ignore'});
		tmuxChecked = result.error === undefined && result.status === 0;
	}

	return tmuxChecked;
}

/** Key names that tmux's `send-keys` understands as keys; anything else is sent literally (`-l`). */
const keyNames = new Set(['Up', 'Down', 'Left', 'Right', 'PageUp', 'PageDown', 'PgUp', 'PgDn', 'Home', 'End', 'Escape', 'Enter', 'Tab', 'BTab', 'BSpace', 'DC', 'IC', 'Space']);

function isKeyName(key: string): boolean {
	return keyNames.has(key) || /^[CMS]-./.test(key);
}

function shellQuote(value: string): string {
	return /^[\w./=:,@%+-]+$/.test(value) ? value : `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

export type Expectation = string | RegExp | ((screen: string) => boolean);

export type TmuxOptions = {
	/** Arguments after `node dist/cli.js`. */
	readonly args: readonly string[];
	/** Working directory of the CLI. */
	readonly cwd: string;
	readonly cols?: number;
	readonly rows?: number;
	/**
	Extra environment for the CLI, e.g. `{NO_COLOR: '1'}`; `undefined` removes a variable. By default
	the CLI runs as in a user's terminal: no CI variable at all (Ink draws nothing under CI, and the
	color library turns colors off when any CI variable is set, even CI=false) and
	`TERM=xterm-256color`; `{CI: 'false'}` gives the colorless terminal of INK-NOTES.
	*/
	readonly env?: Readonly<Record<string, string | undefined>>;
};

let sessionCounter = 0;

export class TmuxSession {
	readonly socket: string;
	readonly cols: number;
	readonly rows: number;
	private readonly config: string;
	private readonly statusFile: string;
	private killed = false;

	constructor(options: TmuxOptions) {
		assertBuilt();
		this.cols = options.cols ?? 100;
		this.rows = options.rows ?? 30;
		this.socket = `ner-review-e2e-${process.pid}-${++sessionCounter}-${Math.random().toString(36).slice(2, 8)}`;
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-tmux-'));
		// The pane stays after the CLI exits (its last screen readable); no status bar takes a row.
		this.config = path.join(folder, 'tmux.conf');
		fs.writeFileSync(this.config, 'set -g remain-on-exit on\nset -g status off\nset -g escape-time 0\nset -g history-limit 0\n');
		// tmux 3.3's #{pane_dead_status} is not reliably set here, so the shell writes the exit status to a file.
		this.statusFile = path.join(folder, 'exit-status');
		// The test runner's own NO_COLOR / FORCE_COLOR must not leak in: the caller's env decides.
		const unset = ['NO_COLOR', 'FORCE_COLOR', 'TMUX'];
		const set: string[] = [];
		for (const [name, value] of Object.entries({CI: undefined, TERM: 'xterm-256color', ...options.env})) {
			if (value === undefined) {
				unset.push(name);
				if (name === 'CI') {
					// No CI at all, as in a user's terminal (chalk turns colors off when any CI variable is set, even CI=false).
					unset.push('CONTINUOUS_INTEGRATION', ...Object.keys(process.env).filter(key => key.startsWith('CI_')));
				}
			} else {
				set.push(`${name}=${value}`);
			}
		}

		const command = ['env', ...unset.flatMap(name => ['-u', name]), ...set, process.execPath, cliPath, ...options.args]
			.map(part => shellQuote(part))
			.join(' ');
		const shellCommand = `${command}; echo $? > ${shellQuote(this.statusFile)}`;
		this.tmux(['new-session', '-d', '-s', 'e2e', '-x', String(this.cols), '-y', String(this.rows), '-c', options.cwd, shellCommand]);
	}

	/** Runs one tmux command on this session's server and returns its stdout. */
	tmux(args: readonly string[]): string {
		const env = {...process.env};
		delete env['TMUX'];
		return execFileSync('tmux', ['-L', this.socket, '-f', this.config, ...args], {encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe']});
	}

	/** Presses keys, one `send-keys` each: tmux key names (Down, Enter, C-r, ...) or literal characters. */
	press(...keys: string[]): void {
		for (const key of keys) {
			if (isKeyName(key)) {
				this.tmux(['send-keys', '-t', 'e2e', key]);
			} else {
				for (const char of key) {
					this.tmux(['send-keys', '-t', 'e2e', '-l', char === ';' ? '\\;' : char]);
				}
			}
		}
	}

	/** Presses tmux key names in one `send-keys`, which the app reads in one go (`Escape 3`: what fast typing or a laggy link gives). */
	pressTogether(...keys: string[]): void {
		this.tmux(['send-keys', '-t', 'e2e', ...keys]);
	}

	/** The visible screen as text, one line per terminal row (trailing spaces trimmed by tmux). */
	screen(): string {
		return this.lines().join('\n');
	}

	/** The visible screen, one entry per terminal row. */
	lines(): string[] {
		const text = this.tmux(['capture-pane', '-p', '-t', 'e2e']);
		return text.replace(/\n$/, '').split('\n');
	}

	/** The visible screen with its escape sequences (`capture-pane -e`). */
	screenWithEscapes(): string {
		return this.tmux(['capture-pane', '-e', '-p', '-t', 'e2e']);
	}

	/**
	Polls the screen (every ~20 ms) until it matches; fails with the last screen. Returns the matching
	screen once a second capture right after it is the same: tmux can be caught halfway through
	drawing a frame (the header of the new one over the rows of the old), and a test that reads the
	returned screen for something else (the label bar) must get the whole frame.
	*/
	async waitFor(expected: Expectation, timeoutMs = 5000): Promise<string> {
		const matches = typeof expected === 'string' ? (screen: string) => screen.includes(expected)
			: expected instanceof RegExp ? (screen: string) => expected.test(screen)
				: expected;
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		for (;;) {
			screen = this.screen();
			if (matches(screen)) {
				const again = this.screen();
				if (again === screen) {
					return screen;
				}

				continue;
			}

			if (Date.now() > deadline) {
				break;
			}

			await delay(20);
		}

		const what = typeof expected === 'function' ? 'the expected screen' : String(expected);
		const status = this.paneStatus();
		throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${status.dead ? ` (the CLI exited with status ${status.status})` : ''}; last screen:\n${screen}\n[end of screen]`);
	}

	/** Whether the CLI has exited, and its exit status then. */
	paneStatus(): {dead: boolean; status: number | undefined} {
		let text = '';
		try {
			text = fs.readFileSync(this.statusFile, 'utf8');
		} catch {}

		return /^\d+\n$/.test(text) ? {dead: true, status: Number(text.trim())} : {dead: false, status: undefined};
	}

	/** Waits until the CLI has exited and returns its exit status. */
	async waitForExit(timeoutMs = 5000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const {dead, status} = this.paneStatus();
			if (dead && status !== undefined) {
				return status;
			}

			if (Date.now() > deadline) {
				throw new Error(`the CLI did not exit within ${timeoutMs} ms; last screen:\n${this.screen()}\n[end of screen]`);
			}

			await delay(20);
		}
	}

	/** The CLI's process id: the one child of the pane's shell (to kill -9 it as a crash would). */
	appPid(): number {
		const shell = this.tmux(['display-message', '-p', '-t', 'e2e', '#{pane_pid}']).trim();
		const children = execFileSync('ps', ['-o', 'pid=', '--ppid', shell], {encoding: 'utf8'}).trim().split(/\s+/).filter(Boolean).map(Number);
		if (children.length !== 1) {
			throw new Error(`expected one child of the pane's shell, found: ${children.join(', ')}`);
		}

		return children[0]!;
	}

	/** Resizes the terminal (the window of the detached session). */
	resize(cols: number, rows: number): void {
		this.tmux(['resize-window', '-t', 'e2e', '-x', String(cols), '-y', String(rows)]);
	}

	/** Stops the tmux server (and the CLI with it). Safe to call twice. */
	kill(): void {
		if (this.killed) {
			return;
		}

		this.killed = true;
		let socketPath = '';
		try {
			socketPath = this.tmux(['display-message', '-p', '#{socket_path}']).trim();
			this.tmux(['kill-server']);
		} catch {
			// Already gone.
		}

		// tmux leaves the socket file of a killed server behind.
		if (socketPath.includes(this.socket)) {
			fs.rmSync(socketPath, {force: true});
		}

		fs.rmSync(path.dirname(this.config), {recursive: true, force: true});
	}
}

async function delay(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/** Polls `condition` every 20 ms until it holds (a file written, a process gone); fails naming `what`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}
