/** A queue entry while it is being ranked (rank.ts, model-drafts.ts): its place, evidence and score. */
import type {Problem} from '../checks.js';
import type {QueueKind, Suggestion} from './entry.js';

export type Draft = {
	sentence: number;
	/** Sentence-relative extent. */
	start: number;
	end: number;
	kind: QueueKind;
	problems: Problem[];
	score: number;
	reason: string;
	suggestion?: Omit<Suggestion, 'changes'>;
	/** For ties: the mention's text, so one place per string survives. */
	tieOf?: string;
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
