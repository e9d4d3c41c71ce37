import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type {Corpus} from '../source/corpus/corpus.js';
import {indexCorpus} from '../source/corpus/index.js';
import {loadCorpusFile} from '../source/corpus/load.js';
import type {Span} from '../source/corpus/scheme.js';
import {serialize} from '../source/corpus/serialize.js';
import {Session} from '../source/corpus/session.js';
import {cellOf} from './helpers/cells.js';
import {corporaFolder, corpusFiles} from './helpers/shared-corpora.js';

const corpora = corporaFolder;

type Counts = {sentences?: number; tokens?: number; entities?: number};

/** The counts a corpus folder's SOURCE.txt states for `file`, from lines like `  dev.txt  <-  repo:path  (blob …) 123 bytes | 10 lines, 2 sentences, 8 tokens, 1 entities`. */
function statedCounts(file: string): Counts | undefined {
	const folder = path.join(corpora, path.relative(corpora, file).split(path.sep)[0]!);
	const source = path.join(folder, 'SOURCE.txt');
	if (!fs.existsSync(source)) {
		return undefined;
	}

	const name = path.relative(folder, file).split(path.sep).join('/');
	for (const line of fs.readFileSync(source, 'utf8').split('\n')) {
		const match = /^\s+(\S+)\s+<-.*\|(.*)$/.exec(line);
		if (match?.[1] === name) {
			const number = (what: string) => {
				const found = new RegExp(`(\\d+) ${what}\\b`).exec(match[2]!);
				return found === null ? undefined : Number(found[1]);
			};

			return {sentences: number('sentences'), tokens: number('tokens'), entities: number('entities')};
		}
	}

	return undefined;
}

/** Column `column` of one line, with the same rules as the file format (written here independently of the engine). */
function requiredCell(line: Buffer, column: number, separator: 'tab' | 'space'): [number, number] {
	const cell = cellOf(line, column, separator);
	assert.ok(cell !== undefined, `no column ${column} in ${JSON.stringify(line.toString())}`);
	return cell;
}

function spanKeys(spans: readonly Span[]): string[] {
	return spans.map(span => `${span.start}-${span.end}:${span.type}`).sort();
}

type PlannedEdit = {sentence: number; expected: Span[]; apply: (session: Session) => void};

/** Deterministic edits in several sentences spread over the file, each with the spans it must leave. */
function planEdits(corpus: Corpus): PlannedEdit[] {
	const edits: PlannedEdit[] = [];
	const used = new Set<number>();
	const pick = (from: number, wanted: (spans: Span[], sentence: number) => boolean): number | undefined => {
		for (let offset = 0; offset < corpus.sentenceCount; offset++) {
			const sentence = (from + offset) % corpus.sentenceCount;
			if (!used.has(sentence) && wanted(corpus.decode(sentence).spans, sentence)) {
				used.add(sentence);
				return sentence;
			}
		}

		return undefined;
	};

	const firstOutside = (spans: Span[], sentence: number) => {
		for (let token = 0; token < corpus.sentenceLength(sentence); token++) {
			if (!spans.some(span => span.start <= token && token < span.end)) {
				return token;
			}
		}

		return -1;
	};

	for (let k = 0; k < 8; k++) {
		const from = Math.floor((k * corpus.sentenceCount) / 8);
		switch (k % 4) {
			case 0: {
				// Relabel the entity under the cursor (cursor on its last token): same boundaries, new type.
				const sentence = pick(from, spans => spans.length > 0);
				if (sentence !== undefined) {
					const {spans} = corpus.decode(sentence);
					const target = spans[0]!;
					edits.push({
						sentence,
						expected: spans.map(span => (span === target ? {...span, type: 'REVIEWED'} : span)),
						apply: session => session.relabel(sentence, target.end - 1, undefined, 'REVIEWED'),
					});
				}

				break;
			}

			case 1: {
				// Remove the last entity of a sentence.
				const sentence = pick(from, spans => spans.length > 0);
				if (sentence !== undefined) {
					const {spans} = corpus.decode(sentence);
					const target = spans.at(-1)!;
					edits.push({sentence, expected: spans.slice(0, -1), apply: session => session.remove(sentence, target.start, undefined)});
				}

				break;
			}

			case 2: {
				// Label a token outside entities: a new one-token entity.
				const sentence = pick(from, (spans, sentence) => firstOutside(spans, sentence) >= 0);
				if (sentence !== undefined) {
					const {spans} = corpus.decode(sentence);
					const token = firstOutside(spans, sentence);
					edits.push({sentence, expected: [...spans, {start: token, end: token + 1, type: 'NEW'}], apply: session => session.relabel(sentence, token, undefined, 'NEW')});
				}

				break;
			}

			default: {
				// A selection from the token before an entity to its first token: replaces every entity it touches.
				const sentence = pick(from, spans => spans.some(span => span.start > 0));
				if (sentence !== undefined) {
					const {spans} = corpus.decode(sentence);
					const target = spans.find(span => span.start > 0)!;
					const selection = {start: target.start - 1, end: target.start + 1};
					const kept = spans.filter(span => !(span.start < selection.end && selection.start < span.end));
					edits.push({sentence, expected: [...kept, {...selection, type: 'SEL'}], apply: session => session.relabel(sentence, selection.start, selection, 'SEL')});
				}

				break;
			}
		}
	}

	return edits;
}

const files = fs.existsSync(corpora) ? corpusFiles(corpora) : [];

describe('real corpora', () => {
	if (files.length === 0) {
		test('corpus files', {skip: `${corpora} is absent: no real corpora to round-trip`}, () => {});
		return;
	}

	for (const file of files) {
		const name = path.relative(corpora, file);
		describe(name, () => {
			test('loads and serializes back byte for byte', () => {
				const bytes = fs.readFileSync(file);
				const corpus = loadCorpusFile(file);
				assert.ok(corpus.complete);
				assert.ok(corpus.tokenCount > 0);
				assert.ok(serialize(corpus).equals(bytes), 'serialized bytes differ from the file');
			});

			test('counts match SOURCE.txt', t => {
				const stated = statedCounts(file);
				if (stated === undefined || (stated.sentences === undefined && stated.tokens === undefined)) {
					t.skip(`SOURCE.txt states no counts for ${name}`);
					return;
				}

				const corpus = loadCorpusFile(file);
				if (stated.sentences !== undefined) {
					assert.equal(corpus.sentenceCount, stated.sentences, 'sentences');
				}

				if (stated.tokens !== undefined) {
					assert.equal(corpus.tokenCount, stated.tokens, 'tokens');
				}

				if (stated.entities !== undefined) {
					let entities = 0;
					for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
						entities += corpus.decode(sentence).spans.length;
					}

					assert.equal(entities, stated.entities, 'entities');
				}
			});

			test('edits change only their tag cells and give the expected spans', () => {
				const bytes = fs.readFileSync(file);
				const corpus = loadCorpusFile(file);
				const {format} = corpus;
				const originalTags = Array.from({length: corpus.tokenCount}, (_, token) => corpus.tag(token).text);
				const originalLineStart = Array.from({length: corpus.tokenCount}, (_, token) => corpus.tokenLineStart(token));
				const edits = planEdits(corpus);
				assert.ok(edits.length >= 4, `only ${edits.length} edits could be planned`);
				const session = new Session(corpus, {file, backup: false});
				for (const edit of edits) {
					edit.apply(session);
				}

				assert.equal(session.dirty, true);
				const edited = serialize(corpus);
				assert.ok(!edited.equals(bytes));

				// Re-read the result as a fresh file in the same format.
				const reread = indexCorpus(edited, {tagColumn: format.tagColumn + 1, scheme: format.scheme});
				assert.equal(reread.tokenCount, corpus.tokenCount);
				assert.equal(reread.sentenceCount, corpus.sentenceCount);
				const editedSentences = new Set(edits.map(edit => edit.sentence));
				for (const edit of edits) {
					assert.deepEqual(spanKeys(reread.decode(edit.sentence).spans), spanKeys(edit.expected), `sentence ${edit.sentence}`);
				}

				// Tags changed only in edited sentences; everything else, byte for byte, as it was.
				const changed: number[] = [];
				for (let token = 0; token < reread.tokenCount; token++) {
					if (reread.tag(token).text !== originalTags[token]) {
						changed.push(token);
						assert.ok(editedSentences.has(reread.sentenceOf(token)), `token ${token} changed outside the edited sentences`);
					}
				}

				assert.ok(changed.length >= edits.length);
				const expected: Buffer[] = [];
				let position = 0;
				for (const token of changed) {
					const lineStart = originalLineStart[token]!;
					let lineEnd = bytes.indexOf(0x0A, lineStart);
					lineEnd = lineEnd === -1 ? bytes.length : lineEnd;
					if (bytes[lineEnd - 1] === 0x0D) {
						lineEnd--;
					}

					const [start, end] = requiredCell(bytes.subarray(lineStart, lineEnd), format.tagColumn, format.separator);
					expected.push(bytes.subarray(position, lineStart + start), Buffer.from(reread.tag(token).text));
					position = lineStart + end;
				}

				expected.push(bytes.subarray(position));
				assert.ok(edited.equals(Buffer.concat(expected)), 'bytes outside the changed tag cells differ');

				// And all of it undone gives the file back.
				while (session.undo()) {}
				assert.ok(serialize(corpus).equals(bytes));
				assert.equal(session.dirty, false);
			});
		});
	}
});

test('wikiser-small/dev.txt has the counts SOURCE.txt gives (7992 sentences, 297885 tokens)', t => {
	const file = path.join(corpora, 'wikiser/wikiser-small/dev.txt');
	if (!fs.existsSync(file)) {
		t.skip(`${file} is absent`);
		return;
	}

	const corpus = loadCorpusFile(file);
	assert.equal(corpus.sentenceCount, 7992);
	assert.equal(corpus.tokenCount, 297_885);
	assert.equal(corpus.format.layout, 'sentence-markers');
	// The 3,757-token sentence is one sentence.
	let longest = 0;
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		longest = Math.max(longest, corpus.sentenceLength(sentence));
	}

	assert.equal(longest, 3757);
});

test('the statement parser reads SOURCE.txt lines', t => {
	if (files.length === 0) {
		t.skip(`${corpora} is absent`);
		return;
	}

	// Every corpus file has a line in its SOURCE.txt, so a parser that silently found nothing would be noticed here.
	const missing = files.filter(file => statedCounts(file)?.tokens === undefined).map(file => path.relative(corpora, file));
	assert.deepEqual(missing, []);
});
