/**
The ui-papercuts branch's items that live in the reducer and the view model, as user steps against
the store (pure reducer plus the real effect runner): counts of one in the singular, the filter
prompt's hint, the header's filter count after Enter. The screen-level items are in
test/e2e/papercuts.test.ts.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {analysisOf} from '../source/review/analysis.js';
import {rankQueue} from '../source/review/queue/rank.js';
import {Review} from '../source/review/review.js';
import {worldOf} from '../source/ui/live-world.js';
import type {QueueView} from '../source/ui/problem-queue.js';
import {screenModel} from '../source/ui/view-model/index.js';
import {statsLines} from '../source/ui/state/stats-lines.js';
import {statusModel} from '../source/ui/view-model/status.js';
import {textWidth} from '../source/ui/display-text.js';
import {seed, sessionFrom} from './helpers/corpus.js';
import {Reviewer} from './helpers/reviewer.js';

/** The question the reviewer is asked, or '' when none is open. */
const question = (user: Reviewer) => (user.state.mode.kind === 'confirm' ? user.state.mode.question : '');

describe('a count of one is in the singular', () => {
	test('e past the only sentence with problems: "1 sentence has problems"', () => {
		const user = Reviewer.of(seed('Ada/B-PER Lee/I-LOC a', 'plain b'));
		user.press('e');
		assert.equal(user.message, 'no problem after this sentence (1 sentence has problems)');
	});

	test('the consistency view: a group of one mention, in the question and in its rows', () => {
		const user = Reviewer.of(seed('Paris/B-ORG one', 'Paris/B-ORG two', 'Paris/B-LOC three'));
		user.press('c');
		// Rows: all, ORG x2, LOC x1, then the three places.
		user.press('j', 'j', '3');
		assert.equal(question(user), 'relabel 1 LOC mention of "Paris" in 1 sentence as ORG? (y)es (n)o');
		user.press('n');

		const one = Reviewer.of(seed('Paris/B-LOC one', 'Paris two', 'Paris three'));
		one.press('c');
		const screen = screenModel(one.state, worldOf(one.session), 'c.tsv');
		const rows = screen.kind === 'screen' && screen.body.kind === 'consistency' ? screen.body.view.rows.map(row => row.text.trim()) : [];
		assert.equal(rows[0], '> the 1 labelled mention');
		// Rows: all, O x2, LOC x1, then the places. An unlabelled one, as ORG: it alone, the unlabelled ones, or the one labelled mention.
		one.press('j', 'j', 'j', 'j', '3');
		assert.equal(question(one), 'relabel "Paris" as ORG: (o)nly this one in sentence 2, (t) all 2 unlabelled occurrences, (a) the 1 labelled mention? (n)o');
	});

	test('e past the only place of the ranked queue: "1 place"', () => {
		const {session, file} = sessionFrom(seed('plain a', 'Ada/B-PER Lee/I-LOC b'));
		const {engine} = analysisOf(session);
		const view: QueueView = {entries: rankQueue(session.corpus, [...engine.problems()], {indexes: [engine]}), withTagger: false, training: false};
		assert.equal(view.entries.length, 1, 'test bug: one problem');
		const user = new Reviewer(session, {file, queue: () => view});
		user.press('e', 'e');
		assert.equal(user.message, 'no problem after this one in the queue (1 place; # shows them in file order)');
	});

	test('the statistics of a one-sentence corpus with one invalid tag', () => {
		const {session, file} = sessionFrom(seed('Ada/B-PER Lee/I-LOC b'));
		const review = new Review(session, file);
		review.restore();
		const user = new Reviewer(session, {review, file, size: {columns: 100, rows: 40}});
		user.press('%');
		const screen = screenModel(user.state, worldOf(session, review), 'c.tsv');
		const lines = screen.kind === 'screen' && screen.body.kind === 'page' ? screen.body.page.lines : [];
		assert.ok(lines.includes('review: 0 of 1 sentence reviewed, 0 flagged'), lines.join('\n'));
		assert.ok(lines.includes('1 sentence, 3 tokens, scheme IOB2'), lines.join('\n'));
		assert.ok(lines.includes('problems: 1 invalid tag, 0 inconsistent types, 0 unlabelled mentions'), lines.join('\n'));
	});

	test('a statistics line wider than the terminal goes on under itself, indented, rather than be cut', () => {
		const {session, file} = sessionFrom(seed('Ada/B-PER Lee/I-LOC b'));
		const review = new Review(session, file);
		review.restore();
		const user = new Reviewer(session, {review, file, size: {columns: 50, rows: 40}});
		user.press('%');
		const screen = screenModel(user.state, worldOf(session, review), 'c.tsv');
		const lines = screen.kind === 'screen' && screen.body.kind === 'page' ? screen.body.page.lines : [];
		const first = lines.findIndex(line => line.startsWith('problems:'));
		assert.ok(lines.every(line => line.length <= 50), lines.join('\n'));
		assert.deepEqual(lines.slice(first, first + 2), ['problems: 1 invalid tag, 0 inconsistent types, 0', '  unlabelled mentions']);
		// A page too long for its rows keeps its place in the title, before the hints that are cut.
		const short = new Reviewer(session, {review, file, size: {columns: 50, rows: 12}});
		short.press('%');
		const page = screenModel(short.state, worldOf(session, review), 'c.tsv');
		assert.match(page.kind === 'screen' && page.body.kind === 'page' ? page.body.page.title : '', /^Statistics \(lines 1-\d+ of \d+\): j\/k scroll/);
	});

	test('the recovery question: "1 unsaved edit", "1 still matches", "1 no longer does (line 7)"', () => {
		const ask = (edits: number, matching: number, unmatchedLines: number[]) => {
			const status = statusModel({kind: 'recover', pending: {edits, matching, unmatchedLines}}, undefined, [], 300);
			return status.kind === 'question' ? status.lines.join(' ') : '';
		};

		assert.equal(ask(1, 1, []), 'The last session ended with 1 unsaved edit. Recover? (y)es (n)o, q decides later');
		assert.equal(ask(2, 1, [7]), 'The last session ended with 2 unsaved edits; 1 still matches the file, 1 no longer does (line 7). Recover? (y)es (n)o, q decides later');
		assert.equal(ask(5, 3, [7, 9]), 'The last session ended with 5 unsaved edits; 3 still match the file, 2 no longer do (lines 7, 9). Recover? (y)es (n)o, q decides later');
	});
});

describe('an IO file cannot keep two entities of one type side by side apart', () => {
	test('a label given next to one of its type says that it joins it, which the screen shows', () => {
		const user = Reviewer.of(seed('John/I-PER Smith/I-PER went Rome/I-LOC'));
		// Shrink [John Smith] to [John], then PER on Smith: IO writes I-PER I-PER, one entity again.
		user.press('.', 'l', '1');
		assert.equal(user.message, 'PER: 1 tag changed; it joins the PER beside it (IO cannot keep two PER entities side by side apart: --scheme IOB1 can)');
		assert.deepEqual(user.session.corpus.decode(0).spans.map(span => `${span.start}-${span.end}`), ['0-2', '3-4']);
		user.press('l', 'l', '1');
		assert.equal(user.message, 'PER: 1 tag changed', 'Rome, next to no PER: as planned');
	});

	test('the consistency view\'s relabel says in its question how many mentions would join a neighbour', () => {
		const user = Reviewer.of(seed('Go York/I-LOC York here', 'York/I-LOC is big', 'In York today', 'York again'), ['LOC', 'PER', 'ORG']);
		user.press('l', 'c');
		// Rows: all, LOC x2, O x3, then the places: the unlabelled ones as LOC.
		user.press('j', 'j', '1');
		assert.equal(question(user), 'relabel 3 unlabelled occurrences of "York" in 3 sentences as LOC (1 of them joins a LOC beside it: IO cannot keep two apart)? (y)es (n)o');
	});
});

describe('the prompts\' hints', () => {
	/** The hint beside the open prompt's text, as the status line shows it. */
	const hint = (user: Reviewer) => {
		const screen = screenModel(user.state, worldOf(user.session), 'c.tsv');
		return screen.kind === 'screen' && screen.status.kind === 'prompt' ? screen.status.hint : undefined;
	};

	test('F: a name no filter has is not offered as a new label (a filter cannot add one)', () => {
		const user = Reviewer.of(seed('Paris/B-LOC one', 'Ada/B-PER two'));
		user.press('F', 'f', 'l', 'tab');
		assert.equal(user.state.mode.kind === 'prompt' ? user.state.mode.text : '', 'flagged');
		user.press('L', 'O');
		assert.equal(hint(user), '  (no match)');
		user.press('escape', 'F', 'L');
		assert.equal(hint(user), '  LOC  (Tab completes)');
	});

	test('t: a name no label has is still a new label', () => {
		const user = Reviewer.of(seed('Paris/B-LOC one', 'Ada/B-PER two'));
		user.press('t', 'X', 'Y');
		assert.equal(hint(user), '  (new label)');
	});
});

describe('the header\'s filter count follows a mark at once', () => {
	const six = seed('Ada/B-PER one', 'Bob/B-PER two', 'Cy/B-PER three', 'Di/B-PER four', 'Ed/B-PER five', 'Flo/B-PER six');

	function reviewerOf(text: string) {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.restore();
		const user = new Reviewer(session, {review, file});
		const header = () => {
			const screen = screenModel(user.state, worldOf(session, review), 'c.tsv');
			return screen.kind === 'screen' ? screen.header.text : '';
		};

		return {user, header};
	}

	test('F unreviewed, Enter: one sentence fewer at once, not after the next key', () => {
		const {user, header} = reviewerOf(six);
		user.press('F', ...'unreviewed', 'return');
		assert.match(header(), /filter unreviewed: 6 sentences/);
		user.press('return');
		assert.equal(user.sentence, 1);
		assert.match(header(), /filter unreviewed: 5 sentences/);
		user.press('return', 'return');
		assert.match(header(), /filter unreviewed: 3 sentences/);
		user.press('r');
		assert.match(header(), /filter unreviewed: 2 sentences/, 'r marks without moving: the count follows too');
		user.press('u');
		assert.match(header(), /filter unreviewed: 3 sentences/, 'and an undo of the mark');
	});

	test('F flagged, f on a sentence gone to with : N: it joins the count at once', () => {
		const {user, header} = reviewerOf(six);
		user.press('f', 'return', 'F', ...'flagged', 'return');
		assert.match(header(), /filter flagged: 1 sentence\b/);
		user.press(':', '4', 'return', 'f', 'return');
		assert.equal(user.sentence, 3);
		assert.match(header(), /filter flagged: 2 sentences/);
	});

	test('F LOC, a label applied on a sentence gone to with : N: it joins the count at once', () => {
		const {user, header} = reviewerOf(six);
		user.press('t', ...'LOC', 'return', 'F', ...'LOC', 'return');
		assert.match(header(), /filter LOC: 1 sentence\b/);
		user.press(':', '4', 'return', 't', ...'LOC', 'return');
		assert.equal(user.sentence, 3);
		assert.deepEqual(user.entities(), ['Di=LOC']);
		assert.match(header(), /filter LOC: 2 sentences/);
	});
});

test('the header says "checking N%" only while the analysis is not ready: a progress left behind (an analysis started again after a recovery) is not shown for the rest of the session', () => {
	const user = Reviewer.of(seed('Paris/B-ORG one', 'Paris/B-LOC two'));
	const header = () => {
		const screen = screenModel(user.state, worldOf(user.session), 'c.tsv');
		return screen.kind === 'screen' ? screen.header.text : '';
	};

	user.do({type: 'analysis-progress', progress: 0.26});
	assert.match(header(), /checking 26%/, 'test bug: not built yet, the progress shows');
	analysisOf(user.session);
	assert.doesNotMatch(header(), /checking/);
});

test('% counts the problems the references reveal, as stats --reference does (QA: 110 inconsistent types on screen, 160 from stats)', () => {
	const user = Reviewer.of(seed('Paris/B-ORG one', 'Paris/B-LOC two', 'Paris/B-LOC three'));
	const analysis = analysisOf(user.session);
	const own = statsLines(worldOf(user.session), analysis).at(-1);
	assert.equal(own, 'problems: 0 invalid tags, 1 inconsistent type, 0 unlabelled mentions', 'test bug: the file\'s own count');
	// Only its counts are read: the ranking itself is another test's.
	const view = {withTagger: false, training: false, crossFileCounts: {inconsistent: 2, unlabelled: 3}} as unknown as QueueView;
	const world = {...worldOf(user.session), queue: () => view};
	assert.equal(statsLines(world, analysis).at(-1), 'problems: 0 invalid tags, 3 inconsistent types, 3 unlabelled mentions');
});

test('% says how many places the tagger doubts beyond the checks\' problems, or that it is still training (QA: check listed 1,121 entries where % and stats counted 118 problems)', () => {
	const user = Reviewer.of(seed('Paris/B-ORG one', 'Paris/B-LOC two', 'Paris/B-LOC three'));
	const analysis = analysisOf(user.session);
	const lines = (view: Partial<QueueView> | undefined) => statsLines({...worldOf(user.session), queue: () => view as QueueView | undefined}, analysis);
	assert.equal(lines(undefined).at(-1), 'problems: 0 invalid tags, 1 inconsistent type, 0 unlabelled mentions', 'no queue yet: nothing said of the tagger');
	assert.equal(lines({withTagger: false, training: true}).at(-1), 'tagger: still training; its doubts join the problems e walks when it is done');
	assert.equal(lines({withTagger: false, training: false}).at(-1), 'problems: 0 invalid tags, 1 inconsistent type, 0 unlabelled mentions', 'no tagger for this file: nothing said');
	const entries = {count: (kind: string) => (kind === 'model-disagreement' ? 1003 : 5)} as unknown as QueueView['entries'];
	assert.equal(lines({withTagger: true, training: false, entries}).at(-1), 'tagger: doubts 1003 places where no check found a problem (e walks them with the problems)');
});

test('a page of the label bar whose nine labels fill its first row says `[ ] page 1/2` on the second (QA: at 80 to 99 columns it was cut to `…`, the second row empty)', () => {
	const types = ['PERSON', 'GPE', 'NORP', 'ORG', 'FAC', 'LAW', 'LOC', 'WORK_OF_ART', 'LANGUAGE', 'DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL', 'EVENT', 'PRODUCT'];
	for (const columns of [80, 85, 90, 99]) {
		const user = Reviewer.of(seed('John/B-PERSON went home'), types, {columns, rows: 24});
		const screen = screenModel(user.state, worldOf(user.session), 'c.tsv');
		assert.ok(screen.kind === 'screen' && screen.body.kind === 'review', 'test bug');
		const {labels} = screen.body;
		assert.equal(labels.indicator, '[ ] page 1/2', `${columns} columns`);
		const rowText = (row: readonly {key: number; shown: string}[]) => row.map(slot => `${slot.key} ${slot.shown}`).join('  ');
		const last = labels.rows.at(-1)!;
		assert.ok(textWidth(`${rowText(last)}  ${labels.indicator!}`) <= screen.width, `${columns} columns: the indicator fits its row: ${rowText(last)}`);
		assert.ok(labels.rows.every(row => row.every(slot => !slot.shown.endsWith('…'))), `${columns} columns: no name cut`);
	}
});
