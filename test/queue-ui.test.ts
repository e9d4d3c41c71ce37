/**
The ranked problem queue on screen (issue 12), as user steps: `e` walks it most suspicious first
with the reason and the suggestion on the status line, `a` takes a suggestion as one undoable edit,
`#` switches to file order, entries an edit settled are skipped, and the sentence view shows the
suggestion after the entity it is about.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {analysisOf} from '../source/review/analysis.js';
import {rankQueue} from '../source/review/queue/rank.js';
import {worldOf} from '../source/ui/live-world.js';
import type {QueueView} from '../source/ui/problem-queue.js';
import {screenModel} from '../source/ui/view-model/index.js';
import {seed, sessionFrom} from './helpers/corpus.js';
import {Reviewer} from './helpers/reviewer.js';

/**
Sentence 2 has an invalid tag; "Paris" is LOC three times and ORG once (sentence 5); "Ada" is PER
twice and left O once (sentence 7).
*/
const text = seed(
	'Nothing to see here',
	'Bob/B-PER Lee/I-LOC wrote',
	'Paris/B-LOC is big',
	'Paris/B-LOC again',
	'We saw Paris/B-ORG today',
	'Paris/B-LOC at night',
	'Ada/B-PER and Ada/B-PER met Ada',
);

function reviewer() {
	const {session, file} = sessionFrom(text);
	let view: QueueView | undefined;
	const user = new Reviewer(session, {file, queue: () => view});
	const rank = () => {
		const {engine} = analysisOf(session);
		view = {entries: rankQueue(session.corpus, [...engine.problems()], {indexes: [engine]}), withTagger: false, training: false};
		return view;
	};

	return {user, session, rank};
}

describe('e walks the ranked queue', () => {
	test('invalid tags first, then by evidence; the status line says why and what is suggested', () => {
		const {user, rank} = reviewer();
		const view = rank();
		assert.equal(view.entries.entry(0)!.kind, 'invalid-tag');
		user.press('e');
		assert.equal(user.sentence, 1);
		assert.match(user.message ?? '', /^1\/\d+ \(by the checks' counts\), line \d+: .*I-LOC.*; I-LOC → B-LOC \(a takes it\)$/);
		user.press('e');
		assert.equal(user.sentence, view.entries.entry(1)!.sentence);
		assert.match(user.message ?? '', /^2\/\d+ /);
		user.press('E');
		assert.equal(user.sentence, 1, 'E goes back in the same order');
	});

	test('a takes the suggestion as one edit; u takes it back', () => {
		const {user, session, rank} = reviewer();
		const view = rank();
		const paris = [...view.entries].findIndex(entry => entry.sentence === 4);
		assert.ok(paris > 0, 'the ORG Paris is in the queue');
		for (let step = 0; step <= paris; step++) {
			user.press('e');
		}

		assert.equal(user.sentence, 4);
		assert.match(user.message ?? '', /"Paris" is ORG here .*\[Paris\]ORG → LOC/);
		user.press('a');
		assert.deepEqual(user.entities(4), ['Paris=LOC']);
		assert.match(user.message ?? '', /^take the suggestion \[Paris\]ORG → LOC .*: 1 tag changed$/);
		user.press('u');
		assert.deepEqual(user.entities(4), ['Paris=ORG']);
		assert.equal(session.dirty, false);
	});

	test('an entry an edit settled is skipped; # walks the problems in file order instead', () => {
		const {user, rank} = reviewer();
		rank();
		// Repair the invalid tag by hand: its entry no longer holds.
		user.press('j', 'R', 'y');
		assert.deepEqual(user.entities(1), ['Bob=PER', 'Lee=LOC']);
		user.press('g', 'e');
		assert.notEqual(user.sentence, 1, 'the settled entry is skipped');
		user.press('#');
		assert.equal(user.message, 'e walks the problems in file order');
		user.press('g', 'e');
		assert.equal(user.sentence, 4, 'file order: the first sentence with a problem now');
	});

	test('the sentence view shows the suggestion after the entity e went to', () => {
		const {user, session, rank} = reviewer();
		const view = rank();
		const paris = [...view.entries].findIndex(entry => entry.sentence === 4);
		for (let step = 0; step <= paris; step++) {
			user.press('e');
		}

		const screen = screenModel(user.state, worldOf(session, undefined, undefined, () => view), 'c.tsv');
		assert.ok(screen.kind === 'screen' && screen.body.kind === 'review');
		const units = screen.kind === 'screen' && screen.body.kind === 'review' ? screen.body.sentence.flatMap(line => line.units) : [];
		const noted = units.find(unit => unit.note !== undefined);
		assert.equal(noted?.text, 'Paris');
		assert.match(noted?.note ?? '', /^ → LOC \d\.\d\d$/);
	});
});
