/**
Helpers for the benchmark rows of issue 17 that need the screen, for bench/run.ts once the screen
runs the analysis in the background: the first `e`, `c` and `%` once the analysis is ready, the
key-to-frame p95 while it runs, `q` while it runs, and the default save (with FILE.bak).

They drive the built CLI in tmux like run.ts does and read the app's trace (NER_REVIEW_TRACE).
What they expect of the screen's trace beyond today's events (first-frame, indexed, key-frame,
saved, exit): an `analysis-ready` event when the analysis becomes ready (with `ms` since it
started, if the screen knows). `quitLatency` needs nothing of the trace: it watches the process end.
*/
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type TraceEvent = {event: string; at: number; [key: string]: unknown};

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');

export function readTrace(file: string): TraceEvent[] {
	if (!fs.existsSync(file)) {
		return [];
	}

	return fs.readFileSync(file, 'utf8').split('\n').filter(line => line !== '').map(line => JSON.parse(line) as TraceEvent);
}

export const percentile = (values: readonly number[], share: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
};

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** The app in a terminal: keys in, trace events out. */
export class AppRun {
	readonly traceFile: string;
	private readonly socket: string;
	private stopped = false;

	/** Starts `ner-review [flags] FILE` in a 120x40 tmux session with its trace on. */
	constructor(file: string, flags: readonly string[] = [], work = path.dirname(file)) {
		this.socket = `ner-review-bench-app-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
		this.traceFile = path.join(work, `trace-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.jsonl`);
		const command = `env -u CI TERM=xterm-256color NER_REVIEW_TRACE=${this.traceFile} ${process.execPath} ${cli} ${flags.join(' ')} ${file}`;
		this.tmux('new-session', '-d', '-x', '120', '-y', '40', command);
	}

	events(): TraceEvent[] {
		return readTrace(this.traceFile);
	}

	/** Waits (polling every 5 ms) until the trace satisfies `predicate`; returns the events. */
	async waitFor(predicate: (events: TraceEvent[]) => boolean, timeoutMs = 60_000): Promise<TraceEvent[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const events = this.events();
			if (predicate(events)) {
				return events;
			}

			if (Date.now() > deadline) {
				throw new Error(`timed out waiting in ${this.traceFile}: ${JSON.stringify(events.slice(-3))}`);
			}

			// eslint-disable-next-line no-await-in-loop
			await pause(5);
		}
	}

	async waitForEvent(name: string, timeoutMs?: number): Promise<TraceEvent> {
		const events = await this.waitFor(all => all.some(event => event.event === name), timeoutMs);
		return events.find(event => event.event === name)!;
	}

	/** Sends one key (literally) and waits for the frame that answers it; returns the app's key-to-frame latency. */
	async press(key: string, timeoutMs?: number): Promise<number> {
		const before = this.events().filter(event => event.event === 'key-frame').length;
		this.tmux('send-keys', '-l', key);
		const events = await this.waitFor(all => all.filter(event => event.event === 'key-frame').length > before, timeoutMs);
		return Number(events.filter(event => event.event === 'key-frame')[before]!['latency']);
	}

	/** Whether the app's process is still running (its tmux session ends with it). */
	alive(): boolean {
		return spawnSync('tmux', ['-L', this.socket, 'has-session'], {stdio: 'ignore'}).status === 0;
	}

	send(key: string): void {
		this.tmux('send-keys', '-l', key);
	}

	/** The terminal's text now. */
	screen(): string {
		return this.tmux('capture-pane', '-p').stdout;
	}

	/** Waits (polling every 20 ms) until the screen holds `text`. */
	async waitForScreen(text: string | RegExp, timeoutMs = 60_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const screen = this.screen();
			if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) {
				return screen;
			}

			if (Date.now() > deadline) {
				throw new Error(`timed out waiting for ${String(text)} on the screen:\n${screen}`);
			}

			// eslint-disable-next-line no-await-in-loop
			await pause(20);
		}
	}

	stop(): void {
		if (!this.stopped) {
			this.stopped = true;
			this.tmux('kill-server');
			fs.rmSync(this.traceFile, {force: true});
		}
	}

	private tmux(...args: string[]) {
		return spawnSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
	}
}

/** The first use of `key` (`e`, `c` or `%`) once the analysis is ready: its key-to-frame latency. */
export async function firstUseLatency(file: string, key: string, flags: readonly string[] = ['--no-backup']): Promise<number> {
	const app = new AppRun(file, flags);
	try {
		await app.waitForEvent('analysis-ready', 120_000);
		return await app.press(key);
	} finally {
		app.stop();
	}
}

/**
Key-to-frame latencies of movement keys pressed at a held key's rate (30 a second) from the first
frame until the analysis is ready (or `limit` keys): compare their p95 with the same keys' p95 once
it is ready (the issue's "no worse than 1.5x its idle value").
*/
export async function keysWhileAnalysing(file: string, limit = 300): Promise<{during: number[]; idle: number[]}> {
	const app = new AppRun(file, ['--no-backup']);
	const keys = ['j', 'j', 'l', 'l', 'k', 'k', 'h', 'h'];
	try {
		await app.waitForEvent('first-frame');
		const during: number[] = [];
		for (let i = 0; i < limit && !app.events().some(event => event.event === 'analysis-ready'); i++) {
			// eslint-disable-next-line no-await-in-loop
			during.push(await app.press(keys[i % keys.length]!));
			// eslint-disable-next-line no-await-in-loop
			await pause(33);
		}

		await app.waitForEvent('analysis-ready', 120_000);
		const idle: number[] = [];
		for (let i = 0; i < 40; i++) {
			// eslint-disable-next-line no-await-in-loop
			idle.push(await app.press(keys[i % keys.length]!));
			// eslint-disable-next-line no-await-in-loop
			await pause(33);
		}

		return {during, idle};
	} finally {
		app.stop();
	}
}

/**
Milliseconds from `q` to the end of the process, `afterMs` after the first frame (while the
indexing or the analysis runs, for a large file): watched from outside, by polling every 2 ms
whether the process is still there, so nothing in the app needs to report it.
*/
export async function quitLatency(file: string, afterMs = 200): Promise<number> {
	const app = new AppRun(file, ['--no-backup']);
	try {
		await app.waitForEvent('first-frame');
		await pause(afterMs);
		const sent = performance.now();
		app.send('q');
		while (app.alive()) {
			if (performance.now() - sent > 30_000) {
				throw new Error('q did not end the app within 30 s');
			}

			// eslint-disable-next-line no-await-in-loop
			await pause(2);
		}

		return performance.now() - sent;
	} finally {
		app.stop();
	}
}

/**
The default save (no --no-backup: the first save also keeps FILE.bak) after one relabel, as the
app times it (the `saved` event). Works on a copy of `file`, which it removes with its backup.
*/
export async function defaultSave(file: string): Promise<{ms: number; backup: boolean}> {
	const copy = `${file}.save-copy.txt`;
	fs.copyFileSync(file, copy);
	const app = new AppRun(copy, []);
	try {
		await app.waitForEvent('indexed', 120_000);
		await app.press('1');
		app.send('s');
		const saved = await app.waitForEvent('saved', 120_000);
		return {ms: Number(saved['ms']), backup: fs.existsSync(`${copy}.bak`)};
	} finally {
		app.stop();
		for (const leftover of [copy, `${copy}.bak`, `${copy}.review.json`, `${copy}.review.journal`]) {
			fs.rmSync(leftover, {force: true});
		}
	}
}

/**
Every whole-corpus feature used once, as a reviewer would (`e`, then `c` on the entity there, then
`%`), then `q`: the time until each answers on the screen (from the key sent, polling the screen)
and the app's peak memory at exit. With today's screen the first `e` builds the analysis at once;
once the screen builds it in the background, wait for `analysis-ready` first to time the answers alone.
*/
export async function everyFeature(file: string): Promise<{e: number; c: number; statistics: number; maxRss: number}> {
	const app = new AppRun(file, ['--no-backup']);
	const timed = async (key: string, screen: RegExp) => {
		const started = performance.now();
		app.send(key);
		await app.waitForScreen(screen, 120_000);
		return performance.now() - started;
	};

	try {
		await app.waitForEvent('indexed', 120_000);
		const e = await timed('e', /problem sentence \d/);
		const c = await timed('c', / x\d/);
		app.send('\u001B');
		await pause(300);
		const statistics = await timed('%', /Statistics: /);
		app.send('\u001B');
		await pause(300);
		app.send('q');
		const exit = await app.waitForEvent('exit', 60_000);
		return {e, c, statistics, maxRss: Number(exit['maxRss'])};
	} finally {
		app.stop();
	}
}
