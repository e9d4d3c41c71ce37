/** The two orders of a ranked queue: most suspicious first (`byRank`), and by place in the file (`byPosition`). */
import type {QueueEntry, QueueKind} from './entry.js';
import type {EntryColumns} from './ranked-entry.js';

const kindRank: Record<QueueKind, number> = {'invalid-tag': 0, 'inconsistent-type': 1, 'unlabelled-mention': 1, 'model-disagreement': 1};

/** A row's kind rank, as `kindRank` says of its entry. */
function rowKindRank(columns: EntryColumns, row: number): number {
	return columns.isInvalidTag(row) ? 0 : 1;
}

/**
`rows` sorted by rank (as `byRank` sorts their entries), in about linear time: the rows of one kind
rank are put in file order (a check over a list that nearly always is already), then placed by
score, from the highest down, each score's rows in that order. Scores come from counts, so 100,000
entries share a few thousand values; a comparison sort of the entries was a seventh of the ranking
of a 10M-token corpus.
*/
export function sortByRank(columns: EntryColumns, rows: Uint32Array): Uint32Array {
	const sorted = new Uint32Array(rows.length);
	let filled = 0;
	const position = rowsByPosition(columns);
	for (const rank of [0, 1]) {
		const group = rows.filter(row => rowKindRank(columns, row) === rank);
		if (!isInOrder(group, position)) {
			group.sort(position);
		}

		// A counting sort by score: each distinct score's place, then each row put in it.
		const bucketOf = new Map<number, number>();
		for (let index = 0; index < group.length; index++) {
			const score = columns.score[group[index]!]!;
			if (!bucketOf.has(score)) {
				bucketOf.set(score, bucketOf.size);
			}
		}

		const counts = new Int32Array(bucketOf.size);
		for (let index = 0; index < group.length; index++) {
			counts[bucketOf.get(columns.score[group[index]!]!)!]!++;
		}

		const starts = new Int32Array(bucketOf.size);
		let next = filled;
		for (const score of [...bucketOf.keys()].sort((a, b) => b - a)) {
			const bucket = bucketOf.get(score)!;
			starts[bucket] = next;
			next += counts[bucket]!;
		}

		for (let index = 0; index < group.length; index++) {
			const row = group[index]!;
			sorted[starts[bucketOf.get(columns.score[row]!)!]!++] = row;
		}

		filled = next;
	}

	return sorted;
}

/** `rows` in file order (as `byPosition` sorts their entries). */
export function sortByPosition(columns: EntryColumns, rows: Uint32Array): Uint32Array {
	return rows.slice().sort(rowsByPosition(columns));
}

/** Whether `row` comes before `other` in rank order (as `byRank` says of their entries). */
export function rowRanksBefore(columns: EntryColumns, row: number, other: number): boolean {
	return (rowKindRank(columns, row) - rowKindRank(columns, other) || columns.score[other]! - columns.score[row]! || rowsByPosition(columns)(row, other)) < 0;
}

function rowsByPosition(columns: EntryColumns): (a: number, b: number) => number {
	const {sentence, token} = columns;
	return (a, b) => sentence[a]! - sentence[b]! || token[a]! - token[b]! || rowKindRank(columns, a) - rowKindRank(columns, b);
}

function isInOrder(list: Uint32Array, compare: (a: number, b: number) => number): boolean {
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
