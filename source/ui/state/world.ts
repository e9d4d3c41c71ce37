/**
What the reducer may read of the world: the corpus and its edit history, the review marks, and the
whole-corpus analysis when it is ready. The reducer never writes to any of them: it returns effects,
and the effect runner (source/ui/effects.ts) is the only code that changes the corpus, the marks or
a file. Tests build a World over an in-memory corpus.
*/
import type {Corpus, History} from '../../corpus/index.js';
import type {Analysis, ReviewMarks} from '../../review/index.js';
import type {QueueView} from '../problem-queue.js';
import type {SecondOpinion} from '../second-opinion.js';

export type World = {
	readonly corpus: Corpus;
	/** The undo history: the reducer peeks at what `u` and Ctrl-R would do. */
	readonly history: History;
	/** The corpus file as given (for the `W` prompt's suggestion). */
	readonly file: string;
	/** Whether the tags differ from the file on disk. */
	readonly dirty: boolean;
	/** Why this session may not save over the file (another ner-review edits it), if it may not. */
	readonly readOnly?: string;
	/** What this session cannot keep (journal, marks) and why, if anything. */
	readonly notKept?: string;
	/** Reviewed and flagged sentences; undefined when the app runs without a review sidecar. */
	readonly marks?: ReviewMarks;
	/** The whole-corpus analysis for the current tags, or undefined until it is built. */
	analysis(): Analysis | undefined;
	/** Above this size, building the analysis takes long enough to say so on screen first. */
	readonly analysisIsSlow: boolean;
	/** A second annotation of the same tokens (compare mode, or the file's other tag layer). */
	readonly second?: SecondOpinion;
	/** The ranked problem queue, once built (see problem-queue.ts). */
	queue(): QueueView | undefined;
};
