#!/usr/bin/env node
import './source/runtime.js';
import fs from 'node:fs';
import meow from 'meow';
import {commands, meowFlags, parseCommandLine, typedFlags, UsageError, type CommandLine} from './source/cli/flags.js';
import {demoCopy} from './source/cli/demo.js';
import {helpText} from './source/cli/help.js';
import {CorpusError} from './source/corpus/index.js';
import {OpenRefusal} from './source/cli/open-document.js';
import {loadForReview, startReview, type LoadedForReview} from './source/cli/open-review.js';
import {keyHint} from './source/ui/state/keymap.js';
import {inert} from './source/text/inert.js';
import {trace} from './source/trace.js';
import {appScriptsCodeCache} from './source/libraries/app-scripts-use.js';

// An error line that cannot be written (stderr on a full disk) is lost, not a crash with exit 1.
process.stderr.on('error', () => undefined);
const argv = process.argv.slice(2);
const typed = typedFlags(argv);

/**
Prints a one-line error and exits with the usage/input code. The message may hold a file name, a
flag value or a token: it is made inert, so it stays one line and sends the terminal nothing.
*/
function fail(message: string): never {
	try {
		process.stderr.write(`ner-review: ${inert(message)}\n`);
	} catch {}

	process.exit(2);
}

function parseArgv() {
	return meow(helpText(keyHint()), {
		importMeta: import.meta,
		argv,
		flags: meowFlags(),
		// Unknown flags are refused by parseCommandLine, in one line like every other usage error.
		// The help text's own first line says what ner-review is.
		description: false,
		// Answered below with writeOut: meow's own answer uses console.log, which drops a failed
		// write, so `--help > /dev/full` said nothing and exited 0.
		autoHelp: false,
		autoVersion: false,
	});
}

let cli: ReturnType<typeof parseArgv> | undefined;
let commandLine: CommandLine;
try {
	cli = parseArgv();
	// --help and --version mean the same alone, after a command or beside a file.
	if (typed.has('help')) {
		answerAndExit(`${cli.help}\n`);
	}

	if (typed.has('version')) {
		answerAndExit(`${cli.pkg.version ?? ''}\n`);
	}

	commandLine = parseCommandLine(cli.input, cli.flags, typed);
} catch (error) {
	if (error instanceof UsageError) {
		const first = cli?.input[0];
		const subject = first === undefined || commands.some(command => command.name === first) ? '' : `${first}: `;
		fail(`${subject}${error.message}`);
	}

	throw error;
}

const {options} = commandLine;
// A function rather than top-level awaits: the bundle runs this module as a script, with V8's code
// cache (scripts/app-scripts.mjs). An error still ends the process with its stack and exit code 1.
void main();

/**
A write to stdout that failed: `ner-review check FILE | head` closes the pipe early, and the command
stops quietly, as other Unix tools do; a full disk or a broken device is said in one line (exit 2),
not as a stack trace with exit 1, which `check` uses for "problems found".
*/
function outputFailed(error: unknown): never {
	const {code, message} = error as NodeJS.ErrnoException;
	if (code === 'EPIPE') {
		process.exit(process.exitCode ?? 0);
	}

	fail(`cannot write the output: ${code === 'ENOSPC' ? 'no space left on device' : code ?? message}`);
}

/**
Prints the answer to --help or --version and exits 0, or as outputFailed says when it cannot be
written. Written at once (not process.stdout.write, whose callback comes after the command has
started): a pipe whose reader is slow answers EAGAIN, and the rest is written again.
*/
function answerAndExit(text: string): never {
	const bytes = Buffer.from(text);
	let written = 0;
	while (written < bytes.length) {
		try {
			written += fs.writeSync(1, bytes, written);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
				outputFailed(error);
			}
		}
	}

	process.exit(0);
}

/** Writes to stdout, a failure said by outputFailed. */
function writeOut(chunk: string | Uint8Array): void {
	try {
		process.stdout.write(chunk);
	} catch (error) {
		outputFailed(error);
	}
}

/** The command: one of the non-interactive ones, or the screen. */
async function main() {
	if (trace.enabled) {
		trace.mark('app-scripts', {codeCache: appScriptsCodeCache()});
	}

	if (commandLine.command === 'check' || commandLine.command === 'stats' || commandLine.command === 'compare' || commandLine.command === 'diff') {
		// Non-interactive: no terminal needed, the same checks and statistics as the screen's.
		// `ner-review check FILE | head` closes the pipe early: stop quietly, as other Unix tools do.
		process.stdout.on('error', outputFailed);
		// Findings go out in blocks of 64 KB: one write per line would be a system call per problem
		// (100,000 of them for a 10M-token corpus). Each line is encoded into the block as it comes: a
		// block joined as a string was flattened and encoded at each write, 45 ms of `check` there.
		const blockSize = 1 << 16;
		let block = Buffer.allocUnsafe(blockSize);
		let used = 0;
		const flush = () => {
			if (used > 0) {
				// A new block after each write: a write to a pipe may still hold the one it was given.
				writeOut(block.subarray(0, used));
				block = Buffer.allocUnsafe(blockSize);
				used = 0;
			}
		};

		const print = (line: string) => {
			// Input errors (`ner-review: FILE:LINE: ...`) go to stderr like the interactive ones; findings to stdout.
			if (line.startsWith('ner-review: ')) {
				flush();
				try {
					process.stderr.write(`${line}\n`);
				} catch {}

				return;
			}

			// A UTF-16 unit is at most 3 bytes of UTF-8: a line that may not fit waits for the next block.
			if (used + line.length * 3 + 1 > blockSize) {
				flush();
				if (line.length * 3 + 1 > blockSize) {
					writeOut(`${line}\n`);
					return;
				}
			}

			used += block.write(line, used);
			block[used++] = 0x0A;
		};

		const file = commandLine.files[0]!;
		if (commandLine.command === 'check') {
			const {runCheck} = await import('./source/cli/check.js');
			process.exitCode = runCheck(commandLine.files, options, print);
		} else if (commandLine.command === 'compare') {
			const {runCompare} = await import('./source/cli/compare.js');
			process.exitCode = runCompare(commandLine.files, options, print);
		} else if (commandLine.command === 'diff') {
			const {runDiff} = await import('./source/cli/diff.js');
			// A patch into a pipe or a file is the files' own bytes (for patch, git apply); on a terminal it is sanitised.
			process.exitCode = runDiff(commandLine.files, {...options, raw: !process.stdout.isTTY}, print, chunk => {
				flush();
				writeOut(chunk);
			});
		} else {
			const {runStats} = await import('./source/cli/stats.js');
			process.exitCode = runStats(file, options, print);
		}

		flush();
		trace.mark('printed');
	} else {
		await runInteractive();
	}
}

async function runInteractive() {
	if (commandLine.files[0] === undefined && !process.stdin.isTTY) {
		// Checked before the demo is copied, so that nothing is left behind.
		fail('stdin is not a terminal: ner-review is interactive (run it in a terminal)');
	}

	const file = commandLine.files[0] ?? demoCopy() ?? fail('the demo corpus is missing from this installation');
	// Without a terminal there is no screen: the whole file is indexed, so a malformed one still gets its line.
	const loading = loadForReview(file, options, !process.stdin.isTTY);
	loading.catch(() => undefined);
	// The screen's code (Ink, React, the views: 30-45 ms) loads while the file is read: the read is under way by now.
	const uiLoaded = import('./source/ui/run.js');
	uiLoaded.catch(() => undefined);
	let loaded: LoadedForReview;
	try {
		loaded = await loading;
	} catch (error) {
		if (error instanceof CorpusError) {
			fail(error.describe(file));
		}

		if (error instanceof OpenRefusal) {
			fail(error.message);
		}

		throw error;
	}

	if (!process.stdin.isTTY) {
		fail(`${file}: loaded, but stdin is not a terminal: ner-review is interactive (run it in a terminal)`);
	}

	const opened = startReview(loaded, options);
	const {runReview} = await uiLoaded;
	trace.mark('ui-loaded', trace.enabled ? {codeCache: appScriptsCodeCache()} : {});
	const fatal = await runReview(opened, options.labels, async tagColumn => {
		// `L`: the same file, another tag column; a refusal is one line, as at the first open.
		const layerOptions = {...options, tagColumn};
		try {
			return startReview(await loadForReview(file, layerOptions, false), layerOptions);
		} catch (error) {
			if (error instanceof CorpusError) {
				throw new Error(error.describe(file));
			}

			throw error instanceof OpenRefusal ? new Error(error.message) : error;
		}
	});
	if (fatal !== undefined) {
		fail(fatal);
	}
}
