/** A count and its noun, singular for one: `1 sentence`, `3 sentences`, `0 sentences`. */
export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
