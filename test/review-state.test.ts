/**
Review progress across sessions: marks and position restored from the sidecar, matched by text
when the corpus changed elsewhere, and unsaved edits replayed from the journal after a crash.
*/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {indexCorpus} from '../source/corpus/index.js';
import {Session} from '../source/corpus/session.js';
import {journalPath} from '../source/review/journal.js';
import {Review} from '../source/review/review.js';
import {sidecarPath} from '../source/review/sidecar.js';
import {firstLabelOrder, restoredReview} from '../source/ui/restored-review.js';
import {entitiesOf, seed, sessionFrom} from './helpers/corpus.js';
import {Reviewer} from './helpers/reviewer.js';

const text = seed('Linux/B-OS runs', 'Paris/B-LOC is big', 'Ada/B-PER wrote code', 'nothing here');

/** Opens `file` again as a new process would: a fresh Session and Review over the bytes on disk. */
function reopen(file: string): {session: Session; review: Review} {
	const session = new Session(indexCorpus(fs.readFileSync(file)), {file, backup: false});
	return {session, review: new Review(session, file)};
}

describe('the sidecar', () => {
	test('of an --output session says so when FILE is opened alone, not that the corpus changed (QA)', () => {
		const {file} = sessionFrom(text);
		const out = `${file}.out`;
		const session = new Session(indexCorpus(fs.readFileSync(file)), {file, output: out, backup: false});
		const review = new Review(session, file);
		review.restore();
		review.setReviewed(1, true);
		session.relabel(0, 0, undefined, 'ORG');
		assert.equal(session.save().status, 'saved');
		review.close(true);
		assert.equal(JSON.parse(fs.readFileSync(sidecarPath(file), 'utf8')).output, path.basename(out));
		const next = reopen(file);
		const {message} = next.review.restore();
		assert.equal(message, `the last review saved its edits to ${path.basename(out)} (--output), not to this file: kept 1 of 1 mark (matched by sentence text)`);
		assert.equal(next.review.isReviewed(1), true);
	});

	test('keeps reviewed and flagged sentences and the position for the next session', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.restore();
		review.startJournal();
		review.setReviewed(0, true);
		review.setReviewed(1, true);
		review.toggleFlag(2);
		review.moveTo({sentence: 2, token: 1});
		review.close(true);
		assert.ok(fs.existsSync(sidecarPath(file)));
		assert.equal(fs.readFileSync(file, 'utf8'), text, 'the corpus itself is never touched');

		const next = reopen(file);
		const {position, message} = next.review.restore();
		assert.deepEqual(position, {sentence: 2, token: 1});
		assert.equal(message, undefined);
		assert.deepEqual([0, 1, 2, 3].map(sentence => next.review.isReviewed(sentence)), [true, true, false, false]);
		assert.equal(next.review.isFlagged(2), true);
		assert.equal(next.review.marks.reviewedCount, 2);
	});

	test('after the corpus was edited elsewhere, marks follow their sentences by text and the app says what was kept', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.restore();
		review.setReviewed(1, true);
		review.setReviewed(3, true);
		review.toggleFlag(2);
		review.moveTo({sentence: 2, token: 0});
		review.close(true);

		// Someone inserts a sentence at the top and rewrites sentence 4.
		fs.writeFileSync(file, seed('A/B-X new sentence', 'Linux/B-OS runs', 'Paris/B-LOC is big', 'Ada/B-PER wrote code', 'changed text'));
		const next = reopen(file);
		const {position, message} = next.review.restore();
		assert.match(message ?? '', /changed since the last review: kept 2 of 3 marks/);
		assert.equal(next.review.isReviewed(2), true, '"Paris is big" moved from 2nd to 3rd');
		assert.equal(next.review.isFlagged(3), true, '"Ada wrote code" moved from 3rd to 4th');
		assert.equal(next.review.isReviewed(4), false, 'the rewritten sentence lost its mark');
		assert.deepEqual(position, {sentence: 3, token: 0});
	});

	test('a changed corpus whose sidecar held no marks (only the cursor) says nothing: "kept 0 of 0 marks" was noise, seen after every --output session', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.restore();
		review.moveTo({sentence: 2, token: 1});
		review.close(true);

		fs.writeFileSync(file, seed('A/B-X new sentence', 'Linux/B-OS runs', 'Paris/B-LOC is big', 'Ada/B-PER wrote code', 'changed text'));
		const next = reopen(file);
		const {position, message} = next.review.restore();
		assert.equal(message, undefined);
		assert.deepEqual(position, {sentence: 3, token: 1}, 'the cursor still follows its sentence by text');
	});

	test('the label bar\'s order comes back the next session, with the file\'s new types after it (QA: a number key meant another label from one day to the next)', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.restore();
		review.moveTo({sentence: 1, token: 0}, ['PER', 'OS', 'LOC']);
		review.close(true);
		assert.deepEqual(JSON.parse(fs.readFileSync(sidecarPath(file), 'utf8')).labels, ['PER', 'OS', 'LOC']);

		const next = reopen(file);
		next.review.restore();
		const restored = restoredReview(next.review, true);
		assert.deepEqual(restored.labels, ['PER', 'OS', 'LOC']);
		assert.equal(restoredReview(reopen(file).review, false).labels, undefined, '--labels gives the order itself');

		// The reducer: before the first key, the last session's bar, then the types it did not have; after one, the bar in use.
		const user = Reviewer.of(text, ['LOC', 'OS', 'PER', 'ORG']);
		user.do(restored);
		assert.deepEqual(user.state.labels, ['PER', 'OS', 'LOC', 'ORG']);
		user.do({type: 'corpus-grew', labels: ['LOC', 'MISC'], complete: true});
		assert.deepEqual(user.state.labels, ['PER', 'OS', 'LOC', 'ORG', 'MISC'], 'kept: the whole file\'s counts only add types');
		// Before the first frame: the last session's bar, then the file's types it did not have (QA: a number key
		// pressed before a large file's review came back applied the label of the other order).
		assert.deepEqual(firstLabelOrder(reopen(file).review, ['LOC', 'MISC', 'OS']), ['PER', 'OS', 'LOC', 'MISC']);
		assert.deepEqual(firstLabelOrder(undefined, ['LOC', 'MISC']), ['LOC', 'MISC'], 'no review: the file\'s order');
		// A move is no use of the bar: the last session's order still comes back (QA: an `l` during indexing kept the first slice's).
		const moved = Reviewer.of(text, ['LOC', 'OS', 'PER']);
		moved.press('j');
		moved.do(restored);
		assert.deepEqual(moved.state.labels, ['PER', 'OS', 'LOC']);
		// A number key is: 1 meant LOC, and goes on meaning it.
		const keyed = Reviewer.of(text, ['LOC', 'OS', 'PER']);
		keyed.press('1');
		keyed.do(restored);
		assert.deepEqual(keyed.state.labels, ['LOC', 'OS', 'PER']);
	});

	test('a label order that is not a list of names is ignored, the marks kept; a file\'s own odd type names are kept in it', () => {
		const {session, file} = sessionFrom(text);
		const first = new Review(session, file);
		first.restore();
		first.setReviewed(1, true);
		first.close(true);
		const written = JSON.parse(fs.readFileSync(sidecarPath(file), 'utf8')) as Record<string, unknown>;
		for (const labels of [[1, 2], 'PER', ['PER', '']]) {
			fs.writeFileSync(sidecarPath(file), JSON.stringify({...written, labels}));
			const review = new Review(session, file);
			assert.equal(review.restore().message, undefined, JSON.stringify(labels));
			assert.equal(review.marks.labelOrder, undefined);
			assert.equal(review.marks.reviewedCount, 1, 'the marks are kept');
		}

		fs.writeFileSync(sidecarPath(file), JSON.stringify({...written, labels: ['B-X', 'PER']}));
		const review = new Review(session, file);
		review.restore();
		assert.deepEqual(review.marks.labelOrder, ['B-X', 'PER'], 'a type B-X read from B-B-X tags');
	});

	test('a broken sidecar is ignored with a message, never blocking the corpus', () => {
		const {session, file} = sessionFrom(text);
		fs.writeFileSync(sidecarPath(file), '{not json');
		const review = new Review(session, file);
		assert.match(review.restore().message ?? '', /not valid JSON/);
		assert.equal(review.marks.reviewedCount, 0);
	});
});

describe('the journal', () => {
	test('edits of a session that died are offered again and replay exactly', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.restore();
		review.startJournal();
		session.relabel(0, 0, undefined, 'Operating_System');
		session.relabel(1, 0, undefined, 'GPE');
		session.undo();
		session.relabel(2, 2, undefined, 'Language');
		// The process dies here: no close(), no save.

		const next = reopen(file);
		assert.equal(next.review.pendingRecovery().recovery?.pendingEdits, 2);
		const message = next.review.recover(next.review.pendingRecovery().recovery!);
		assert.match(message, /^2 of 2 edits recovered/);
		assert.deepEqual(entitiesOf(next.session, 0), ['Linux=Operating_System']);
		assert.deepEqual(entitiesOf(next.session, 1), ['Paris=LOC']);
		assert.deepEqual(entitiesOf(next.session, 2), ['Ada=PER', 'code=Language']);
		assert.equal(next.session.dirty, true);
		// Undo still works on replayed edits, one step at a time.
		next.session.undo();
		assert.deepEqual(entitiesOf(next.session, 2), ['Ada=PER']);
	});

	test('a half-written last line (killed mid-write) is skipped, the rest replays', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.startJournal();
		session.relabel(0, 0, undefined, 'Operating_System');
		fs.appendFileSync(journalPath(file), '{"op":"apply","descr');
		const next = reopen(file);
		assert.equal(next.review.pendingRecovery().recovery?.pendingEdits, 1);
	});

	test('after a save, or a clean exit with nothing unsaved, there is nothing to recover', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.startJournal();
		session.relabel(0, 0, undefined, 'Operating_System');
		assert.equal(session.save().ok, true);
		assert.equal(reopen(file).review.pendingRecovery().recovery, undefined, 'saved: the journal was reset');
		session.relabel(1, 0, undefined, 'GPE');
		session.undo();
		review.close(true);
		assert.equal(fs.existsSync(journalPath(file)), false, 'a clean exit removes the journal');
	});

	test('after a signal (SIGHUP, SIGTERM) the journal of unsaved edits stays; after a quit that discards them it goes', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.startJournal();
		session.relabel(0, 0, undefined, 'Operating_System');
		review.close(false);
		assert.equal(reopen(file).review.pendingRecovery().recovery?.pendingEdits, 1);

		const other = sessionFrom(text);
		const discarding = new Review(other.session, other.file);
		discarding.startJournal();
		other.session.relabel(0, 0, undefined, 'Operating_System');
		discarding.close(true);
		assert.equal(other.session.dirty, true);
		assert.equal(fs.existsSync(journalPath(other.file)), false, 'the user chose to discard the edits');
	});

	test('a journal for another version of the file replays nothing of what no longer matches, and says which lines', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.startJournal();
		session.relabel(0, 0, undefined, 'Operating_System');
		fs.writeFileSync(file, seed('Completely/B-X different'));
		const next = reopen(file);
		const {recovery} = next.review.pendingRecovery();
		assert.equal(recovery?.pendingEdits, 1);
		assert.equal(recovery.recoverable, 0);
		assert.match(recovery.summary, /^0 of 1 edit recovered; 1 no longer matches: line 2$/);
		const message = next.review.recover(recovery);
		assert.match(message, /kept as .*\.review\.journal\.unmatched-/);
		assert.deepEqual(entitiesOf(next.session, 0), ['Completely=X']);
	});
});

describe('a file found malformed while it is indexed in the background', () => {
	test('leaves nothing beside it: no marks written, a sidecar this session made removed, no journal', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.moveTo({sentence: 2, token: 1});
		review.flush(true);
		assert.ok(fs.existsSync(sidecarPath(file)), 'the position was written half a second after the move');
		assert.equal(review.close(false, undefined, true), undefined);
		assert.equal(fs.existsSync(sidecarPath(file)), false);
		assert.equal(fs.existsSync(journalPath(file)), false);
	});

	test('keeps unsaved edits in the journal, for once the file is fixed, and says so; a sidecar of an earlier session stays', () => {
		const {session, file} = sessionFrom(text);
		const earlier = new Review(session, file);
		earlier.moveTo({sentence: 1, token: 0});
		earlier.close(true);
		const sidecar = fs.readFileSync(sidecarPath(file));
		const next = reopen(file);
		next.review.moveTo({sentence: 3, token: 0});
		next.session.relabel(0, 0, undefined, 'A');
		assert.match(next.review.close(false, undefined, true) ?? '', /^your unsaved edits and marks are kept in .*\.review\.journal, offered again once the file is fixed$/);
		assert.ok(fs.readFileSync(sidecarPath(file)).equals(sidecar), 'the earlier session\'s marks are left as they were');
		assert.match(fs.readFileSync(journalPath(file), 'utf8'), /"after":"B-A"/);
	});

	test('keeps marks made meanwhile too (they are journaled), with no tag edited', () => {
		const {session, file} = sessionFrom(text);
		const review = new Review(session, file);
		review.setReviewed(1, true);
		review.toggleFlag(2);
		assert.match(review.close(false, undefined, true) ?? '', /your unsaved edits and marks are kept in/);
		const next = reopen(file);
		next.review.pendingRecovery();
		assert.equal(next.review.isReviewed(1), true);
		assert.equal(next.review.isFlagged(2), true);
	});
});
