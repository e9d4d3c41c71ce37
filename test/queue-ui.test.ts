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
import type {Disagreement, TaggerResult} from '../source/review/tagger/result.js';
import {seed, sessionFrom} from './helpers/corpus.js';
import {fakeTagger} from './helpers/fake-tagger.js';
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
	const rank = (tagger?: TaggerResult) => {
		const {engine} = analysisOf(session);
		view = {entries: rankQueue(session.corpus, [...engine.problems()], {tagger, indexes: [engine]}), withTagger: tagger !== undefined, training: false};
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

describe('# walks the same entries in file order', () => {
	/** The tagger doubts "Paris" in sentence 3 (LOC, where no check finds anything) and reads ORG. */
	const doubt: Disagreement = {sentence: 3, start: 0, end: 1, predicted: [{start: 0, end: 1, type: 'ORG'}], confidence: 0.9, doubt: 0.9};

	function withTagger() {
		const {user, session, rank} = reviewer();
		const view = rank(fakeTagger(session.corpus, new Map([[session.corpus.sentenceStart[3]!, 0.9]]), [doubt]));
		user.do({type: 'queue-ranked', withTagger: true});
		return {user, session, view};
	}

	/** `sentence:token` (sentence-relative) of the cursor. */
	const at = (user: Reviewer) => `${user.sentence}:${user.state.token}`;

	test('e and E walk every entry of the ranked queue, the tagger\'s doubts included, by place', () => {
		const {user, session, view} = withTagger();
		const places = [...view.entries].map(entry => ({sentence: entry.sentence, token: entry.token - session.corpus.sentenceStart[entry.sentence]!}))
			.sort((a, b) => a.sentence - b.sentence || a.token - b.token)
			.map(place => `${place.sentence}:${place.token}`);
		assert.ok(places.includes('3:0'), 'the tagger\'s doubt is ranked');
		user.press('#', 'g');
		const walked: string[] = [];
		for (let step = 0; step < places.length; step++) {
			user.press('e');
			walked.push(at(user));
		}

		assert.deepEqual(walked, places);
		assert.match(user.message ?? '', new RegExp(`^${places.length}/${places.length} \\(file order\\), line \\d+: `));
		user.press('e');
		assert.equal(at(user), places.at(-1), 'nothing after the last');
		assert.match(user.message ?? '', /^no problem after the cursor in file order/);
		const back: string[] = [];
		for (let step = 1; step < places.length; step++) {
			user.press('E');
			back.push(at(user));
		}

		assert.deepEqual(back, places.slice(0, -1).reverse());
	});

	test(': N then e goes to the first entry after sentence N, the tagger\'s doubt too, and a takes its suggestion', () => {
		const {user} = withTagger();
		user.press('#', ':', '3', 'return');
		assert.equal(user.sentence, 2);
		user.press('e');
		assert.equal(user.sentence, 3, 'the tagger\'s doubt, not the next check\'s problem');
		assert.match(user.message ?? '', /\(file order\), line \d+: the tagger reads "Paris" as ORG \(0\.90\), not "Paris" as LOC; \[Paris\]LOC → ORG 0\.90 \(a takes it\)$/);
		user.press('a');
		assert.deepEqual(user.entities(3), ['Paris=ORG']);
	});

	test('F problems shows the sentences e walks, and takes in the tagger\'s doubts when the queue is ranked with them', () => {
		const {user, session, rank} = reviewer();
		rank();
		user.do({type: 'queue-ranked', withTagger: false});
		user.press('F', ...'problems', 'return');
		assert.deepEqual([...user.state.filter!.sentences], [1, 4, 6]);
		rank(fakeTagger(session.corpus, new Map([[session.corpus.sentenceStart[3]!, 0.9]]), [doubt]));
		user.do({type: 'queue-ranked', withTagger: true});
		assert.deepEqual([...user.state.filter!.sentences], [1, 3, 4, 6]);
		// An entry an edit settled leaves the filter when it is made again.
		user.press('F', 'return', 'g', 'j', 'R', 'y', 'F', ...'problems', 'return');
		assert.deepEqual([...user.state.filter!.sentences], [3, 4, 6]);
	});
});
