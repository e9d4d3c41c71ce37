/**
The hash of token text, polynomial so that the hash of tokens joined by single spaces (a mention's
text) is combined from the tokens' own hashes in constant time (`joinHash`); a token holding a
space (WikiSER's `Windows 95`) hashes like the two tokens `Windows` `95` joined.
*/
/** The hash of the empty byte string. */
export const emptyHash = 0;
const base = 0x01_00_01_93;
const space = 0x20;

/** The hash of `bytes[start, end)`. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = emptyHash;
	for (let i = start; i < end; i++) {
		hash = nextHash(hash, bytes[i]!);
	}

	return hash;
}

/** The hash of the bytes hashed as `hash` followed by `byte`: for a loop that finds a cell's end and hashes it at once. */
export function nextHash(hash: number, byte: number): number {
	return (Math.imul(hash, base) + byte) | 0;
}

/** `base` to the powers 0 to 63. */
const shifts = new Int32Array(64);
shifts[0] = 1;
for (let i = 1; i < shifts.length; i++) {
	shifts[i] = Math.imul(shifts[i - 1]!, base);
}

/** `base` to the power `length`, the factor a hash is shifted by when `length` bytes follow it. */
export function shiftOf(length: number): number {
	if (length < shifts.length) {
		return shifts[length]!;
	}

	let shift = shifts[shifts.length - 1]!;
	for (let i = shifts.length - 1; i < length; i++) {
		shift = Math.imul(shift, base);
	}

	return shift;
}

/** The hash of `left + ' ' + right`, from both hashes and the shift of `right` (`shiftOf(its length)`). */
export function joinHash(left: number, right: number, rightShift: number): number {
	return (Math.imul((Math.imul(left, base) + space) | 0, rightShift) + right) | 0;
}
