/**
Which model predicts which sentence. The open file's sentences go to k folds in chunks of
consecutive sentences (a chunk keeps a document's sentences together, so a model never learns a
document's own habits from the sentences next to the one it predicts); chunks are dealt to folds
in a seeded random order, so each fold draws from the whole file. Nothing here reads the labels.
*/
import {seededRandom, shuffle} from './random.js';

/** Sentences per chunk. */
export const chunkSentences = 32;

/** The fold (0..folds-1) of each of `sentenceCount` sentences. */
export function assignFolds(sentenceCount: number, folds: number, seed: number): Uint8Array {
	const chunks = Math.ceil(sentenceCount / chunkSentences);
	const order = new Int32Array(chunks);
	for (let chunk = 0; chunk < chunks; chunk++) {
		order[chunk] = chunk;
	}

	shuffle(order, seededRandom(seed));
	const foldOfChunk = new Uint8Array(chunks);
	for (let position = 0; position < chunks; position++) {
		foldOfChunk[order[position]!] = position % folds;
	}

	const assignment = new Uint8Array(sentenceCount);
	for (let sentence = 0; sentence < sentenceCount; sentence++) {
		assignment[sentence] = foldOfChunk[Math.floor(sentence / chunkSentences)]!;
	}

	return assignment;
}

/**
Whether sentence `sentence` of corpus `source` is in a sample keeping `share` (0..1) of the
training data: a hash of its position, not of its content, so the sample is the same whatever
the labels say.
*/
export function inSample(source: number, sentence: number, share: number, seed: number): boolean {
	if (share >= 1) {
		return true;
	}

	let hash = Math.imul((sentence + 1) ^ Math.imul(source + 1, 0x9E_37_79_B1) ^ seed, 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xC2_B2_AE_35);
	hash ^= hash >>> 16;
	return (hash >>> 0) / 4_294_967_296 < share;
}
