/**
The two passes that build the whole-corpus analysis, sentence by sentence (CorpusAnalysis decides
when each sentence is read: as it is indexed, or in slices between frames):

- Pass 1, mentions: every entity span's text is hashed from its token bytes and interned
  (`MentionStrings`), counting its mentions per type. Invalid tags are noted on the way.
- Pass 2, occurrences: every run of tokens outside entities is matched against the strings
  through a set of prefix hashes, counting unlabelled occurrences; mentions whose type is a
  minority are noted, and unlabelled occurrences that may turn out to be problems are kept as
  candidates (a string seen unlabelled as often as labelled can never become one, so few are).
- Then the candidates are settled with the final counts, and the records merged in file order.
*/
import {type Corpus, readLineSteps} from '../corpus/index.js';
import {minEntityShare, minLabelledMentions} from './checks.js';
import type {MentionCounts} from './mention-counts.js';
import type {OccurrenceHelper} from './parallel-occurrences.js';
import {type ArrivedMentions, mergePartMentions, type PartFound, type PartMentions, type PartRecords} from './part-mentions.js';
import {kindCode, RecordList} from './problem-records.js';
import type {PendingEdits} from './sentence-reader.js';
import {byteFrequency} from './string-scan.js';
import {grown} from './typed-array.js';

/** Pass 2's unlabelled occurrences of some sentences, as another thread sends them (string ids are the main thread's). */
export type FoundOccurrences = {
	/** Per string id. */
	readonly unlabelled: Uint32Array;
	/** Per candidate: its first token, its sentence, its string, its line and how many tokens it spans. */
	readonly tokens: Uint32Array;
	readonly sentences: Uint32Array;
	readonly strings: Uint32Array;
	readonly lines: Uint32Array;
	readonly lengths: Uint32Array;
};

/** The share of the tokens whose occurrences the main thread matches when a worker matches the rest (runWith). */
const mainShare = 0.46;

/**
Every mention's string id, in file order, for pass 2: 16 bits each while the ids fit, widened to 32
when one does not. The 10M seed file has 877,701 mentions of 29,567 strings: 2 MB instead of 4
(and half the garbage of its growth), held to the end of the analysis, one of its peaks of memory.
*/
class MentionIdList {
	length = 0;
	values: Uint16Array | Uint32Array = new Uint16Array(1024);

	push(id: number) {
		if (id > 0xFF_FF && this.values instanceof Uint16Array) {
			const wide = new Uint32Array(this.values.length);
			wide.set(this.values.subarray(0, this.length));
			this.values = wide;
		}

		if (this.length === this.values.length) {
			this.values = grown(this.values, this.length * 2);
		}

		this.values[this.length++] = id;
	}
}

/** Files up to this size have their byte frequencies made when the analysis is built (see finish). */
const frequenciesAheadBytes = 1024 * 1024;

export class AnalysisPasses implements PartRecords {
	// Built by the passes, dropped when done.
	private invalidFound = new RecordList();
	private inconsistentFound = new RecordList();
	private candidates = new RecordList();
	private mentionIds = new MentionIdList();
	private mentionCursor = 0;
	/** The sentence pass 2 is reading, for its visitor (one closure for the whole pass). */
	private passSentence = 0;
	private readonly countOccurrence = (id: number, start: number, end: number) => {
		const {labelled, unlabelled} = this.counts.strings;
		unlabelled[id]++;
		// Kept only while the string may still be reported: once seen unlabelled as often as labelled, it never will.
		if (labelled[id]! >= minLabelledMentions && labelled[id]! / (labelled[id]! + unlabelled[id]!) > minEntityShare) {
			// Its line and extent, known here from the cells just read, spare reading them again to report it.
			const sentence = this.passSentence;
			const line = this.corpus.sentenceLine[sentence]! + this.counts.reader.cells.lines[start]!;
			// Full: the candidates of strings now seen unlabelled too often go first (they never come back).
			this.candidates.makeRoom(this.stillCandidate);
			this.candidates.push(this.corpus.sentenceStart[sentence]! + start, sentence, kindCode['unlabelled-mention'], id, line, end - start);
		}
	};

	/** Whether candidate `index`'s string may still be reported: its labelled count is final, its unlabelled one only grows. */
	private readonly stillCandidate = (index: number) => this.counts.reportsUnlabelled(this.candidates.string(index));

	constructor(
		private readonly corpus: Corpus,
		private readonly counts: MentionCounts,
		/** Edits made during the passes: the sentences are read as they were, until the update. */
		private readonly pending: PendingEdits,
	) {}

	/** Bytes held by the passes' tables. */
	get byteSize(): number {
		return this.invalidFound.byteSize + this.inconsistentFound.byteSize + this.candidates.byteSize + this.mentionIds.values.byteLength;
	}

	/**
	Where the token lines of the sentences from `firstSentence` on start (the part of a large file the
	index worker read, whose first token is `firstToken`), one byte a token: pass 1 reads their
	mentions from them.
	*/
	partLines: {readonly firstSentence: number; readonly firstToken: number; readonly steps: Uint8Array} | undefined;

	/** One sentence's line starts, read from `partLines`. */
	private partLineStarts = new Int32Array(256);

	/** The mentions of the index worker's part, which it read itself (part-mentions.ts): merged when pass 1 reaches the part. */
	part: ArrivedMentions | undefined;

	/** Pass 1 of the index worker's part, from `firstSentence` on: the mentions it read, or where its token lines start to read them from. */
	usePart(firstSentence: number, firstToken: number, found: PartFound): void {
		if ('mentions' in found) {
			this.part = {firstSentence, firstToken, mentions: found.mentions, tagIds: found.tagIds};
		} else {
			this.partLines = {firstSentence, firstToken, steps: found.tokenLineSteps};
		}
	}

	/** Pass 1 on `sentence`, or on all of the index worker's part when it starts there and arrived; returns the next sentence to read. */
	readFrom(sentence: number): number {
		const {part} = this;
		if (part?.firstSentence !== sentence) {
			this.readMentions(sentence);
			return sentence + 1;
		}

		this.part = undefined;
		mergePartMentions(part, this.counts, this);
		return this.corpus.sentenceCount;
	}

	noteInvalid(token: number, sentence: number): void {
		this.invalidFound.push(token, sentence, kindCode['invalid-tag'], 0);
	}

	noteMention(id: number): void {
		this.mentionIds.push(id);
	}

	/** What pass 1 found besides the counts, for the index worker to post (part-first-pass.ts). */
	partFound(): Pick<PartMentions, 'mentionIds' | 'invalidTokens' | 'invalidSentences'> {
		const {invalidFound, mentionIds} = this;
		return {
			mentionIds: Uint32Array.from(mentionIds.values.subarray(0, mentionIds.length)),
			invalidTokens: invalidFound.tokens.slice(0, invalidFound.length),
			invalidSentences: invalidFound.sentences.slice(0, invalidFound.length),
		};
	}

	/** Pass 1 on one sentence; `lineStarts` (its token lines' offsets, from the indexer) spares walking its lines. */
	readMentions(sentence: number, lineStarts?: Int32Array, lineCount = 0): void {
		const {corpus, counts, partLines} = this;
		if (lineStarts !== undefined && lineCount !== corpus.sentenceLength(sentence)) {
			// Only some of its lines: the sentence open when the observer came (the screen's first slice ends
			// inside one), told only of the lines after. Those were read as its first ones, a wrong string.
			lineStarts = undefined;
		}

		if (lineStarts === undefined && partLines !== undefined && sentence >= partLines.firstSentence) {
			lineCount = corpus.sentenceLength(sentence);
			if (lineCount > this.partLineStarts.length) {
				this.partLineStarts = new Int32Array(Math.max(lineCount, this.partLineStarts.length * 2));
			}

			// A sentence with a line too far from the one before is read by walking its lines.
			const first = corpus.sentenceStart[sentence]! - partLines.firstToken;
			lineStarts = readLineSteps(partLines.steps, first, lineCount, corpus.sentenceOffset[sentence]!, this.partLineStarts) ? this.partLineStarts : undefined;
		}

		const {reader} = counts;
		const {spans} = reader;
		reader.decode(sentence, this.pending);
		counts.tagCounts = reader.countTags(sentence, counts.tagCounts, 1, this.pending);
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
			counts.addMention(id, spans.types[span]!, first + spans.starts[span]!, spans.ends[span]! - spans.starts[span]!);
			this.mentionIds.push(id);
		}
	}

	/**
	Pass 2 on one sentence, after pass 1 read them all: its mentions' verdicts and its unlabelled
	occurrences, or one of the two (`part`) when another thread matches the occurrences of some
	sentences (parallel-occurrences.ts): there only the occurrences are known, here every mention.
	*/
	matchOccurrences(sentence: number, part: 'both' | 'mentions' | 'occurrences' = 'both'): void {
		const {corpus, counts} = this;
		const {reader} = counts;
		const {spans} = reader;
		// Pass 1 is done: the part's line offsets are not needed any more.
		this.partLines = undefined;
		reader.decode(sentence, this.pending);
		const {cells} = reader;
		if (part !== 'mentions') {
			cells.read(sentence);
		}

		if (part !== 'occurrences') {
			const first = corpus.sentenceStart[sentence]!;
			// With the cells read, the lines are known too (the mentions' own thread reads none).
			const firstLine = part === 'both' ? corpus.sentenceLine[sentence]! : 0;
			for (let span = 0; span < spans.count; span++) {
				const id = this.mentionIds.values[this.mentionCursor++]!;
				if (counts.isReported(id, spans.types[span]!)) {
					const start = spans.starts[span]!;
					this.inconsistentFound.push(first + start, sentence, kindCode['inconsistent-type'], id, part === 'both' ? firstLine + cells.lines[start]! : 0, spans.ends[span]! - start);
				}
			}
		}

		if (part !== 'mentions') {
			this.passSentence = sentence;
			reader.unlabelled(this.countOccurrence);
		}
	}

	/**
	The unlabelled occurrences counted so far, per string, and the candidates kept, for the thread
	that asked for them: read in a corpus's tail (corpus-tail.ts), whose token and sentence
	numbers start at `firstToken` and `firstSentence` in the corpus there.
	*/
	occurrencesFound(firstToken: number, firstSentence: number): FoundOccurrences {
		const {strings} = this.counts;
		const {candidates} = this;
		const {length} = candidates;
		return {
			unlabelled: strings.unlabelled.slice(0, strings.count),
			tokens: Uint32Array.from({length}, (_, index) => candidates.tokens[index]! + firstToken),
			sentences: Uint32Array.from({length}, (_, index) => candidates.sentences[index]! + firstSentence),
			strings: Uint32Array.from({length}, (_, index) => candidates.string(index)),
			// A tail's sentences keep their lines in the file.
			lines: candidates.lines.slice(0, length),
			lengths: candidates.lengths.slice(0, length),
		};
	}

	/**
	Adds occurrences another thread found in sentences after all those matched here (pass 2's
	candidates stay in file order). Its candidates were kept by its own partial counts, so there may
	be more of them than one thread would keep: `finish` settles them all with the final counts.
	*/
	addOccurrences(found: FoundOccurrences): void {
		const {unlabelled} = this.counts.strings;
		for (const [id, count] of found.unlabelled.entries()) {
			unlabelled[id] += count;
		}

		for (let index = 0; index < found.tokens.length; index++) {
			this.candidates.push(found.tokens[index]!, found.sentences[index]!, kindCode['unlabelled-mention'], found.strings[index]!, found.lines[index]!, found.lengths[index]!);
		}
	}

	/**
	Pass 1 from `from` to the end, then pass 2 with the occurrences of the later sentences matched
	by `helper` in its worker meanwhile (or here, when it cannot: parallel-occurrences.ts). The
	worker takes a little more than half of the tokens: this thread also reads the mentions of its
	sentences (about a tenth of the work of matching them).
	*/
	runWith(helper: OccurrenceHelper, from: number): void {
		const {corpus} = this;
		const count = corpus.sentenceCount;
		for (let sentence = from; sentence < count;) {
			sentence = this.readFrom(sentence);
		}

		const split = corpus.sentenceOf(Math.floor(corpus.tokenCount * mainShare));
		const result = helper.match(corpus, this.counts.strings, split);
		for (let sentence = 0; sentence < count; sentence++) {
			this.matchOccurrences(sentence, result === undefined || sentence < split ? 'both' : 'mentions');
		}

		const found = result?.();
		if (found === undefined) {
			for (let sentence = split; result !== undefined && sentence < count; sentence++) {
				this.matchOccurrences(sentence, 'occurrences');
			}
		} else {
			this.addOccurrences(found);
		}
	}

	/** Settles the candidates and returns every problem found, in file order; the passes' tables are dropped. */
	finish(): RecordList {
		const {candidates, counts} = this;
		const reported = (index: number) => counts.reportsUnlabelled(candidates.string(index));
		let kept = 0;
		for (let index = 0; index < candidates.length; index++) {
			kept += reported(index) ? 1 : 0;
		}

		// The candidates reported, merged straight into a list of the final size: a list of them first,
		// grown by doubling, then a merge into a third, made 7.8 MB of arrays here instead of 2.6 (the
		// 10M seed file), at the end of the analysis, one of the session's peaks of memory.
		const checked = this.invalidFound.merged(() => true, this.inconsistentFound);
		const records = candidates.merged(reported, checked, kept + checked.length);
		this.invalidFound = new RecordList();
		this.inconsistentFound = new RecordList();
		this.candidates = new RecordList();
		this.mentionIds = new MentionIdList();
		this.mentionCursor = 0;
		this.partLines = undefined;
		this.part = undefined;
		// What the first edit's search of the file (string-scan.ts) reads first, made now that nobody
		// waits: 2.6 to 2.8 ms of a 10k-token file's first edit, cold, in the frame that answered it.
		// Not for a large file, whose edits wait for a pause: its sample (1 MB) took 13 to 25 ms cold,
		// too long for the slice that ends the analysis while keys come.
		if (this.corpus.bytes.length <= frequenciesAheadBytes) {
			byteFrequency(this.corpus.bytes);
		}
		return records;
	}
}
