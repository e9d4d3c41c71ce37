#!/usr/bin/env node
import './source/runtime.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import meow from 'meow';
import {CorpusError} from './source/corpus/errors.js';
import type {Indexer} from './source/corpus/indexer.js';
import {openIndexer, readCorpusBytesAsync} from './source/corpus/load.js';
import {schemeNames, type SchemeName} from './source/corpus/scheme.js';
import {Session} from './source/corpus/session.js';
import {Review} from './source/review/review.js';
import {trace} from './source/trace.js';

const cli = meow(`
	Usage
	  $ ner-review [FILE]          review and fix the labels of FILE in the terminal
	  $ ner-review check FILE      print every problem as FILE:LINE: message (exit 1 if any)
	  $ ner-review stats FILE      print counts per type, tag and problem (--json for machines)

	Opens FILE (a token-per-line NER corpus: CoNLL columns or WikiSER <s>/</s>) to review and fix
	its entity labels with the keyboard, and saves back to the same file, changing only the edited
	tags. Without FILE, opens a copy of a small demo corpus.

	Options
	  --tag-column N     1-based column of the NER tags (default: the last column that holds tags)
	  --scheme NAME      tag scheme: ${schemeNames.join(', ')} (default: detected)
	  --labels A,B,C     order of the label bar (keys 1..9); default: the file's types by frequency
	  --output OUT       save to OUT and leave FILE untouched
	  --no-backup        do not keep FILE.bak before the first save
	  --json             stats: print JSON
	  --help, --version

	Keys
	  j/k sentence, h/l token, w/b entity, 1-9 label, t type a label, v select, x remove,
	  u undo, Ctrl-R redo, s save, q quit, ? all keys

	Exit codes
	  0 success (check: no problems), 1 check found problems,
	  2 usage or input error (a one-line message names the file and line),
	  70 internal error (a bug: the terminal is restored, unsaved edits are kept)

	Examples
	  $ ner-review train.conll
	  $ ner-review --tag-column 4 --scheme IOB1 eng.testa
	  $ ner-review --labels PER,ORG,LOC,MISC --output fixed.conll train.conll
	  $ ner-review check train.conll && echo clean
	  $ ner-review stats --json train.conll > stats.json
`, {
	importMeta: import.meta,
	flags: {
		tagColumn: {type: 'number'},
		scheme: {type: 'string'},
		labels: {type: 'string'},
		output: {type: 'string'},
		backup: {type: 'boolean', default: true},
		json: {type: 'boolean', default: false},
	},
});

/** A bug in ner-review (EX_SOFTWARE of sysexits.h), never an answer about the corpus. */
const internalErrorExitCode = 70;

/** Prints a one-line error and exits with the usage/input code. */
function fail(message: string): never {
	process.stderr.write(`ner-review: ${message}\n`);
	process.exit(2);
}

function parseScheme(value: string | undefined): SchemeName | undefined {
	if (value === undefined) {
		return undefined;
	}

	const scheme = schemeNames.find(name => name.toLowerCase() === value.toLowerCase());
	const subject = cli.input[0] === undefined ? '' : `${cli.input[0]}: `;
	return scheme ?? fail(`${subject}unknown --scheme "${value}" (one of ${schemeNames.join(', ')})`);
}

/**
The demo corpus is copied once to a fixed folder in the temporary directory, so saving never
writes into the installed package, nothing piles up run after run, and the demo's edits and
review progress are still there next time (delete the folder for a fresh demo).
*/
function demoCopy(): string {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const source = [path.join(here, 'demo', 'software.txt'), path.join(here, '..', 'demo', 'software.txt')].find(candidate => fs.existsSync(candidate));
	if (source === undefined) {
		fail('the demo corpus is missing from this installation');
	}

	const folder = path.join(os.tmpdir(), `ner-review-demo-${os.userInfo().uid}`);
	const copy = path.join(folder, 'software.txt');
	if (!fs.existsSync(copy)) {
		fs.mkdirSync(folder, {recursive: true, mode: 0o700});
		fs.copyFileSync(source, copy);
	}

	return copy;
}

const subcommand = cli.input[0] === 'check' || cli.input[0] === 'stats' ? cli.input[0] : undefined;
if (subcommand !== undefined) {
	// Non-interactive: no terminal needed, the same checks and statistics as the screen's.
	if (cli.input.length !== 2) {
		fail(`usage: ner-review ${subcommand} FILE`);
	}

	const options = {tagColumn: cli.flags.tagColumn, scheme: parseScheme(cli.flags.scheme)};
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

	const {runCheck} = await import('./source/commands/check.js');
	const {runStats} = await import('./source/commands/stats.js');
	process.exitCode = subcommand === 'check' ? runCheck(cli.input[1]!, options, print) : runStats(cli.input[1]!, {...options, json: cli.flags.json}, print);
} else {
	await runInteractive();
}

async function runInteractive() {
	if (cli.input.length > 1) {
		fail('give one FILE at most (see --help)');
	}

	if (cli.flags.tagColumn !== undefined && (!Number.isInteger(cli.flags.tagColumn) || cli.flags.tagColumn < 2)) {
		fail('--tag-column takes a column number of 2 or more (column 1 is the token)');
	}

	const scheme = parseScheme(cli.flags.scheme);
	if (cli.input[0] === undefined && !process.stdin.isTTY) {
		// Checked before the demo is copied, so that nothing is left behind.
		fail('stdin is not a terminal: ner-review is interactive (run it in a terminal)');
	}

	const file = cli.input[0] ?? demoCopy();
	const labels = cli.flags.labels?.split(',').map(label => label.trim()).filter(label => label !== '');

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
		indexer = openIndexer(bytes, {tagColumn: cli.flags.tagColumn, scheme});
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
	const session = new Session(indexer.corpus, {file, output: cli.flags.output, backup: cli.flags.backup});
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
