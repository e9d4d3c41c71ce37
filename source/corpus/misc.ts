/**
NER tags kept inside a CoNLL-U MISC cell (`SpaceAfter=No|name=B-PER`), as Universal Dependencies
treebanks with entities write them (NorNE, DaNE: `name=`; others `NE=` or `NER=`). The tag cell is
the key's value, so an edit rewrites those bytes alone and the rest of MISC stays as it was.
*/

/** The keys read without `--misc-key`, in order of preference. */
export const knownMiscKeys = ['name', 'NE', 'NER', 'ner'] as const;

export type MiscTags = {
	/** The key whose value is the tag (`name`). */
	readonly key: string;
	readonly keyBytes: Uint8Array;
	/**
	How the file writes a token outside every entity: `value` gives every token the key (`name=O`,
	NorNE); `absent` leaves the key out (only entity tokens carry it). A token without the key reads
	as `O` either way, and an edit follows the file's own habit.
	*/
	readonly outside: 'value' | 'absent';
};

const bar = 0x7C;
const equals = 0x3D;
const underscore = 0x5F;

export function miscTags(key: string, outside: MiscTags['outside']): MiscTags {
	return {key, keyBytes: Buffer.from(key, 'utf8'), outside};
}

/**
Finds `key=value` in the MISC cell `[start, end)`. Writes the value's range into `out[0..1]` and
returns true; false when the cell has no such item.
*/
export function findMiscValue(bytes: Uint8Array, start: number, end: number, key: Uint8Array, out: Int32Array): boolean {
	let itemStart = start;
	while (itemStart <= end) {
		let itemEnd = itemStart;
		while (itemEnd < end && bytes[itemEnd] !== bar) {
			itemEnd++;
		}

		if (itemEnd - itemStart > key.length && bytes[itemStart + key.length] === equals && startsWith(bytes, itemStart, key)) {
			out[0] = itemStart + key.length + 1;
			out[1] = itemEnd;
			return true;
		}

		itemStart = itemEnd + 1;
	}

	return false;
}

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
	for (let i = 0; i < prefix.length; i++) {
		if (bytes[at + i] !== prefix[i]) {
			return false;
		}
	}

	return true;
}

/** The items of a MISC cell as key/value pairs (detection reads a sample as text). */
export function miscItems(cell: string): Array<[key: string, value: string]> {
	if (cell === '_' || !cell.includes('=')) {
		return [];
	}

	return cell.split('|').flatMap(item => {
		const at = item.indexOf('=');
		return at > 0 ? [[item.slice(0, at), item.slice(at + 1)] as [string, string]] : [];
	});
}

/** A byte range of the file and what replaces it. */
export type Replacement = {readonly start: number; readonly end: number; readonly bytes: Uint8Array};

/**
What writing `tag` into a MISC cell replaces. `valueStart`/`valueEnd` is the key's value, or, for a
cell without the key, both are the cell's end. Only the value changes, except where the key must
appear (a token without it becomes an entity: `|name=B-PER` is appended, or `_` becomes
`name=B-PER`) or, in a file that leaves O tokens without the key, disappear (with one `|`, or the
cell becomes `_`).
*/
export function miscReplacement(bytes: Uint8Array, cellStart: number, cellEnd: number, valueStart: number, valueEnd: number, keyPresent: boolean, misc: MiscTags, tag: Uint8Array): Replacement {
	const isOutside = tag.length === 1 && tag[0] === 0x4F;
	if (keyPresent && !(isOutside && misc.outside === 'absent')) {
		return {start: valueStart, end: valueEnd, bytes: tag};
	}

	if (keyPresent) {
		const itemStart = valueStart - misc.keyBytes.length - 1;
		if (itemStart === cellStart && valueEnd === cellEnd) {
			return {start: cellStart, end: cellEnd, bytes: Uint8Array.of(underscore)};
		}

		// `a|name=B-PER|b` loses `|name=B-PER`; a first item loses its following `|`.
		return itemStart > cellStart ? {start: itemStart - 1, end: valueEnd, bytes: new Uint8Array(0)} : {start: itemStart, end: valueEnd + 1, bytes: new Uint8Array(0)};
	}

	if (isOutside) {
		return {start: cellEnd, end: cellEnd, bytes: new Uint8Array(0)};
	}

	const item = Buffer.concat([misc.keyBytes, Uint8Array.of(equals), tag]);
	const empty = cellEnd === cellStart || (cellEnd - cellStart === 1 && bytes[cellStart] === underscore);
	return empty ? {start: cellStart, end: cellEnd, bytes: item} : {start: cellEnd, end: cellEnd, bytes: Buffer.concat([Uint8Array.of(bar), item])};
}
