import type {Format} from './format.js';

/**
The columnar index as the Indexer builds it, line by line. Only the indexer writes it (and edits,
through Corpus.setTag); everything else reads it through the Corpus, whose fields are read-only.
*/
export class CorpusIndex {
	tagIds: Uint8Array | Uint16Array = new Uint8Array(1024);
	tokenCount = 0;
	sentenceStart = new Uint32Array(1024);
	sentenceLine = new Uint32Array(1024);
	sentenceOffset = new Uint32Array(1024);
	sentenceCount = 0;
	readonly documentStarts: number[] = [];
	complete = false;

	constructor(public format: Format) {}
}
