/**
A Corpus for another thread (issue 12's tagger worker): the file read into shared memory, and a
view built from a snapshot that reads the same bytes without a copy and decodes as the original.
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadCorpusFile, readCorpusBytes} from '../source/corpus/load.js';
import {corpusFromSnapshot, sharedBytes, snapshotOf} from '../source/corpus/snapshot.js';
import {applyChanges, planRelabel} from '../source/corpus/edit.js';
import {conll} from './helpers/review-corpus.js';

const text = conll('John/B-PER Smith/I-PER lives in Paris/B-LOC', 'Acme/B-ORG Corp/I-ORG x/I-PER');

function tempFile(content: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-snapshot-'));
	const file = path.join(folder, 'corpus.txt');
	fs.writeFileSync(file, content);
	process.on('exit', () => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return file;
}

test('a file read into shared memory has the same bytes', () => {
	const file = tempFile(text);
	const bytes = readCorpusBytes(file, {shared: true});
	assert.ok(bytes.buffer instanceof SharedArrayBuffer);
	assert.deepEqual(bytes, fs.readFileSync(file));
	assert.equal(sharedBytes(bytes), bytes, 'already shared: no copy');
	const copied = sharedBytes(fs.readFileSync(file));
	assert.ok(copied.buffer instanceof SharedArrayBuffer);
	assert.deepEqual(copied, bytes);
});

test('a view from a snapshot reads the same bytes in place, decodes the same, and keeps the tags of the moment', () => {
	const corpus = loadCorpusFile(tempFile(text), {}, {shared: true});
	applyChanges(corpus, planRelabel(corpus, 0, 4, undefined, 'ORG'), 'forward');
	const view = corpusFromSnapshot(snapshotOf(corpus));
	assert.equal(view.bytes.buffer, corpus.bytes.buffer, 'the same memory');
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		assert.deepEqual(view.decode(sentence), corpus.decode(sentence));
		assert.deepEqual(view.sentenceTags(sentence).map(tag => tag.text), corpus.sentenceTags(sentence).map(tag => tag.text));
	}

	assert.equal(view.tokenText(4), 'Paris');
	// Later edits in the original do not reach the snapshot's view.
	applyChanges(corpus, planRelabel(corpus, 0, 4, undefined, 'LOC'), 'forward');
	assert.equal(view.decode(0).spans.at(-1)?.type, 'ORG');
});
