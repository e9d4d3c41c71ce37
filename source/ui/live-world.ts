/**
The world the reducer reads, over the live session: its corpus and history, the review's marks, the
second opinion, the ranked queue and the whole-corpus analysis when it may be read in a frame.
Read-only: the effect runner (effects.ts) is what changes any of them.
*/
import type {Session} from '../corpus/index.js';
import {analysisOf, editsWaitForPause, hasAnalysis, slowAnalysisTokens, type Review} from '../review/index.js';
import type {QueueView} from './problem-queue.js';
import type {SecondOpinion} from './second-opinion.js';
import type {World} from './state/world.js';

/** The read-only world the reducer sees, over a session, its review, a second opinion and the ranked queue. */
export function worldOf(session: Session, review?: Review, second?: SecondOpinion, queue?: () => QueueView | undefined): World {
	return {
		second,
		queue: () => queue?.(),
		get corpus() {
			return session.corpus;
		},
		history: session.history,
		file: session.options.file,
		get dirty() {
			return session.dirty;
		},
		get readOnly() {
			return session.readOnly;
		},
		get notKept() {
			// A journal stopped by a full disk too: its message goes with the next key, the mark stays until a save.
			return review?.notKept ?? review?.journalProblem;
		},
		marks: review?.marks,
		analysis() {
			// Edits it takes in once the keys pause (the runner's settleLater) keep it unread until then.
			return hasAnalysis(session) && !editsWaitForPause(session) ? analysisOf(session) : undefined;
		},
		get analysisIsSlow() {
			return !session.corpus.complete || session.corpus.tokenCount > slowAnalysisTokens;
		},
	};
}
