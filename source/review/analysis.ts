/**
The session's whole-corpus analysis, for the screen: one CorpusAnalysis per session, told of every
edit, undo and redo through the session's listener, so that problems, consistency and statistics
after an edit re-read only the edited sentences instead of the corpus.

`analysisFor` gives the analysis without building it (the screen runs `step` between frames and
reads `ready` and `progress`); `analysisOf` builds what is left at once, for callers that cannot
wait.
*/
import type {EditRecord, Session, SessionEvent} from '../corpus/index.js';
import type {Problem} from './checks.js';
import type {ConsistencyIndex} from './consistency.js';
import {CorpusAnalysis} from './corpus-analysis.js';
import {formatStatistics} from './statistics.js';

export type Analysis = {
	readonly engine: CorpusAnalysis;
	readonly index: ConsistencyIndex;
	/** Sentences with a problem, ascending. */
	readonly sentences: Uint32Array;
	/** Problems of a sentence that has any. */
	readonly bySentence: {get(sentence: number): readonly Problem[] | undefined};
	/** The statistics as printed lines. */
	statisticsLines(): readonly string[];
};

type Attached = {
	engine: CorpusAnalysis;
	/** The history's revision the engine has been told about: each edit, undo and redo adds one. */
	revision: number;
	statistics?: {version: number; lines: string[]};
};

const attached = new WeakMap<Session, Attached>();

/**
Above this many tokens, building the analysis, or taking in an edit that changes a string's verdict
(a search of the whole file), takes long enough to be kept out of the frame that answers a key.
*/
export const slowAnalysisTokens = 500_000;

/**
Whether the analysis holds edits it takes in only when the keys pause: at scale, reading it now
could mean a search of the whole file in the frame that answers a key, so it is not read until then.
*/
export function editsWaitForPause(session: Session): boolean {
	return session.corpus.tokenCount > slowAnalysisTokens && hasAnalysis(session) && analysisFor(session).hasPendingEdits;
}

/**
The session's analysis, created (not built) on first use and told of every change of the tags
from then on. The session has one `listener` slot, which the journal also sets: the analysis keeps
its place in it whoever sets it later (a setter chains the newcomer before it). A change it was
still not told of is noticed by the history's revision, and the analysis is started again rather
than left wrong.
*/
export function analysisFor(session: Session): CorpusAnalysis {
	let state = attached.get(session);
	if (state !== undefined && state.revision !== session.history.revision) {
		state = undefined;
	}

	if (state === undefined) {
		const fresh: Attached = {engine: new CorpusAnalysis(session.corpus), revision: session.history.revision};
		if (!attached.has(session)) {
			hook(session);
		}

		attached.set(session, fresh);
		state = fresh;
	}

	return state.engine;
}

/**
Edits applied to the history without the session's listener (a recovery replays a journal): the
analysis takes them in as it does an edit, rather than noticing the revision and starting again (a
whole rebuild in the background, seconds at 10M tokens).
*/
export function noteReplayedEdits(session: Session, records: readonly EditRecord[]): void {
	const state = attached.get(session);
	if (state !== undefined && state.revision + records.length === session.history.revision) {
		for (const record of records) {
			state.engine.noteChanges(record.changes, 'forward');
		}

		state.revision = session.history.revision;
	}
}

/** Puts the analysis in the session's listener slot, after whatever listener is set there now or later. */
function hook(session: Session) {
	let other = session.listener;
	const listener = (event: SessionEvent) => {
		other?.(event);
		const state = attached.get(session);
		if (event.kind !== 'saved' && state !== undefined) {
			state.engine.noteChanges(event.record.changes, event.kind === 'undo' ? 'backward' : 'forward');
			state.revision++;
		}
	};

	Object.defineProperty(session, 'listener', {
		configurable: true,
		enumerable: true,
		get: () => listener,
		set(value: Session['listener']) {
			other = value;
		},
	});
}

/** Whether the analysis answers at once (built; edits since are applied on the way). */
export function hasAnalysis(session: Session): boolean {
	return analysisFor(session).ready;
}

/** The analysis, finishing what is left of its build first. */
export function analysisOf(session: Session): Analysis {
	const engine = analysisFor(session);
	engine.run();
	const state = attached.get(session)!;
	return {
		engine,
		index: {
			occurrences: text => engine.occurrences(text),
			summary: text => engine.summary(text),
		},
		sentences: engine.problemSentences(),
		bySentence: {
			get(sentence) {
				const problems = engine.problemsOf(sentence);
				return problems.length === 0 ? undefined : problems;
			},
		},
		statisticsLines() {
			if (state.statistics?.version !== engine.version) {
				state.statistics = {version: engine.version, lines: formatStatistics(engine.statistics()).split('\n')};
			}

			return state.statistics.lines;
		},
	};
}
