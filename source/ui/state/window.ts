/**
The one windowing rule of the screen: which entry of a scrolled list is its first visible row.
The sentence list, the current sentence's wrapped lines, the consistency view, the help and the
statistics all keep their window in the state and place it with these two functions.
*/

/**
The first visible entry of `rows` rows over `count` entries, showing `cursor` with `above` rows of
context above it where the list allows (the list centres its sentence, the sentence keeps a third
above its cursor line).
*/
export function windowAround(cursor: number, count: number, rows: number, above: number): number {
	return clampTop(cursor - above, count, rows);
}

/** A window moved by hand (help, statistics): `top` kept in range, so the last page is full. */
export function clampTop(top: number, count: number, rows: number): number {
	return Math.max(0, Math.min(top, count - Math.max(1, rows)));
}
