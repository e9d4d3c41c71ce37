/**
The rows of the consistency view (`c`) as data: what the string is labelled as, then each place
it occurs. Selecting a group row and pressing a number relabels that group; selecting a place
and pressing Enter jumps there.
*/
import type {Occurrences, Place} from '../../review/index.js';

export type ConsistencyRow =
	| {readonly kind: 'all'; readonly mentions: number}
	| {readonly kind: 'type'; readonly type: string; readonly count: number}
	| {readonly kind: 'unlabelled'; readonly count: number}
	| {readonly kind: 'place'; readonly place: Place};

export function consistencyRows(occurrences: Occurrences): ConsistencyRow[] {
	const mentions = [...occurrences.byType.values()].reduce((sum, count) => sum + count, 0);
	const types = [...occurrences.byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	return [
		{kind: 'all', mentions},
		...types.map(([type, count]) => ({kind: 'type', type, count}) as const),
		...(occurrences.unlabelled > 0 ? [{kind: 'unlabelled', count: occurrences.unlabelled} as const] : []),
		...occurrences.places.map(place => ({kind: 'place', place}) as const),
	];
}

/** Which mentions a number key relabels from this row: all (undefined), one type, or the unlabelled ones ('O'). */
export function groupOf(row: ConsistencyRow | undefined): string | undefined {
	if (row?.kind === 'type') {
		return row.type;
	}

	return row?.kind === 'unlabelled' ? 'O' : undefined;
}
