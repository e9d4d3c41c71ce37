/**
Renders the App as the terminal would show it and drives it with key presses. With the default
size (100 columns, ink-testing-library's fixed width) it uses ink-testing-library's `render`, whose
stdout has no `rows` (the App's `size` prop supplies them). For another width it uses Ink's own
`render` with a fake terminal of that size, as INK-NOTES.md suggests, since ink-testing-library's
stdout is always 100 columns wide.
*/
import {EventEmitter} from 'node:events';
import {stripVTControlCharacters} from 'node:util';
import {useEffect} from 'react';
import {render as inkRender} from 'ink';
import {render as testingRender} from 'ink-testing-library';
import stringWidth from 'string-width';
import type {Session} from '../../source/corpus/index.js';
import {App} from '../../source/ui/views/App.js';
import type {TerminalSize} from '../../source/ui/layout.js';

/** Key sequences as a terminal sends them. */
export const keys = {
	down: '\u001B[B',
	up: '\u001B[A',
	right: '\u001B[C',
	left: '\u001B[D',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	ctrlR: '\u0012',
	ctrlC: '\u0003',
	tab: '\t',
	backspace: '\u007F',
} as const;

export type RenderOptions = {
	readonly plain?: boolean;
	readonly size?: TerminalSize;
	readonly labels?: readonly string[];
};

export type RenderedApp = {
	/** Every frame drawn so far, raw. */
	readonly frames: readonly string[];
	/** The newest frame without escape sequences. */
	screen(): string;
	/** Writes each key sequence to stdin in turn, waiting after each for the frame it causes (if any). */
	press(...sequences: string[]): Promise<void>;
	/** Writes one chunk to stdin as a single read (several keys arriving at once). */
	type(chunk: string): Promise<void>;
	/** Polls the newest frame until `predicate` holds; fails with the last screen after `timeout` ms. */
	waitForFrame(predicate: (screen: string) => boolean, timeout?: number): Promise<string>;
	/** Whether the App's tree has been unmounted (Ink's `exit()` unmounts it). */
	exited(): boolean;
	/** Resizes the fake terminal and tells the App, as a terminal's SIGWINCH would (not for the 100-column default). */
	resize(size: TerminalSize): void;
	waitForExit(timeout?: number): Promise<void>;
	unmount(): void;
};

/** Calls `onUnmount` when its tree unmounts: Ink's `useApp().exit()` does that. */
function ExitProbe({onUnmount, children}: {readonly onUnmount: () => void; readonly children: React.ReactNode}) {
	useEffect(() => onUnmount, []);
	return children;
}

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	readonly frames: string[] = [];
	constructor(public columns: number, public rows: number) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

const yieldToLoop = async () => new Promise<void>(resolve => {
	setImmediate(resolve);
});

async function poll(check: () => boolean, timeout: number): Promise<boolean> {
	const deadline = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > deadline) {
			return false;
		}

		await yieldToLoop(); // eslint-disable-line no-await-in-loop
	}

	return true;
}

/** How long a key may take to draw its frame before `press` assumes it draws none (an unbound key). */
const settleTimeout = 150;

export function renderApp(session: Session, {plain = false, size = {columns: 100, rows: 30}, labels}: RenderOptions = {}): RenderedApp {
	let unmounted = false;
	const tree = (
		<ExitProbe onUnmount={() => {
			unmounted = true;
		}}
		>
			<App session={session} plain={plain} size={size} labels={labels} />
		</ExitProbe>
	);
	let frames: string[];
	let stdin: {write: (data: string) => void};
	let unmount: () => void;
	let resize: (size: TerminalSize) => void = () => {
		throw new Error('ink-testing-library\'s stdout cannot resize: render with a size other than 100 columns');
	};

	if (size.columns === 100) {
		const rendered = testingRender(tree);
		frames = rendered.frames;
		stdin = rendered.stdin;
		unmount = rendered.unmount;
	} else {
		const stdout = new FakeStdout(size.columns, size.rows);
		const fakeStdin = new FakeStdin();
		const instance = inkRender(tree, {
			stdout: stdout as unknown as NodeJS.WriteStream,
			stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
			stdin: fakeStdin as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		frames = stdout.frames;
		stdin = fakeStdin;
		resize = next => {
			stdout.columns = next.columns;
			stdout.rows = next.rows;
			stdout.emit('resize');
		};
		unmount = instance.unmount;
	}

	const screen = () => stripVTControlCharacters(frames.at(-1) ?? '');
	const writeAndSettle = async (chunk: string) => {
		const before = frames.length;
		stdin.write(chunk);
		// A lone Escape is only decided on the next setImmediate; a key's frame follows soon after.
		await poll(() => frames.length > before || unmounted, settleTimeout);
		// Let passive effects (the prompt's text input subscribing to keys) run before the next key.
		await yieldToLoop();
	};

	return {
		frames,
		screen,
		async press(...sequences) {
			for (const sequence of sequences) {
				await writeAndSettle(sequence); // eslint-disable-line no-await-in-loop
			}
		},
		type: writeAndSettle,
		async waitForFrame(predicate, timeout = 2000) {
			if (!await poll(() => predicate(screen()), timeout)) {
				throw new Error(`no frame matched within ${timeout} ms; the last one:\n${screen()}`);
			}

			return screen();
		},
		exited: () => unmounted,
		resize: next => {
			resize(next);
		},
		async waitForExit(timeout = 2000) {
			if (!await poll(() => unmounted, timeout)) {
				throw new Error(`the app did not exit within ${timeout} ms; the last screen:\n${screen()}`);
			}
		},
		unmount() {
			if (!unmounted) {
				unmount();
			}
		},
	};
}

/** The lines of a frame, escape sequences removed. */
export function frameLines(frame: string): string[] {
	return stripVTControlCharacters(frame).split('\n');
}

/** Columns of the widest line of a frame. */
export function frameWidth(frame: string): number {
	return Math.max(0, ...frameLines(frame).map(line => stringWidth(line)));
}

/** The header line's `sentence N/M`, as numbers. */
export function headerPosition(screen: string): {sentence: number; of: number} | undefined {
	const match = /sentence (\d+)\/(\d+)/.exec(screen.split('\n')[0] ?? '');
	return match === null ? undefined : {sentence: Number(match[1]), of: Number(match[2])};
}
