#!/usr/bin/env node
import './source/runtime.js';
import meow from 'meow';
import {commands, meowFlags, parseCommandLine, typedFlags, UsageError, type CommandLine} from './source/cli/flags.js';
import {demoCopy} from './source/cli/demo.js';
import {helpText} from './source/cli/help.js';
import {ContentHasher, CorpusError, Session, openCompareFile, openIndexer, openTagColumn, readCorpusBytesAsync, readCorpusFileAsync, type Indexer, type LayerReader, type LoadedFile} from './source/corpus/index.js';
import {OpenRefusal, settleOutput, type Document} from './source/cli/open-document.js';
import {keyHint} from './source/ui/state/keymap.js';
import {claimCorpus} from './source/review/claim.js';
import {Review} from './source/review/review.js';
import {inert} from './source/text/inert.js';
import {takeTerminal} from './source/ui/terminal.js';
import {trace} from './source/trace.js';

const cli = meow(helpText(keyHint()), {
	importMeta: import.meta,
	flags: meowFlags(),
	// Unknown flags are refused by parseCommandLine, in one line like every other usage error.
	// The help text's own first line says what ner-review is.
	description: false,
});

/**
Prints a one-line error and exits with the usage/input code. The message may hold a file name, a
flag value or a token: it is made inert, so it stays one line and sends the terminal nothing.
*/
function fail(message: string): never {
	process.stderr.write(`ner-review: ${inert(message)}\n`);
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
if (commandLine.command === 'check' || commandLine.command === 'stats' || commandLine.command === 'compare') {
	// Non-interactive: no terminal needed, the same checks and statistics as the screen's.
	// `ner-review check FILE | head` closes the pipe early: stop quietly, as other Unix tools do.
	process.stdout.on('error', error => {
		if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
			process.exit(process.exitCode ?? 0);
		}

		throw error;
	});
	const print = (line: string) => {
		// Input errors (`ner-review: FILE:LINE: ...`) go to stderr like the interactive ones; findings to stdout.
		(line.startsWith('ner-review: ') ? process.stderr : process.stdout).write(`${line}\n`);
	};

	const file = commandLine.files[0]!;
	if (commandLine.command === 'check') {
		const {runCheck} = await import('./source/cli/check.js');
		process.exitCode = runCheck(file, options, print);
	} else if (commandLine.command === 'compare') {
		const {runCompare} = await import('./source/cli/compare.js');
		process.exitCode = runCompare(commandLine.files, options, print);
	} else {
		const {runStats} = await import('./source/cli/stats.js');
		process.exitCode = runStats(file, options, print);
	}
} else {
	await runInteractive();
}

async function runInteractive() {
	if (commandLine.files[0] === undefined && !process.stdin.isTTY) {
		// Checked before the demo is copied, so that nothing is left behind.
		fail('stdin is not a terminal: ner-review is interactive (run it in a terminal)');
	}

	const file = commandLine.files[0] ?? demoCopy() ?? fail('the demo corpus is missing from this installation');
	const {labels, tagColumn, scheme, miscKey} = options;

	// Ink and React take a few hundred milliseconds to load: read the file meanwhile.
	const fileRead = readCorpusFileAsync(file);
	fileRead.catch(() => undefined);
	// Let go once aligned: the promise would keep the other file's bytes alive for the whole session.
	let otherRead = options.compare === undefined ? undefined : readCorpusBytesAsync(options.compare);
	otherRead?.catch(() => undefined);
	const uiLoaded = import('./source/ui/run.js');
	uiLoaded.catch(() => undefined);

	/**
	How much to index before the first frame (some 90 sentences of WikiSER, more than a screen shows);
	the rest is indexed in slices between frames, so even a 50k-token file shows its first screen
	without waiting for its whole index. Without a terminal there is no screen to show: the whole file
	is indexed first, so a malformed one still gets its one-line error.
	*/
	const firstSliceBytes = 16 * 1024;
	const indexBeforeRender = process.stdin.isTTY ? firstSliceBytes : Number.POSITIVE_INFINITY;

	let indexer: Indexer;
	let document: Document | undefined;
	let compare: LayerReader | undefined;
	try {
		const input: LoadedFile = await fileRead;
		trace.mark('read', {bytes: input.bytes.length});
		document = settleOutput(file, input, options.output, {tagColumn, scheme, miscKey});
		const {bytes} = document.loaded;
		indexer = openIndexer(bytes, {tagColumn, scheme, miscKey});
		const budget = indexBeforeRender;
		// Index at least until the first sentence exists.
		while (!indexer.step(budget) && indexer.corpus.sentenceCount === 0) {}
		if (indexer.corpus.complete && indexer.corpus.tokenCount === 0) {
			throw new CorpusError('the file has no tokens');
		}

		// The other side of a comparison, aligned with the file before the first frame as far as the file is indexed.
		if (options.compare !== undefined && otherRead !== undefined) {
			const otherBytes = await otherRead.catch((error: unknown) => {
				throw error instanceof CorpusError ? new CorpusError(error.message, error.line, options.compare) : error;
			});
			otherRead = undefined;
			compare = openCompareFile(indexer.corpus, otherBytes, options.compare, {miscKey});
		} else if (options.compareColumn !== undefined) {
			compare = openTagColumn(indexer.corpus, options.compareColumn - 1);
		}

		if (compare !== undefined) {
			const started = performance.now();
			compare.step(indexer.corpus.complete ? Number.POSITIVE_INFINITY : firstSliceBytes);
			trace.mark('compare-slice', {tokens: compare.layer.tokenCount, complete: compare.layer.complete, took: Math.round(performance.now() - started)});
		}
	} catch (error) {
		if (error instanceof CorpusError) {
			// A problem in OUT's bytes (when the session continues from it) names OUT.
			fail(error.describe(document?.continuesOutput ? document.output! : file));
		}

		if (error instanceof OpenRefusal) {
			fail(error.message);
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

	// One writer per corpus: the lock decides whether this session may keep a journal and save.
	const claim = claimCorpus(file, {
		onLost() {
			review.addNotice('another ner-review took this file over (it judged this one gone): W writes your edits to another file');
		},
	});
	const session = new Session(indexer.corpus, {
		file,
		output: document.output,
		backup: options.backup,
		identity: document.loaded.identity,
		continuesOutput: document.continuesOutput,
		readOnly: claim.readOnly,
	});
	const hasher = new ContentHasher(document.loaded.bytes);
	const review = new Review(session, file, {claim, hasher, loadedFrom: document.continuesOutput ? document.output : file});
	const {runApp} = await uiLoaded;
	trace.mark('ui-loaded');
	const terminal = takeTerminal({
		stdin: process.stdin,
		stdout: process.stdout,
		stderr: process.stderr,
		file,
		dirty: () => session.dirty,
		close(ended) {
			review.close(ended, claim.lock);
			trace.exit();
		},
	});
	const notices = [...document.notices, ...claim.notices, ...review.takeNotices()];
	let fatal: string | undefined;
	try {
		// Ink draws the first frame synchronously: the content hash starts after it.
		const running = runApp({file, session, review, indexer, labels, compare, notices, terminal});
		review.startHashing();
		fatal = await running;
	} catch (error) {
		// An error in a component: Ink unmounts and rejects.
		terminal.crash(error);
	}

	terminal.restore(fatal === undefined);
	if (fatal !== undefined) {
		fail(fatal);
	}
}
