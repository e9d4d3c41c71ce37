/** What a queue entry is made from (rank.ts, model-entries.ts, ranked-entry.ts): its place, evidence and score. */
import type {QueueKind, Suggestion} from './entry.js';

export type Draft = {
	sentence: number;
	/** Sentence-relative extent. */
	start: number;
	end: number;
	kind: QueueKind;
	/** The file line of its first problem (of `start` for a disagreement: found when needed). */
	line?: number;
	/** How many of the checks' problems it stands for. */
	problemCount: number;
	score: number;
	reason: string;
	/** A suggestion of the tagger's or the scheme's; it wins over `counts`. */
	suggestion?: Omit<Suggestion, 'changes'>;
	/** The counts' suggestion for a check's place, shared by the places of one verdict. */
	counts?: CountsSuggestion;
	/** For ties: the mention's text, so one place per string survives. */
	tieOf?: string;
};

/**
What the counts suggest at every place of one string read one way: `[start, end)` relabelled from
`type` (undefined: unlabelled there) to `rival`. The entry makes it a Suggestion only when it is
read: 100,000 suggestions held as spans in arrays were most of a 10M-token queue's memory.
*/
export type CountsSuggestion = {
	readonly type: string | undefined;
	readonly rival: string;
	readonly confidence: number;
	/** The string, the words of `[start, end)`. */
	readonly text: string;
};

/**
How many problems or disagreements are looked at between two chances to stop. A problem of a
frequent string costs up to 30 us to weigh before the JIT has warmed up: 256 of them overran a
3 ms slice by 5 ms, right when the first keys after the analysis came in.
*/
export const stepSize = 32;

/** Adds `value` to `key`'s list in `lists` (the queue groups its problems, drafts and entries by sentence). */
export function addToList<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
	const list = lists.get(key);
	if (list === undefined) {
		lists.set(key, [value]);
	} else {
		list.push(value);
	}
}
