/** The two orders of a ranked queue: most suspicious first (`byRank`), and by place in the file (`byPosition`). */
import type {QueueEntry, QueueKind} from './entry.js';

const kindRank: Record<QueueKind, number> = {'invalid-tag': 0, 'inconsistent-type': 1, 'unlabelled-mention': 1, 'model-disagreement': 1};

/** Tags that break the scheme first, then by suspicion, then by place. */
export function byRank(a: QueueEntry, b: QueueEntry): number {
	return kindRank[a.kind] - kindRank[b.kind] || b.score - a.score || byPosition(a, b);
}

export function byPosition(a: QueueEntry, b: QueueEntry): number {
	return a.sentence - b.sentence || a.token - b.token || kindRank[a.kind] - kindRank[b.kind];
}
