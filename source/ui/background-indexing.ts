/**
The rest of a large file, indexed behind the screen. The slices between frames read it, and for a
file worth it the index worker reads its second part on the other core meanwhile
(review/parallel-index.ts): the slices then read up to where that part starts, the first pass of
the analysis reads their sentences while they wait, and the worker's part, once it arrived, is
renumbered in steps and appended. When the worker failed, or its part cannot be appended, the
slices read on by themselves, and find whatever is malformed as they would without it.
*/
import {ArrivedPart, type Indexer, type Session} from '../corpus/index.js';
import {analysisFor, foundInPart, type IndexHelper, partAfter} from '../review/index.js';
import {trace} from '../trace.js';

/**
Bytes one step of indexing reads before it looks at the clock. A step of 256 KB took 12 to 40 ms in
the first second of a session (code not yet optimized, a scavenge inside it), where a slice while
keys come has 3 ms; with 32 KB, 7 interleaved sessions on the 10M seed file each way: the first ten
keys' slowest 26 to 36 ms (median 31) against 33 to 44 ms (39), the keys while the analysis runs
p95 5 to 11 ms against 5 to 12 ms (median 6.4 against 10.3), the whole index as soon.
*/
const indexingStepBytes = 32 * 1024;

export class BackgroundIndexing {
	private readonly helper: IndexHelper | undefined;
	private arrivedPart: ArrivedPart | undefined;

	/**
	`helper`, the index worker (started by the runner once the first frame is drawn), is given the
	file's second part when the file has a sentence boundary after the slices' share, and closed
	otherwise. `workerMoved` is told of each window the worker reads and of its end.
	*/
	constructor(
		readonly indexer: Indexer,
		private readonly session: Session,
		helper: IndexHelper | undefined,
		workerMoved: () => void,
	) {
		const {corpus} = session;
		const start = helper === undefined ? undefined : partAfter(corpus.bytes, corpus.format, indexer.offset);
		if (helper === undefined || start === undefined) {
			helper?.close();
			return;
		}

		indexer.holdAt(start);
		this.helper = helper;
		helper.onChange = () => {
			if (helper.outcome !== 'indexing') {
				trace.mark('index-worker', {outcome: helper.outcome, failure: helper.failure, slicesRead: indexer.offset});
			}

			workerMoved();
		};
		// Without the part's mentions: read by the worker as it indexes (as `check` has it do, part-first-pass.ts),
		// they made the whole index 0.5 s later on the 10M files (1.6 to 1.75 s against 1.0 to 1.3 s, over
		// its 1.5 s target) for an analysis ready 0.1 to 0.2 s sooner (3 sessions each, interleaved, the
		// slices' first pass riding too); with the slices not riding, or the file cut in half, no sooner.
		helper.begin(corpus.bytes, corpus.format, start, false);
	}

	/**
	Whether the first pass may ride on the slices' indexing. Not with the worker: riding made the
	slices the slower part by far (10 of their 39 MB read when the worker had read its 58); the
	first pass reads their sentences while they wait for the worker's part instead.
	*/
	get firstPassRides(): boolean {
		return this.helper === undefined;
	}

	/** What became of the worker, for the trace: undefined without one. */
	get workerOutcome(): IndexHelper['outcome'] | undefined {
		return this.helper?.outcome;
	}

	/** The worker still reads its part, and the slices have nothing to do meanwhile: they can stop until it moves. */
	get waiting(): boolean {
		return this.indexer.held && this.helper?.outcome === 'indexing' && !analysisFor(this.session).canReadIndexed;
	}

	/** Share of the file read, 0 to 1: both parts, while the worker reads the second. */
	get progress(): number {
		const {helper, indexer} = this;
		const {length} = this.session.corpus.bytes;
		return helper?.outcome === 'indexing' && length > 0 ? (indexer.offset + helper.bytesRead) / length : indexer.progress;
	}

	/** One step, until `deadline` at most; returns whether the file is indexed. */
	step(deadline: number): boolean {
		const {helper, indexer} = this;
		if (helper !== undefined && this.arrivedPart === undefined) {
			const built = helper.take()?.built;
			this.arrivedPart = built === undefined ? undefined : new ArrivedPart(built, this.session.corpus.tags);
		}

		if (!indexer.held) {
			const done = indexer.step(indexingStepBytes);
			if (!done && performance.now() < deadline) {
				this.arrivedPart?.renumber(deadline);
			}

			return done;
		}

		if (helper?.outcome === 'indexing') {
			analysisFor(this.session).readIndexed(deadline);
			return false;
		}

		if (helper === undefined || (this.arrivedPart !== undefined && !this.arrivedPart.renumber(deadline))) {
			return false;
		}

		const started = performance.now();
		const part = this.arrivedPart;
		const {sentenceCount, tokenCount} = indexer.corpus;
		const refused = part === undefined ? helper.failure ?? helper.outcome : indexer.adopt(part);
		this.arrivedPart = undefined;
		const found = refused === undefined ? foundInPart(part!, undefined) : undefined;
		if (found !== undefined) {
			analysisFor(this.session).useIndexedPart(sentenceCount, tokenCount, found);
		}

		trace.mark('index-adopted', {took: Math.round(performance.now() - started), refused});
		if (refused !== undefined) {
			indexer.holdAt(undefined);
			return false;
		}

		return true;
	}

	/** Ends the worker (the file is indexed, or the app is closing). */
	close(): void {
		this.helper?.close();
	}
}
