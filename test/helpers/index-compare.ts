/**
The index of one pass over a file, and the assertion that another index (a file indexed in two
parts, by the screen and the index worker) is the same: tokens, sentences with their first tokens,
lines and offsets, documents, format, and every token's tag by its text (tag ids may differ).
*/
import assert from 'node:assert/strict';
import {type Corpus, CorpusError, indexCorpus} from '../../source/corpus/index.js';

/** One pass's index of `bytes`, or undefined when ner-review refuses the file (some shared corpora are traps it must refuse). */
export function onePassIndex(bytes: Buffer): Corpus | undefined {
	try {
		return indexCorpus(bytes);
	} catch (error) {
		if (error instanceof CorpusError) {
			return undefined;
		}

		throw error;
	}
}

export function assertSameIndex(actual: Corpus, expected: Corpus, what: string): void {
	assert.equal(actual.complete, true, `${what}: complete`);
	assert.equal(actual.tokenCount, expected.tokenCount, `${what}: tokens`);
	assert.equal(actual.sentenceCount, expected.sentenceCount, `${what}: sentences`);
	const sentences = expected.sentenceCount;
	assert.deepEqual(actual.sentenceStart.subarray(0, sentences + 1), expected.sentenceStart.subarray(0, sentences + 1), `${what}: first tokens`);
	assert.deepEqual(actual.sentenceLine.subarray(0, sentences), expected.sentenceLine.subarray(0, sentences), `${what}: lines`);
	assert.deepEqual(actual.sentenceOffset.subarray(0, sentences), expected.sentenceOffset.subarray(0, sentences), `${what}: offsets`);
	assert.deepEqual(actual.documentStarts, expected.documentStarts, `${what}: documents`);
	assert.deepEqual(actual.format, expected.format, `${what}: format`);
	for (let token = 0; token < expected.tokenCount; token++) {
		const got = actual.tags.get(actual.tagIds[token]!).text;
		const wanted = expected.tags.get(expected.tagIds[token]!).text;
		if (got !== wanted) {
			assert.fail(`${what}: token ${token} is ${got}, not ${wanted}`);
		}
	}
}
