/**
What identifies one version of a corpus file cheaply: its size, its modification time and a hash
of its first and last 64 KB. Used to tell whether a sidecar or a journal belongs to the bytes on
disk, without hashing a 100 MB file.
*/
import type {FileStamp} from '../corpus/save.js';

export type Fingerprint = {
	readonly size: number;
	readonly mtimeMs: number;
	readonly sample: string;
};

const sampleBytes = 64 * 1024;

export function fingerprintOf(bytes: Uint8Array, stamp: Pick<FileStamp, 'mtimeMs'> | undefined): Fingerprint {
	return {size: bytes.length, mtimeMs: stamp?.mtimeMs ?? 0, sample: hashEnds(bytes)};
}

/** Same content: size and sampled bytes agree (a copy or a touch keeps the review). */
export function sameContent(a: Fingerprint, b: Fingerprint): boolean {
	return a.size === b.size && a.sample === b.sample;
}

function hashEnds(bytes: Uint8Array): string {
	let hash = 0x81_1C_9D_C5;
	const mix = (from: number, to: number) => {
		for (let i = from; i < to; i++) {
			hash = Math.imul(hash ^ bytes[i]!, 0x01_00_01_93);
		}
	};

	mix(0, Math.min(bytes.length, sampleBytes));
	mix(Math.max(sampleBytes, bytes.length - sampleBytes), bytes.length);
	return (hash >>> 0).toString(16);
}

/** A hash of a sentence's token texts (not its tags), to find a sentence again after the file changed. */
export function sentenceTextHash(texts: readonly string[]): string {
	let hash = 0x81_1C_9D_C5;
	for (const text of texts) {
		for (let i = 0; i < text.length; i++) {
			hash = Math.imul(hash ^ text.charCodeAt(i), 0x01_00_01_93);
		}

		hash = Math.imul(hash ^ 0x20, 0x01_00_01_93);
	}

	return (hash >>> 0).toString(36);
}
