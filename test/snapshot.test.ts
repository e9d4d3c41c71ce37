/**
A corpus's index for another thread (issue 12's tagger worker): copies of the sentence arrays and
the parsed tags, without the bytes and the tag ids (the worker asks for windows of those:
test/tagger-memory.test.ts), read through a SnapshotIndex that says what the corpus says.
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {indexCorpus} from '../source/corpus/load.js';
import {SnapshotIndex, snapshotOf} from '../source/corpus/snapshot.js';
import {conll} from './helpers/review-corpus.js';

const text = conll('John/B-PER Smith/I-PER lives in Paris/B-LOC', 'Acme/B-ORG Corp/I-ORG x/I-PER', 'nothing here');

test('an index from a snapshot, cloned to another thread, says what the corpus says of its sentences and tags', () => {
	const corpus = indexCorpus(Buffer.from(text));
	const snapshot = snapshotOf(corpus);
	const view = new SnapshotIndex(structuredClone(snapshot));
	assert.equal(view.sentenceCount, 3);
	assert.equal(view.sentenceCount, corpus.sentenceCount);
	assert.equal(view.tokenCount, corpus.tokenCount);
	assert.equal(view.byteLength, corpus.bytes.length);
	assert.deepEqual(view.format, corpus.format);
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		assert.equal(view.sentenceLength(sentence), corpus.sentenceLength(sentence));
		assert.equal(view.sentenceStart[sentence], corpus.sentenceStart[sentence]);
		assert.equal(view.sentenceOffset[sentence], corpus.sentenceOffset[sentence]);
	}

	assert.equal(view.sentenceStart[3], corpus.tokenCount);
	assert.equal(view.tags.size, corpus.tags.size);
	for (let id = 0; id < corpus.tags.size; id++) {
		assert.deepEqual(view.tags.get(id), corpus.tags.get(id));
	}
});

test('the snapshot\'s arrays are copies of the used part, and it holds no bytes nor tag ids', () => {
	const corpus = indexCorpus(Buffer.from(text));
	const snapshot = snapshotOf(corpus);
	assert.equal(snapshot.sentenceStart.length, corpus.sentenceCount + 1);
	assert.equal(snapshot.sentenceOffset.length, corpus.sentenceCount);
	assert.notEqual(snapshot.sentenceStart.buffer, corpus.sentenceStart.buffer);
	const arrays = Object.values(snapshot).filter(value => ArrayBuffer.isView(value));
	assert.deepEqual(arrays, [snapshot.sentenceStart, snapshot.sentenceOffset]);
});
