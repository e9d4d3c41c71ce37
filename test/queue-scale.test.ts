/**
The ranked queue at the scale of a 10M-token corpus: more problems than a call's arguments can
hold, a linear sort by rank that orders as the comparison does, and entries that make their
suggestions when read (ranked-entry.ts) and say what was held before.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {loadCorpusFile} from '../source/corpus/index.js';
import type {Problem} from '../source/review/checks.js';
import {CorpusAnalysis} from '../source/review/corpus-analysis.js';
import type {StringCounts} from '../source/review/corpus-analysis.js';
import type {QueueEntry, QueueKind} from '../source/review/queue/entry.js';
import {byPosition, byRank, sortByPosition, sortByRank} from '../source/review/queue/order.js';
import {rankQueue} from '../source/review/queue/rank.js';
import {EntryColumns, RankedEntry} from '../source/review/queue/ranked-entry.js';
import {RankedQueue} from '../source/review/queue/ranked-queue.js';
import {SuggestionIndex} from '../source/review/queue/walk.js';
import {conll, corpusOf, skipShared} from './helpers/review-corpus.js';
import {prng} from './helpers/prng.js';
import {corpusFiles} from './helpers/shared-corpora.js';

describe('a queue of 150,000 places', () => {
	test('is ranked (its drafts were once added as the arguments of one call, which overflows the stack past about 125,000)', () => {
		const sentences = 30_000;
		const corpus = corpusOf(conll(...Array.from({length: sentences}, () => 'Paris Paris Paris Paris Paris')));
		// Every token an unlabelled "Paris", a string the counts say is a LOC: one place each.
		const counts: StringCounts = {types: [{type: 'LOC', count: 40}], unlabelled: 10} as unknown as StringCounts;
		const evidence = {text: 'Paris', labelled: 40, occurrences: 50, rival: 'LOC', rivalCount: 40};
		let read = 0;
		const problems = (function * (): Generator<Problem> {
			for (let token = 0; token < corpus.tokenCount; token++) {
				read++;
				yield {sentence: corpus.sentenceOf(token), token, line: token + 1, kind: 'unlabelled-mention', message: 'm', evidence, end: token + 1};
			}
		})();
		const queue = rankQueue(corpus, problems, {indexes: [{countsOf: text => (text === 'Paris' ? counts : undefined)}]});
		assert.equal(read, 150_000, 'the problems are read once, as they come');
		assert.equal(queue.length, 150_000);
		assert.deepEqual([0, 1, 2].map(index => queue.entry(index)!.token), [0, 1, 2], 'equal scores in file order');
		assert.equal(queue.entry(queue.length - 1)!.suggestion?.to[0]?.type, 'LOC');
	});
});

describe('sorting by rank in linear time', () => {
	test('orders as the comparison sort does, ties and entries out of file order included', () => {
		const next = prng(7);

		const kinds: QueueKind[] = ['invalid-tag', 'inconsistent-type', 'unlabelled-mention', 'model-disagreement'];
		// 30 sentences of 10 tokens: sentence s starts at token 10s.
		const corpus = corpusOf(conll(...Array.from({length: 30}, () => 'a b c d e f g h i j')));
		for (let round = 0; round < 50; round++) {
			const scores = Array.from({length: 1 + Math.floor(next() * 6)}, () => next());
			const entries: QueueEntry[] = Array.from({length: Math.floor(next() * 400)}, (_, index) => {
				const sentence = Math.floor(next() * 30);
				const token = sentence * 10 + Math.floor(next() * 10);
				const kind = kinds[Math.floor(next() * kinds.length)]!;
				return {sentence, token, end: token + 1, line: index + 1, kind, score: kind === 'invalid-tag' ? 1 : scores[Math.floor(next() * scores.length)]!, reason: `${index}`, problemCount: 1};
			});
			// Mostly in file order, as the ranking makes them, with some out of it.
			entries.sort((a, b) => (next() < 0.9 ? a.token - b.token : 0));
			// The same entries as rows of a ranking's columns, in that order.
			const columns = new EntryColumns(corpus, 16);
			const rows = Uint32Array.from(entries, entry => columns.add({...entry, start: entry.token - entry.sentence * 10, end: entry.end - entry.sentence * 10}));
			assert.deepEqual([...sortByRank(columns, rows)].map(row => columns.reason[row]), [...entries].sort(byRank).map(entry => entry.reason), `round ${round}`);
			assert.deepEqual([...sortByPosition(columns, rows)].map(row => columns.reason[row]), [...entries].sort(byPosition).map(entry => entry.reason), `round ${round}, file order`);
			// The screen's file order (`#`) of a queue ranked from those rows: the same places as byPosition, each index once.
			const queue = new RankedQueue(columns, sortByRank(columns, rows), new SuggestionIndex());
			const order = queue.fileOrder();
			const placeOf = (entry: QueueEntry) => `${entry.sentence}:${entry.token}:${entry.kind === 'invalid-tag' ? 0 : 1}`;
			assert.deepEqual(Array.from({length: order.length}, (_, place) => placeOf(queue.entry(order.indexAt(place))!)), [...entries].sort(byPosition).map(entry => placeOf(entry)), `round ${round}, the screen's file order`);
			assert.ok(Array.from({length: order.length}, (_, place) => order.placeOf(order.indexAt(place)) === place).every(Boolean));
			for (const kind of kinds) {
				assert.equal(queue.count(kind), entries.filter(entry => entry.kind === kind).length, `round ${round}, entries of ${kind} (the statistics count the tagger's)`);
			}

			const cursor = Math.floor(next() * 300);
			const tokens = Array.from({length: order.length}, (_, place) => queue.entry(order.indexAt(place))!.token);
			assert.equal(order.firstFrom(cursor, 1), tokens.findIndex(token => token > cursor) === -1 ? tokens.length : tokens.findIndex(token => token > cursor));
			assert.equal(order.firstFrom(cursor, -1), tokens.findLastIndex(token => token < cursor));
		}
	});
});

describe('the suggestions\' index', () => {
	test('finds each sentence\'s rows in the order they were added, whatever order the sentences came in', () => {
		const next = prng(11);

		for (let round = 0; round < 40; round++) {
			const sentences = 1 + Math.floor(next() * 50);
			const sentenceOf = Array.from({length: Math.floor(next() * 300)}, () => Math.floor(next() * sentences));
			if (round % 2 === 0) {
				// In sentence order, as the checks come; otherwise in none (the tagger's rows come after the checks').
				sentenceOf.sort((a, b) => a - b);
			}

			// Rows with a suggestion: all but every fifth.
			const index = new SuggestionIndex(round % 4 === 0 ? 0 : sentenceOf.length);
			for (const [row, sentence] of sentenceOf.entries()) {
				if (row % 5 !== 0) {
					index.add(row, sentence);
				}
			}

			if (round % 3 === 0) {
				index.finish();
			}

			for (let sentence = -1; sentence <= sentences; sentence++) {
				const expected = sentenceOf.flatMap((each, row) => (each === sentence && row % 5 !== 0 ? [row] : []));
				assert.deepEqual([...index.of(sentence)], expected, `round ${round}, sentence ${sentence}`);
			}
		}
	});
});

describe('entries whose numbers are columns of their ranking', () => {
	test('read what their drafts said, past the size the columns were made at, and count their problems', () => {
		const next = prng(5);
		const corpus = corpusOf(conll(...Array.from({length: 40}, () => 'a b c d e f')));
		const kinds: QueueKind[] = ['invalid-tag', 'inconsistent-type', 'unlabelled-mention', 'model-disagreement'];
		const columns = new EntryColumns(corpus, 3);
		const drafts = Array.from({length: 300}, (_, index) => {
			const start = Math.floor(next() * 5);
			return {sentence: Math.floor(next() * 40), start, end: start + 1, kind: kinds[index % 4]!, line: index % 3 === 0 ? undefined : index + 1, problemCount: index % 7, score: next(), reason: `r${index}`, tieOf: index % 11 === 0 ? `t${index}` : undefined};
		});
		const rows = drafts.map(draft => columns.add(draft));
		for (const [index, row] of rows.entries()) {
			columns.problemCount[row]! += index % 2;
		}

		const entries = rows.map(row => new RankedEntry(columns, row));

		for (const [index, entry] of entries.entries()) {
			const draft = drafts[index]!;
			const first = corpus.sentenceStart[draft.sentence]!;
			assert.deepEqual(
				{sentence: entry.sentence, token: entry.token, end: entry.end, line: entry.line, kind: entry.kind, score: entry.score, reason: entry.reason, problemCount: entry.problemCount, tieOf: entry.tieOf, start: entry.startInSentence, endInSentence: entry.endInSentence},
				{sentence: draft.sentence, token: first + draft.start, end: first + draft.end, line: draft.line ?? corpus.lineOf(first + draft.start), kind: draft.kind, score: draft.score, reason: draft.reason, problemCount: draft.problemCount + (index % 2), tieOf: draft.tieOf, start: draft.start, endInSentence: draft.end},
				`entry ${index}`,
			);
		}

		assert.equal(columns.length, 300);
		assert.deepEqual(rows, drafts.map((_, index) => index), 'rows in the order they were added');
		assert.deepEqual(Object.keys(entries[0]!), [], 'an entry holds nothing of its own: it reads its row of the columns');
	});
});

describe('entries that make their suggestions when read', () => {
	test('a suggestion from the counts relabels the place from the file\'s entity there to the rival type, with its words', {skip: skipShared}, () => {
		for (const file of corpusFiles().filter(each => /wikiser-small\/dev|conllpp_test|weiboNER.conll.train|bmes\/train/.test(each))) {
			const corpus = loadCorpusFile(file);
			const analysis = new CorpusAnalysis(corpus).run();
			const queue = rankQueue(corpus, analysis.problems(), {indexes: [analysis]});
			let checked = 0;
			for (const entry of queue) {
				assert.ok(entry instanceof RankedEntry);
				const {suggestion} = entry;
				assert.equal(entry.hasSuggestion, suggestion !== undefined, `${file}:${entry.line}`);
				if (suggestion?.source !== 'counts') {
					continue;
				}

				const first = corpus.sentenceStart[entry.sentence]!;
				const start = entry.token - first;
				const end = entry.end - first;
				const spans = corpus.decode(entry.sentence).spans.filter(span => span.start < end && start < span.end);
				assert.deepEqual({start: suggestion.start, end: suggestion.end}, {start, end}, `${file}:${entry.line}`);
				assert.deepEqual(suggestion.from, spans, `${file}:${entry.line}: the file's entity there, or none`);
				assert.equal(suggestion.to.length, 1);
				assert.deepEqual({start: suggestion.to[0]!.start, end: suggestion.to[0]!.end}, {start, end});
				assert.notEqual(suggestion.to[0]!.type, spans[0]?.type, `${file}:${entry.line}: a rival type`);
				assert.equal(suggestion.text, corpus.sentenceWords(entry.sentence).slice(start, end).join(' '), `${file}:${entry.line}`);
				assert.equal(entry.suggestion, suggestion, 'read again, the same suggestion (its changes planned once)');
				checked++;
			}

			assert.ok(checked > 10, `${file}: ${checked} suggestions from the counts`);
		}
	});
});
