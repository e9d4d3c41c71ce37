/**
Answers given while a large file is still being indexed (the first frame comes before the whole
file is read). A search that finds nothing in the sentences indexed so far, or finds one only by
wrapping around, may have missed a match in the rest: it waits for the whole index and runs then,
and never says "not found" of a token that is there; `:` N past the sentences read so far goes
there once they are; a filter set meanwhile takes in the sentences read later and counts them as
`N+` until the file is indexed. The runner runs what waited for the index when the indexing ends.
The header does not count the review's marks before they are read (a large file's are read once it
is indexed).
*/
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {type Indexer, openIndexer, Session} from '../source/corpus/index.js';
import {EffectRunner} from '../source/ui/effects.js';
import {worldOf} from '../source/ui/live-world.js';
import type {Action, Effect} from '../source/ui/state/actions.js';
import {headerModel} from '../source/ui/view-model/header.js';
import {screenModel} from '../source/ui/view-model/index.js';
import {seed} from './helpers/corpus.js';
import {Reviewer} from './helpers/reviewer.js';

const sentenceCount = 400;

/** Sentence `number` (1-based): its own token `n<number>`; every tenth has a LOC, and the last one a MISC and the token `Zyzzyva`. */
function corpusText(): string {
	const sentences: string[] = [];
	for (let number = 1; number <= sentenceCount; number++) {
		const place = number % 10 === 0 ? ' in Paris/B-LOC' : '';
		const last = number === sentenceCount ? ' Zyzzyva Olympics/B-MISC' : '';
		sentences.push(`Sentence n${number} here${place}${last}`);
	}

	return seed(...sentences);
}

type Opened = {readonly user: Reviewer; readonly indexer: Indexer; readonly session: Session};

const folders: string[] = [];
after(() => {
	for (const folder of folders) {
		fs.rmSync(folder, {recursive: true, force: true});
	}
});

/** A reviewer of a file of which only the first sentences are indexed, as the screen has it at its first frame. */
function openedWhileIndexing(): Opened {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-while-indexing-'));
	folders.push(folder);
	const file = path.join(folder, 'corpus.txt');
	const text = corpusText();
	fs.writeFileSync(file, text);
	const indexer = openIndexer(Buffer.from(text));
	// A few kilobytes: the first few dozen sentences.
	indexer.step(2000);
	assert.equal(indexer.corpus.complete, false, 'test bug: the file is indexed at once');
	assert.ok(indexer.corpus.sentenceCount > 20 && indexer.corpus.sentenceCount < 100, `test bug: ${indexer.corpus.sentenceCount} sentences indexed`);
	const session = new Session(indexer.corpus, {file, backup: false});
	return {user: new Reviewer(session, {labels: ['LOC', 'MISC']}), indexer, session};
}

/** The action the reducer asked to run once the file is indexed. */
function awaited(user: Reviewer): Action {
	const effect = user.effects.at(-1);
	assert.deepEqual(effect?.type === 'await' && effect.until, 'index', `the last effect asked for the whole index: ${JSON.stringify(effect)}`);
	return (effect as Extract<Effect, {type: 'await'}>).then;
}

function indexAll(indexer: Indexer): void {
	while (!indexer.step()) {
		// Read to the end.
	}
}

/** The header's text as the screen draws it. */
function header(user: Reviewer, session: Session): string {
	const screen = screenModel(user.state, worldOf(session), 'corpus.txt');
	assert.equal(screen.kind, 'screen');
	return screen.kind === 'screen' ? screen.header.text : '';
}

function search(user: Reviewer, text: string): void {
	user.press('/');
	user.type(text);
	user.press('return');
}

describe('a search while the file is still being indexed', () => {
	test('a token only in the last sentence: it waits for the rest, then goes there; never "not found"', () => {
		const {user, indexer} = openedWhileIndexing();
		search(user, 'Zyzzyva');
		assert.equal(user.sentence, 0, 'the cursor stays while the rest is read');
		assert.match(user.message ?? '', /searching for "Zyzzyva": the rest of the file is still being indexed/);
		assert.doesNotMatch(user.message ?? '', /not found/);
		const then = awaited(user);
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		assert.equal(user.sentence, sentenceCount - 1);
		assert.equal(user.token, 5, 'Sentence n400 here in Paris Zyzzyva');
		assert.match(user.message ?? '', new RegExp(`"Zyzzyva" in sentence ${sentenceCount} `));
	});

	test('a token found ahead of the cursor in the part read so far answers at once', () => {
		const {user} = openedWhileIndexing();
		search(user, 'n5');
		assert.equal(user.sentence, 4);
		assert.notEqual(user.effects.at(-1)?.type, 'await');
		assert.match(user.message ?? '', /"n5" in sentence 5 /);
	});

	test('G waits for the end of the file, as : N does, and goes to the very last sentence (QA: it stopped mid-file, with a message that stayed)', () => {
		const {user, indexer} = openedWhileIndexing();
		user.press('G');
		assert.equal(user.sentence, 0, 'the cursor stays while the rest is read');
		assert.match(user.message ?? '', /^going to the last sentence: the rest of the file is still being indexed/);
		const then = awaited(user);
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		assert.equal(user.sentence, sentenceCount - 1);
		assert.equal(user.message, undefined);
	});

	test('n that would wrap around to the start waits too: the next match may be in the rest', () => {
		const {user, indexer} = openedWhileIndexing();
		// "here" is in every sentence: go to the last one read, where n can only wrap.
		search(user, 'here');
		const lastRead = indexer.corpus.sentenceCount - 1;
		user.press(':').type(String(lastRead + 1)).press('return', 'l', 'l');
		assert.deepEqual([user.sentence, user.token], [lastRead, 2], 'on the last match read so far');
		user.press('n');
		assert.equal(user.sentence, lastRead, 'it did not wrap to the first sentence');
		const then = awaited(user);
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		assert.equal(user.sentence, lastRead + 1, 'the next match, in the sentence read after');
	});

	test('N finds a match before the cursor at once (all of it is read)', () => {
		const {user} = openedWhileIndexing();
		search(user, 'here');
		user.press('j', 'j', 'j');
		user.press('N');
		assert.equal(user.sentence, 2);
		assert.notEqual(user.effects.at(-1)?.type, 'await');
	});

	test('a token found nowhere is "not found" once the whole file is read', () => {
		const {user, indexer} = openedWhileIndexing();
		search(user, 'nowhere');
		const then = awaited(user);
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		assert.equal(user.message, 'not found: nowhere');
	});
});

test(': N past the sentences read so far goes there once they are', () => {
	const {user, indexer} = openedWhileIndexing();
	user.press(':');
	user.type(String(sentenceCount));
	user.press('return');
	assert.equal(user.sentence, 0);
	assert.match(user.message ?? '', new RegExp(`sentence ${sentenceCount} is not indexed yet`));
	assert.doesNotMatch(user.message ?? '', /no sentence/);
	const then = awaited(user);
	indexAll(indexer);
	user.do({type: 'ready', until: 'index', then});
	assert.equal(user.sentence, sentenceCount - 1);
	// A number past the whole file is still refused, once it is known.
	user.press(':');
	user.type(String(sentenceCount + 1));
	user.press('return');
	assert.equal(user.message, `no sentence "${sentenceCount + 1}": enter a number from 1 to ${sentenceCount}`);
});

describe('a filter set while the file is still being indexed', () => {
	test('it takes in the sentences indexed later, and the header counts them as so far until the end', () => {
		const {user, indexer, session} = openedWhileIndexing();
		user.press('F');
		user.type('LOC');
		user.press('return');
		const early = user.state.filter!.sentences.length;
		assert.equal(early, Math.floor(indexer.corpus.sentenceCount / 10));
		assert.match(header(user, session), new RegExp(`filter LOC: ${early}\\+ sentences`));
		indexer.step(4000);
		user.do({type: 'indexing-progress', progress: indexer.progress});
		assert.equal(user.state.filter!.sentences.length, Math.floor(indexer.corpus.sentenceCount / 10), 'the progress took in the new sentences');
		indexAll(indexer);
		user.do({type: 'corpus-grew', complete: true});
		assert.equal(user.state.filter!.sentences.length, sentenceCount / 10);
		assert.match(header(user, session), new RegExp(`filter LOC: ${sentenceCount / 10} sentences`));
	});

	test('one with no sentence in the part read so far is set, and fills as the rest is read', () => {
		const {user, indexer} = openedWhileIndexing();
		user.press('F');
		user.type('MISC');
		user.press('return');
		assert.equal(user.state.filter?.sentences.length, 0);
		assert.match(user.message ?? '', /filter MISC: 0\+ sentences so far: the rest of the file is still being indexed/);
		assert.equal(user.sentence, 0);
		indexAll(indexer);
		user.do({type: 'corpus-grew', complete: true});
		assert.deepEqual([...user.state.filter!.sentences], [sentenceCount - 1]);
		user.press('j');
		assert.equal(user.sentence, sentenceCount - 1, 'j walks the filter to its one sentence');
	});
});

describe('the label bar once the whole file is indexed', () => {
	test('keeps the order of the first frame, key or no key, and types found later join the end in the whole file\'s order: the same bar every session (QA: whether a key came before the end decided the order)', () => {
		for (const keys of [[], ['j'], ['2']]) {
			const {user} = openedWhileIndexing();
			assert.deepEqual(user.state.labels, ['LOC', 'MISC']);
			user.press(...keys);
			user.do({type: 'corpus-grew', labels: ['MISC', 'ORG', 'PER', 'LOC'], complete: true});
			assert.deepEqual(user.state.labels, ['LOC', 'MISC', 'ORG', 'PER'], `after ${keys.join(' ') || 'no key'}`);
		}
	});
});

/** A runner over `session` whose dispatched actions are gathered. */
function runnerOver(session: Session): {runner: EffectRunner; dispatched: Action[]} {
	const dispatched: Action[] = [];
	const runner = new EffectRunner(session, undefined, {
		dispatch(action) {
			dispatched.push(action);
		},
		exit() {},
	});
	return {runner, dispatched};
}

/** Polls `condition` between the runner's background slices, for up to 10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		assert.ok(Date.now() - started < 10_000, `timed out waiting for ${what}`);
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 2);
		});
	}
}

describe('the runner runs what waited for the index', () => {
	test('when the background indexing ends, and at once when the file is indexed', async () => {
		const {indexer, session} = openedWhileIndexing();
		const {runner, dispatched} = runnerOver(session);
		const then: Action = {type: 'search-again', direction: 1};
		try {
			runner.run({type: 'await', until: 'index', then});
			assert.equal(dispatched.some(action => action.type === 'ready'), false, 'nothing runs before the file is indexed');
			runner.start(indexer, ['LOC', 'MISC']);
			await until(() => dispatched.some(action => action.type === 'ready'), 'the index');

			assert.ok(session.corpus.complete);
			const ready = dispatched.findIndex(action => action.type === 'ready');
			assert.deepEqual(dispatched[ready], {type: 'ready', until: 'index', then});
			assert.ok(dispatched.slice(0, ready).some(action => action.type === 'corpus-grew' && action.complete === true), 'after the corpus is complete');
			dispatched.length = 0;
			runner.run({type: 'await', until: 'index', then});
			assert.deepEqual(dispatched, [{type: 'ready', until: 'index', then}]);
		} finally {
			runner.stop();
		}
	});
});

describe('the runner runs what waited for the analysis', () => {
	test('e pressed at the first frame of a file still being indexed waits for the analysis, says so, and runs when it is built (QA: it ended the app with "the corpus is not fully indexed yet")', async () => {
		const {indexer, session, user} = openedWhileIndexing();
		user.press('e');
		assert.match(user.message ?? '', /^checking the whole corpus \(the file is still being read\) for problems and label consistency: this key answers when it is ready$/);
		const {runner, dispatched} = runnerOver(session);
		const then: Action = {type: 'next-problem'};
		try {
			runner.run({type: 'await', until: 'analysis', then});
			assert.equal(dispatched.some(action => action.type === 'ready'), false, 'nothing runs before the file is indexed');
			runner.start(indexer, ['LOC', 'MISC']);
			await until(() => dispatched.some(action => action.type === 'ready'), 'the analysis');

			assert.ok(session.corpus.complete);
			assert.deepEqual(dispatched.find(action => action.type === 'ready'), {type: 'ready', until: 'analysis', then});
		} finally {
			runner.stop();
		}
	});
});

describe('Esc takes back a key that waits', () => {
	test('Esc after e while the file is indexed: e does not run when the analysis is ready, and the status line says it was cancelled (QA: c ran seconds later on another token)', async () => {
		const {indexer, session, user} = openedWhileIndexing();
		user.press('e', 'escape');
		assert.deepEqual(user.effects.at(-1), {type: 'cancel-waits'});
		const {runner, dispatched} = runnerOver(session);
		try {
			runner.run({type: 'await', until: 'analysis', then: {type: 'next-problem'}});
			runner.run({type: 'cancel-waits'});
			assert.deepEqual(dispatched, [{type: 'notice', text: 'cancelled: the key that waited will not run'}]);
			runner.run({type: 'cancel-waits'});
			assert.equal(dispatched.length, 1, 'nothing waiting: nothing said');
			runner.start(indexer, ['LOC', 'MISC']);
			await until(() => session.corpus.complete && dispatched.some(action => action.type === 'analysis-progress' && action.progress === undefined), 'the analysis');

			assert.equal(dispatched.some(action => action.type === 'ready'), false, 'e did not run');
		} finally {
			runner.stop();
		}
	});
});

test('the header counts the reviewed sentences once the marks are read, not as 0 before', () => {
	const text = (indexing: number | undefined) => headerModel({fileName: 'f.txt', sentence: 0, sentenceCount: 43, token: 0, tokenCount: 3, scheme: 'IOB2', dirty: false, indexing, reviewed: 0, flagged: 0, width: 200}).text;
	assert.match(text(0.3), /reviewed …/);
	assert.doesNotMatch(text(0.3), /reviewed 0/);
	assert.match(text(undefined), /reviewed 0\/43/);
});

describe('what waited runs only once an open prompt is closed', () => {
	test('a label typed while a search waits goes to the token on screen; the search moves the cursor after', () => {
		const {user, indexer, session} = openedWhileIndexing();
		search(user, 'Zyzzyva');
		const then = awaited(user);
		// The reviewer goes on: the second sentence's first token, a label typed for it.
		user.press('j', 't');
		user.type('MISC');
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		assert.deepEqual([user.sentence, user.token], [1, 0], 'the cursor stays under the open prompt');
		user.press('return');
		assert.equal(session.corpus.tags.get(session.corpus.tagIds[session.corpus.sentenceStart[1]!]!).text, 'B-MISC', 'the label went to the token on screen');
		assert.equal(session.corpus.tags.get(session.corpus.tagIds[session.corpus.sentenceStart[sentenceCount - 1]! + 5]!).text, 'O', 'not to the match');
		assert.equal(user.sentence, sentenceCount - 1, 'then the search went to its match');
	});

	test('the same for a key that waited for the analysis', () => {
		const {user, indexer, session} = openedWhileIndexing();
		indexAll(indexer);
		user.do({type: 'corpus-grew', complete: true});
		user.press('j', 't');
		user.type('MISC');
		user.do({type: 'ready', until: 'analysis', then: {type: 'last-sentence'}});
		assert.equal(user.sentence, 1, 'the cursor stays under the open prompt');
		user.press('return');
		assert.equal(session.corpus.tags.get(session.corpus.tagIds[session.corpus.sentenceStart[1]!]!).text, 'B-MISC', 'the label went to the token on screen');
		assert.equal(user.sentence, sentenceCount - 1, 'then the key that waited ran');
	});

	test('a question (a new type, y or n) holds it too: y labels the token on screen', () => {
		const {user, indexer, session} = openedWhileIndexing();
		search(user, 'Zyzzyva');
		const then = awaited(user);
		user.press('j', 't');
		user.type('PRODUCT');
		user.press('return');
		assert.equal(user.mode, 'confirm', 'a new type is asked about');
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		assert.deepEqual([user.sentence, user.token], [1, 0], 'the cursor stays under the question');
		user.press('y');
		assert.equal(session.corpus.tags.get(session.corpus.tagIds[session.corpus.sentenceStart[1]!]!).text, 'B-PRODUCT');
		assert.equal(user.sentence, sentenceCount - 1, 'then the search went to its match');
	});

	test('q answered n: the app quits, and the key that waited is dropped', () => {
		const {user, indexer} = openedWhileIndexing();
		search(user, 'Zyzzyva');
		const then = awaited(user);
		user.press('t');
		user.type('MISC');
		user.press('return', 'q');
		assert.equal(user.mode, 'quit', 'unsaved edits: the quit question');
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		const before = user.effects.length;
		user.press('n');
		assert.equal(user.exited, true);
		assert.deepEqual(user.effects.slice(before).map(effect => effect.type), ['exit']);
	});

	test('Esc closes the prompt without an answer: the key that waited runs then', () => {
		const {user, indexer} = openedWhileIndexing();
		search(user, 'Zyzzyva');
		const then = awaited(user);
		user.press(':');
		indexAll(indexer);
		user.do({type: 'ready', until: 'index', then});
		assert.equal(user.sentence, 0);
		user.press('escape');
		assert.equal(user.sentence, sentenceCount - 1);
	});
});

describe('the review restored once the file is indexed keeps a reviewer who has acted in place', () => {
	test('a label being typed on the first token goes there, not to the last review\'s place', () => {
		const {user, indexer, session} = openedWhileIndexing();
		user.press('t');
		user.type('MISC');
		indexAll(indexer);
		user.do({type: 'restore-review', position: {sentence: 5, token: 0}});
		assert.deepEqual([user.sentence, user.token], [0, 0]);
		user.press('return');
		assert.equal(session.corpus.tags.get(session.corpus.tagIds[0]!).text, 'B-MISC');
		assert.match(user.message ?? '', /MISC/);
	});

	test('an edit made on the first token keeps the cursor there; a reviewer who did nothing is taken to the last place', () => {
		const acted = openedWhileIndexing();
		acted.user.press('t');
		acted.user.type('MISC');
		acted.user.press('return');
		indexAll(acted.indexer);
		acted.user.do({type: 'restore-review', position: {sentence: 5, token: 0}});
		assert.deepEqual([acted.user.sentence, acted.user.token], [0, 0]);
		assert.match(acted.user.message ?? '', /kept your place; the last review stopped at sentence 6/);

		const idle = openedWhileIndexing();
		indexAll(idle.indexer);
		idle.user.do({type: 'restore-review', position: {sentence: 5, token: 0}});
		assert.deepEqual([idle.user.sentence, idle.user.token], [5, 0]);
	});
	test('a search typed at the first sentence, waiting for the rest of the file, runs from there, not from the last review\'s place (QA: it skipped the match ahead)', () => {
		const {user, indexer} = openedWhileIndexing();
		search(user, 'Zyzzyva');
		const then = awaited(user);
		indexAll(indexer);
		user.do({type: 'restore-review', position: {sentence: sentenceCount - 1, token: 0}});
		assert.deepEqual([user.sentence, user.token], [0, 0], 'kept in place');
		user.do({type: 'ready', until: 'index', then});
		assert.equal(user.sentence, sentenceCount - 1);
		assert.doesNotMatch(user.message ?? '', /wrapped around/, 'straight ahead of sentence 1');
	});
});
