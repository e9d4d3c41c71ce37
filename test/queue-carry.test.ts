/**
A queue ranked again after an edit, and the reviewer's place carried over: `e` goes on from the
same place, and the status line counts what now ranks above it that `e` had not reached: problems
the edit made, and problems it moved up from below (QA: accepting `[division]MISC → O` moved the
other "division" from 7th to 3rd, and `e` went on to 7th without a word).
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {findProblems} from '../source/review/analyse-file.js';
import {CorpusAnalysis} from '../source/review/corpus-analysis.js';
import {carriedPosition, carryQueue, type CarriedQueue, unreachedAbove} from '../source/review/queue/carry.js';
import {rankQueue} from '../source/review/queue/rank.js';
import type {RankedQueue} from '../source/review/queue/ranked-queue.js';
import type {Corpus} from '../source/corpus/corpus.js';
import {rankedAgain} from '../source/ui/state/queue.js';
import {worldOf} from '../source/ui/live-world.js';
import {Reviewer} from './helpers/reviewer.js';
import {conll, corpusOf} from './helpers/review-corpus.js';

const rank = (corpus: Corpus) => rankQueue(corpus, findProblems(corpus), {indexes: [new CorpusAnalysis(corpus).run()]});
const lines = (queue: RankedQueue) => [...queue].map(entry => entry.line);

function carry(previous: RankedQueue, next: RankedQueue): CarriedQueue {
	const steps = carryQueue(previous, next);
	for (;;) {
		const step = steps.next();
		if (step.done === true) {
			return step.value;
		}
	}
}

// "Paris" is ORG 3 times and LOC twice (lines 10 and 22); "Bonn" ORG once against LOC twice; "Rome" left O once.
const text = conll('Paris/B-ORG a', 'Paris/B-ORG b', 'Paris/B-ORG c', 'Paris/B-LOC d', 'Bonn/B-LOC x', 'Bonn/B-LOC y', 'Bonn/B-ORG z', 'Paris/B-LOC e', 'Rome/B-LOC', 'Rome/B-LOC', 'Rome/B-LOC', 'Rome/B-LOC', 'Rome');

test('a problem an edit moves up from below the place e reached is counted as one e has not reached', () => {
	const corpus = corpusOf(text, {scheme: 'IOB2'});
	const before = rank(corpus);
	assert.deepEqual(lines(before), [33, 19, 10, 22], 'test bug: Rome, Bonn, then both places of Paris');
	// The reviewer went to the third (Paris, line 10) and relabelled it ORG: the other Paris is now ORG's 4 of 5, more suspicious.
	corpus.setTag(corpus.sentenceStart[3]!, corpus.tags.intern('B-ORG'));
	const after = rank(corpus);
	assert.deepEqual(lines(after), [22, 33, 19], 'test bug: the other Paris went up');
	const carried = carry(before, after);
	const place = carriedPosition(carried, 2);
	assert.equal(place, 2, 'the place carried to the last entry before it still there (Bonn)');
	assert.equal(unreachedAbove(carried, 2, place), 1, 'Paris of line 22, reached by no e, now above the place');
	assert.equal(unreachedAbove(carried, 3, place), 0, 'once e had gone past it, nothing to say');
});

test('the status line says so after what the last key said, which it does not replace (QA: `undid …` was lost)', () => {
	const user = Reviewer.of(text);
	const carried: CarriedQueue = {from: Int32Array.from([1, 2, -1, 0]), fresh: new Uint8Array(3)};
	const world = {...worldOf(user.session), queue: () => ({carried}) as never};
	const state = {...user.state, queuePosition: 2, message: {text: 'undid relabel', tone: 'info' as const}};
	const next = rankedAgain(state, world, false);
	assert.equal(next.queuePosition, 2);
	assert.equal(next.message?.text, 'undid relabel; 1 problem e has not reached now ranks above its place (E walks back up to it)');
	// A later ranking's news replaces the earlier one's, after the same words.
	assert.equal(rankedAgain(next, world, false).message?.text, next.message?.text);
	assert.equal(rankedAgain({...next, message: undefined}, world, false).message?.text, '1 problem e has not reached now ranks above its place (E walks back up to it)');
});
