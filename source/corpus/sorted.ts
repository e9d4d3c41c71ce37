/** Binary search over an ascending array of numbers (a typed-array index). */

/** Index of the last entry among the first `count` that is <= `value`, starting the search at `low`; `low` when none is. */
export function lastAtOrBefore(sorted: ArrayLike<number>, count: number, value: number, low = 0): number {
	let high = count - 1;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (sorted[middle]! <= value) {
			low = middle;
		} else {
			high = middle - 1;
		}
	}

	return low;
}

/** Index of the first entry among the first `count` that is >= `value`; `count` when none is. */
export function firstAtOrAfter(sorted: ArrayLike<number>, count: number, value: number): number {
	let low = 0;
	let high = count;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (sorted[middle]! < value) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return low;
}
