/** The two orders of a ranked queue: most suspicious first (`byRank`), and by place in the file (`byPosition`). */
import {addToList} from './draft.js';
import type {QueueEntry, QueueKind} from './entry.js';

const kindRank: Record<QueueKind, number> = {'invalid-tag': 0, 'inconsistent-type': 1, 'unlabelled-mention': 1, 'model-disagreement': 1};

/**
`entries` sorted by `byRank`, in about linear time: the entries of one kind rank are put in file
order (a check over a list that nearly always is already), then grouped by score, and the groups
taken from the highest score down. Scores come from counts, so 100,000 entries share a few thousand
values; a comparison sort of the entries was a seventh of the ranking of a 10M-token corpus.
*/
export function sortByRank(entries: readonly QueueEntry[]): QueueEntry[] {
	// Arrays made at their size: grown by pushes, each of 100,000 entries left its smaller copies as
	// large-object garbage (resident until a full collection).
	const sorted = Array.from<QueueEntry>({length: entries.length});
	let filled = 0;
	for (const group of [kindGroup(entries, 0), kindGroup(entries, 1)]) {
		if (!isInOrder(group, byPosition)) {
			group.sort(byPosition);
		}

		const byScore = new Map<number, QueueEntry[]>();
		for (let index = 0; index < group.length; index++) {
			addToList(byScore, group[index]!.score, group[index]!);
		}

		for (const score of [...byScore.keys()].sort((a, b) => b - a)) {
			const list = byScore.get(score)!;
			for (let index = 0; index < list.length; index++) {
				sorted[filled++] = list[index]!;
			}
		}
	}

	return sorted;
}

/** The entries of one kind rank, in their order. Indexed loops: this runs once, unoptimized, where `for of` makes an object per entry. */
function kindGroup(entries: readonly QueueEntry[], rank: number): QueueEntry[] {
	let count = 0;
	for (let index = 0; index < entries.length; index++) {
		count += kindRank[entries[index]!.kind] === rank ? 1 : 0;
	}

	const group = Array.from<QueueEntry>({length: count});
	let filled = 0;
	for (let index = 0; index < entries.length; index++) {
		if (kindRank[entries[index]!.kind] === rank) {
			group[filled++] = entries[index]!;
		}
	}

	return group;
}

function isInOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
	for (let i = 1; i < list.length; i++) {
		if (compare(list[i - 1]!, list[i]!) > 0) {
			return false;
		}
	}

	return true;
}

/** Tags that break the scheme first, then by suspicion, then by place. */
export function byRank(a: QueueEntry, b: QueueEntry): number {
	return kindRank[a.kind] - kindRank[b.kind] || b.score - a.score || byPosition(a, b);
}

export function byPosition(a: QueueEntry, b: QueueEntry): number {
	return a.sentence - b.sentence || a.token - b.token || kindRank[a.kind] - kindRank[b.kind];
}
