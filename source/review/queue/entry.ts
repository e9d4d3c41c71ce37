/**
One entry of the ranked problem queue: where, what kind, how suspicious, why (in words for the
status line), and the fix to suggest, as spans and as tag changes the UI applies as one edit.
*/
import type {Span, TagChange} from '../../corpus/index.js';
import type {ProblemKind} from '../checks.js';

/** The cheap checks' kinds, plus a disagreement the tagger found where no check did. */
export type QueueKind = ProblemKind | 'model-disagreement';

export type Suggestion = {
	/** Tokens `[start, end)` of the sentence (sentence-relative) the fix rewrites. */
	readonly start: number;
	readonly end: number;
	/** The file's entities in that range now. */
	readonly from: readonly Span[];
	/** The entities suggested instead (none: the tokens become O). */
	readonly to: readonly Span[];
	/** How sure the source is, 0..1: the tagger's probability, or the share of the corpus's labels. */
	readonly confidence: number;
	/** Who suggests it. */
	readonly source: 'model' | 'counts' | 'scheme';
	/**
	The words of `[start, end)` joined by spaces, when the ranking knows them already (the string a
	check is about), so showing the suggestion decodes nothing.
	*/
	readonly text?: string;
	/** The tag changes, planned in the file's scheme when first read, against the tags then (see planSuggestion). */
	readonly changes: readonly TagChange[];
};

export type QueueEntry = {
	readonly sentence: number;
	/** First token (absolute) of what the entry is about. */
	readonly token: number;
	/** One past its last token (absolute). */
	readonly end: number;
	/** 1-based file line of `token`. */
	readonly line: number;
	readonly kind: QueueKind;
	/**
	Suspicion, 0..1: how likely the labels here are wrong given the evidence. Invalid tags score 1
	and come first whatever the others score.
	*/
	readonly score: number;
	/** Why the entry is in the queue, for the status line. */
	readonly reason: string;
	readonly suggestion?: Suggestion;
	/**
	The same object for entries whose suggestion reads the same (the places of one verdict of the
	counts), else undefined: a key to make its label once (`check` prints 100,000 of them).
	*/
	readonly suggestionKey?: object;
	/** How many of the cheap checks' problems this entry stands for (0 for a model disagreement). */
	readonly problemCount: number;
};
