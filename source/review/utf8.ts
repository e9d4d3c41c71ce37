/**
Whether `bytes[start, end)` is well-formed UTF-8 (what `Buffer.toString('utf8')` decodes without
a replacement character). Only called for cells holding a byte above 0x7F.
*/
export function isWellFormedUtf8(bytes: Uint8Array, start: number, end: number): boolean {
	let i = start;
	while (i < end) {
		const byte = bytes[i]!;
		if (byte < 0x80) {
			i++;
			continue;
		}

		let needed: number;
		let low = 0x80;
		let high = 0xBF;
		if (byte >= 0xC2 && byte <= 0xDF) {
			needed = 1;
		} else if (byte >= 0xE0 && byte <= 0xEF) {
			needed = 2;
			if (byte === 0xE0) {
				low = 0xA0;
			} else if (byte === 0xED) {
				high = 0x9F;
			}
		} else if (byte >= 0xF0 && byte <= 0xF4) {
			needed = 3;
			if (byte === 0xF0) {
				low = 0x90;
			} else if (byte === 0xF4) {
				high = 0x8F;
			}
		} else {
			return false;
		}

		if (i + needed >= end) {
			return false;
		}

		const second = bytes[i + 1]!;
		if (second < low || second > high) {
			return false;
		}

		for (let k = 2; k <= needed; k++) {
			const next = bytes[i + k]!;
			if (next < 0x80 || next > 0xBF) {
				return false;
			}
		}

		i += needed + 1;
	}

	return true;
}
