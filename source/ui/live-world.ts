/**
The world the reducer reads, over the live session: its corpus and history, the review's marks, the
second opinion, the ranked queue and the whole-corpus analysis when it may be read in a frame.
Read-only: the effect runner (effects.ts) is what changes any of them.
*/
import type {Session} from '../corpus/index.js';
import {analysisFor, analysisOf, hasAnalysis, slowAnalysisTokens, type Review} from '../review/index.js';
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
			return review?.notKept;
		},
		marks: review?.marks,
		analysis() {
			if (!hasAnalysis(session)) {
				return undefined;
			}

			// At scale an edit can cost a search of the whole file (a string whose verdict changed): not in
			// the frame that answers the key. The runner applies it once the keys pause (settleLater).
			if (session.corpus.tokenCount > slowAnalysisTokens && analysisFor(session).hasPendingEdits) {
				return undefined;
			}

			return analysisOf(session);
		},
		get analysisIsSlow() {
			return session.corpus.tokenCount > slowAnalysisTokens;
		},
	};
}
