/**
The review workflow (issue 4) in the App and its reducer: problem navigation and repair, the
consistency view and its bulk relabel, search, filters, statistics and crash recovery. The App is
rendered with renderApp where the screen matters; flows that need review marks or a journal (the
render helper takes no Review) go through `reduce(state, action, session, review)` with keys mapped
by the keymap, as the App does.
*/
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {indexCorpus} from '../source/corpus/index.js';
import {Session} from '../source/corpus/session.js';
import {analysisFor, analysisOf} from '../source/review/analysis.js';
import {CorpusAnalysis} from '../source/review/corpus-analysis.js';
import {describeFilter} from '../source/review/filter.js';
import {Review} from '../source/review/review.js';
import {headerModel} from '../source/ui/view-model/header.js';
import {entitiesOf, seed, sessionFrom, tagsOf} from './helpers/corpus.js';
import {headerPosition, keys, renderApp, type RenderedApp} from './helpers/render.js';
import {Reviewer} from './helpers/reviewer.js';

const labels = ['PER', 'LOC', 'ORG'];

/**
Sentence 2 has an invalid tag (I-PER at the start, line 8 of the file); "Paris" is LOC twice, ORG
once (sentence 5) and once not labelled (sentence 6).
*/
const corpusText = seed(
	'Nothing to see here',
	'Ada/I-PER wrote code',
	'Paris/B-LOC is big',
	'Paris/B-LOC again',
	'We saw Paris/B-ORG today',
	'We left Paris yesterday',
);

let current: RenderedApp | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

function open(text = corpusText) {
	const corpus = sessionFrom(text);
	current = renderApp(corpus.session, {labels});
	return {...corpus, app: current};
}

const header = (screen: string) => screen.split('\n')[0] ?? '';
const statusLine = (screen: string) => screen.split('\n').at(-1) ?? '';
const atSentence = (number: number) => (screen: string) => headerPosition(screen)?.sentence === number;
/** The consistency view's rows, as drawn: the selected one starts with `>`. */
const selectedRow = (screen: string) => screen.split('\n').find(line => line.startsWith('> ') && !/^> +\d+ {2}/.test(line));

/** Waits for the status line to satisfy `check` (a string it must contain, or a RegExp). */
async function status(app: RenderedApp, check: string | RegExp): Promise<string> {
	return app.waitForFrame(screen => (typeof check === 'string' ? statusLine(screen).includes(check) : check.test(statusLine(screen))));
}

/**
Presses `e` until it walks the ranked queue: it is ranked in the background once the analysis is
ready, and `e` walks the checks' problems (the same places, told another way) until then.
*/
async function untilQueueRanked(app: RenderedApp): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		await app.press('g', 'e'); // eslint-disable-line no-await-in-loop
		const screen = await app.waitForFrame(next => /\n(\d+\/\d+ \(|problem sentence )/.test(next)); // eslint-disable-line no-await-in-loop
		if (/\n\d+\/\d+ \(/.test(screen)) {
			return;
		}
	}

	throw new Error('the queue was never ranked');
}

describe('problem navigation and repair (e, E, R)', () => {
	test('in file order (#), e and E go to the queue\'s problems by place and the status line names each', async () => {
		const {app} = open();
		await app.waitForFrame(atSentence(1));
		await untilQueueRanked(app);
		await app.press('g', '#');
		await status(app, 'e walks the problems in file order');
		await app.press('e');
		// The status line takes two rows here: the reason, then the suggestion.
		let screen = await app.waitForFrame(atSentence(2));
		assert.match(screen, /\n1\/3 \(file order\), line 8: I-PER at the start of a sentence is invalid in IOB2; I-PER → B-PER \(a\ntakes it\)$/);
		assert.ok(screen.includes('"Ada"  tag I-PER'), 'the cursor is on the problem token');
		await app.press('e');
		screen = await app.waitForFrame(atSentence(5));
		assert.match(screen, /\n2\/3 \(file order\), line 24: "Paris" is ORG here but LOC in 2 of 3 mentions/);
		assert.ok(screen.includes('"Paris"  tag B-ORG'), 'the cursor is on the inconsistent mention');
		await app.press('e');
		screen = await app.waitForFrame(atSentence(6));
		assert.match(screen, /\n3\/3 \(file order\), line 30: .*"Paris"/);
		assert.ok(screen.includes('"Paris"  tag O'), 'the cursor is on the unlabelled occurrence');
		await app.press('e');
		screen = await status(app, 'no problem after the cursor in file order (3 places; # ranks them most suspicious first)');
		assert.ok(atSentence(6)(screen), 'e past the last problem stays');
		await app.press('E');
		await app.waitForFrame(atSentence(5));
		await app.press('E');
		screen = await app.waitForFrame(atSentence(2));
		assert.match(screen, /\n1\/3 \(file order\), line 8: /);
		await app.press('E');
		screen = await status(app, 'no problem before the cursor in file order');
		assert.ok(atSentence(2)(screen));
	});

	test('R previews the repair; n cancels with nothing changed; y applies it as one undoable edit', async () => {
		const {app, session, read} = open();
		await app.press('e');
		await app.waitForFrame(atSentence(2));
		await app.press('R');
		await status(app, 'repair Ada I-PER→B-PER? (y)es (n)o');
		await app.press('j');
		let screen = await status(app, 'repair Ada');
		assert.ok(atSentence(2)(screen), 'other keys do nothing while the question is open');
		await app.press('n');
		screen = await status(app, 'cancelled: nothing changed');
		assert.deepEqual(tagsOf(session, 1), ['I-PER', 'O', 'O']);
		assert.equal(session.dirty, false);
		assert.ok(!header(screen).includes('[modified]'));

		await app.press('R');
		await status(app, 'repair Ada I-PER→B-PER? (y)es (n)o');
		await app.press('y');
		screen = await status(app, 'repair 1 tag: 1 tag changed (u undoes all of it)');
		assert.deepEqual(tagsOf(session, 1), ['B-PER', 'O', 'O']);
		assert.ok(header(screen).includes('[modified]'));
		assert.equal(read(), corpusText, 'nothing is written before s');
		await app.press('R');
		await status(app, 'the tags of this sentence are valid: nothing to repair');
		await app.press('u');
		await status(app, 'undid repair 1 tag');
		assert.deepEqual(tagsOf(session, 1), ['I-PER', 'O', 'O']);
	});

	test('R on a valid sentence says there is nothing to repair and opens no question', async () => {
		const {app} = open();
		await app.press('R');
		const screen = await status(app, 'the tags of this sentence are valid: nothing to repair');
		await app.press('y');
		assert.ok(!statusLine(app.screen()).includes('(y)es'), `no question was open:\n${screen}`);
	});
});

describe('the consistency view (c)', () => {
	async function openView() {
		const opened = open();
		const {app} = opened;
		await app.press(':', '3', keys.enter);
		await app.waitForFrame(atSentence(3));
		await app.press('c');
		await app.waitForFrame(screen => screen.includes('Paris: LOC x2, ORG x1'));
		return opened;
	}

	test('lists the groups then every place; j/k move the selection and stop at both ends', async () => {
		const {app} = await openView();
		let screen = app.screen();
		const rows = screen.split('\n').filter(line => /^[> ] (all |LOC x|ORG x|O \(not labelled\)| {2}\d+: )/.test(line)).map(line => line.slice(2));
		assert.deepEqual(rows.slice(0, 4), ['all 3 labelled mentions', 'LOC x2', 'ORG x1', 'O (not labelled) x1']);
		assert.deepEqual(rows.slice(4).map(row => /^ {2}(\d+):/.exec(row)?.[1]), ['3', '4', '5', '6'], `one place per occurrence:\n${screen}`);
		assert.match(selectedRow(screen) ?? '', /^> all 3 labelled mentions/);

		await app.press('k');
		screen = await app.waitForFrame(next => /^> all/.test(selectedRow(next) ?? ''));
		await app.press('j');
		await app.waitForFrame(next => /^> LOC x2/.test(selectedRow(next) ?? ''));
		await app.press(keys.pageDown);
		screen = await app.waitForFrame(next => /^> {3}6: /.test(selectedRow(next) ?? ''));
		await app.press('j', 'j');
		screen = await app.waitForFrame(next => /^> {3}6: /.test(selectedRow(next) ?? ''));
		assert.ok(screen.includes('[Paris]O'), `the last row is the unlabelled occurrence:\n${screen}`);
		await app.press(keys.pageUp);
		await app.waitForFrame(next => /^> all/.test(selectedRow(next) ?? ''));
		await app.press(keys.escape);
		screen = await app.waitForFrame(next => !next.includes('Paris: LOC'));
		assert.ok(atSentence(3)(screen), 'Esc closes the view where it was opened');
	});

	test('Enter on a place jumps there; on a group row it says what to do', async () => {
		const {app} = await openView();
		await app.press(keys.enter);
		await status(app, 'select an occurrence (j/k) to jump to it');
		await app.press('j', 'j', 'j', 'j', 'j', 'j');
		await app.waitForFrame(next => /^> {3}5: /.test(selectedRow(next) ?? ''));
		await app.press(keys.enter);
		const screen = await app.waitForFrame(atSentence(5));
		assert.ok(screen.includes('"Paris"  tag B-ORG'));
	});

	test('a number with no label in the bar is an error and the view stays open', async () => {
		const {app, session} = await openView();
		await app.press('9');
		const screen = await status(app, 'no such label in the label bar');
		assert.ok(screen.includes('Paris: LOC x2, ORG x1'), 'still in the view');
		assert.equal(session.dirty, false);
	});

	test('the selected type row relabels only that group after a preview; n cancels with nothing changed', async () => {
		const {app, session, read} = await openView();
		await app.press('j', 'j');
		await app.waitForFrame(next => /^> ORG x1/.test(selectedRow(next) ?? ''));
		await app.press('2');
		await status(app, 'relabel 1 ORG mention of "Paris" in 1 sentence as LOC? (y)es (n)o');
		await app.press('n');
		let screen = await status(app, 'cancelled: nothing changed');
		assert.equal(session.dirty, false);
		assert.deepEqual(entitiesOf(session, 4), ['Paris=ORG']);
		assert.ok(!header(screen).includes('[modified]'));
		assert.match(selectedRow(screen) ?? '', /^> ORG x1/, 'n keeps the view and the place in the list');

		await app.press('2');
		await status(app, 'relabel 1 ORG mention of');
		await app.press('y');
		screen = await status(app, 'relabel 1 "Paris" as LOC: 1 tag changed (u undoes all of it)');
		assert.deepEqual(entitiesOf(session, 4), ['Paris=LOC']);
		assert.deepEqual(entitiesOf(session, 5), [], 'the unlabelled occurrence is not touched');
		assert.equal(read(), corpusText, 'nothing written before s');
		await app.waitForFrame(next => /^Paris: LOC x3/m.test(next));
	});

	test('the "all" row relabels every mention; the unlabelled row labels the O occurrences; one u undoes each, in the view', async () => {
		const {app, session} = await openView();
		await app.press('3');
		// The ORG mention already is ORG: the preview counts the mentions that change.
		await status(app, 'relabel 2 mentions of "Paris" in 2 sentences as ORG? (y)es (n)o');
		await app.press('y');
		await status(app, 'u undoes all of it');
		await app.waitForFrame(next => next.includes('Paris: ORG x3'));
		assert.deepEqual([2, 3, 4, 5].map(sentence => entitiesOf(session, sentence)), [['Paris=ORG'], ['Paris=ORG'], ['Paris=ORG'], []]);
		await app.press('u');
		await status(app, 'undid relabel 2');
		assert.deepEqual([2, 3, 4, 5].map(sentence => entitiesOf(session, sentence)), [['Paris=LOC'], ['Paris=LOC'], ['Paris=ORG'], []]);

		await app.waitForFrame(next => next.includes('Paris: LOC x2, ORG x1'));
		await app.press('j', 'j', 'j');
		await app.waitForFrame(next => /^> O \(not labelled\) x1/.test(selectedRow(next) ?? ''));
		await app.press('2');
		await status(app, 'relabel 1 unlabelled occurrence of "Paris" in 1 sentence as LOC? (y)es (n)o');
		await app.press('y');
		await status(app, 'u undoes all of it');
		assert.deepEqual(entitiesOf(session, 5), ['Paris=LOC']);
		await app.press('u');
		await status(app, 'undid');
		assert.deepEqual(entitiesOf(session, 5), []);
		assert.equal(session.dirty, false);
	});

	test('a number on one occurrence offers that occurrence alone or all with its label; n keeps the row; o relabels only it', async () => {
		const {app, session} = await openView();
		let screen: string;
		// Rows: all, LOC x2, ORG x1, O x1, then the four places in corpus order (sentences 3, 4, 5, 6).
		await app.press('j', 'j', 'j', 'j', 'j');
		await app.waitForFrame(next => /^> +4: /.test(selectedRow(next) ?? ''));
		await app.press('3');
		// The view stays on screen behind the question. (All labelled mentions as ORG would change the same two as `t`: no `a`.)
		const question = 'relabel "Paris" as ORG: (o)nly this one in sentence 4, (t) all 2 LOC mentions? (n)o';
		screen = await app.waitForFrame(next => next.split('\n').join(' ').includes(question));
		assert.ok(screen.includes('Paris: LOC x2, ORG x1'));
		await app.press('n');
		screen = await status(app, 'cancelled: nothing changed');
		assert.match(selectedRow(screen) ?? '', /^> +4: /, 'n keeps the place in the list');
		await app.press('3');
		await status(app, '(o)nly this one');
		await app.press('o');
		await status(app, 'relabel "Paris" in sentence 4 as ORG: 1 tag changed (u undoes all of it)');
		assert.deepEqual([2, 3, 4].map(sentence => entitiesOf(session, sentence)), [['Paris=LOC'], ['Paris=ORG'], ['Paris=ORG']]);
		await app.waitForFrame(next => next.includes('Paris: ORG x2, LOC x1'));
	});

	test('a relabel to the label the group already has says there is nothing to change', async () => {
		const {app} = await openView();
		await app.press('j');
		await app.waitForFrame(next => /^> LOC x2/.test(selectedRow(next) ?? ''));
		await app.press('2');
		await status(app, 'nothing to change: those mentions of "Paris" are already LOC');
	});
});

describe('search (/, n, N)', () => {
	test('n and N go to the next and previous match and say when they wrapped around', async () => {
		const {app} = open();
		await app.press('n');
		await status(app, 'no search yet: / starts one');
		await app.press('/');
		await app.waitForFrame(screen => statusLine(screen).startsWith('search (/regex/ or text):'));
		await app.press('p', 'a', 'r', 'i', 's', keys.enter);
		let screen = await status(app, '"paris" in sentence 3  (n next, N previous)');
		assert.ok(atSentence(3)(screen));
		for (const sentence of [4, 5, 6]) {
			await app.press('n');
			screen = await status(app, `"paris" in sentence ${sentence}  (n next`);
			assert.ok(!statusLine(screen).includes('wrapped'));
		}

		await app.press('n');
		screen = await status(app, '"paris" in sentence 3 (wrapped around)');
		assert.ok(atSentence(3)(screen));
		await app.press('N');
		screen = await status(app, '"paris" in sentence 6 (wrapped around)');
		assert.ok(atSentence(6)(screen));
		await app.press('N');
		await status(app, '"paris" in sentence 5  (n next');
	});

	test('a match of several tokens is selected; no match and an invalid regex are errors and nothing moves', async () => {
		const {app} = open();
		await app.press('/', 'w', 'e', ' ', 's', 'a', 'w', keys.enter);
		let screen = await status(app, '"we saw" in sentence 5');
		assert.ok(screen.includes('selected tokens 1-2'), `the two tokens are selected:\n${screen}`);
		await app.press('/', 'z', 'z', 'z', keys.enter);
		screen = await status(app, 'not found: zzz');
		assert.ok(atSentence(5)(screen));
		await app.press('/', '/', '[', '/', keys.enter);
		screen = await status(app, /^invalid regular expression \/\[\/: /);
		assert.ok(atSentence(5)(screen));
		// Issue 15: a regular expression is tested against each token on its own, and parts match consecutive tokens.
		await app.press('/', '/', '^', 'p', 'a', 'r', 'i', 's', ' ', 'i', 's', '/', keys.enter);
		screen = await status(app, 'not found: ^paris is');
		await app.press('/', '/', '^', 'p', 'a', 'r', '/', ' ', 'i', 's', keys.enter);
		screen = await status(app, '"/^par/ is" in sentence 3');
		assert.ok(atSentence(3)(screen));
		assert.ok(screen.includes('selected tokens 1-2'), `the two tokens are selected:\n${screen}`);
	});
});

describe('filters (F)', () => {
	test('F LABEL walks only the sentences with that label; the header names the filter; F Enter clears it', async () => {
		const {app} = open();
		await app.press('F');
		await app.waitForFrame(screen => statusLine(screen).startsWith('filter ('));
		await app.press('l', 'o', 'c', keys.enter);
		let screen = await status(app, 'filter LOC: 2 sentences (F, Enter shows all)');
		assert.ok(header(screen).includes('filter LOC: 2'), header(screen));
		assert.ok(atSentence(3)(screen));
		await app.press('j');
		await app.waitForFrame(atSentence(4));
		await app.press('j');
		await app.press('k');
		await app.waitForFrame(atSentence(3));
		await app.press('G');
		await app.waitForFrame(atSentence(4));
		await app.press('F', keys.enter);
		screen = await status(app, 'filter cleared: all sentences');
		assert.ok(!header(screen).includes('filter'));
		await app.press('j');
		await app.waitForFrame(atSentence(5));
	});

	test('an unknown filter name is an error; flagged without any flagged sentence says so', async () => {
		const {app} = open();
		await app.press('F', 'x', 'y', 'z', keys.enter);
		await status(app, 'no filter "xyz": flagged, unreviewed, problems, all, or a label');
		await app.press('F', 'f', 'l', 'a', 'g', 'g', 'e', 'd', keys.enter);
		const screen = await status(app, 'no sentence matches filter flagged');
		assert.ok(!header(screen).includes('filter'));
	});
});


type ReviewingReviewer = Reviewer & {readonly review: Review};

function reviewerOf(text = corpusText): ReviewingReviewer {
	const {session, file} = sessionFrom(text);
	const review = new Review(session, file);
	review.restore();
	review.startJournal();
	return new Reviewer(session, {labels, review, file}) as ReviewingReviewer;
}

describe('F flagged with review marks (reducer)', () => {
	test('j/k move only between flagged sentences; the header shows filter flagged: 2; F Enter clears', () => {
		const reviewer = reviewerOf();
		reviewer.press('j', 'f', 'return', 'j', 'j', 'j', 'f', 'return');
		assert.equal(reviewer.message, 'flagged');
		assert.deepEqual([0, 1, 2, 3, 4, 5].map(sentence => reviewer.review.isFlagged(sentence)), [false, true, false, false, true, false]);
		reviewer.press('g', 'F', ...'flagged', 'return');
		assert.equal(reviewer.message, 'filter flagged: 2 sentences (F, Enter shows all)');
		assert.equal(reviewer.state.sentence, 1, 'the first flagged sentence from the cursor');
		const description = describeFilter(reviewer.state.filter!);
		assert.equal(description, 'filter flagged: 2 sentences');
		reviewer.press('j');
		assert.equal(reviewer.state.sentence, 4);
		reviewer.press('j');
		assert.equal(reviewer.state.sentence, 4, 'the last flagged sentence stays');
		reviewer.press('k');
		assert.equal(reviewer.state.sentence, 1);
		reviewer.press('k');
		assert.equal(reviewer.state.sentence, 1);
		reviewer.press('G');
		assert.equal(reviewer.state.sentence, 4);
		reviewer.press('g');
		assert.equal(reviewer.state.sentence, 1);

		// The header as the view model writes it with this state (a short file name: longer ones cut the filter off, see the e2e test g2).
		const header = headerModel({fileName: 'c.tsv', sentence: reviewer.state.sentence, sentenceCount: 6, token: 0, tokenCount: 3, scheme: 'IOB2', dirty: false, reviewed: reviewer.review.marks.reviewedCount, flagged: reviewer.review.marks.flaggedCount, filter: description, width: 99});
		assert.match(header.text, /reviewed 0\/6 {2}flagged 2 {2}· {2}filter flagged: 2/);

		reviewer.press('F', 'return');
		assert.equal(reviewer.state.filter, undefined);
		assert.equal(reviewer.message, 'filter cleared: all sentences');
		reviewer.press('j');
		assert.equal(reviewer.state.sentence, 2, 'every sentence again');
	});

	test('F unreviewed skips the reviewed sentences', () => {
		const reviewer = reviewerOf();
		reviewer.press('return', 'return', 'j', 'return');
		assert.equal(reviewer.review.marks.reviewedCount, 3);
		reviewer.press('g', 'F', ...'unreviewed', 'return');
		assert.equal(describeFilter(reviewer.state.filter!), 'filter unreviewed: 3 sentences');
		assert.equal(reviewer.state.sentence, 2);
		reviewer.press('j');
		assert.equal(reviewer.state.sentence, 4);
		reviewer.press('j');
		assert.equal(reviewer.state.sentence, 5);
		reviewer.press('k', 'k');
		assert.equal(reviewer.state.sentence, 2, 'k skips the reviewed sentence 4 (index 3)');
	});
});

describe('restoring the review position (reducer)', () => {
	/** A file whose sidecar says the last review stopped at sentence index 4; a fresh Reviewer over it, not yet restored. */
	function reopened() {
		const first = reviewerOf();
		first.press('j', 'j', 'j', 'j');
		// The App reports each move to the Review; the reducer alone does not.
		first.review.moveTo({sentence: first.state.sentence, token: first.state.token});
		first.review.close(true);
		const session = new Session(indexCorpus(fs.readFileSync(first.file)), {file: first.file, backup: false});
		const review = new Review(session, first.file);
		return {reviewer: new Reviewer(session, {labels, review, file: first.file}) as ReviewingReviewer, review};
	}

	test('a reviewer who has not moved yet goes to the saved position', () => {
		const {reviewer, review} = reopened();
		reviewer.do({type: 'restore-review', position: review.restore().position});
		assert.equal(reviewer.state.sentence, 4);
	});

	test('a reviewer who moved before a large file finished indexing keeps their place and is told where the review stopped', () => {
		const {reviewer, review} = reopened();
		reviewer.press('j');
		reviewer.do({type: 'restore-review', position: review.restore().position});
		assert.equal(reviewer.state.sentence, 1);
		assert.equal(reviewer.message, 'kept your place; the last review stopped at sentence 5 (:5 Enter goes there)');
		reviewer.press(':', '5', 'return');
		assert.equal(reviewer.state.sentence, 4, 'the hint works as given');
	});
});

describe('the statistics view (%)', () => {
	const manyTypes = seed(...Array.from({length: 14}, (_, index) => `Word/B-T${String(index).padStart(2, '0')} here`));
	const linesShown = (screen: string) => {
		const match = /\(lines (\d+)-(\d+) of (\d+)\)/.exec(screen);
		return match === null ? undefined : {first: Number(match[1]), last: Number(match[2]), of: Number(match[3])};
	};

	test('% opens it, j/k scroll a long view, stopping at the top and at the bottom; Esc and % close it', async () => {
		const {app} = open(manyTypes);
		await app.press('%');
		let screen = await app.waitForFrame(next => /^Statistics: j\/k scroll, Space page, Esc closes \(lines 1-\d+ of \d+\)/m.test(next));
		assert.ok(screen.includes('14 sentences, 28 tokens'), screen);
		const {last, of} = linesShown(screen)!;
		const page = last;
		assert.ok(of > page, 'test bug: the statistics should be longer than the view');
		await app.press('k');
		screen = await app.waitForFrame(next => linesShown(next)?.first === 1);
		await app.press('j');
		screen = await app.waitForFrame(next => linesShown(next)?.first === 2);
		assert.equal(linesShown(screen)!.last, page + 1);
		for (let first = 3; first <= of - page + 1; first++) {
			await app.press('j');
			await app.waitForFrame(next => linesShown(next)?.first === first);
		}

		screen = app.screen();
		assert.deepEqual(linesShown(screen), {first: of - page + 1, last: of, of}, 'at the bottom');
		await app.press('k');
		await app.waitForFrame(next => linesShown(next)?.first === of - page);
		await app.press(keys.escape);
		screen = await app.waitForFrame(next => !next.includes('Statistics:'));
		assert.ok(atSentence(1)(screen), 'the corpus view again, where it was');
		await app.press('%');
		await app.waitForFrame(next => linesShown(next)?.first === 1);
		await app.press('%');
		await app.waitForFrame(next => !next.includes('Statistics:'));
	});

	test('blank lines take their row: the page is filled to its last row, and at the bottom the last line is right above the status line', async () => {
		const {app} = open(manyTypes);
		await app.press('%');
		let screen = await app.waitForFrame(next => linesShown(next) !== undefined);
		/** The page's rows as drawn: between the title and the status line. */
		const pageRows = (frame: string) => {
			const rows = frame.split('\n');
			return rows.slice(rows.findIndex(row => row.startsWith('Statistics:')) + 1, -1);
		};

		const {first, last, of} = linesShown(screen)!;
		assert.equal(pageRows(screen).length, last - first + 1, 'test bug: the page has a row per line the title counts');
		assert.notEqual(pageRows(screen).at(-1), '', `line ${last} is not blank, but its row is:\n${screen}`);
		for (let step = 0; step < of; step++) {
			await app.press('j');
		}

		screen = await app.waitForFrame(next => linesShown(next)?.last === of);
		assert.match(pageRows(screen).at(-1)!, /^problems: /, `the last line is drawn on the page's last row:\n${screen}`);
	});

	test('k after scrolling past the bottom moves up at once', async () => {
		const {app} = open(manyTypes);
		await app.press('%');
		const {last, of} = linesShown(await app.waitForFrame(next => linesShown(next) !== undefined))!;
		for (let step = 0; step < of + 5; step++) {
			await app.press('j');
		}

		await app.waitForFrame(next => linesShown(next)?.last === of);
		await app.press('k');
		await app.waitForFrame(next => linesShown(next)?.first === of - last, 500);
	});
});

describe('recovering unsaved edits (reducer with a Review over a temp file)', () => {
	/** A session that made two edits and died: returns the file and a fresh Session/Review over it. */
	function crashed() {
		const first = reviewerOf();
		first.press('j', '2'); // Ada becomes LOC
		first.press('j', '3'); // Paris becomes ORG
		assert.deepEqual(entitiesOf(first.session, 1), ['Ada=LOC']);
		assert.deepEqual(entitiesOf(first.session, 2), ['Paris=ORG']);
		// No close(), no save: the process is gone.
		const session = new Session(indexCorpus(fs.readFileSync(first.file)), {file: first.file, backup: false});
		const review = new Review(session, first.file);
		const {position} = review.restore();
		const {recovery} = review.pendingRecovery();
		assert.equal(recovery?.pendingEdits, 2);
		const reviewer = new Reviewer(session, {labels, review}) as ReviewingReviewer;
		reviewer.do({type: 'restore-review', position, pending: {edits: recovery.pendingEdits, matching: recovery.recoverable, unmatchedLines: recovery.unmatchedLines}});
		return {reviewer, file: first.file};
	}

	test('the question is asked; other keys do nothing; y replays both edits', () => {
		const {reviewer, file} = crashed();
		assert.deepEqual(reviewer.state.mode, {kind: 'recover', pending: {edits: 2, matching: 2, unmatchedLines: []}});
		const before = reviewer.state.sentence;
		reviewer.press('j', '1', 'x');
		assert.equal(reviewer.state.mode.kind, 'recover');
		assert.equal(reviewer.state.sentence, before);
		assert.equal(reviewer.session.dirty, false);
		reviewer.press('y');
		assert.equal(reviewer.state.mode.kind, 'normal');
		assert.match(reviewer.message ?? '', /^2 of 2 edits recovered/);
		assert.deepEqual(entitiesOf(reviewer.session, 1), ['Ada=LOC']);
		assert.deepEqual(entitiesOf(reviewer.session, 2), ['Paris=ORG']);
		assert.equal(reviewer.session.dirty, true);
		assert.equal(fs.readFileSync(file, 'utf8'), corpusText, 'replaying does not write the file');
		reviewer.press('u');
		assert.deepEqual(entitiesOf(reviewer.session, 2), ['Paris=LOC'], 'replayed edits undo one at a time');
		assert.deepEqual(entitiesOf(reviewer.session, 1), ['Ada=LOC']);
	});

	test('the analysis built before y takes the replayed edits in: the same one, still ready, with the problems a fresh build finds', () => {
		const {reviewer} = crashed();
		const built = analysisOf(reviewer.session);
		const engine = analysisFor(reviewer.session);
		assert.ok(engine.ready, 'test bug: built before the answer');
		reviewer.press('y');
		assert.equal(analysisFor(reviewer.session), engine, 'not started again (a whole rebuild in the background, with "checking N%" in the header)');
		assert.ok(engine.ready);
		const fresh = new CorpusAnalysis(reviewer.session.corpus).run();
		assert.deepEqual([...analysisOf(reviewer.session).sentences], [...fresh.problemSentences()]);
		assert.notDeepEqual([...analysisOf(reviewer.session).sentences], [...built.sentences], 'test bug: the replayed edits change the problems');
	});

	test('q quits and leaves the journal to the next open', () => {
		const {reviewer, file} = crashed();
		const journal = fs.readFileSync(`${file}.review.journal`);
		reviewer.press('q');
		assert.equal(reviewer.state.exit, true);
		assert.equal(reviewer.session.dirty, false);
		assert.ok(fs.readFileSync(`${file}.review.journal`).equals(journal));
	});

	test('n discards them: nothing replayed, and the journal no longer offers them', () => {
		const {reviewer, file} = crashed();
		reviewer.press('n');
		assert.equal(reviewer.state.mode.kind, 'normal');
		assert.equal(reviewer.message, 'unsaved edits of the previous session discarded');
		assert.deepEqual(entitiesOf(reviewer.session, 2), ['Paris=LOC']);
		assert.equal(reviewer.session.dirty, false);
		const again = new Review(new Session(indexCorpus(fs.readFileSync(file)), {file, backup: false}), file);
		again.restore();
		assert.equal(again.pendingRecovery().recovery, undefined, 'no question on the next open');
	});
});
