import chalk from 'chalk';
import {render} from 'ink';
import {CorpusError, type Indexer, type LayerReader, type Session} from '../corpus/index.js';
import type {Review} from '../review/review.js';
import {trace} from '../trace.js';
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
};

/**
Shows the app until the user quits. Resolves with a one-line error when background indexing found
the file malformed (the screen is closed by then). Loaded by cli.tsx only once the file is read,
so React and Ink load while the file is being read.
*/
export async function runApp({file, session, review, indexer, labels, compare}: RunOptions): Promise<string | undefined> {
	let fatal: string | undefined;
	const app = render(
		<App
			session={session}
			review={review}
			labels={labels}
			plain={prefersPlain(process.env, chalk.level)}
			indexer={indexer.corpus.complete ? undefined : indexer}
			compare={compare}
			notice={indexer.corpus.format.warning}
			onFatal={error => {
				fatal = error instanceof CorpusError ? error.describe(file) : String(error);
				app.unmount();
			}}
		/>,
		// Ink throttles frames to maxFps: a key arriving just after a frame waits up to 1000/maxFps ms
		// before its own. At 120 that wait stays under 9 ms, so a key is answered within a 16 ms frame
		// even during key repeat; a frame of this app costs about 5 ms to draw.
		{exitOnCtrlC: false, maxFps: 120, onRender: trace.frame},
	);
	await app.waitUntilExit();
	return fatal;
}
