#!/usr/bin/env node
import './source/runtime.js';
import meow from 'meow';
import {commands, meowFlags, parseCommandLine, typedFlags, UsageError, type CommandLine} from './source/cli/flags.js';
import {demoCopy} from './source/cli/demo.js';
import {helpText} from './source/cli/help.js';
import {CorpusError, Session, openIndexer, readCorpusBytesAsync, type Indexer} from './source/corpus/index.js';
import {keyHint} from './source/ui/keymap.js';
import {Review} from './source/review/review.js';
import {trace} from './source/trace.js';

const cli = meow(helpText(keyHint()), {
	importMeta: import.meta,
	flags: meowFlags(),
	// Unknown flags are refused by parseCommandLine, in one line like every other usage error.
	// The help text's own first line says what ner-review is.
	description: false,
});

/** A bug in ner-review (EX_SOFTWARE of sysexits.h), never an answer about the corpus. */
const internalErrorExitCode = 70;

/** Prints a one-line error and exits with the usage/input code. */
function fail(message: string): never {
	process.stderr.write(`ner-review: ${message}\n`);
	process.exit(2);
}

let commandLine: CommandLine;
try {
	commandLine = parseCommandLine(cli.input, cli.flags, typedFlags(process.argv.slice(2)));
} catch (error) {
	if (error instanceof UsageError) {
		const subject = cli.input[0] === undefined || commands.some(command => command.name === cli.input[0]) ? '' : `${cli.input[0]}: `;
		fail(`${subject}${error.message}`);
	}

	throw error;
}

const {options} = commandLine;
if (commandLine.command === 'check' || commandLine.command === 'stats') {
	// Non-interactive: no terminal needed, the same checks and statistics as the screen's.
	// `ner-review check FILE | head` closes the pipe early: stop quietly, as other Unix tools do.
	process.stdout.on('error', error => {
		if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
			process.exit(process.exitCode ?? 0);
		}

		throw error;
	});
	// Findings go out in blocks of about 64 KB: one write per line would be a system call per problem
	// (100,000 of them for a 10M-token corpus).
	let pending = '';
	const flush = () => {
		if (pending !== '') {
			process.stdout.write(pending);
			pending = '';
		}
	};

	const print = (line: string) => {
		// Input errors (`ner-review: FILE:LINE: ...`) go to stderr like the interactive ones; findings to stdout.
		if (line.startsWith('ner-review: ')) {
			flush();
			process.stderr.write(`${line}\n`);
			return;
		}

		pending += `${line}\n`;
		if (pending.length >= 1 << 16) {
			flush();
		}
	};

	const file = commandLine.files[0]!;
	if (commandLine.command === 'check') {
		const {runCheck} = await import('./source/cli/check.js');
		process.exitCode = runCheck(file, options, print);
	} else {
		const {runStats} = await import('./source/cli/stats.js');
		process.exitCode = runStats(file, options, print);
	}

	flush();
} else {
	await runInteractive();
}

async function runInteractive() {
	if (commandLine.files[0] === undefined && !process.stdin.isTTY) {
		// Checked before the demo is copied, so that nothing is left behind.
		fail('stdin is not a terminal: ner-review is interactive (run it in a terminal)');
	}

	const file = commandLine.files[0] ?? demoCopy() ?? fail('the demo corpus is missing from this installation');
	const {labels, tagColumn, scheme} = options;

	// Ink and React take a few hundred milliseconds to load: read the file meanwhile.
	const bytesRead = readCorpusBytesAsync(file);
	bytesRead.catch(() => undefined);
	const uiLoaded = import('./source/ui/run.js');
	uiLoaded.catch(() => undefined);

	/** Files up to this size are indexed before the first frame, so a malformed one fails before the screen opens. */
	const indexBeforeRenderBytes = 16 * 1024 * 1024;
	/**
	For larger files, how much to index before the first frame (some 90 sentences of WikiSER, more than
	a screen shows); the rest is indexed in slices between frames.
	*/
	const firstSliceBytes = 16 * 1024;

	let indexer: Indexer;
	try {
		const bytes = await bytesRead;
		trace.mark('read', {bytes: bytes.length});
		indexer = openIndexer(bytes, {tagColumn, scheme});
		const budget = bytes.length <= indexBeforeRenderBytes ? Number.POSITIVE_INFINITY : firstSliceBytes;
		// Index at least until the first sentence exists.
		while (!indexer.step(budget) && indexer.corpus.sentenceCount === 0) {}
		if (indexer.corpus.complete && indexer.corpus.tokenCount === 0) {
			throw new CorpusError('the file has no tokens');
		}
	} catch (error) {
		if (error instanceof CorpusError) {
			fail(error.describe(file));
		}

		throw error;
	}

	if (!process.stdin.isTTY) {
		fail(`${file}: loaded, but stdin is not a terminal: ner-review is interactive (run it in a terminal)`);
	}

	trace.mark('first-slice', {sentences: indexer.corpus.sentenceCount});
	if (indexer.corpus.complete) {
		trace.mark('indexed', {sentences: indexer.corpus.sentenceCount, tokens: indexer.corpus.tokenCount});
	}

	const {runApp} = await uiLoaded;
	trace.mark('ui-loaded');
	const session = new Session(indexer.corpus, {file, output: options.output, backup: options.backup});
	const review = new Review(session, file);
	const enterAlternateScreen = '\u001B[?1049h';
	const leaveAlternateScreen = '\u001B[?1049l';
	let restored = false;
	/** `ended`: the user quit (having saved or discarded); otherwise a signal or a crash, and the journal stays. */
	const restoreTerminal = (ended: boolean) => {
		if (!restored) {
			restored = true;
			process.stdout.write(leaveAlternateScreen);
			review.close(ended);
			trace.exit();
		}
	};

	process.on('exit', () => {
		restoreTerminal(false);
	});
	// Exit codes as a shell reports death by these signals (128 + the signal number).
	const signalExitCodes = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143} as const;
	for (const [signal, code] of Object.entries(signalExitCodes)) {
		process.on(signal, () => {
			restoreTerminal(false);
			process.exit(code);
		});
	}

	/**
	A bug: Node would print the error on the alternate screen, which leaving it wipes. The terminal
	comes back first, then the error and where the unsaved edits are.
	*/
	const crash = (error: unknown) => {
		const dirty = session.dirty;
		restoreTerminal(false);
		process.stderr.write(`ner-review: internal error: ${error instanceof Error ? error.stack ?? String(error) : String(error)}\n`);
		if (dirty) {
			process.stderr.write(`ner-review: your unsaved edits are kept: open ${file} again to recover them\n`);
		}

		process.exit(internalErrorExitCode);
	};

	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
	process.stdout.write(enterAlternateScreen);
	let fatal: string | undefined;
	try {
		fatal = await runApp({file, session, review, indexer, labels});
	} catch (error) {
		// An error in a component: Ink unmounts and rejects.
		crash(error);
	}

	restoreTerminal(fatal === undefined);
	if (fatal !== undefined) {
		fail(fatal);
	}
}
