/**
Bytes back: the loaded bytes with each changed tag cell replaced by its new tag (in a CoNLL-U MISC
cell, the key's value: see Corpus.tagReplacement), everything else
(separators, other columns, comments, blank lines, line endings, BOM, invalid UTF-8) copied as is.
Returns slices of the original buffer rather than a copy, so saving 100 MB costs no extra 100 MB.
*/
import type {Corpus} from './corpus.js';

export function serializeChunks(corpus: Corpus): Uint8Array[] {
	const chunks: Uint8Array[] = [];
	let position = 0;
	for (const token of corpus.changedTokens()) {
		const {start, end, bytes} = corpus.tagReplacement(token);
		chunks.push(corpus.bytes.subarray(position, start), bytes);
		position = end;
	}

	chunks.push(corpus.bytes.subarray(position));
	return chunks;
}

/** The whole file as one buffer (tests and small files). */
export function serialize(corpus: Corpus): Buffer {
	return Buffer.concat(serializeChunks(corpus));
}
