/**
The screen's ranked problem queue (issue 12), built in the background once the whole-corpus analysis
is ready: the `--reference` corpora are indexed and analysed in slices, the problems (the file's own
and those the references reveal) are ranked by their counts at once, then the tagger trains in a
worker thread and, when it is done, the queue is ranked again with its doubts and suggestions.

After an edit `e` skips the entries whose evidence the edit changed (their sentence no longer has
that problem, or the tagger's range no longer has the tags it doubted), in either order (`#` walks
the same entries by place in the file), and the queue is ranked again in the background once the
analysis has taken the edit in, with the tagger's last result: the problems an edit made (a wrong
number key) join it, and the reviewer's place is carried over (`carried`).
*/
import path from 'node:path';
import {CorpusError, type Corpus, type EditRecord, type Indexer, type Session} from '../corpus/index.js';
import {analysisFor, analysisOf, type CarriedQueue, carryQueue, CorpusAnalysis, editsWaitForPause, crossFileProblems, judgedTogether, type OtherCorpus, type Problem, rankSteps, type RankedQueue, startTraining, type TaggerResult, type TrainingHandle, minTaggerTokens, KeyGate} from '../review/index.js';

/** What the reducer reads of the queue. */
export type QueueView = {
	readonly entries: RankedQueue;
	/** Ranked with the tagger's doubts (false: by the checks' counts alone). */
	readonly withTagger: boolean;
	/** Whether the tagger is still training (a better ranking is coming). */
	readonly training: boolean;
	/** A ranking made again after edits: where the previous ranking's entries went, for the reviewer's place. */
	readonly carried?: CarriedQueue;
	/**
	The tokens of the problems the references reveal (as ranked): the file's own analysis does not
	have them, and an entry of one holds while its token is here (the next ranking after an edit
	finds them again).
	*/
	readonly crossFileTokens?: ReadonlySet<number>;
	/**
	What the references change in the file's problem counts, by kind (its own problems judged on every file's
	counts, plus those the references reveal), for the statistics (`%`), which count them as `stats --reference` does.
	*/
	readonly crossFileCounts?: {readonly inconsistent: number; readonly unlabelled: number};
};


type Reference = {readonly file: string; readonly indexer: Indexer; analysis?: CorpusAnalysis; failed?: boolean};

export type QueueEvents = {
	/** The queue was ranked (again). */
	readonly ranked: (view: QueueView) => void;
	/** The share of the training done (0 from the worker's start), undefined once it is over. */
	readonly training: (done: number | undefined) => void;
	/** Whether the tagger (wanted, or training) waits for a pause in the reviewer's keys. */
	readonly trainingWaits: (waits: boolean) => void;
	/** Something the reviewer should know: a malformed reference left out, the tagger unable to run. */
	readonly notice: (text: string, quiet?: boolean) => void;
	/** A ranking is under way: give the queue background slices (`step`) until `done`. */
	readonly wantsTime: () => void;
};

export class ProblemQueue {
	private view: QueueView | undefined;
	private readonly references: Reference[];
	private training: TrainingHandle | undefined;
	/** The tagger is to train once the keys are quiet. */
	private trainingWanted = false;
	/** The reviewer's keys hold the tagger's worker back (key-gate.ts). */
	private readonly keys = new KeyGate();
	private started = false;
	private stopped = false;
	/** What the screen was last told about the tagger waiting. */
	private saidWaiting = false;
	/** The ranking under way, in slices. */
	private ranking: {readonly steps: Generator<void, {queue: RankedQueue; carried?: CarriedQueue}>; readonly tagger?: TaggerResult; readonly version: number; readonly afterEdits: boolean; readonly crossFileTokens: ReadonlySet<number>; readonly crossFileCounts: QueueView['crossFileCounts']} | undefined;
	/** The tagger's last result, which a ranking after edits ranks with again. */
	private tagger: TaggerResult | undefined;
	/** An edit asked for a ranking after edits, which the next background slice starts. */
	private rankAgain = false;
	/** The tokens whose tags changed since the tagger (the last one to start) read the corpus, with the tag id each had then. */
	private readonly readTags = new Map<number, number>();

	constructor(
		private readonly session: Session,
		references: ReadonlyArray<{file: string; indexer: Indexer}>,
		private readonly events: QueueEvents,
	) {
		this.references = references.map(reference => ({...reference}));
		this.keys.onChange = typing => {
			this.saysWaiting(typing);
		};
	}

	/** Tells the screen whether the tagger waits, when that changes: only a training (wanted or under way) waits. */
	private saysWaiting(typing: boolean): void {
		const waits = typing && (this.trainingWanted || this.training !== undefined);
		if (waits !== this.saidWaiting) {
			this.saidWaiting = waits;
			this.events.trainingWaits(waits);
		}
	}

	get current(): QueueView | undefined {
		return this.view;
	}

	/** Whether the background part (references, a ranking) is done; training goes on in its worker. */
	get done(): boolean {
		return this.stopped || (this.started && this.ranking === undefined && !this.rankAgain);
	}

	/** A ranking waits for the analysis to take in the edits noted since (see stepRanking): no slices until then. */
	get waiting(): boolean {
		return this.ranking !== undefined && editsWaitForPause(this.session);
	}

	/**
	One slice of work once the analysis is ready: a reference indexed or analysed a little further, or,
	when they are all ready, the first ranking and the tagger's start. Returns when `deadline` passes.
	*/
	step(deadline: number): void {
		for (const reference of this.references) {
			if (reference.failed) {
				continue;
			}

			if (!reference.indexer.corpus.complete) {
				try {
					while (performance.now() < deadline && !reference.indexer.step(256 * 1024)) {}
				} catch (error) {
					// A reference is read-only help: a malformed one is left out, the review goes on.
					reference.failed = true;
					this.events.notice(`${error instanceof CorpusError ? error.describe(reference.file) : String(error)}: left out as a reference`);
				}

				return;
			}

			reference.analysis ??= new CorpusAnalysis(reference.indexer.corpus);
			if (!reference.analysis.ready) {
				reference.analysis.step(deadline);
				return;
			}
		}

		if (!this.started) {
			this.started = true;
			this.rank(undefined);
			this.train();
		}

		if (this.rankAgain && this.ranking === undefined) {
			this.rankAgain = false;
			this.rank(this.tagger, true);
		}

		this.stepRanking(deadline);
	}

	/** The background part at once (a small corpus whose key asked for the analysis: the queue is ready with it). */
	finish(): void {
		while (!this.done) {
			this.step(Number.POSITIVE_INFINITY);
		}
	}

	/** A key arrived: the tagger's worker waits until the keys are quiet. */
	keyPressed(): void {
		this.keys.keyPressed();
	}

	/** The key's work is done: the keys' quiet counts from now. */
	keyHandled(): void {
		this.keys.keyHandled();
	}

	/**
	An edit, an undo or a redo (a recovery's too): the queue is ranked again in the background slices,
	once the analysis has taken it in, so that the problems it made are walked. Only noted here: the
	key's own work stays as it was. A ranking under way starts again on its own when the analysis's
	version moves.
	*/
	edited(records: readonly EditRecord[], undone = false): void {
		for (const record of records) {
			for (const change of record.changes) {
				if (!this.readTags.has(change.token)) {
					this.readTags.set(change.token, undone ? change.after : change.before);
				}
			}
		}

		if (this.started && !this.stopped && this.ranking === undefined) {
			this.rankAgain = true;
			this.events.wantsTime();
		}
	}

	/** Ends the training (quitting). */
	stop(): void {
		this.stopped = true;
		this.keys.close();
		this.training?.cancel();
	}

	private usable(): Reference[] {
		return this.references.filter(reference => reference.failed !== true);
	}

	private others(): OtherCorpus[] {
		return this.usable().map(reference => ({name: path.basename(reference.file), analysis: reference.analysis!}));
	}

	/** Starts a ranking, done in slices by `step` (a large corpus has tens of thousands of problems). */
	private rank(tagger: TaggerResult | undefined, afterEdits = false): void {
		this.tagger = tagger ?? this.tagger;
		// A large corpus's analysis takes an edit in when the keys pause (see `waiting`): not here, on a key.
		const engine = editsWaitForPause(this.session) ? analysisFor(this.session) : analysisOf(this.session).engine;
		const others = this.others();
		const crossFileTokens = new Set<number>();
		// What the references change in the file's problem counts: its own problems judged on every file's counts
		// (some are no longer problems), plus those the references reveal; as `stats --reference` counts them.
		const crossFileCounts = {inconsistent: 0, unlabelled: 0};
		const kindOf = (problem: Problem) => (problem.kind === 'unlabelled-mention' ? 'unlabelled' : 'inconsistent');
		const own = (function * (): Generator<Problem> {
			for (const problem of engine.problems()) {
				if (problem.kind !== 'invalid-tag') {
					crossFileCounts[kindOf(problem)]--;
				}

				yield problem;
			}
		})();
		const problems = (function * (): Generator<Problem> {
			for (const problem of others.length === 0 ? engine.problems() : judgedTogether(own, engine, others)) {
				if (others.length > 0 && problem.kind !== 'invalid-tag') {
					crossFileCounts[kindOf(problem)]++;
				}

				yield problem;
			}

			for (const problem of crossFileProblems(engine, others)) {
				crossFileTokens.add(problem.token);
				crossFileCounts[problem.kind === 'unlabelled-mention' ? 'unlabelled' : 'inconsistent']++;
				yield problem;
			}
		})();
		const read = this.readTags;
		const ranked = rankSteps(this.session.corpus, problems, {tagger: this.tagger, indexes: [engine, ...others.map(other => other.analysis)], readTags: token => read.get(token)});
		const current = () => this.view?.entries;
		// After edits, the reviewer's place is carried from the ranking before, in steps too.
		const steps = (function * () {
			const queue = yield * ranked;
			const previous = current();
			return {queue, carried: afterEdits && previous !== undefined ? yield * carryQueue(previous, queue) : undefined};
		})();
		this.ranking = {steps, tagger: this.tagger, version: engine.version, afterEdits, crossFileTokens, crossFileCounts};
		this.events.wantsTime();
	}

	/** Ranks on until `deadline`; the view changes when the ranking is done. */
	private stepRanking(deadline: number): void {
		let {ranking} = this;
		while (ranking !== undefined && performance.now() < deadline) {
			const engine = analysisFor(this.session);
			if (this.waiting) {
				// Edits the analysis has not taken in yet (it does when the keys pause): reading its problems
				// now would take them in here, a search of the whole file at scale. The ranking waits.
				return;
			}

			if (engine.version !== ranking.version) {
				// An edit between two slices changed the problems being read: start again on the new ones.
				this.rank(ranking.tagger, ranking.afterEdits);
				ranking = this.ranking!;
			}

			const next = ranking.steps.next();
			if (next.done) {
				this.ranking = undefined;
				const {queue, carried} = next.value;
				this.view = {entries: queue, withTagger: ranking.tagger !== undefined, training: ranking.tagger === undefined && (this.training !== undefined || this.trainingWanted), crossFileTokens: ranking.crossFileTokens, crossFileCounts: ranking.crossFileCounts, ...(carried === undefined ? {} : {carried})};
				this.events.ranked(this.view);
				return;
			}
		}
	}

	private train(): void {
		const {corpus} = this.session;
		const referenceCorpora: Corpus[] = this.usable().map(reference => reference.indexer.corpus);
		const tokens = corpus.tokenCount + referenceCorpora.reduce((total, each) => total + each.tokenCount, 0);
		if (tokens < minTaggerTokens || this.stopped) {
			return;
		}

		this.trainingWanted = true;
		this.saysWaiting(this.keys.closed);

		this.keys.whenQuiet(() => {
			this.trainingWanted = false;
			if (!this.stopped) {
				this.startWorker(corpus, referenceCorpora);
			}
		});
	}

	private startWorker(corpus: Corpus, referenceCorpora: Corpus[]): void {
		// It reads the tags as they are now (an edit while it reads a large file starts it again).
		this.readTags.clear();
		this.training = startTraining(corpus, referenceCorpora, {keys: this.keys, onProgress: progress => {
			this.events.training(progress.done);
		}});
		// At once: the worker's first report comes after it has loaded and counted, and the header would say nothing meanwhile.
		this.events.training(0);
		if (this.view !== undefined) {
			this.view = {...this.view, training: true};
		}

		this.training.result.then(result => {
			this.training = undefined;
			if (this.view !== undefined) {
				this.view = {...this.view, training: false};
			}

			this.events.training(undefined);
			this.saysWaiting(false);
			if (this.stopped) {
				return;
			}

			if (result === undefined) {
				// Edited while the worker was still reading a large file: its labels would mix two versions.
				this.events.notice('the tagger reads the corpus again: it was edited while the tagger read it (e walks the checks\' ranking meanwhile)', true);
				this.train();
				return;
			}

			this.rank(result);
		}, (error: unknown) => {
			// The queue stays ranked by the checks; the review goes on without the tagger.
			this.training = undefined;
			if (this.view !== undefined) {
				this.view = {...this.view, training: false};
			}

			this.events.training(undefined);
			this.saysWaiting(false);
			this.events.notice(`the tagger could not run (${error instanceof Error ? error.message : String(error)}): e walks the problems ranked by the checks alone`);
		});
	}
}
