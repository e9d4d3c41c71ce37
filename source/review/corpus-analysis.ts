/**
The whole-corpus analysis behind `e` (problems), `c` (consistency), `%` (statistics), `check` and
`stats`: which strings the corpus labels and how, and the problems that follow. Built in two
linear passes over the corpus, in slices (`step(deadline)`) so the screen can run it between
frames, and kept up to date after edits by re-reading only the edited sentences.

- Pass 1, mentions: every entity span's text is hashed from its token bytes and interned
  (`MentionStrings`), counting its mentions per type. Invalid tags are noted on the way.
- Pass 2, occurrences: every run of tokens outside entities is matched against the strings
  through a set of prefix hashes, counting unlabelled occurrences; mentions whose type is a
  minority are noted, and unlabelled occurrences that may turn out to be problems are kept as
  candidates (a string seen unlabelled as often as labelled can never become one, so few are).
- Then the candidates are settled with the final counts, and the records merged in file order.

The problems are the ones `findProblems` reported before issue 17 (test/reference keeps that
implementation and the tests compare both on every shared corpus): the same list, messages and
order, and the same counts in the consistency view and the statistics.

Edits made while it runs or after are told with `noteChanges`; the analysis reads those sentences
as they were until it is built, then updates the counts and problems of the strings they touch
(`applyPending`, done by `step` and before any answer).
*/
import {loadCorpusFile, type Corpus, type FormatOverrides, type Indexer, type TagChange} from '../corpus/index.js';
import {invalidReason, minEntityShare, minLabelledMentions, type Problem, type ProblemEvidence} from './checks.js';
import {summarize, type Occurrences, type Place} from './consistency.js';
import {MentionStrings} from './mention-strings.js';
import {kindCode, RecordList} from './problem-records.js';
import {PendingEdits, SentenceReader} from './sentence-reader.js';
import {PlaceList, StringScan, type PlaceVisitor} from './string-scan.js';
import type {CorpusStatistics} from './statistics.js';
import {TagRoles, TypeNames} from './tag-spans.js';

export type AnalysisPhase = 'waiting for the index' | 'reading mentions' | 'matching occurrences' | 'ready';

/** Counts of one string, for the consistency view's header and for a ranking. */
export type StringCounts = {
	readonly text: string;
	/** Labelled mentions per type, most first (ties by name). */
	readonly types: ReadonlyArray<{type: string; count: number}>;
	readonly labelled: number;
	readonly unlabelled: number;
};

/** Share of the build's time each pass takes, for the progress. */
const firstPassShare = 0.35;
/** Sentences processed between two looks at the clock. */
const sentencesPerCheck = 16;

/** A growable list of 32-bit numbers. */
class NumberList {
	length = 0;
	values = new Uint32Array(1024);

	push(value: number) {
		if (this.length === this.values.length) {
			const grown = new Uint32Array(this.length * 2);
			grown.set(this.values);
			this.values = grown;
		}

		this.values[this.length++] = value;
	}
}

/** A string's state before an update, to see what the update changed about its verdicts. */
type Before = {labelled: number; unlabelled: number; reported: Set<number>; reportsUnlabelled: boolean};

export class CorpusAnalysis {
	private readonly strings = new MentionStrings();
	private readonly types = new TypeNames();
	/** Counts changed: answers cached on it are stale. Increases with every update. */
	version = 0;
	/**
	Sentences decoded so far, by the passes, the updates and the scans for one string: what an edit
	costs, in a unit a test can count (an update reads the edited sentences, not the corpus).
	*/
	get sentencesRead(): number {
		return this.reader.sentencesRead;
	}

	private phase: AnalysisPhase = 'waiting for the index';
	private readonly roles: TagRoles;
	private readonly reader: SentenceReader;
	private readonly pending = new PendingEdits();
	/** Next sentence of the current pass. */
	private next = 0;
	private records = new RecordList();
	// Built by the passes, dropped when done.
	private invalidFound = new RecordList();
	private inconsistentFound = new RecordList();
	private candidates = new RecordList();
	private mentionIds = new NumberList();
	private mentionCursor = 0;
	/** Per type number: mentions, tokens inside them, and strings with at least one. */
	private readonly typeMentions: number[] = [];
	private readonly typeTokens: number[] = [];
	private readonly typeStrings: number[] = [];
	/** Answers derived from the records, until they change. */
	private cachedSentences?: Uint32Array;
	/** The last string asked for by `occurrences`: the consistency view asks again at every key. */
	private cachedOccurrences?: {readonly text: string; readonly value: Occurrences};
	private cachedCounts?: [number, number, number];
	private ranks = new Int32Array(0);
	/** Tokens per tag id, kept up to date with the edits (for the statistics). */
	private tagCounts: Uint32Array = new Uint32Array(0);
	/** The sentence pass 2 is reading, for its visitor (one closure for the whole pass). */
	private passSentence = 0;
	private readonly countOccurrence = (id: number, start: number) => {
		const {labelled, unlabelled} = this.strings;
		unlabelled[id]++;
		// Kept only while the string may still be reported: once seen unlabelled as often as labelled, it never will.
		if (labelled[id]! >= minLabelledMentions && labelled[id]! / (labelled[id]! + unlabelled[id]!) > minEntityShare) {
			this.candidates.push(this.corpus.sentenceStart[this.passSentence]! + start, this.passSentence, kindCode['unlabelled-mention'], id);
		}
	};

	constructor(readonly corpus: Corpus) {
		this.roles = new TagRoles(corpus, this.types);
		this.reader = new SentenceReader(corpus, this.roles, this.strings);
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
		const count = Math.max(1, this.corpus.sentenceCount);
		switch (this.phase) {
			case 'waiting for the index': {
				return 0;
			}

			case 'reading mentions': {
				return firstPassShare * this.next / count;
			}

			case 'matching occurrences': {
				return firstPassShare + ((1 - firstPassShare) * this.next / count);
			}

			case 'ready': {
				return 1;
			}
		}
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

		this.roles.refresh();
		const count = this.corpus.sentenceCount;
		// At least one batch a call, so that a late caller still moves it on.
		for (let first = true; this.phase !== 'ready'; first = false) {
			if (!first && performance.now() >= deadline) {
				return false;
			}

			const stop = Math.min(count, this.next + sentencesPerCheck);
			if (this.phase === 'reading mentions') {
				for (; this.next < stop; this.next++) {
					this.readMentions(this.next);
				}

				if (this.next === count) {
					this.phase = 'matching occurrences';
					this.next = 0;
				}
			} else {
				for (; this.next < stop; this.next++) {
					this.matchOccurrences(this.next);
				}

				if (this.next === count) {
					this.finish();
				}
			}
		}

		this.applyPending();
		return true;
	}

	/** Builds it all now (check, stats, tests). */
	run(): this {
		if (!this.corpus.complete) {
			throw new Error('the corpus is not fully indexed yet');
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

		return this.materialize(start, end);
	}

	/** Every problem in file order, made as it is read (a 10M-token corpus's list is never held as objects). */
	* problems(): Generator<Problem> {
		this.settle();
		const {records} = this;
		let start = 0;
		while (start < records.length) {
			const sentence = records.sentences[start]!;
			let end = start;
			while (end < records.length && records.sentences[end] === sentence) {
				end++;
			}

			yield * this.materialize(start, end);
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
		const id = this.strings.findBytes(Buffer.from(text));
		if (id === -1 || this.strings.labelled[id] === 0) {
			return undefined;
		}

		return {text, types: this.sortedTypes(id).map(([type, count]) => ({type: this.types.names[type]!, count})), labelled: this.strings.labelled[id]!, unlabelled: this.strings.unlabelled[id]!};
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
		const id = this.strings.findBytes(Buffer.from(text));
		if (id === -1 || this.strings.labelled[id] === 0) {
			return {byType: new Map(), unlabelled: 0, places: []};
		}

		const places: Place[] = [];
		this.scan(id, (sentence, start, end, type) => {
			places.push({sentence, start, end, type: type === -1 ? undefined : this.types.names[type]});
		});
		const byType = new Map(this.sortedTypes(id).map(([type, count]) => [this.types.names[type]!, count]));
		return {byType, unlabelled: this.strings.unlabelled[id]!, places};
	}

	/**
	The places of `text` for the consistency view, found in slices (`step(deadline)`, `progress`) and
	kept compact: a string that occurs 400,000 times does not stop the screen or fill the memory.
	Its counts are at hand at once (`countsOf`). Reads the current tags: make another after an edit.
	*/
	placesOf(text: string): PlaceList {
		this.settle();
		return new PlaceList(this.corpus, this.reader, Buffer.from(text), this.types.names);
	}

	/** Visits the places of string `id` now, in corpus order (from sentence `from`, leaving out `skip`). */
	private scan(id: number, visit: PlaceVisitor, from = 0, skip?: ReadonlySet<number>) {
		new StringScan(this.corpus, this.reader, this.strings.bytes(id), visit, from, skip).run();
	}

	/** Every labelled string with its counts, in order of first mention (for a ranking). */
	* labelledStrings(): Generator<StringCounts> {
		this.settle();
		const ids = [];
		for (let id = 0; id < this.strings.count; id++) {
			if (this.strings.labelled[id]! > 0) {
				ids.push(id);
			}
		}

		ids.sort((a, b) => this.firstMentionOf(a) - this.firstMentionOf(b));
		for (const id of ids) {
			const text = this.strings.text(id);
			yield {text, types: this.sortedTypes(id).map(([type, count]) => ({type: this.types.names[type]!, count})), labelled: this.strings.labelled[id]!, unlabelled: this.strings.unlabelled[id]!};
		}
	}

	/** The statistics of the corpus as it is now. */
	statistics(): CorpusStatistics {
		this.settle();
		const {corpus} = this;
		const counts = this.tagCounts;
		const tags: Array<{tag: string; count: number}> = [];
		for (let id = 0; id < counts.length; id++) {
			if (counts[id]! > 0) {
				tags.push({tag: corpus.tags.text(id), count: counts[id]!});
			}
		}

		const types = [];
		for (let type = 0; type < this.types.size; type++) {
			if ((this.typeMentions[type] ?? 0) > 0) {
				types.push({type: this.types.names[type]!, mentions: this.typeMentions[type]!, distinctStrings: this.typeStrings[type]!, tokens: this.typeTokens[type]!});
			}
		}

		return {
			sentences: corpus.sentenceCount,
			tokens: corpus.tokenCount,
			scheme: corpus.format.scheme,
			types: types.sort((a, b) => b.mentions - a.mentions || a.type.localeCompare(b.type)),
			tags: tags.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
			problems: this.problemCounts(),
		};
	}

	/** Bytes held by the analysis's tables (not counting V8's own overhead), for the memory budget. */
	get byteSize(): number {
		return this.strings.byteSize + this.records.byteSize + this.invalidFound.byteSize + this.inconsistentFound.byteSize + this.candidates.byteSize + this.mentionIds.values.byteLength;
	}

	// ---- The passes ----

	/**
	Reads each sentence's mentions as the indexer indexes it, so that the first pass reads only the
	lines of entities instead of walking every line again (the line offsets come from the indexer).
	Best called before the indexer's first step; the sentences indexed before are read at once (the
	screen's first slice: a few hundred). Left off for a file whose scheme may still change at the
	end of indexing (read as IO from its start, which a later `B-` makes IOB1): that one is read after.
	*/
	observe(indexer: Indexer): void {
		const {format} = this.corpus;
		if (indexer.corpus !== this.corpus || (format.scheme === 'IO' && !format.schemeGiven) || this.phase !== 'waiting for the index' || this.corpus.complete) {
			return;
		}

		this.roles.refresh();
		for (; this.next < this.corpus.sentenceCount; this.next++) {
			this.readMentions(this.next);
		}

		indexer.observer = (sentence, lineStarts, count) => {
			if (sentence === this.next && this.phase === 'waiting for the index') {
				this.roles.refresh();
				this.readMentions(sentence, lineStarts, count);
				this.next++;
			}
		};
	}

	private readMentions(sentence: number, lineStarts?: Int32Array, lineCount = 0) {
		const {reader, corpus} = this;
		const {spans} = reader;
		reader.decode(sentence, this.pending);
		this.tagCounts = reader.countTags(sentence, this.tagCounts, 1, this.pending);
		const first = corpus.sentenceStart[sentence]!;
		if (spans.invalidCount > 0) {
			for (const index of spans.invalidTokens(corpus.sentenceLength(sentence))) {
				this.invalidFound.push(first + index, sentence, kindCode['invalid-tag'], 0);
			}
		}

		if (spans.count === 0) {
			return;
		}

		if (lineStarts === undefined) {
			reader.cells.read(sentence, spans.ends[spans.count - 1]);
		} else {
			reader.cells.readAt(lineStarts, lineCount, spans.outside);
		}

		for (let span = 0; span < spans.count; span++) {
			const id = reader.internMention(span);
			this.addMention(id, spans.types[span]!, first + spans.starts[span]!, spans.ends[span]! - spans.starts[span]!);
			this.mentionIds.push(id);
		}
	}

	private matchOccurrences(sentence: number) {
		const {reader, corpus} = this;
		const {spans} = reader;
		reader.decode(sentence, this.pending);
		const first = corpus.sentenceStart[sentence]!;
		for (let span = 0; span < spans.count; span++) {
			const id = this.mentionIds.values[this.mentionCursor++]!;
			if (this.isReported(id, spans.types[span]!)) {
				this.inconsistentFound.push(first + spans.starts[span]!, sentence, kindCode['inconsistent-type'], id);
			}
		}

		reader.cells.read(sentence);
		this.passSentence = sentence;
		reader.unlabelled(this.countOccurrence);
	}

	private finish() {
		const settled = new RecordList();
		const {candidates} = this;
		for (let i = 0; i < candidates.length; i++) {
			if (this.reportsUnlabelled(candidates.string(i))) {
				settled.push(candidates.tokens[i]!, candidates.sentences[i]!, 2, candidates.string(i));
			}
		}

		this.records = this.invalidFound.merged(() => true, this.inconsistentFound).merged(() => true, settled);
		this.invalidFound = new RecordList();
		this.inconsistentFound = new RecordList();
		this.candidates = new RecordList();
		this.mentionIds = new NumberList();
		this.mentionCursor = 0;
		this.phase = 'ready';
		this.changed();
	}

	// ---- Counts ----

	private addMention(id: number, type: number, token: number, length: number) {
		const {strings} = this;
		if (strings.labelled[id] === 0) {
			strings.firstMention[id] = token;
			strings.firstKnown[id] = 1;
			strings.addPrefixes(id);
		} else if (token <= strings.firstMention[id]!) {
			strings.firstMention[id] = token;
			strings.firstKnown[id] = 1;
		}

		const before = strings.addMention(id, type, 1);
		this.typeMentions[type] = (this.typeMentions[type] ?? 0) + 1;
		this.typeTokens[type] = (this.typeTokens[type] ?? 0) + length;
		if (before === 0) {
			this.typeStrings[type] = (this.typeStrings[type] ?? 0) + 1;
		}
	}

	private removeMention(id: number, type: number, token: number, length: number) {
		const {strings} = this;
		if (token === strings.firstMention[id]) {
			// Still a bound (every other mention is after it), no longer the first: found again when needed.
			strings.firstKnown[id] = 0;
		}

		const before = strings.addMention(id, type, -1);
		this.typeMentions[type]!--;
		this.typeTokens[type]! -= length;
		if (before === 1) {
			this.typeStrings[type]!--;
		}
	}

	/** Types of `id`, most mentions first, ties by name. */
	private sortedTypes(id: number): Array<[type: number, count: number]> {
		const types = this.strings.types(id);
		if (types.length > 1) {
			const rank = this.typeRanks();
			types.sort((a, b) => b[1] - a[1] || rank[a[0]]! - rank[b[0]]!);
		}

		return types;
	}

	/** Each type number's place among the type names in `localeCompare` order (the order ties are shown in). */
	private typeRanks(): Int32Array {
		if (this.ranks.length !== this.types.size) {
			const {names} = this.types;
			const sorted = names.map((_, type) => type).sort((a, b) => names[a]!.localeCompare(names[b]!));
			this.ranks = new Int32Array(names.length);
			for (const [rank, type] of sorted.entries()) {
				this.ranks[type] = rank;
			}
		}

		return this.ranks;
	}

	/**
	Whether a mention of `id` typed `type` is reported: when the string has enough mentions and
	another type is at least as frequent. With several types, that is every type but a unique most
	frequent one.
	*/
	private isReported(id: number, type: number): boolean {
		const {strings} = this;
		if (strings.soleType[id]! >= 0 || strings.labelled[id]! < minLabelledMentions) {
			return false;
		}

		let top = -1;
		let topCount = -1;
		let tied = false;
		for (const [candidate, count] of strings.multi.get(id) ?? []) {
			if (count > topCount) {
				top = candidate;
				topCount = count;
				tied = false;
			} else if (count === topCount) {
				tied = true;
			}
		}

		return tied || type !== top;
	}

	private reportedTypes(id: number): Set<number> {
		return new Set(this.strings.types(id).filter(([type]) => this.isReported(id, type)).map(([type]) => type));
	}

	/** Whether the unlabelled occurrences of `id` are reported: it is labelled often enough, and more often than not. */
	private reportsUnlabelled(id: number): boolean {
		const labelled = this.strings.labelled[id]!;
		return labelled >= minLabelledMentions && labelled / (labelled + this.strings.unlabelled[id]!) > minEntityShare;
	}

	/** The first token of the first mention of `id`, found again if that mention was edited away. */
	private firstMentionOf(id: number): number {
		const {strings, corpus} = this;
		if (strings.firstKnown[id] === 0) {
			const bound = strings.firstMention[id]!;
			this.scan(id, (sentence, start, _end, type) => {
				const token = corpus.sentenceStart[sentence]! + start;
				if (type === -1 || token < bound) {
					return false;
				}

				strings.firstMention[id] = token;
				return true;
			}, corpus.sentenceOf(bound));
			strings.firstKnown[id] = 1;
		}

		return strings.firstMention[id]!;
	}

	// ---- Updates after edits ----

	/** Applies the edits noted so far, if the analysis is built. */
	private settle() {
		if (this.phase !== 'ready') {
			throw new Error(`the analysis is not ready (${this.phase}): run step() until it returns true`);
		}

		this.applyPending();
	}

	/**
	Re-reads the edited sentences as they were and as they are, moves the counts of the strings they
	touch, then fixes the problems: those of the edited sentences are made again, and for a string
	whose verdict changed (a type now outnumbered, unlabelled occurrences now worth reporting), its
	other places are found by a byte search for it and added or dropped.
	*/
	private applyPending() {
		if (this.pending.size === 0 || this.phase !== 'ready') {
			return;
		}

		this.roles.refresh();
		const {reader, corpus, strings, pending} = this;
		const {spans, cells} = reader;
		const edited = [...pending.sentences].sort((a, b) => a - b);
		const editedSet = new Set(edited);
		const before = new Map<number, Before>();
		const touch = (id: number) => {
			if (!before.has(id)) {
				before.set(id, {labelled: strings.labelled[id]!, unlabelled: strings.unlabelled[id]!, reported: this.reportedTypes(id), reportsUnlabelled: this.reportsUnlabelled(id)});
			}
		};

		// The edited sentences as the counts know them: read them all before changing any count.
		const oldMentions: number[] = [];
		const oldUnlabelled: number[] = [];
		for (const sentence of edited) {
			const first = corpus.sentenceStart[sentence]!;
			this.tagCounts = reader.countTags(sentence, this.tagCounts, -1, pending);
			this.tagCounts = reader.countTags(sentence, this.tagCounts, 1);
			reader.decode(sentence, pending);
			cells.read(sentence);
			for (let span = 0; span < spans.count; span++) {
				const id = reader.mentionId(span);
				if (id === -1) {
					throw new Error(`internal error: a mention of sentence ${sentence} was never counted`);
				}

				oldMentions.push(id, spans.types[span]!, first + spans.starts[span]!, spans.ends[span]! - spans.starts[span]!);
			}

			reader.unlabelled(id => {
				oldUnlabelled.push(id);
			});
		}

		for (let i = 0; i < oldMentions.length; i += 4) {
			touch(oldMentions[i]!);
			this.removeMention(oldMentions[i]!, oldMentions[i + 1]!, oldMentions[i + 2]!, oldMentions[i + 3]!);
		}

		for (const id of oldUnlabelled) {
			touch(id);
			strings.unlabelled[id]--;
		}

		pending.clear();
		// The edited sentences as they are now: mentions first, so the strings are final before matching.
		const added = new RecordList();
		const newMentions: number[] = [];
		for (const sentence of edited) {
			const first = corpus.sentenceStart[sentence]!;
			reader.decode(sentence);
			for (const index of spans.invalidTokens(corpus.sentenceLength(sentence))) {
				added.push(first + index, sentence, kindCode['invalid-tag'], 0);
			}

			cells.read(sentence);
			for (let span = 0; span < spans.count; span++) {
				const id = reader.internMention(span);
				touch(id);
				this.addMention(id, spans.types[span]!, first + spans.starts[span]!, spans.ends[span]! - spans.starts[span]!);
				newMentions.push(id, spans.types[span]!, first + spans.starts[span]!, sentence);
			}
		}

		// A string labelled again (or for the first time) has unlabelled occurrences all over the corpus;
		// one that lost its last mention has none that count.
		const revived = new Set<number>();
		for (const [id, state] of before) {
			if (state.labelled === 0 && strings.labelled[id]! > 0) {
				revived.add(id);
				let count = 0;
				this.scan(id, (_sentence, _start, _end, type) => {
					count += type === -1 ? 1 : 0;
				});
				strings.unlabelled[id] = count;
			} else if (strings.labelled[id] === 0) {
				strings.unlabelled[id] = 0;
			}
		}

		const newUnlabelled: number[] = [];
		for (const sentence of edited) {
			const first = corpus.sentenceStart[sentence]!;
			reader.decode(sentence);
			cells.read(sentence);
			reader.unlabelled((id, start) => {
				if (!revived.has(id)) {
					touch(id);
					strings.unlabelled[id]++;
				}

				newUnlabelled.push(id, first + start, sentence);
			});
		}

		for (let i = 0; i < newMentions.length; i += 4) {
			if (this.isReported(newMentions[i]!, newMentions[i + 1]!)) {
				added.push(newMentions[i + 2]!, newMentions[i + 3]!, kindCode['inconsistent-type'], newMentions[i]!);
			}
		}

		for (let i = 0; i < newUnlabelled.length; i += 3) {
			if (this.reportsUnlabelled(newUnlabelled[i]!)) {
				added.push(newUnlabelled[i + 1]!, newUnlabelled[i + 2]!, kindCode['unlabelled-mention'], newUnlabelled[i]!);
			}
		}

		// What the edited sentences hold now, per string: places elsewhere are the rest of its counts.
		const mentionsHere = new Map<number, Map<number, number>>();
		for (let i = 0; i < newMentions.length; i += 4) {
			const types = mentionsHere.get(newMentions[i]!) ?? new Map<number, number>();
			types.set(newMentions[i + 1]!, (types.get(newMentions[i + 1]!) ?? 0) + 1);
			mentionsHere.set(newMentions[i]!, types);
		}

		const unlabelledHere = new Map<number, number>();
		for (let i = 0; i < newUnlabelled.length; i += 3) {
			unlabelledHere.set(newUnlabelled[i]!, (unlabelledHere.get(newUnlabelled[i]!) ?? 0) + 1);
		}

		// Strings whose verdict changed: their places elsewhere gain or lose their problems. Places are
		// searched for only when some are elsewhere (a bulk relabel undone has them all in its sentences).
		const droppedTypes = new Map<number, Set<number>>();
		const droppedUnlabelled = new Set<number>();
		for (const [id, state] of before) {
			const reported = this.reportedTypes(id);
			const here = mentionsHere.get(id);
			const gainedTypes = [...reported].filter(type => !state.reported.has(type) && strings.typeCount(id, type) > (here?.get(type) ?? 0));
			const lostTypes = [...state.reported].filter(type => !reported.has(type));
			const reportsUnlabelled = this.reportsUnlabelled(id);
			if (lostTypes.length > 0) {
				droppedTypes.set(id, new Set(lostTypes));
			}

			if (state.reportsUnlabelled && !reportsUnlabelled) {
				droppedUnlabelled.add(id);
			}

			const gainsUnlabelled = reportsUnlabelled && !state.reportsUnlabelled && strings.unlabelled[id]! > (unlabelledHere.get(id) ?? 0);
			if (gainedTypes.length > 0 || gainsUnlabelled) {
				this.scan(id, (sentence, start, _end, type) => {
					const token = corpus.sentenceStart[sentence]! + start;
					if (type === -1 ? gainsUnlabelled : gainedTypes.includes(type)) {
						added.push(token, sentence, type === -1 ? kindCode['unlabelled-mention'] : kindCode['inconsistent-type'], id);
					}
				}, 0, editedSet);
			}
		}

		added.sort();
		const {records} = this;
		const {tagIds} = corpus;
		const typeOfTag = this.roles.type;
		this.records = records.merged(index => {
			if (editedSet.has(records.sentences[index]!)) {
				return false;
			}

			const kind = records.kind(index);
			const id = records.string(index);
			if (kind === kindCode['inconsistent-type']) {
				return droppedTypes.get(id)?.has(typeOfTag[tagIds[records.tokens[index]!]!]!) !== true;
			}

			return kind !== kindCode['unlabelled-mention'] || !droppedUnlabelled.has(id);
		}, added);
		this.changed();
	}

	private changed() {
		this.version++;
		this.cachedSentences = undefined;
		this.cachedCounts = undefined;
		this.cachedOccurrences = undefined;
	}

	// ---- Problems as the reviewer reads them ----

	/** Records `[start, end)` of one sentence as problems; unlabelled ones at the same token in order of their strings' first mention. */
	private materialize(start: number, end: number): Problem[] {
		const {records, corpus} = this;
		const order = Array.from({length: end - start}, (_, i) => start + i);
		for (let i = 1; i < order.length; i++) {
			// Records are in token and kind order already: only strings found at the same token need ordering.
			if (records.tokens[order[i]!] === records.tokens[order[i - 1]!] && records.kind(order[i]!) === 2 && records.kind(order[i - 1]!) === 2) {
				order.sort((a, b) => records.tokens[a]! - records.tokens[b]! || records.kind(a) - records.kind(b)
					|| (records.kind(a) === 2 ? this.firstMentionOf(records.string(a)) - this.firstMentionOf(records.string(b)) : 0));
				break;
			}
		}

		const sentence = records.sentences[start]!;
		const first = corpus.sentenceStart[sentence]!;
		const {cells} = this.reader;
		cells.read(sentence, records.tokens[end - 1]! - first + 1);
		const firstLine = corpus.sentenceLine[sentence]!;
		let tags: ReturnType<Corpus['sentenceTags']> | undefined;
		return order.map(index => {
			const token = records.tokens[index]!;
			const line = firstLine + cells.lines[token - first]!;
			if (records.kind(index) === kindCode['invalid-tag']) {
				tags ??= corpus.sentenceTags(sentence);
				return {sentence, token, line, kind: 'invalid-tag', message: invalidReason(tags, token - first, corpus.format.scheme)};
			}

			return this.consistencyProblem(index, sentence, token, line);
		});
	}

	private consistencyProblem(index: number, sentence: number, token: number, line: number): Problem {
		const {records, corpus, strings} = this;
		const id = records.string(index);
		const text = strings.text(id);
		const labelled = strings.labelled[id]!;
		const occurrences = labelled + strings.unlabelled[id]!;
		const types = this.sortedTypes(id);
		const {names} = this.types;
		if (records.kind(index) === kindCode['unlabelled-mention']) {
			const [top, topCount] = types[0]!;
			const evidence: ProblemEvidence = {text, labelled, occurrences, rival: names[top], rivalCount: topCount};
			return {sentence, token, line, kind: 'unlabelled-mention', message: `"${text}" is O here but an entity in ${labelled} of ${occurrences} occurrences`, evidence};
		}

		const ownType = this.roles.type[corpus.tagIds[token]!]!;
		const own = names[ownType]!;
		const ownCount = strings.typeCount(id, ownType);
		const [rival, rivalCount] = types.find(([type]) => type !== ownType)!;
		const evidence: ProblemEvidence = {text, type: own, count: ownCount, rival: names[rival], rivalCount, labelled, occurrences};
		return {sentence, token, line, kind: 'inconsistent-type', message: `"${text}" is ${own} here but ${names[rival]!} in ${rivalCount} of ${labelled} mentions`, evidence};
	}
}

/** Every problem in the corpus, by sentence, then token (a whole list: for tests and small files; `check` streams). */
export function findProblems(corpus: Corpus): Problem[] {
	return [...new CorpusAnalysis(corpus).run().problems()];
}

/** Reads, indexes and analyses a file at once, the first pass riding on the indexing (`check`, `stats`). Throws CorpusError. */
export function analyseFile(file: string, overrides: FormatOverrides = {}): CorpusAnalysis {
	let analysis: CorpusAnalysis | undefined;
	loadCorpusFile(file, overrides, {
		observe(indexer) {
			analysis = new CorpusAnalysis(indexer.corpus);
			analysis.observe(indexer);
		},
	});
	return analysis!.run();
}
