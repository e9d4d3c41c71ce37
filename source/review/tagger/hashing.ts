/**
32-bit hashes for feature hashing: the tagger never builds a vocabulary, it hashes token bytes and
feature templates straight into the weight table's buckets (a few collisions cost a little
accuracy; a vocabulary of a 10M-token corpus would cost its strings).
*/

const fnvOffset = 0x81_1C_9D_C5;
const fnvPrime = 0x01_00_01_93;

/** FNV-1a over `bytes[start, end)`. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = fnvOffset;
	for (let i = start; i < end; i++) {
		hash = Math.imul(hash ^ bytes[i]!, fnvPrime);
	}

	return hash >>> 0;
}

/** FNV-1a over the bytes with ASCII letters lower-cased. */
export function hashLowerBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = fnvOffset;
	for (let i = start; i < end; i++) {
		let byte = bytes[i]!;
		if (byte >= 0x41 && byte <= 0x5A) {
			byte += 0x20;
		}

		hash = Math.imul(hash ^ byte, fnvPrime);
	}

	return hash >>> 0;
}

/** Continues a hash with one more 32-bit value. */
export function extendHash(hash: number, value: number): number {
	return Math.imul((hash ^ value) >>> 0, fnvPrime) >>> 0;
}

/** Mixes a feature template number with its value(s) into a well-spread 32-bit hash (murmur3's finaliser). */
export function featureHash(template: number, value: number, second = 0): number {
	let hash = Math.imul(value ^ Math.imul(template + 1, 0x9E_37_79_B1), 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	hash = Math.imul(hash ^ second, 0xC2_B2_AE_35);
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	return hash >>> 0;
}
