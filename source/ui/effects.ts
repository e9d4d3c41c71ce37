/**
The one place that changes the world for the screen: it performs the effects the reducer asks for
(edits through the Session, saves, review marks, the journal, the whole-corpus analysis) and the
background work (indexing a large file in slices, restoring the review, keeping the sidecar's
position), and reports every outcome back as an action. The reducer stays a pure function; this
runner is where disk, time and the event loop come in.
*/
import {typesByFrequency, type Indexer, type Session} from '../corpus/index.js';
import {analysisFor, analysisOf, IndexHelper, reviewFilePaths, slowAnalysisTokens, wantsIndexHelper, type Review} from '../review/index.js';
import {restoredReview} from './restored-review.js';
import {trace} from '../trace.js';
import type {Action, Effect} from './state/actions.js';
import type {State} from './state/state.js';
import {BackgroundIndexing} from './background-indexing.js';
import {ProblemQueue} from './problem-queue.js';
import {compareAgain, type SecondOpinion} from './second-opinion.js';
import {progressRedrawMs, SliceScheduler, type FrameSource} from './slices.js';

/** How long the keys must pause before a large corpus's analysis takes the edits in. */
const settleDelayMs = 400;
/** How long the sidecar waits after the last change before it is written. */
const sidecarDelayMs = 500;

export type RunnerHooks = {
	/** Feeds an outcome back to the store. */
	readonly dispatch: (action: Action) => void;
	/** Ends the app (Ink's exit). */
	readonly exit: () => void;
	/** The app ends to open the file again on another tag column (1-based). */
	readonly reopen?: (tagColumn: number) => void;
	/** Background indexing found the file malformed. */
	readonly onFatal?: (error: unknown) => void;
	/** Frames on the terminal: background slices wait for a key's frame. */
	readonly frames?: FrameSource;
};

export class EffectRunner {
	private sidecarTimer: NodeJS.Timeout | undefined;
	private stopped = false;
	private settleTimer: NodeJS.Timeout | undefined;
	/** The rest of a large file, still being indexed in the background. */
	private indexing: BackgroundIndexing | undefined;
	private indexProgressShownAt = 0;
	private fixedLabels: readonly string[] | undefined;
	/** The background work's slices between frames. */
	private readonly slices: SliceScheduler;
	/** An action that asked for the analysis before it was built: it runs when the analysis is ready. */
	private waitingForAnalysis: Action | undefined;
	/** An action that asked for the whole index (a search, `:` N): it runs when the background indexing ends. */
	private waitingForIndex: Action | undefined;
	private analysisAnnounced = false;
	/** The screen is up and the background work begun (tests drive the runner without it). */
	private started = false;

	/** The ranked problem queue, built once the analysis is ready (references and the tagger included). */
	readonly queue: ProblemQueue;

	constructor(
		private readonly session: Session,
		private readonly review: Review | undefined,
		private readonly hooks: RunnerHooks,
		private readonly second?: SecondOpinion,
		references: ReadonlyArray<{file: string; indexer: Indexer}> = [],
	) {
		this.slices = new SliceScheduler({
			step: deadline => {
				this.backgroundSlice(deadline);
				if (!this.backgroundDone) {
					return false;
				}

				this.analysisReady();
				this.hooks.dispatch({type: 'compare-progress'});
				return true;
			},
			progress: () => {
				this.reportProgress();
			},
			failed: error => {
				this.hooks.onFatal?.(error);
			},
		}, hooks.frames);
		this.queue = new ProblemQueue(session, references, {
			ranked: view => {
				this.hooks.dispatch({type: 'queue-ranked', withTagger: view.withTagger});
			},
			training: done => {
				this.hooks.dispatch({type: 'training-progress', done});
			},
			trainingWaits: waits => {
				this.hooks.dispatch({type: 'training-waits', waits});
			},
			notice: (text, quiet) => {
				this.hooks.dispatch({type: 'notice', text, quiet});
			},
			wantsTime: () => {
				// The tagger's result arrives after the background work ended: rank it in slices again.
				if (this.started) {
					this.slices.run();
				}
			},
		});
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
			case 'apply-edit':
			case 'undo-edit':
			case 'redo-edit': {
				const record = effect.type === 'apply-edit' ? session.apply(effect.edit) : (effect.type === 'undo-edit' ? session.undo() : session.redo());
				compareAgain(this.second, session.corpus, record);
				this.settleLater();
				this.queue.edited(record === undefined ? [] : [record], effect.type === 'undo-edit');
				hooks.dispatch({type: 'tags-or-marks-changed'});
				break;
			}

			case 'set-mark': {
				if (effect.mark === 'reviewed') {
					review?.setReviewed(effect.sentence, effect.on);
				} else {
					review?.setFlagged(effect.sentence, effect.on, effect.note);
				}

				hooks.dispatch({type: 'tags-or-marks-changed'});
				break;
			}

			case 'save': {
				hooks.dispatch({type: 'saved', result: session.save(), then: effect.then});
				break;
			}

			case 'write': {
				hooks.dispatch({type: 'written', result: session.saveAs(effect.path, {replace: effect.replace, protect: reviewFilePaths(session.options.file)})});
				break;
			}

			case 'recover': {
				const recovery = review?.pendingRecovery().recovery;
				// Compare mode: the sentences the replayed edits changed are compared with the other side again, as after any edit.
				const message = recovery === undefined || review === undefined ? 'nothing left to recover' : review.recover(recovery, records => {
					for (const record of records) {
						compareAgain(this.second, session.corpus, record);
					}

					this.queue.edited(records);
				});
				hooks.dispatch({type: 'recovered', message, ...session.history.counts});
				break;
			}

			case 'discard-recovery': {
				review?.startJournal(true);
				break;
			}

			case 'await': {
				this[effect.until === 'index' ? 'awaitIndex' : 'awaitAnalysis'](effect.then);
				break;
			}

			case 'cancel-waits': {
				if (this.waitingForAnalysis !== undefined || this.waitingForIndex !== undefined) {
					this.waitingForAnalysis = undefined;
					this.waitingForIndex = undefined;
					hooks.dispatch({type: 'notice', text: 'cancelled: the key that waited will not run'});
				}

				break;
			}

			case 'exit': {
				this.stop();
				if (effect.reopen !== undefined) {
					hooks.reopen?.(effect.reopen.tagColumn);
				}

				hooks.exit();
				break;
			}
		}
	}

	/** Runs `then` once the whole file is indexed (the background indexing dispatches it when it ends); a later wait replaces it. */
	private awaitIndex(then: Action): void {
		this.waitingForIndex = this.session.corpus.complete ? undefined : then;
		if (this.waitingForIndex === undefined) {
			this.hooks.dispatch({type: 'ready', until: 'index', then});
		}
	}

	/** Runs `then` once the whole-corpus analysis is built: at once for a small corpus (indexed: none before) or a built one, else between frames. */
	private awaitAnalysis(then: Action): void {
		const {session} = this;
		const small = session.corpus.complete && session.corpus.tokenCount <= slowAnalysisTokens;
		if (small || analysisFor(session).ready) {
			// A small corpus is analysed in a blink: at once, as the key asked, and its queue ranked with
			// it. A large one is built: the edits noted since are applied now, as the key asked.
			analysisOf(session);
			if (small && this.started && this.indexing === undefined) {
				this.queue.finish();
			}

			this.hooks.dispatch({type: 'ready', until: 'analysis', then});
		} else {
			// The background work builds it between frames; the action runs when it is ready.
			this.waitingForAnalysis = then;
			this.slices.run();
		}
	}

	/**
	Starts the background work once the screen is up, in slices between frames so every key is
	answered within a frame: indexing the rest of a large file (then restoring the review: marks,
	position, the journal of a session that died), reading the second opinion, and building the
	whole-corpus analysis (problems, consistency, statistics), whose first pass rides on the indexing.
	*/
	start(indexer: Indexer | undefined, fixedLabels: readonly string[] | undefined): void {
		this.started = true;
		const {corpus} = this.session;
		this.fixedLabels = fixedLabels;
		// The session's analysis exists from the start, told of every edit (analysisFor).
		const analysis = analysisFor(this.session);
		if (indexer === undefined || corpus.complete) {
			this.restoreReview();
		} else {
			// A large file's index worker starts only now: started while the file was read or its first slice
			// indexed, it took the cores from the reads and the screen's loading (the first frame 25 to 40 ms
			// later, 100 ms in compare mode), for 30 to 60 ms gained on the whole index.
			const helper = wantsIndexHelper(corpus.bytes.length) ? new IndexHelper() : undefined;
			this.indexing = new BackgroundIndexing(indexer, this.session, helper, () => {
				this.indexWorkerMoved();
			});
			if (this.indexing.firstPassRides) {
				analysis.observe(indexer);
			}
		}

		this.slices.run();
	}

	/** The index worker read a window, or stopped: its progress is shown while the slices wait for it, and they go on when it stopped. */
	private indexWorkerMoved(): void {
		const {indexing} = this;
		if (this.stopped || indexing === undefined) {
			return;
		}

		if (indexing.workerOutcome !== 'indexing') {
			this.slices.run();
		} else if (indexing.waiting && performance.now() - this.indexProgressShownAt > progressRedrawMs) {
			this.indexProgressShownAt = performance.now();
			this.reportProgress();
		}
	}

	/** Whether any background work is left for now (the slices wait while the index worker reads). */
	private get backgroundDone(): boolean {
		const {second, indexing} = this;
		if (indexing !== undefined) {
			return indexing.waiting;
		}

		return (second === undefined || second.disagreements.complete) && analysisFor(this.session).ready && (this.queue.done || this.queue.waiting);
	}

	/** One slice of background work: indexing first, then the second opinion, then the analysis. */
	private backgroundSlice(deadline: number): void {
		const {session: {corpus}, second} = this;
		while (performance.now() < deadline && !this.backgroundDone) {
			if (this.indexing !== undefined) {
				if (this.indexing.step(deadline)) {
					this.indexing.close();
					trace.mark('indexed', {sentences: corpus.sentenceCount, tokens: corpus.tokenCount, slices: this.slices.slices, sliceMs: Math.round(this.slices.sliceMs), worker: this.indexing.workerOutcome});
					this.indexing = undefined;
					this.hooks.dispatch({type: 'corpus-grew', labels: this.fixedLabels === undefined ? typesByFrequency(corpus) : undefined, complete: true});
					this.restoreReview();
					if (this.waitingForIndex !== undefined) {
						this.awaitIndex(this.waitingForIndex);
					}
				}
			} else {
				const analysis = analysisFor(this.session);
				if (!analysis.ready && analysis.step(deadline)) {
					this.analysisReady();
				} else if (analysis.ready && !this.queue.done) {
					this.queue.step(deadline);
				}
			}

			if (second !== undefined && !second.disagreements.complete) {
				second.reader.step(128 * 1024);
				second.disagreements.step(2000);
			}
		}
	}

	/** The analysis is built: an action that waited for it runs now. */
	private analysisReady(): void {
		if (!analysisFor(this.session).ready) {
			return;
		}

		if (!this.analysisAnnounced) {
			this.analysisAnnounced = true;
			trace.mark('analysis-ready');
			this.hooks.dispatch({type: 'analysis-progress', progress: undefined});
		}

		const then = this.waitingForAnalysis;
		this.waitingForAnalysis = undefined;
		if (then !== undefined) {
			this.hooks.dispatch({type: 'ready', until: 'analysis', then});
		}
	}

	private reportProgress(): void {
		if (this.indexing !== undefined) {
			this.hooks.dispatch({type: 'indexing-progress', progress: this.indexing.progress});
			return;
		}

		const analysis = analysisFor(this.session);
		if (!analysis.ready) {
			this.hooks.dispatch({type: 'analysis-progress', progress: analysis.progress});
		} else {
			this.hooks.dispatch({type: 'compare-progress'});
		}
	}

	/** A key arrived: background slices are kept short for a while, the analysis waits to take in edits, and the tagger waits. */
	keyPressed(): void {
		this.slices.keyPressed();
		this.queue.keyPressed();
		if (this.settleTimer !== undefined) {
			this.settleLater();
		}
	}

	/**
	After an edit of a large corpus, the analysis takes the edit in once the keys pause (a burst of
	edits, or keys right after one, are answered first): the problems on screen then come back.
	*/
	private settleLater(): void {
		if (this.session.corpus.tokenCount <= slowAnalysisTokens) {
			return;
		}

		clearTimeout(this.settleTimer);
		this.settleTimer = setTimeout(() => {
			this.settleTimer = undefined;
			const engine = analysisFor(this.session);
			if (!this.stopped && engine.ready && engine.hasPendingEdits) {
				analysisOf(this.session);
				this.hooks.dispatch({type: 'analysis-progress', progress: undefined});
				// A ranking that waited for the edits goes on.
				this.slices.run();
			}
		}, settleDelayMs);
	}

	/** After every state change: the review remembers the position, and the sidecar is written a moment later. */
	followState(state: State): void {
		if (this.review === undefined || this.stopped) {
			return;
		}

		this.review.moveTo({sentence: state.sentence, token: state.token}, state.keyed === true && this.fixedLabels === undefined ? state.labels : undefined);
		clearTimeout(this.sidecarTimer);
		this.sidecarTimer = setTimeout(() => {
			this.review?.flush();
		}, sidecarDelayMs);
	}

	/** No more background work (the app is exiting or unmounted). */
	stop(): void {
		this.stopped = true;
		this.indexing?.close();
		this.slices.stop();
		this.queue.stop();
		clearTimeout(this.sidecarTimer);
		clearTimeout(this.settleTimer);
	}

	/** Review state needs the whole corpus: restored once indexing is done. */
	private restoreReview(): void {
		if (this.review !== undefined) {
			this.hooks.dispatch(restoredReview(this.review, this.fixedLabels === undefined));
		}
	}
}
