/**
The journal and the sidecar as outside input (issues 10 and 11), on the engine: entries verify
themselves and land on the exact token or are named, a journal that cannot be replayed is set
aside (never truncated, never overwritten), crafted or malformed journals and sidecars never
block opening the corpus nor crash, the journal runs while a large file is still being indexed,
a full disk stops it with a warning while editing goes on, and symlinks or FIFOs at the side
files' names are never followed.
*/
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, mock, test} from 'node:test';
import fc from 'fast-check';
import {ContentHasher, contentHashOf, indexCorpus, Indexer, openIndexer, planRelabel, readCorpusFile, Session} from '../source/corpus/index.js';
import {hashFileInWorker} from '../source/corpus/content-hash.js';
import {claimCorpus} from '../source/review/claim.js';
import {journalPath} from '../source/review/journal.js';
import {stateFolderName, stateFolderOf} from '../source/review/side-files.js';
import {Review} from '../source/review/review.js';
import {sidecarPath} from '../source/review/sidecar.js';
import {statusModel} from '../source/ui/view-model/status.js';
import {entitiesOf, seed, sessionFrom, tagsOf} from './helpers/corpus.js';

const text = seed('Linux/B-OS runs', 'Paris/B-LOC is big', 'Ada/B-PER wrote code', 'nothing here', 'the end');

/** Opens `file` again as a new process would. */
function reopen(file: string): {session: Session; review: Review} {
	const {bytes, identity} = readCorpusFile(file);
	const session = new Session(indexCorpus(bytes), {file, backup: false, identity});
	return {session, review: new Review(session, file)};
}

/** A session that edits then dies (no close, no save): its journal stays. */
function crashedSession(edits: (session: Session, review: Review) => void): string {
	const {file} = sessionFrom(text);
	const {session, review} = reopen(file);
	edits(session, review);
	return file;
}

/** A process id that no process has now. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', '0']);
	return child.pid!;
}

function sideFiles(file: string): string[] {
	return fs.readdirSync(path.dirname(file)).filter(name => name.startsWith(path.basename(file))).sort();
}

describe('journal entries verify themselves: recovery lands on the exact token or names the edit', () => {
	test('each tag change records its line, its token text and length, its sentence, and the tag before and after', () => {
		const file = crashedSession(session => {
			session.relabel(1, 0, undefined, 'GPE');
		});
		const lines = fs.readFileSync(journalPath(file), 'utf8').trim().split('\n');
		const entry = JSON.parse(lines[1]!) as {changes: Array<Record<string, unknown>>};
		assert.deepEqual(Object.keys(entry.changes[0]!).sort(), ['after', 'before', 'bytes', 'line', 'sentence', 'text', 'token']);
		assert.deepEqual([entry.changes[0]!['line'], entry.changes[0]!['text'], entry.changes[0]!['before'], entry.changes[0]!['after']], [6, 'Paris', 'B-LOC', 'B-GPE']);
	});

	test('moving one line in the middle (same size, same ends): the edit lands on its own token, not on the one now at its number', () => {
		const file = crashedSession(session => {
			session.relabel(2, 2, undefined, 'Language');
		});
		// Swap "wrote" and "code" of sentence 3: size and the first and last 64 KB stay the same.
		const moved = fs.readFileSync(file, 'utf8').replace('wrote\tO\ncode\tO\n', 'code\tO\nwrote\tO\n');
		fs.writeFileSync(file, moved);
		const next = reopen(file);
		const {recovery} = next.review.pendingRecovery();
		assert.ok(recovery);
		assert.equal(recovery.recoverable, 0, 'the token at the journaled line is "wrote" now: no match');
		assert.match(recovery.summary, /^0 of 1 edit recovered; 1 no longer matches: line \d+$/);
		next.review.recover(recovery);
		assert.deepEqual(tagsOf(next.session, 2), ['B-PER', 'O', 'O'], 'nothing was put on the wrong token');
	});

	test('a line appended elsewhere after the crash: the edits still match and are replayed, exactly', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'Operating_System');
			session.relabel(2, 2, undefined, 'Language');
		});
		fs.appendFileSync(file, seed('an appended sentence'));
		const next = reopen(file);
		const {recovery} = next.review.pendingRecovery();
		assert.equal(recovery?.summary, '2 of 2 edits recovered');
		assert.match(next.review.recover(recovery), /^2 of 2 edits recovered: review them, then s to save$/);
		assert.deepEqual(entitiesOf(next.session, 0), ['Linux=Operating_System']);
		assert.deepEqual(entitiesOf(next.session, 2), ['Ada=PER', 'code=Language']);
		assert.equal(next.session.corpus.sentenceCount, 6);
	});

	test('some edits match and some do not: "3 of 5 edits recovered; 2 no longer match: lines …", the journal kept aside for the rest', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			session.relabel(1, 0, undefined, 'B');
			session.relabel(2, 0, undefined, 'C');
			session.relabel(3, 0, undefined, 'D');
			session.relabel(4, 0, undefined, 'E');
		});
		const journal = fs.readFileSync(journalPath(file));
		// Sentences 2 and 4 were rewritten by someone else meanwhile.
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Paris', 'Lyon').replace('nothing', 'something'));
		const next = reopen(file);
		const {recovery} = next.review.pendingRecovery();
		assert.ok(recovery);
		assert.equal(recovery.summary, '3 of 5 edits recovered; 2 no longer match: lines 6, 16');
		const message = next.review.recover(recovery);
		assert.match(message, /^3 of 5 edits recovered; 2 no longer match: lines 6, 16 \(the whole journal is kept as .*review\.journal\.unmatched-\d{8}-\d{6}-\d{3}\): review them/);
		const aside = sideFiles(file).find(name => name.includes('unmatched'))!;
		assert.ok(fs.readFileSync(path.join(path.dirname(file), aside)).equals(journal), 'set aside byte for byte');
		assert.deepEqual([0, 1, 2, 3, 4].map(sentence => entitiesOf(next.session, sentence)), [['Linux=A'], ['Lyon=LOC'], ['Ada=C'], [], ['the=E']]);
		assert.equal(next.session.history.canUndo, true);
	});

	test('an undone edit is not replayed; undo and redo resolve as they did', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			session.relabel(1, 0, undefined, 'B');
			session.undo();
			session.undo();
			session.redo();
		});
		const next = reopen(file);
		const {recovery} = next.review.pendingRecovery();
		assert.equal(recovery?.pendingEdits, 1);
		next.review.recover(recovery);
		assert.deepEqual(entitiesOf(next.session, 0), ['Linux=A']);
		assert.deepEqual(entitiesOf(next.session, 1), ['Paris=LOC']);
	});

	test('an undo or a redo after a save, of an edit the save wrote or left out, is recovered as the change it made', () => {
		const undone = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			assert.equal(session.save().ok, true);
			session.undo();
		});
		const afterUndo = reopen(undone);
		afterUndo.review.recover(afterUndo.review.pendingRecovery().recovery!);
		assert.deepEqual(entitiesOf(afterUndo.session, 0), ['Linux=OS']);
		assert.equal(afterUndo.session.history.canUndo, true, 'the recovered undo is an edit of its own');
		const redone = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			session.relabel(1, 0, undefined, 'B');
			session.undo();
			assert.equal(session.save().ok, true);
			session.redo();
		});
		const afterRedo = reopen(redone);
		afterRedo.review.recover(afterRedo.review.pendingRecovery().recovery!);
		assert.deepEqual([0, 1].map(sentence => entitiesOf(afterRedo.session, sentence)), [['Linux=A'], ['Paris=B']]);
	});

	test('undo and redo across a save, mixed with edits made after it, recover to the tags the session had', () => {
		const live: string[][] = [];
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			assert.equal(session.save().ok, true);
			session.relabel(1, 0, undefined, 'B');
			session.relabel(2, 0, undefined, 'C');
			session.undo();
			session.undo();
			// Now the edit the save wrote: undone and redone, the one after it redone by name, then both undone.
			session.undo();
			session.redo();
			session.redo();
			session.undo();
			session.undo();
			session.relabel(4, 0, undefined, 'E');
			live.push(...[0, 1, 2, 4].map(sentence => entitiesOf(session, sentence)));
		});
		const next = reopen(file);
		next.review.recover(next.review.pendingRecovery().recovery!);
		assert.deepEqual([0, 1, 2, 4].map(sentence => entitiesOf(next.session, sentence)), live);
		assert.deepEqual(live, [['Linux=OS'], ['Paris=LOC'], ['Ada=PER'], ['the=E']]);
	});

	test('any script of edits, undos, redos and saves, killed at its end, recovers to the tags the session had', () => {
		type Step = {kind: 'edit'; sentence: number; type: string} | {kind: 'undo' | 'redo' | 'save'};
		const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
			fc.record({kind: fc.constant('edit' as const), sentence: fc.integer({min: 0, max: 4}), type: fc.constantFrom('A', 'B', 'C')}),
			fc.record({kind: fc.constantFrom('undo' as const, 'redo' as const, 'save' as const)}),
		);
		fc.assert(fc.property(fc.array(stepArbitrary, {maxLength: 16}), steps => {
			const live: string[][] = [];
			const file = crashedSession(session => {
				for (const step of steps) {
					if (step.kind === 'edit') {
						session.relabel(step.sentence, 0, undefined, step.type);
					} else if (step.kind === 'save') {
						session.save();
					} else {
						session[step.kind]();
					}
				}

				live.push(...[0, 1, 2, 3, 4].map(sentence => entitiesOf(session, sentence)));
			});
			const next = reopen(file);
			const {recovery} = next.review.pendingRecovery();
			if (recovery !== undefined) {
				next.review.recover(recovery);
			}

			assert.deepEqual([0, 1, 2, 3, 4].map(sentence => entitiesOf(next.session, sentence)), live);
		}), {numRuns: 150});
	});

	test('a save just before the crash (the journal not yet cleared): the edits are found already in the file, nothing is asked', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		const journal = fs.readFileSync(journalPath(file));
		// The save happened, the process died before it could clear the journal.
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Linux\tB-OS', 'Linux\tB-A'));
		fs.writeFileSync(journalPath(file), journal);
		const next = reopen(file);
		const {recovery, problem} = next.review.pendingRecovery();
		assert.equal(recovery, undefined);
		assert.match(problem ?? '', /1 edit is already in the file/);
		assert.equal(fs.existsSync(journalPath(file)), false);
	});

	test('the same edit made again in this session before the question (a large file is asked once indexed): said to be among this session\'s edits, not in the file (QA)', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		const next = reopen(file);
		next.session.relabel(0, 0, undefined, 'A');
		const {recovery, problem} = next.review.pendingRecovery();
		assert.equal(recovery, undefined);
		assert.match(problem ?? '', /^the previous session's 1 edit is already among this session's edits \(not saved yet\)$/);
		assert.equal(next.session.dirty, true, 'still to be saved');
	});

	test('some of the edits made again before the question, another changed otherwise: every edit accounted for, none said to be in the file (QA: "2 still match the file, 0 no longer do (lines )", then "1 already in the file")', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			session.relabel(1, 0, undefined, 'B');
			session.relabel(2, 0, undefined, 'C');
			session.relabel(3, 0, undefined, 'D');
		});
		const next = reopen(file);
		next.session.relabel(0, 0, undefined, 'A');
		next.session.relabel(2, 0, undefined, 'X');
		const {recovery} = next.review.pendingRecovery();
		assert.ok(recovery);
		assert.equal(recovery.summary, '2 of 4 edits recovered; 1 already among this session\'s edits (not saved yet); 1 changed otherwise by this session\'s edits: line 11');
		assert.deepEqual(recovery.others, ['1 already among this session\'s edits (not saved yet)', '1 changed otherwise by this session\'s edits: line 11']);
		assert.deepEqual(recovery.unmatchedLines, [], 'the file did not change');
		const message = next.review.recover(recovery);
		assert.match(message, /^2 of 4 edits recovered; .*line 11 \(the whole journal is kept as .*unmatched-[\d-]+\): review them, then s to save$/);
		assert.deepEqual([0, 1, 2, 3].map(sentence => entitiesOf(next.session, sentence)), [['Linux=A'], ['Paris=B'], ['Ada=X'], ['nothing=D']]);
		assert.match(fs.readFileSync(file, 'utf8'), /^Linux\tB-OS$/m, 'nothing in the file');
	});

	test('edits that cancel out (a label, then the one the token had) are not offered: nothing to recover, said once (QA recheck: "2 of 2 edits recovered: … s to save", with nothing to save)', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			session.relabel(0, 0, undefined, 'OS');
		});
		const next = reopen(file);
		const {recovery, problem} = next.review.pendingRecovery();
		assert.equal(recovery, undefined);
		assert.equal(problem, 'the previous session\'s 2 unsaved edits cancel out: nothing to recover');
		assert.equal(fs.existsSync(journalPath(file)), false, 'the journal is removed');
	});

	test('the recovery question of such a journal names every edit', () => {
		const ask = (pending: {edits: number; matching: number; unmatchedLines: number[]; others?: string[]}) => {
			const status = statusModel({kind: 'recover', pending}, undefined, [], 400);
			return status.kind === 'question' ? status.lines.join(' ') : '';
		};

		assert.equal(ask({edits: 3, matching: 2, unmatchedLines: [], others: ['1 already among this session\'s edits (not saved yet)']}), 'The last session ended with 3 unsaved edits; 2 still match the file, 1 already among this session\'s edits (not saved yet). Recover? (y)es (n)o, q decides later');
		assert.equal(ask({edits: 3, matching: 1, unmatchedLines: [7]}), 'The last session ended with 3 unsaved edits; 1 still matches the file, 1 no longer does (line 7). Recover? (y)es (n)o, q decides later', 'as before where the file changed');
	});

	test('review marks are journaled too, and come back with the edits', () => {
		const file = crashedSession((session, review) => {
			review.setReviewed(1, true);
			review.toggleFlag(3);
			session.relabel(0, 0, undefined, 'A');
		});
		assert.equal(fs.existsSync(sidecarPath(file)), false, 'the sidecar was never written (the process died first)');
		const next = reopen(file);
		next.review.restore();
		next.review.recover(next.review.pendingRecovery().recovery!);
		assert.equal(next.review.isReviewed(1), true);
		assert.equal(next.review.isFlagged(3), true);
	});

	test('answering n discards the edits, not the marks only the journal holds: they come back and are written to the sidecar', () => {
		const file = crashedSession((session, review) => {
			review.setReviewed(1, true);
			review.setFlagged(3, true, 'check the type');
			session.relabel(0, 0, undefined, 'A');
		});
		const next = reopen(file);
		next.review.restore();
		assert.equal(next.review.pendingRecovery().recovery?.pendingEdits, 1);
		next.review.startJournal(true);
		assert.equal(next.review.isReviewed(1), true);
		assert.equal(next.review.isFlagged(3), true);
		assert.equal(entitiesOf(next.session, 0).includes('Linux=A'), false, 'the edit is discarded');
		// Written at once: the journal that held them is gone.
		const third = reopen(file);
		third.review.restore();
		assert.deepEqual([third.review.isReviewed(1), third.review.isFlagged(3), third.review.marks.noteOf(3)], [true, true, 'check the type']);
	});

	test('a save writes the marks the journal held before it starts a new journal: killed right after it, the marks come back (QA: a reviewed mark and a note lost)', () => {
		const file = crashedSession((session, review) => {
			session.relabel(0, 0, undefined, 'A');
			review.setReviewed(1, true);
			review.setFlagged(3, true, 'ask Anna');
			assert.equal(session.save().ok, true);
			// The process dies here: no flush, no close.
		});
		const next = reopen(file);
		next.review.restore();
		assert.equal(next.review.pendingRecovery().recovery, undefined, 'nothing to recover: the edit is in the file');
		assert.deepEqual([next.review.isReviewed(1), next.review.isFlagged(3), next.review.marks.noteOf(3)], [true, true, 'ask Anna']);
	});

	test('marks of a journal whose file gained a sentence at the top (every line moved) go to their sentences by text', () => {
		const file = crashedSession((_, review) => {
			review.setReviewed(1, true);
			review.setFlagged(3, true, 'why');
		});
		fs.writeFileSync(file, `<s>\nA\tO\nnew\tO\nsentence\tO\n</s>\n${fs.readFileSync(file, 'utf8')}`);
		const next = reopen(file);
		next.review.restore();
		next.review.pendingRecovery();
		assert.deepEqual([next.review.isReviewed(2), next.review.isFlagged(4), next.review.marks.noteOf(4)], [true, true, 'why']);
		assert.deepEqual([next.review.isReviewed(1), next.review.isFlagged(3)], [false, false]);
	});
});

describe('a journal that cannot be replayed is set aside, never truncated or overwritten', () => {
	const cases: Array<[string, (journal: string) => string, RegExp]> = [
		['a crafted tag holding a line break', journal => journal.replace('"after":"B-A"', String.raw`"after":"B-A\nX\tB-Y"`), /holds the tag "B-A\\nX\\tB-Y" has a tab, a line break/],
		['a tag with a control character', journal => journal.replace('"after":"B-A"', String.raw`"after":"B-\u001b]0;pwned\u0007"`), /has a tab, a line break, a space or an invisible character/],
		['changes: null', journal => journal.replace(/"changes":\[[^\]]*\]/, '"changes":null'), /line 2: an edit with missing or invalid fields/],
		['token -1', journal => journal.replace(/"changes":\[\{"token":\d+/, '"changes":[{"token":-1'), /line 2: a tag change with missing or invalid fields/],
		['a token beyond the file it claims to be about', journal => journal.replace(/"changes":\[\{"token":\d+/, '"changes":[{"token":99999'), /beyond the \d+ tokens of the file/],
		['not JSON in the middle', journal => journal.replace('\n{"op"', '\n{"op":,\n{"op"'), /line 2: not JSON/],
		['a version 1 journal', journal => journal.replace('"journal":2', '"journal":1'), /older ner-review/],
		['an unknown entry', journal => `${journal}{"op":"format-disk"}\n`, /an unknown kind of entry/],
	];
	for (const [name, craft, expected] of cases) {
		test(name, () => {
			const file = crashedSession(session => {
				session.relabel(0, 0, undefined, 'A');
			});
			const crafted = craft(fs.readFileSync(journalPath(file), 'utf8'));
			fs.writeFileSync(journalPath(file), crafted);
			const corpusBefore = fs.readFileSync(file);
			const next = reopen(file);
			const notices = next.review.takeNotices();
			const {recovery, problem} = next.review.pendingRecovery();
			const said = [...notices, problem].filter(Boolean).join(' ');
			assert.equal(recovery, undefined, 'nothing replayed');
			assert.match(said, expected);
			assert.match(said, /set aside as .*\.review\.journal\.unreadable-\d{8}-\d{6}-\d{3}/);
			const aside = sideFiles(file).find(name => name.includes('unreadable'))!;
			assert.equal(fs.readFileSync(path.join(path.dirname(file), aside), 'utf8'), crafted, 'kept byte for byte');
			assert.equal(fs.existsSync(journalPath(file)), false);
			// The corpus opens and saves as if there had been no journal.
			next.session.relabel(1, 0, undefined, 'GPE');
			assert.equal(next.session.save().ok, true);
			assert.ok(!fs.readFileSync(file).equals(corpusBefore));
			assert.equal(fs.readFileSync(file, 'utf8').split('\n').length, corpusBefore.toString().split('\n').length, 'no line was added');
		});
	}

	test('an edit over several sentences that no longer matches is named by the line where it stops matching, not its first', () => {
		const file = crashedSession(session => {
			const changes = [...planRelabel(session.corpus, 0, 0, undefined, 'A'), ...planRelabel(session.corpus, 3, 0, undefined, 'A')];
			session.apply({changes, sentence: 0, token: 0, description: 'relabel two'});
		});
		// Sentence 4's first token changed elsewhere; sentence 1 is as it was.
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		const changed = lines.findIndex(line => line.startsWith('nothing\t'));
		lines[changed] = lines[changed]!.replace('nothing', 'NOTHING');
		fs.writeFileSync(file, lines.join('\n'));
		const next = reopen(file);
		assert.deepEqual(next.review.pendingRecovery().recovery?.unmatchedLines, [changed + 1]);
	});

	test('a half-written last line (killed mid-write) is not a problem: the entries before it replay', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		fs.appendFileSync(journalPath(file), '{"op":"apply","descr');
		const next = reopen(file);
		assert.deepEqual(next.review.takeNotices(), []);
		assert.equal(next.review.pendingRecovery().recovery?.recoverable, 1);
	});

	test('edits made before the question is answered are added to the old journal at once: a session killed first leaves them to the next', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		const next = reopen(file);
		// A large file asks only once it is indexed; the reviewer edits meanwhile, and the process dies.
		next.session.relabel(4, 0, undefined, 'E');
		next.session.relabel(2, 0, undefined, 'C');
		next.session.undo();
		const third = reopen(file);
		const {recovery} = third.review.pendingRecovery();
		assert.equal(recovery?.pendingEdits, 2);
		third.review.recover(recovery);
		assert.deepEqual([0, 2, 4].map(sentence => entitiesOf(third.session, sentence)), [['Linux=A'], ['Ada=PER'], ['the=E']]);
	});

	test('a half-written last line of the old journal does not swallow the first edit added to it', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		fs.appendFileSync(journalPath(file), '{"op":"apply","descr');
		const next = reopen(file);
		next.session.relabel(4, 0, undefined, 'E');
		const third = reopen(file);
		assert.deepEqual(third.review.takeNotices(), []);
		assert.equal(third.review.pendingRecovery().recovery?.recoverable, 2);
	});

	test('a session killed between writing the old journal with its edits and renaming it over the journal: the next open offers them, and no temporary file stays', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		const old = fs.readFileSync(journalPath(file));
		const next = reopen(file);
		next.session.relabel(4, 0, undefined, 'E');
		// As the kill leaves it: the new version under its temporary name, the journal not yet replaced.
		const held = path.join(path.dirname(file), `.${path.basename(journalPath(file))}.${deadPid()}.held`);
		fs.renameSync(journalPath(file), held);
		fs.writeFileSync(journalPath(file), old);
		const third = reopen(file);
		assert.equal(third.review.pendingRecovery().recovery?.recoverable, 2);
		assert.equal(fs.existsSync(held), false);
	});

	test('a temporary journal left by a killed session that is not newer than the journal is removed; one of a running session is left to it', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
			session.relabel(4, 0, undefined, 'E');
		});
		const lines = fs.readFileSync(journalPath(file), 'utf8').split('\n');
		const stale = path.join(path.dirname(file), `.${path.basename(journalPath(file))}.${deadPid()}.held`);
		const running = path.join(path.dirname(file), `.${path.basename(journalPath(file))}.${process.ppid}.held`);
		fs.writeFileSync(stale, `${lines.slice(0, 2).join('\n')}\n`);
		fs.writeFileSync(running, `${lines.slice(0, 2).join('\n')}\n`);
		const next = reopen(file);
		assert.equal(next.review.pendingRecovery().recovery?.recoverable, 2);
		assert.equal(fs.existsSync(stale), false);
		assert.equal(fs.existsSync(running), true);
	});

	test('answering no removes the old journal; the edits made meanwhile are journaled then', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		const next = reopen(file);
		next.session.relabel(4, 0, undefined, 'E');
		next.review.startJournal(true);
		const lines = fs.readFileSync(journalPath(file), 'utf8').trim().split('\n');
		assert.equal(lines.length, 2);
		assert.match(lines[1]!, /"after":"B-E"/);
	});
});

describe('a journal left where the review files are not kept now', () => {
	test('one in the state folder (the folder was read-only then) is brought beside the file, and offered', () => {
		const file = crashedSession(session => {
			session.relabel(0, 0, undefined, 'A');
		});
		const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-state-'));
		try {
			// The session that died kept its review files in the state folder.
			const stateJournal = `${stateFolderName(file, stateFolderOf({XDG_STATE_HOME: state}))}.review.journal`;
			fs.mkdirSync(path.dirname(stateJournal), {recursive: true});
			fs.renameSync(journalPath(file), stateJournal);
			const claim = claimCorpus(file, {env: {XDG_STATE_HOME: state}});
			claim.lock?.release();
			assert.equal(fs.existsSync(stateJournal), false);
			const next = reopen(file);
			assert.equal(next.review.pendingRecovery().recovery?.recoverable, 1);
		} finally {
			fs.rmSync(state, {recursive: true, force: true});
		}
	});

	test('marks kept in the state folder (the folder was read-only then) are brought beside the file too', () => {
		const {file} = sessionFrom(text);
		const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-state-'));
		try {
			const first = reopen(file);
			first.review.setReviewed(2, true);
			first.review.close(true, undefined);
			// As a session in the read-only folder left them: in the state folder.
			const stateSidecar = `${stateFolderName(file, stateFolderOf({XDG_STATE_HOME: state}))}.review.json`;
			fs.mkdirSync(path.dirname(stateSidecar), {recursive: true});
			fs.renameSync(sidecarPath(file), stateSidecar);
			const claim = claimCorpus(file, {env: {XDG_STATE_HOME: state}});
			claim.lock?.release();
			assert.equal(fs.existsSync(stateSidecar), false);
			const next = reopen(file);
			next.review.restore();
			assert.equal(next.review.isReviewed(2), true);
		} finally {
			fs.rmSync(state, {recursive: true, force: true});
		}
	});
});

describe('the sidecar as outside input', () => {
	const cases: Array<[string, string, RegExp]> = [
		['position: null', '{"version":2,"position":null,"reviewed":[],"flagged":[]}', /has an invalid position/],
		['position.sentence: -5', '{"version":2,"position":{"sentence":-5,"token":0},"reviewed":[],"flagged":[]}', /has an invalid position/],
		['reviewed: [null]', '{"version":2,"position":{"sentence":0,"token":0},"reviewed":[null],"flagged":[]}', /has an invalid reviewed mark/],
		['no fingerprint and no version', '{"position":{"sentence":0,"token":0},"reviewed":[],"flagged":[]}', /not a review file this version understands/],
		['flagged missing', '{"version":1,"position":{"sentence":0,"token":0},"reviewed":[]}', /has no list of flagged sentences/],
		['not JSON', '{not json', /is not valid JSON/],
		['a JSON array', '[1,2,3]', /is not a review file/],
	];
	for (const [name, content, expected] of cases) {
		test(`${name}: set aside with one line, the corpus opens`, () => {
			const {file} = sessionFrom(text);
			fs.writeFileSync(sidecarPath(file), content);
			const next = reopen(file);
			const {message, position} = next.review.restore();
			assert.match(message ?? '', expected);
			assert.match(message ?? '', /set aside as .*\.review\.json\.unreadable-/);
			assert.equal(position, undefined);
			assert.equal(next.review.marks.reviewedCount, 0);
			next.review.setReviewed(0, true);
			next.review.close(true);
			assert.ok(fs.readFileSync(sidecarPath(file), 'utf8').includes('"version":2'), 'a new sidecar is written');
		});
	}

	test('marks pointing past the end of the file are dropped, the rest kept', () => {
		const {file, session} = sessionFrom(text);
		const review = new Review(session, file);
		review.setReviewed(1, true);
		review.close(true);
		const sidecar = JSON.parse(fs.readFileSync(sidecarPath(file), 'utf8')) as {reviewed: Array<{sentence: number; hash: string}>};
		sidecar.reviewed.push({sentence: 9999, hash: 'abc'});
		fs.writeFileSync(sidecarPath(file), JSON.stringify(sidecar));
		const next = reopen(file);
		next.review.restore();
		assert.equal(next.review.marks.reviewedCount, 1);
	});

	test('the sidecar is matched by the hash of the whole content: a line moved in the middle is noticed', () => {
		const {file, session} = sessionFrom(text);
		const review = new Review(session, file);
		review.setReviewed(2, true);
		review.close(true);
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('wrote\tO\ncode\tO\n', 'code\tO\nwrote\tO\n'));
		const next = reopen(file);
		const {message} = next.review.restore();
		assert.match(message ?? '', /the corpus changed since the last review: kept 0 of 1 mark \(/);
		assert.equal(next.review.isReviewed(2), false, 'the mark does not stay on a sentence whose text changed');
	});
});

describe('side files that are symlinks or FIFOs are never followed, written or waited on', () => {
	test('a symlink at FILE.review.journal: opening and editing never write through it; the user is told', () => {
		const {file} = sessionFrom(text);
		const precious = path.join(path.dirname(file), 'precious');
		fs.writeFileSync(precious, 'precious\n');
		fs.symlinkSync(precious, journalPath(file));
		const next = reopen(file);
		assert.match(next.review.takeNotices().join(' '), /review\.journal is a symbolic link: not followed: edits are not journaled this session/);
		next.session.relabel(0, 0, undefined, 'A');
		next.review.close(false);
		assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
		assert.ok(fs.lstatSync(journalPath(file)).isSymbolicLink());
		assert.equal(next.review.journaling, false);
		assert.match(next.review.notKept ?? '', /edits are not journaled/);
	});

	test('a symlink at FILE.review.json: marks are not written through it', () => {
		const {file} = sessionFrom(text);
		const precious = path.join(path.dirname(file), 'precious');
		fs.writeFileSync(precious, 'precious\n');
		fs.symlinkSync(precious, sidecarPath(file));
		const next = reopen(file);
		assert.match(next.review.restore().message ?? '', /review\.json is a symbolic link: not followed: marks are not kept this session/);
		next.review.setReviewed(0, true);
		next.review.close(true);
		assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
	});

	test('a FIFO at FILE.review.journal and FILE.review.json: opening does not hang, nothing is written into them', () => {
		const {file} = sessionFrom(text);
		spawnSync('mkfifo', [journalPath(file), sidecarPath(file)]);
		const next = reopen(file);
		assert.match(next.review.takeNotices().join(' '), /is a FIFO \(named pipe\), not a file ner-review wrote/);
		assert.match(next.review.restore().message ?? '', /is a FIFO/);
		next.session.relabel(0, 0, undefined, 'A');
		next.review.setReviewed(0, true);
		next.review.close(true);
		assert.ok(fs.lstatSync(journalPath(file)).isFIFO());
		assert.ok(fs.lstatSync(sidecarPath(file)).isFIFO());
	});
});

describe('every edit journaled', () => {
	test('edits made while a large file is still being indexed are journaled at once', () => {
		const lines = ['<s>', 'Start\tB-PER', '</s>'];
		for (let i = 0; i < 20_000; i++) {
			lines.push('<s>', `word${i}\tO`, '</s>');
		}

		const {file} = sessionFrom(`${lines.join('\n')}\n`);
		const {bytes, identity} = readCorpusFile(file);
		const indexer: Indexer = openIndexer(bytes);
		indexer.step(1024);
		assert.equal(indexer.corpus.complete, false, 'still indexing');
		const session = new Session(indexer.corpus, {file, backup: false, identity});
		const review = new Review(session, file);
		session.relabel(0, 0, undefined, 'ORG');
		const journal = fs.readFileSync(journalPath(file), 'utf8');
		assert.match(journal, /"after":"B-ORG"/, 'journaled before indexing finished');
		while (!indexer.step()) {}
		review.close(false);
		const next = reopen(file);
		assert.equal(next.review.pendingRecovery().recovery?.recoverable, 1);
	});

	test('disk full while journaling: a warning that edits are no longer crash-safe, editing goes on, a save starts a new journal', () => {
		const {file} = sessionFrom(text);
		const {session, review} = reopen(file);
		session.relabel(0, 0, undefined, 'A');
		const noticed: string[] = [];
		review.onNotice = line => noticed.push(line);
		mock.method(fs, 'writeSync', () => {
			throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'});
		});
		try {
			assert.ok(session.relabel(1, 0, undefined, 'B'), 'the edit is made');
			assert.ok(session.relabel(2, 0, undefined, 'C'));
		} finally {
			mock.restoreAll();
		}

		assert.equal(noticed.length, 1, 'said once');
		assert.match(noticed[0]!, /could not write .*review\.journal \(no space left on device\): edits are no longer crash-safe \(s saves them\)/);
		assert.equal(review.journaling, false);
		assert.match(review.journalProblem ?? '', /no space left on device/, 'the header keeps [not kept] until a save');
		assert.deepEqual(entitiesOf(session, 1), ['Paris=B']);
		assert.equal(session.save().ok, true);
		assert.equal(review.journaling, true, 'the save made the edits safe: the journal starts again');
		assert.equal(review.journalProblem, undefined);
		session.relabel(3, 0, undefined, 'D');
		assert.match(fs.readFileSync(journalPath(file), 'utf8'), /"after":"B-D"/);
	});

	test('a journal deleted by another program (a git clean) stops it with [not kept], where the edits went into the deleted file unseen; a save starts it again', () => {
		const {file} = sessionFrom(text);
		const {session, review} = reopen(file);
		session.relabel(0, 0, undefined, 'A');
		fs.rmSync(journalPath(file));
		const noticed: string[] = [];
		review.onNotice = line => noticed.push(line);
		assert.ok(session.relabel(1, 0, undefined, 'B'), 'the edit is made');
		assert.equal(noticed.length, 1);
		assert.match(noticed[0]!, /review\.journal was deleted by another program: edits are no longer crash-safe \(s saves them and starts it again\)/);
		assert.match(review.journalProblem ?? '', /deleted by another program/, 'the header says [not kept]');
		assert.equal(session.save().ok, true);
		session.relabel(2, 0, undefined, 'C');
		assert.match(fs.readFileSync(journalPath(file), 'utf8'), /"after":"B-C"/);
	});
});

describe('the content hash that names a version', () => {
	test('a worker thread hashes a large file off the main thread, and says nothing when the file is no longer the loaded version', async () => {
		const {file} = sessionFrom(text.repeat(2000));
		const {bytes, identity} = readCorpusFile(file);
		assert.equal(await hashFileInWorker(file, identity), contentHashOf(bytes));
		const hasher = new ContentHasher(bytes);
		assert.equal(await hasher.offMainThread(file, identity), contentHashOf(bytes));
		fs.appendFileSync(file, 'late\tO\n');
		assert.equal(await hashFileInWorker(file, identity), undefined, 'another version: no answer');
		const fallback = new ContentHasher(bytes);
		assert.equal(await fallback.offMainThread(file, identity), contentHashOf(bytes), 'then the bytes in memory are hashed in slices');
	});
});
