import chalk from 'chalk';
import {render} from 'ink';
import {CorpusError, type Indexer, type LayerReader, type Session} from '../corpus/index.js';
import type {Review} from '../review/index.js';
import {librariesReady} from '../libraries/ready.js';
import {trace} from '../trace.js';
import {holdYoungGeneration, youngGenerationBytes} from '../young-generation.js';
import type {OpenedReview, Reference} from '../cli/open-review.js';
import {frameSignal} from './slices.js';
import {redrawInk, takeTerminal, type Terminal} from './terminal.js';
import {App} from './views/App.js';
import {prefersPlain} from './views/display-context.js';

export type RunOptions = {
	readonly file: string;
	readonly session: Session;
	readonly review: Review;
	readonly indexer: Indexer;
	readonly labels?: readonly string[];
	/** Compare mode's other side (--compare, --compare-column), aligned as far as the file is indexed. */
	readonly compare?: LayerReader;
	/** Lines for the status line at start (read-only, a lock taken over, --output continuing, a review file set aside). */
	readonly notices?: readonly string[];
	/** The terminal's life cycle (terminal.ts): told how to redraw after `fg`. */
	readonly terminal?: Terminal;
	/** `--reference` corpora, indexed in the background. */
	readonly references?: readonly Reference[];
};

/** How the app ended: a one-line error when background indexing found the file malformed, or a tag column to open the file again on (`L`). */
export type AppEnding = {readonly fatal?: string; readonly reopen?: number};

/**
Shows the app until the user quits. Resolves with a one-line error when background indexing found
the file malformed (the screen is closed by then). Loaded by cli.tsx only once the file is read,
so React and Ink load while the file is being read.
*/
export async function runApp({file, session, review, indexer, labels, compare, notices = [], terminal, references = []}: RunOptions): Promise<AppEnding> {
	let fatal: string | undefined;
	let reopen: number | undefined;
	const notice = [indexer.corpus.format.warning, ...notices].filter(line => line !== undefined).join('; ');
	// The background's slices wait for a key's frame (slices.ts); Ink says when a frame is drawn.
	const {frames, drawn: frameDrawn} = frameSignal();
	const app = render(
		<App
			frames={frames}
			session={session}
			review={review}
			labels={labels}
			plain={prefersPlain(process.env, chalk.level)}
			indexer={indexer.corpus.complete ? undefined : indexer}
			compare={compare}
			references={references}
			notice={notice === '' ? undefined : notice}
			onFatal={error => {
				fatal = error instanceof CorpusError ? error.describe(file) : String(error);
				app.unmount();
			}}
			onReopen={tagColumn => {
				reopen = tagColumn;
			}}
		/>,
		// Ink throttles frames to maxFps: a commit less than 1000/maxFps ms after the previous frame is
		// drawn from a timer, after the background slices queued meanwhile. At 120 a key that came just
		// after a progress frame waited up to 9 ms for that timer; at 1000 the wait is 1 ms. Frames are
		// not more frequent for it: each answers a key or a background step (progress at most every 150 ms).
		{
			exitOnCtrlC: false,
			maxFps: 1000,
			onRender(metrics) {
				trace.frame(metrics);
				frameDrawn();
			},
		},
	);
	if (terminal !== undefined) {
		terminal.redraw = () => {
			redrawInk(process.stdout);
		};
	}

	await app.waitUntilExit();
	return {fatal, reopen};
}

/**
The review's life in the terminal: the alternate screen and the signal and crash handlers
(terminal.ts) around the app, the content hash started once the first frame is drawn, and the
terminal given back whatever happens. `L` ends one app to open the file again on another tag
column (`reopen`), in the same terminal. Resolves with a one-line error when background indexing
found the file malformed, or the file could not be opened again.
*/
export async function runReview(opened: OpenedReview, labels?: readonly string[], reopen?: (tagColumn: number) => Promise<OpenedReview>): Promise<string | undefined> {
	await librariesReady();
	let current = opened;
	let closed = false;
	const terminal = takeTerminal({
		stdin: process.stdin,
		stdout: process.stdout,
		stderr: process.stderr,
		file: opened.file,
		dirty: () => current.session.dirty,
		close(ended) {
			if (!closed) {
				current.review.close(ended, current.claim.lock);
			}

			trace.exit();
		},
	});
	let fatal: string | undefined;
	try {
		for (;;) {
			const {file, session, review, indexer, compare, notices, references} = current;
			// Ink draws the first frame synchronously: the content hash starts after it.
			const running = runApp({file, session, review, indexer, labels, compare, notices, terminal, references});
			// The start is over: what the young generation grew to is enough for the rest (young-generation.ts).
			if (holdYoungGeneration() && trace.enabled) {
				trace.mark('young-generation-held', {bytes: youngGenerationBytes()});
			}

			review.startHashing();
			// eslint-disable-next-line no-await-in-loop
			const ending = await running;
			fatal = ending.fatal;
			if (ending.reopen === undefined || reopen === undefined || fatal !== undefined) {
				break;
			}

			// Nothing is unsaved (the reducer asks for a save first): this session ends as after a quit.
			current.review.close(true, current.claim.lock);
			closed = true;
			try {
				// eslint-disable-next-line no-await-in-loop
				current = await reopen(ending.reopen);
				closed = false;
			} catch (error) {
				fatal = error instanceof Error ? error.message : String(error);
				break;
			}
		}
	} catch (error) {
		// An error in a component: Ink unmounts and rejects.
		terminal.crash(error);
	}

	if (fatal !== undefined && !closed) {
		// The file is malformed: nothing of this session stays beside it but unsaved edits.
		const kept = current.review.close(false, current.claim.lock, true);
		closed = true;
		fatal = kept === undefined ? fatal : `${fatal}; ${kept}`;
	}

	terminal.restore(fatal === undefined);
	return fatal;
}
