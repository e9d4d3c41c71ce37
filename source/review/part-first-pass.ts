/**
The analysis's first pass over the index worker's part of a large file, run in the worker as it
indexes the part, and merged into the main thread's analysis when its own first pass reaches the
part (part-mentions.ts): `check` and `stats` on two cores (pumped-index.ts). Read by the main
thread after the two indexes were joined, those mentions took most of what indexing on two cores
saved. (The screen does not ask for them: see ui/background-indexing.ts.)

The worker rides on its indexer as the main thread's first pass does (`CorpusAnalysis.observe`):
each sentence's mentions are read from its token lines as soon as it is indexed, in the window of
the file the worker holds, whose windows end at sentence boundaries for this. A sentence that began
in a window already gone (a window cut at a line end: no sentence ended near the cut) ends the
worker's first pass; the main thread then reads the part's mentions itself.
*/
import type {Corpus} from '../corpus/index.js';
import {AnalysisPasses} from './analysis-passes.js';
import {MentionCounts} from './mention-counts.js';
import type {PartMentions} from './part-mentions.js';
import {PendingEdits} from './sentence-reader.js';

/** The worker's side: pass 1 over its part as its indexer reads it. */
export class PartFirstPass {
	private readonly counts: MentionCounts;
	private readonly passes: AnalysisPasses;
	/** The sentence's token line offsets, in the window. */
	private lines = new Int32Array(256);
	/** Where the window held starts in the file. */
	private base = 0;
	/** A sentence began in a window that is gone: the main thread reads the part's mentions itself. */
	abandoned = false;

	/** `corpus`, the worker's indexer's: the part's index, numbered from 0. */
	constructor(private readonly corpus: Corpus) {
		this.counts = new MentionCounts(corpus);
		this.passes = new AnalysisPasses(corpus, this.counts, new PendingEdits());
	}

	/** The window the indexer reads next, which starts at byte `base` of the file. */
	window(bytes: Buffer, base: number): void {
		this.counts.reader.cells.corpus = this.corpus.over(bytes);
		this.base = base;
	}

	/** The indexer's observer: reads the mentions of each sentence as it is indexed (`lineStarts` are the file's offsets). */
	readonly observe = (sentence: number, lineStarts: Int32Array, count: number): void => {
		if (this.abandoned) {
			return;
		}

		if (lineStarts[0]! < this.base) {
			this.abandoned = true;
			return;
		}

		if (this.lines.length < count) {
			this.lines = new Int32Array(Math.max(count, this.lines.length * 2));
		}

		for (let token = 0; token < count; token++) {
			this.lines[token] = lineStarts[token]! - this.base;
		}

		this.counts.roles.refresh();
		this.passes.readMentions(sentence, this.lines, count);
	};

	/** What was found, once the part is indexed; undefined when abandoned. */
	result(): PartMentions | undefined {
		if (this.abandoned) {
			return undefined;
		}

		const {counts} = this;
		const {strings} = counts;
		const {count} = strings;
		const pairStart = new Uint32Array(count + 1);
		const pairTypes: number[] = [];
		const pairCounts: number[] = [];
		for (let id = 0; id < count; id++) {
			// In the order the part met them: [its first type, its count], then the map's entries.
			for (const [type, mentions] of strings.types(id)) {
				pairTypes.push(type);
				pairCounts.push(mentions);
			}

			pairStart[id + 1] = pairTypes.length;
		}

		const typeTokens = new Float64Array(counts.types.size);
		for (let type = 0; type < typeTokens.length; type++) {
			typeTokens[type] = counts.tokensPerType[type] ?? 0;
		}

		return {
			typeNames: counts.types.names,
			tagCounts: counts.tagCounts.slice(),
			typeTokens,
			pool: strings.pool.slice(0, strings.offset[count]),
			offset: strings.offset.slice(0, count + 1),
			hash: strings.hash.slice(0, count),
			firstMention: strings.firstMention.slice(0, count),
			pairStart,
			pairTypes: Uint32Array.from(pairTypes),
			pairCounts: Uint32Array.from(pairCounts),
			...this.passes.partFound(),
		};
	}
}

