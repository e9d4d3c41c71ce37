/**
The whole-corpus analysis behind `e` (problems), `c` (consistency), `%` (statistics), `check` and
`stats`: which strings the corpus labels and how, and the problems that follow. Built in two
linear passes over the corpus, in slices (`step(deadline)`) so the screen can run it between
frames, and kept up to date after edits by re-reading only the edited sentences. This file runs
the phases and answers; the passes are in analysis-passes.ts, the counts and verdicts in
mention-counts.ts, the updates after edits in analysis-update.ts, and the problems as the
reviewer reads them in problem-reading.ts.

The problems are the ones `findProblems` reported before issue 17 (test/reference keeps that
implementation and the tests compare both on every shared corpus): the same list, messages and
order, and the same counts in the consistency view and the statistics.

Edits made while it runs or after are told with `noteChanges`; the analysis reads those sentences
as they were until it is built, then updates the counts and problems of the strings they touch
(`applyPending`, done by `step` and before any answer).
*/
import type {Corpus, Indexer, TagChange} from '../corpus/index.js';
import {AnalysisPasses} from './analysis-passes.js';
import {applyEdits} from './analysis-update.js';
import type {Problem} from './checks.js';
import {summarize, type Occurrences} from './consistency.js';
import {MentionCounts, type StringCounts} from './mention-counts.js';
import {RecordList} from './problem-records.js';
import type {OccurrenceHelper} from './parallel-occurrences.js';
import type {PartFound} from './part-mentions.js';
import {problemsAt, type SharedTexts} from './problem-reading.js';
import {PendingEdits} from './sentence-reader.js';
import {PlaceList} from './string-scan.js';
import type {CorpusStatistics} from './statistics.js';

export type {StringCounts} from './mention-counts.js';

export type AnalysisPhase = 'waiting for the index' | 'reading mentions' | 'matching occurrences' | 'ready';

/** Share of the build's time each pass takes, for the progress. */
const firstPassShare = 0.35;
/** Sentences processed between two looks at the clock. */
const sentencesPerCheck = 16;

export class CorpusAnalysis {
	private readonly counts: MentionCounts;
	private readonly passes: AnalysisPasses;
	/** Counts changed: answers cached on it are stale. Increases with every update. */
	version = 0;
	/**
	Sentences decoded so far, by the passes, the updates and the scans for one string: what an edit
	costs, in a unit a test can count (an update reads the edited sentences, not the corpus).
	*/
	get sentencesRead(): number {
		return this.counts.reader.sentencesRead;
	}

	private phase: AnalysisPhase = 'waiting for the index';
	private readonly pending = new PendingEdits();
	/** Next sentence of the current pass. */
	private next = 0;
	private records = new RecordList();
	/** Answers derived from the records, until they change. */
	private cachedSentences?: Uint32Array;
	/** The last string asked for by `occurrences`: the consistency view asks again at every key. */
	private cachedOccurrences?: {readonly text: string; readonly value: Occurrences};
	private cachedCounts?: [number, number, number];

	constructor(readonly corpus: Corpus) {
		this.counts = new MentionCounts(corpus);
		this.passes = new AnalysisPasses(corpus, this.counts, this.pending);
	}

	/** Everything is counted; edits made since are applied when asked (cheaply). */
	get ready(): boolean {
		return this.phase === 'ready';
	}

	get state(): AnalysisPhase {
		return this.phase;
	}

	/** Share of the work done, 0 to 1. */
	get progress(): number {
		const done = this.next / Math.max(1, this.corpus.sentenceCount);
		const shares: Record<AnalysisPhase, number> = {'waiting for the index': 0, 'reading mentions': firstPassShare * done, 'matching occurrences': firstPassShare + ((1 - firstPassShare) * done), ready: 1};
		return shares[this.phase];
	}

	/**
	Works until `deadline` (a `performance.now()` time) or the end, a batch of sentences at least;
	returns true when the analysis is ready with every edit applied. Does nothing until the corpus is
	fully indexed.
	*/
	step(deadline = Number.POSITIVE_INFINITY): boolean {
		if (this.phase === 'waiting for the index') {
			if (!this.corpus.complete) {
				return false;
			}

			// Sentences read while they were indexed (observe) are not read again.
			this.phase = 'reading mentions';
		}

		this.counts.roles.refresh();
		const count = this.corpus.sentenceCount;
		// At least one batch a call, so that a late caller still moves it on.
		for (let first = true; this.phase !== 'ready'; first = false) {
			if (!first && performance.now() >= deadline) {
				return false;
			}

			const stop = Math.min(count, this.next + sentencesPerCheck);
			if (this.phase === 'reading mentions') {
				while (this.next < stop) {
					this.next = this.passes.readFrom(this.next);
				}

				if (this.next === count) {
					this.phase = 'matching occurrences';
					this.next = 0;
				}
			} else {
				for (; this.next < stop; this.next++) {
					this.passes.matchOccurrences(this.next);
				}

				if (this.next === count) {
					this.finish();
				}
			}
		}

		this.applyPending();
		return true;
	}

	/**
	Builds it all now (check, stats, tests); with `helper`, a worker thread matches the occurrences
	of the second half of the sentences meanwhile (parallel-occurrences.ts).
	*/
	run(helper?: OccurrenceHelper): this {
		if (!this.corpus.complete) {
			throw new Error('the corpus is not fully indexed yet');
		}

		if (helper !== undefined && this.pending.size === 0 && (this.phase === 'waiting for the index' || this.phase === 'reading mentions')) {
			this.counts.roles.refresh();
			this.passes.runWith(helper, this.next);
			this.phase = 'matching occurrences';
			this.next = this.corpus.sentenceCount;
		}

		this.step();
		return this;
	}

	/**
	Tells the analysis of tag changes already applied to the corpus: `forward` for an edit or a redo,
	`backward` for an undo (the changes of the record undone).
	*/
	noteChanges(changes: readonly TagChange[], direction: 'forward' | 'backward'): void {
		for (const change of changes) {
			if (!this.pending.before.has(change.token)) {
				this.pending.before.set(change.token, direction === 'forward' ? change.before : change.after);
				this.pending.sentences.add(this.corpus.sentenceOf(change.token));
			}
		}
	}

	/** Edits noted and not yet applied. */
	get hasPendingEdits(): boolean {
		return this.pending.size > 0;
	}

	// ---- Answers (each needs `ready`; edits noted are applied first) ----

	/** Sentences with a problem, ascending. */
	problemSentences(): Uint32Array {
		this.settle();
		if (this.cachedSentences === undefined) {
			const sentences: number[] = [];
			const {records} = this;
			for (let i = 0; i < records.length; i++) {
				const sentence = records.sentences[i]!;
				if (sentences.at(-1) !== sentence) {
					sentences.push(sentence);
				}
			}

			this.cachedSentences = Uint32Array.from(sentences);
		}

		return this.cachedSentences;
	}

	/** The problems of one sentence, in order (empty when it has none). */
	problemsOf(sentence: number): Problem[] {
		this.settle();
		const {records} = this;
		const start = records.firstOfSentence(sentence);
		let end = start;
		while (end < records.length && records.sentences[end] === sentence) {
			end++;
		}

		return problemsAt(this.records, start, end, this.corpus, this.counts);
	}

	/** Every problem in file order, made as it is read (a 10M-token corpus's list is never held as objects). */
	* problems(): Generator<Problem> {
		this.settle();
		const {records} = this;
		const shared: SharedTexts = new Map();
		let start = 0;
		while (start < records.length) {
			const sentence = records.sentences[start]!;
			let end = start;
			while (end < records.length && records.sentences[end] === sentence) {
				end++;
			}

			yield * problemsAt(records, start, end, this.corpus, this.counts, shared);
			start = end;
		}
	}

	/** How many problems of each kind. */
	problemCounts(): {invalidTags: number; inconsistent: number; unlabelled: number} {
		this.settle();
		if (this.cachedCounts === undefined) {
			const counts: [number, number, number] = [0, 0, 0];
			for (let i = 0; i < this.records.length; i++) {
				counts[this.records.kind(i)]++;
			}

			this.cachedCounts = counts;
		}

		const [invalidTags, inconsistent, unlabelled] = this.cachedCounts;
		return {invalidTags, inconsistent, unlabelled};
	}

	/** What the corpus does with `text` (tokens joined by single spaces), or undefined when it never labels it. */
	countsOf(text: string): StringCounts | undefined {
		this.settle();
		const {strings} = this.counts;
		const id = strings.findBytes(Buffer.from(text));
		if (id === -1 || strings.labelled[id] === 0) {
			return undefined;
		}

		return this.counts.countsOf(id, text);
	}

	/** `Linux: Application x108, Operating_System x21, O x40`, most frequent first. */
	summary(text: string): string {
		const counts = this.countsOf(text);
		return summarize(text, {byType: new Map(counts?.types.map(({type, count}) => [type, count])), unlabelled: counts?.unlabelled ?? 0, places: []});
	}

	/**
	Counts and every place of `text`, in corpus order. The places are found now, by a byte search for
	the string (tens of milliseconds for a common one in a 100 MB file), not kept for every string.
	*/
	occurrences(text: string): Occurrences {
		this.settle();
		if (this.cachedOccurrences?.text === text) {
			return this.cachedOccurrences.value;
		}

		const value = this.findOccurrences(text);
		this.cachedOccurrences = {text, value};
		return value;
	}

	private findOccurrences(text: string): Occurrences {
		const id = this.counts.strings.findBytes(Buffer.from(text));
		return id === -1 || this.counts.strings.labelled[id] === 0 ? {byType: new Map(), unlabelled: 0, places: []} : this.counts.occurrences(id);
	}

	/**
	The places of `text` for the consistency view, found in slices (`step(deadline)`, `progress`) and
	kept compact: a string that occurs 400,000 times does not stop the screen or fill the memory.
	Its counts are at hand at once (`countsOf`). Reads the current tags: make another after an edit.
	*/
	placesOf(text: string): PlaceList {
		this.settle();
		return new PlaceList(this.corpus, this.counts.reader, Buffer.from(text), this.counts.types.names);
	}

	/** Every labelled string with its counts, in order of first mention (for a ranking). */
	* labelledStrings(): Generator<StringCounts> {
		this.settle();
		const {counts} = this;
		const {strings} = counts;
		const ids = [];
		for (let id = 0; id < strings.count; id++) {
			if (strings.labelled[id]! > 0) {
				ids.push(id);
			}
		}

		ids.sort((a, b) => counts.firstMentionOf(a) - counts.firstMentionOf(b));
		for (const id of ids) {
			yield counts.countsOf(id);
		}
	}

	/** The statistics of the corpus as it is now. */
	statistics(): CorpusStatistics {
		this.settle();
		return this.counts.statistics(this.problemCounts());
	}

	/** Bytes held by the analysis's tables (not counting V8's own overhead), for the memory budget. */
	get byteSize(): number {
		return this.counts.strings.byteSize + this.records.byteSize + this.passes.byteSize;
	}

	// ---- The passes ----

	/**
	Reads each sentence's mentions as the indexer indexes it, so that the first pass reads only the
	lines of entities instead of walking every line again (the line offsets come from the indexer).
	Best called before the indexer's first step; the sentences indexed before are read at once (the
	screen's first slice: a few hundred).
	*/
	observe(indexer: Indexer): void {
		if (indexer.corpus !== this.corpus || !this.readsEarly) {
			return;
		}

		this.readIndexed(Number.POSITIVE_INFINITY);
		indexer.observer = (sentence, lineStarts, count) => {
			if (sentence === this.next && this.phase === 'waiting for the index') {
				this.counts.roles.refresh();
				this.passes.readMentions(sentence, lineStarts, count);
				this.next++;
			}
		};
	}

	/** Whether pass 1 may read sentences before the file is indexed: not when the scheme may change at its end (IO, guessed, which a later `B-` makes IOB1). */
	get readsEarly(): boolean {
		const {format} = this.corpus;
		return this.phase === 'waiting for the index' && !this.corpus.complete && !(format.scheme === 'IO' && !format.schemeGiven);
	}

	/** Pass 1 of the index worker's part, from `firstSentence` on: the mentions it read, or its tokens' line offsets to read them from (parallel-index.ts). */
	useIndexedPart(firstSentence: number, firstToken: number, found: PartFound): void {
		this.passes.usePart(firstSentence, firstToken, found);
	}

	/** Whether `readIndexed` has sentences to read. */
	get canReadIndexed(): boolean {
		return this.readsEarly && this.next < this.corpus.sentenceCount;
	}

	/** Pass 1 on the sentences indexed so far, until `deadline` (while the screen waits for the index worker: parallel-index.ts). */
	readIndexed(deadline: number): void {
		this.counts.roles.refresh();
		while (this.canReadIndexed && performance.now() < deadline) {
			const stop = Math.min(this.corpus.sentenceCount, this.next + sentencesPerCheck);
			for (; this.next < stop; this.next++) {
				this.passes.readMentions(this.next);
			}
		}
	}

	private finish() {
		this.records = this.passes.finish();
		this.phase = 'ready';
		this.changed();
	}

	// ---- Updates after edits ----

	/** Applies the edits noted so far, if the analysis is built. */
	private settle() {
		if (this.phase !== 'ready') {
			throw new Error(`the analysis is not ready (${this.phase}): run step() until it returns true`);
		}

		this.applyPending();
	}

	/** Updates the counts and problems for the edits noted (see analysis-update.ts). */
	private applyPending() {
		if (this.pending.size === 0 || this.phase !== 'ready') {
			return;
		}

		this.records = applyEdits(this.corpus, this.counts, this.pending, this.records);
		this.changed();
	}

	private changed() {
		this.version++;
		this.cachedSentences = undefined;
		this.cachedCounts = undefined;
		this.cachedOccurrences = undefined;
	}
}
