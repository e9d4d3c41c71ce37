/**
The one place that changes the world for the screen: it performs the effects the reducer asks for
(edits through the Session, saves, review marks, the journal, the whole-corpus analysis) and the
background work (indexing a large file in slices, restoring the review, keeping the sidecar's
position), and reports every outcome back as an action. The reducer stays a pure function; this
runner is where disk, time and the event loop come in.
*/
import {typesByFrequency, type EditRecord, type Indexer, type Session} from '../corpus/index.js';
import {analysisOf, hasAnalysis} from '../review/analysis.js';
import type {Review} from '../review/review.js';
import {trace} from '../trace.js';
import type {Action, Effect} from './state/actions.js';
import type {State} from './state/state.js';
import type {World} from './state/world.js';
import type {SecondOpinion} from './second-opinion.js';

/** Above this many tokens the analysis takes long enough (seconds) to say so on screen first. */
const slowAnalysisTokens = 500_000;
/** How long the sidecar waits after the last change before it is written. */
const sidecarDelayMs = 500;
/** Time one indexing slice may hold the event loop, so keys still answer within a frame. */
const indexSliceMs = 8;
/** How often the indexing progress is redrawn: a frame costs as much as a slice. */
const progressRedrawMs = 150;

/** The read-only world the reducer sees, over a session, its review and a second opinion. */
export function worldOf(session: Session, review?: Review, second?: SecondOpinion): World {
	return {
		second,
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
		analysis: () => (hasAnalysis(session) ? analysisOf(session) : undefined),
		get analysisIsSlow() {
			return session.corpus.tokenCount > slowAnalysisTokens;
		},
	};
}

export type RunnerHooks = {
	/** Feeds an outcome back to the store. */
	readonly dispatch: (action: Action) => void;
	/** Ends the app (Ink's exit). */
	readonly exit: () => void;
	/** Background indexing found the file malformed. */
	readonly onFatal?: (error: unknown) => void;
};

export class EffectRunner {
	private sidecarTimer: NodeJS.Timeout | undefined;
	private stopped = false;

	constructor(
		private readonly session: Session,
		private readonly review: Review | undefined,
		private readonly hooks: RunnerHooks,
		private readonly second?: SecondOpinion,
	) {
		if (review !== undefined) {
			// A full disk stopping the journal, a lock lost: said on the status line when it happens.
			review.onNotice = text => {
				hooks.dispatch({type: 'notice', text});
			};
		}
	}

	run(effect: Effect): void {
		const {session, review, hooks} = this;
		switch (effect.type) {
			case 'apply-edit': {
				this.compareAgain(session.apply(effect.edit));
				break;
			}

			case 'undo-edit': {
				this.compareAgain(session.undo());
				break;
			}

			case 'redo-edit': {
				this.compareAgain(session.redo());
				break;
			}

			case 'set-mark': {
				if (effect.mark === 'reviewed') {
					review?.setReviewed(effect.sentence, effect.on);
				} else {
					review?.setFlagged(effect.sentence, effect.on);
				}

				break;
			}

			case 'save': {
				hooks.dispatch({type: 'saved', result: session.save(), then: effect.then});
				break;
			}

			case 'write': {
				hooks.dispatch({type: 'written', result: session.saveAs(effect.path)});
				break;
			}

			case 'recover': {
				const recovery = review?.pendingRecovery().recovery;
				const message = recovery === undefined || review === undefined ? 'nothing left to recover' : review.recover(recovery);
				hooks.dispatch({type: 'recovered', message, ...session.history.counts});
				break;
			}

			case 'discard-recovery': {
				review?.startJournal(true);
				break;
			}

			case 'analyse': {
				const build = () => {
					analysisOf(session);
					hooks.dispatch({type: 'analysis-ready', then: effect.then});
				};

				if (session.corpus.tokenCount > slowAnalysisTokens) {
					// Let the frame that says why the screen waits be drawn first.
					setTimeout(build, 50);
				} else {
					build();
				}

				break;
			}

			case 'exit': {
				this.stop();
				hooks.exit();
				break;
			}
		}
	}

	/**
	Starts the background work once the screen is up: indexing the rest of a large file and reading
	the second opinion in slices between frames, then restoring the review (marks, position, the
	journal of a session that died).
	*/
	start(indexer: Indexer | undefined, fixedLabels: readonly string[] | undefined): void {
		const {corpus} = this.session;
		const {second} = this;
		let indexed = indexer === undefined || corpus.complete;
		if (indexed) {
			this.restoreReview();
		}

		if (indexed && (second === undefined || second.disagreements.complete)) {
			return;
		}

		let shownAt = performance.now();
		const slice = () => {
			if (this.stopped) {
				return;
			}

			try {
				const deadline = performance.now() + indexSliceMs;
				while (performance.now() < deadline && !(indexed && (second === undefined || second.disagreements.complete))) {
					if (!indexed) {
						indexed = indexer!.step(256 * 1024);
						if (indexed) {
							trace.mark('indexed', {sentences: corpus.sentenceCount, tokens: corpus.tokenCount});
							this.hooks.dispatch({type: 'corpus-grew', labels: fixedLabels === undefined ? typesByFrequency(corpus) : undefined, complete: true});
							this.restoreReview();
						}
					}

					if (second !== undefined) {
						second.reader.step(128 * 1024);
						second.disagreements.step(2000);
					}
				}

				if (indexed && (second === undefined || second.disagreements.complete)) {
					this.hooks.dispatch({type: 'compare-progress'});
					return;
				}

				if (performance.now() - shownAt > progressRedrawMs) {
					shownAt = performance.now();
					this.hooks.dispatch(indexed ? {type: 'compare-progress'} : {type: 'indexing-progress', progress: indexer!.progress});
				}

				setImmediate(slice);
			} catch (error) {
				this.hooks.onFatal?.(error);
			}
		};

		setImmediate(slice);
	}

	/** Compare mode: the sentences an edit (or its undo) touched are compared with the other side again. */
	private compareAgain(record: EditRecord | undefined): void {
		if (this.second === undefined || record === undefined) {
			return;
		}

		const {corpus} = this.session;
		const sentences = new Set(record.changes.map(change => corpus.sentenceOf(change.token)));
		for (const sentence of sentences) {
			this.second.disagreements.refresh(sentence);
		}
	}

	/** After every state change: the review remembers the position, and the sidecar is written a moment later. */
	followState(state: State): void {
		if (this.review === undefined || this.stopped) {
			return;
		}

		this.review.moveTo({sentence: state.sentence, token: state.token});
		clearTimeout(this.sidecarTimer);
		this.sidecarTimer = setTimeout(() => {
			this.review?.flush();
		}, sidecarDelayMs);
	}

	/** No more background work (the app is exiting or unmounted). */
	stop(): void {
		this.stopped = true;
		clearTimeout(this.sidecarTimer);
	}

	/** Review state needs the whole corpus: restored once indexing is done. */
	private restoreReview(): void {
		const {review} = this;
		if (review === undefined) {
			return;
		}

		const {position, message} = review.restore();
		const {recovery, problem} = review.pendingRecovery();
		if (recovery === undefined) {
			review.startJournal(true);
		}

		const pending = recovery === undefined ? undefined : {edits: recovery.pendingEdits, matching: recovery.recoverable, unmatchedLines: recovery.unmatchedLines};
		this.hooks.dispatch({type: 'restore-review', position, message: problem ?? message, pending});
	}
}
