/**
The sentence hash of version 1 sidecars, kept to read them: a hash of a sentence's token texts as
UTF-16. Version 2 hashes the texts' bytes instead (Corpus.sentenceHash), which a 50 MB token
does not have to be decoded for; the whole file is named by its SHA-256 (corpus/content-hash.ts),
no longer by its size and sampled ends, which moving a line in the middle kept equal.
*/
import type {Corpus} from '../corpus/index.js';

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

/** `corpus.sentenceHash`, each sentence's hashed once: a review and a replay ask for the same sentences again and again. */
export function sentenceHashes(corpus: Pick<Corpus, 'sentenceHash'>): (sentence: number) => string {
	const hashes = new Map<number, string>();
	return sentence => {
		let hash = hashes.get(sentence);
		if (hash === undefined) {
			hash = corpus.sentenceHash(sentence);
			hashes.set(sentence, hash);
		}

		return hash;
	};
}
