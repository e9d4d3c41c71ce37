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
import type {Corpus} from '../corpus/index.js';
import {minEntityShare, minLabelledMentions} from './checks.js';
import type {MentionCounts} from './mention-counts.js';
import {kindCode, RecordList} from './problem-records.js';
import type {PendingEdits} from './sentence-reader.js';
import {grown} from './typed-array.js';

/** A growable list of 32-bit numbers. */
class NumberList {
	length = 0;
	values = new Uint32Array(1024);

	push(value: number) {
		if (this.length === this.values.length) {
			this.values = grown(this.values, this.length * 2);
		}

		this.values[this.length++] = value;
	}
}

export class AnalysisPasses {
	// Built by the passes, dropped when done.
	private invalidFound = new RecordList();
	private inconsistentFound = new RecordList();
	private candidates = new RecordList();
	private mentionIds = new NumberList();
	private mentionCursor = 0;
	/** The sentence pass 2 is reading, for its visitor (one closure for the whole pass). */
	private passSentence = 0;
	private readonly countOccurrence = (id: number, start: number) => {
		const {labelled, unlabelled} = this.counts.strings;
		unlabelled[id]++;
		// Kept only while the string may still be reported: once seen unlabelled as often as labelled, it never will.
		if (labelled[id]! >= minLabelledMentions && labelled[id]! / (labelled[id]! + unlabelled[id]!) > minEntityShare) {
			this.candidates.push(this.corpus.sentenceStart[this.passSentence]! + start, this.passSentence, kindCode['unlabelled-mention'], id);
		}
	};

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

	/** Pass 1 on one sentence; `lineStarts` (its token lines' offsets, from the indexer) spares walking its lines. */
	readMentions(sentence: number, lineStarts?: Int32Array, lineCount = 0): void {
		const {corpus, counts} = this;
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

	/** Pass 2 on one sentence, after pass 1 read them all. */
	matchOccurrences(sentence: number): void {
		const {corpus, counts} = this;
		const {reader} = counts;
		const {spans} = reader;
		reader.decode(sentence, this.pending);
		const first = corpus.sentenceStart[sentence]!;
		for (let span = 0; span < spans.count; span++) {
			const id = this.mentionIds.values[this.mentionCursor++]!;
			if (counts.isReported(id, spans.types[span]!)) {
				this.inconsistentFound.push(first + spans.starts[span]!, sentence, kindCode['inconsistent-type'], id);
			}
		}

		reader.cells.read(sentence);
		this.passSentence = sentence;
		reader.unlabelled(this.countOccurrence);
	}

	/** Settles the candidates and returns every problem found, in file order; the passes' tables are dropped. */
	finish(): RecordList {
		const settled = new RecordList();
		const {candidates} = this;
		for (let i = 0; i < candidates.length; i++) {
			if (this.counts.reportsUnlabelled(candidates.string(i))) {
				settled.push(candidates.tokens[i]!, candidates.sentences[i]!, 2, candidates.string(i));
			}
		}

		const records = this.invalidFound.merged(() => true, this.inconsistentFound).merged(() => true, settled);
		this.invalidFound = new RecordList();
		this.inconsistentFound = new RecordList();
		this.candidates = new RecordList();
		this.mentionIds = new NumberList();
		this.mentionCursor = 0;
		return records;
	}
}
