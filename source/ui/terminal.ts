/**
The terminal's life cycle around the screen, whatever ends or interrupts it: the alternate screen
on start, the shell's screen and tty modes back on every way out, Ctrl-Z and `fg`, a closed
terminal, signals and crashes. No React here: cli.tsx sets it up before the screen and run.tsx's
Ink instance is redrawn through `redraw` after a resume.

- Ctrl-Z (raw mode turns it into a key, which the app turns into SIGTSTP) and `kill -TSTP`: the
  normal screen, cooked mode and the cursor come back, then the process stops (SIGSTOP). On `fg`
  (SIGCONT): the alternate screen, raw keys and a full redraw.
- A hang-up (SIGHUP, or EIO from a terminal that went away: a dropped SSH connection): nothing more
  is written to the terminal, the journal is kept, the lock released, and the process ends by
  SIGHUP itself (status 129 to the shell). Not process.exit: on Node 20, exit resets the tty modes
  and aborts when the tty is gone (an assertion in node::ResetStdio on tcsetattr's EIO, fixed only
  in later Node versions), which the shell saw as a segfault (139).
- SIGINT, SIGTERM: the terminal restored, the journal kept, exit 130 / 143.
- A crash (a bug): the terminal comes back first, then the error and where the unsaved edits are,
  exit 70.
*/
import {inertLines} from '../text/inert.js';

const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';
const clearScreen = '\u001B[2J\u001B[H';
const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';

/** A bug in ner-review (EX_SOFTWARE of sysexits.h), never an answer about the corpus. */
export const internalErrorExitCode = 70;

export type TerminalOptions = {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
	/**
	Ends the review: `ended` when the user quit (having saved or discarded), otherwise (a signal, a
	hang-up, a crash) the journal stays for the next open. Called once.
	*/
	readonly close: (ended: boolean) => void;
	/** Whether there are unsaved edits (a crash says where they are kept). */
	readonly dirty: () => boolean;
	/** The corpus file, for the crash message. */
	readonly file: string;
};

export type Terminal = {
	/** Leaves the alternate screen and ends the review; safe to call twice. */
	restore(ended: boolean): void;
	/** Set by the screen: redraws everything after a resume (the terminal's contents are gone). */
	redraw: () => void;
	/** Ctrl-Z: what SIGTSTP does. */
	suspend(): void;
	/** A bug: restore, report, exit 70. */
	crash(error: unknown): never;
};

/** Exit codes as a shell reports death by these signals (128 + the signal number). */
const signalExitCodes = {SIGINT: 130, SIGTERM: 143} as const;

export function takeTerminal(options: TerminalOptions): Terminal {
	const {stdin, stdout, stderr} = options;
	let restored = false;
	let hungUp = false;
	let rawBeforeSuspend = false;

	/** Writes to the terminal unless it is gone; a write error is a hang-up, never a crash. */
	const write = (text: string) => {
		if (hungUp) {
			return;
		}

		try {
			stdout.write(text);
		} catch {
			hungUp = true;
		}
	};

	const closeReview = (ended: boolean) => {
		try {
			options.close(ended);
		} catch {
			// Closing must never stop the terminal from being given back.
		}
	};

	const terminal: Terminal = {
		restore(ended: boolean) {
			if (restored) {
				return;
			}

			restored = true;
			write(leaveAlternateScreen + showCursor);
			closeReview(ended);
		},
		redraw() {},
		suspend() {
			if (restored || hungUp) {
				return;
			}

			rawBeforeSuspend = stdin.isTTY && stdin.isRaw;
			write(leaveAlternateScreen + showCursor);
			if (stdin.isTTY) {
				stdin.setRawMode(false);
			}

			// SIGSTOP cannot be caught: the process stops here until `fg` sends SIGCONT.
			process.kill(process.pid, 'SIGSTOP');
		},
		crash(error: unknown): never {
			if (hungUp || isHangUp(error)) {
				hangUp();
			}

			const dirty = options.dirty();
			terminal.restore(false);
			try {
				stderr.write(`ner-review: internal error: ${inertLines(error instanceof Error ? error.stack ?? String(error) : String(error))}\n`);
				if (dirty) {
					stderr.write(`ner-review: ${inertLines(`your unsaved edits are kept: open ${options.file} again to recover them`)}\n`);
				}
			} catch {}

			process.exit(internalErrorExitCode);
		},
	};

	/** The terminal is gone: keep the journal, write nothing more, end by SIGHUP. */
	const hangUp = (): never => {
		hungUp = true;
		restored = true;
		closeReview(false);
		process.removeAllListeners('SIGHUP');
		// With no listener left, SIGHUP's default action ends the process inside kill().
		process.kill(process.pid, 'SIGHUP');
		// Not reached; should the signal be held up, the exit code says the same.
		process.exit(129);
	};

	process.on('SIGTSTP', () => {
		terminal.suspend();
	});
	process.on('SIGCONT', () => {
		if (restored || hungUp) {
			return;
		}

		write(enterAlternateScreen + clearScreen + hideCursor);
		if (stdin.isTTY && rawBeforeSuspend) {
			stdin.setRawMode(true);
		}

		terminal.redraw();
	});
	process.on('SIGHUP', () => {
		hangUp();
	});
	for (const [signal, code] of Object.entries(signalExitCodes)) {
		process.on(signal, () => {
			terminal.restore(false);
			process.exit(code);
		});
	}

	// A terminal that went away answers writes and reads with EIO (or the pipe with EPIPE).
	const onStreamError = (error: Error) => {
		if (isHangUp(error)) {
			hangUp();
		}

		terminal.crash(error);
	};

	stdout.on('error', onStreamError);
	stdin.on('error', onStreamError);
	process.on('exit', () => {
		terminal.restore(false);
	});
	process.on('uncaughtException', error => terminal.crash(error));
	process.on('unhandledRejection', error => terminal.crash(error));
	write(enterAlternateScreen);
	return terminal;
}

function isHangUp(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO';
}

/**
Makes Ink draw its whole frame again on a screen that was cleared behind its back (after `fg`): Ink
rewrites only what changed, and redraws everything only after the terminal got narrower, so the
width is made one column narrower for an instant and then given back.
*/
export function redrawInk(stdout: NodeJS.WriteStream): void {
	const {columns} = stdout;
	if (!columns || columns < 2) {
		return;
	}

	stdout.columns = columns - 1;
	stdout.emit('resize');
	stdout.columns = columns;
	stdout.emit('resize');
}
