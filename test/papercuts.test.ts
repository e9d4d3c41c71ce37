/**
Issue 15, the papercuts of a reviewer's day, as user steps against the store (pure reducer plus
the real effect runner on a session and its review marks). The screen-level items are in
test/e2e/papercuts.test.ts.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {Review} from '../source/review/review.js';
import {seed, sessionFrom} from './helpers/corpus.js';
import {statusModel} from '../source/ui/view-model/status.js';
import {textWidth} from '../source/ui/display-text.js';
import {Reviewer} from './helpers/reviewer.js';
import {worldOf} from '../source/ui/live-world.js';
import {screenModel} from '../source/ui/view-model/index.js';

const labels = ['PER', 'LOC', 'ORG'];

/** A reviewer with review marks (a Review over a temporary file), at the first sentence. */
function reviewerOf(text: string): Reviewer & {review: Review} {
	const {session, file} = sessionFrom(text);
	const review = new Review(session, file);
	review.restore();
	review.startJournal();
	return new Reviewer(session, {labels, review, file}) as Reviewer & {review: Review};
}

const six = seed(
	'Ada/B-PER one',
	'Bob/B-PER two',
	'Cy/B-PER three',
	'Di/B-PER four',
	'Ed/B-PER five',
	'Flo/B-PER six',
);

describe('Enter and every movement key stay within the filter', () => {
	test('F unreviewed, g, Enter: marks the first unreviewed sentence and lands on the next unreviewed one', () => {
		const user = reviewerOf(six);
		user.press('j', 'r', 'j', 'j', 'r'); // sentences 2 and 4 reviewed, without moving on
		assert.equal(user.review.marks.reviewedCount, 2);
		user.press('F', ...'unreviewed', 'return', 'g');
		assert.equal(user.sentence, 0);
		user.press('return');
		assert.equal(user.sentence, 2, 'sentence 2 is reviewed: Enter skips it');
		user.press('return');
		assert.equal(user.sentence, 4);
		user.press('k');
		assert.equal(user.sentence, 4, 'sentences 1 and 3 were reviewed since the filter was set: k has nowhere to go');
		user.press('j');
		assert.equal(user.sentence, 5);
	});

	test('Enter on the filter\'s last sentence stays and says so', () => {
		const user = reviewerOf(six);
		user.press('F', ...'unreviewed', 'return', 'G', 'return');
		assert.equal(user.sentence, 5);
		assert.match(user.message ?? '', /^marked reviewed; this is the last sentence of the filter \(1 reviewed\)$/);
	});

	test('e and E visit only the problem sentences the filter shows', () => {
		const user = reviewerOf(seed('Ada/B-PER Lee/I-LOC a', 'Bob/B-PER Lee/I-LOC b', 'Cy/B-PER Lee/I-LOC c', 'plain d'));
		user.press('j', 'f', 'return', 'j', 'j', 'f', 'return', 'g'); // sentences 2 and 4 flagged
		user.press('F', ...'flagged', 'return');
		assert.equal(user.sentence, 1);
		user.press('e');
		assert.equal(user.sentence, 1, 'sentence 3 has a problem but is not flagged: no next problem in the filter');
		assert.match(user.message ?? '', /no problem after this sentence/);
		user.press('F', 'return', 'g', 'e');
		assert.equal(user.sentence, 1, 'without the filter, the next problem after sentence 1');
	});
});

describe('review marks go through undo and redo like edits', () => {
	test('a stray Enter is undone by u: the mark goes and the cursor returns; Ctrl-R marks it again', () => {
		const user = reviewerOf(six);
		user.press('j', 'return');
		assert.equal(user.sentence, 2);
		assert.equal(user.review.isReviewed(1), true);
		user.press('u');
		assert.equal(user.review.isReviewed(1), false);
		assert.equal(user.sentence, 1, 'back on the sentence whose mark was taken back');
		assert.equal(user.message, 'undid: sentence 2 marked reviewed');
		user.press('ctrl+r');
		assert.equal(user.review.isReviewed(1), true);
		assert.equal(user.message, 'redid: sentence 2 marked reviewed');
	});

	test('marks and edits undo in the order they were made', () => {
		const user = reviewerOf(six);
		user.press('2', 'f', 'return', 'return');
		assert.deepEqual(user.entities(0), ['Ada=LOC']);
		assert.equal(user.review.isFlagged(0), true);
		assert.equal(user.review.isReviewed(0), true);
		user.press('u');
		assert.equal(user.review.isReviewed(0), false);
		assert.equal(user.review.isFlagged(0), true);
		user.press('u');
		assert.equal(user.review.isFlagged(0), false);
		assert.deepEqual(user.entities(0), ['Ada=LOC']);
		user.press('u');
		assert.deepEqual(user.entities(0), ['Ada=PER']);
		user.press('u');
		assert.equal(user.message, 'nothing to undo');
		user.press('ctrl+r', 'ctrl+r');
		assert.deepEqual(user.entities(0), ['Ada=LOC']);
		assert.equal(user.review.isFlagged(0), true);
	});

	test('r takes a reviewed mark back without moving, and is undoable itself', () => {
		const user = reviewerOf(six);
		user.press('return', 'k');
		assert.equal(user.review.isReviewed(0), true);
		user.press('r');
		assert.equal(user.review.isReviewed(0), false);
		assert.equal(user.sentence, 0);
		assert.equal(user.message, 'reviewed mark removed');
		assert.deepEqual(user.effects.at(-1), {type: 'set-mark', sentence: 0, mark: 'reviewed', on: false});
		user.press('u');
		assert.equal(user.review.isReviewed(0), true);
	});

	test('Enter on a sentence already reviewed asks for no mark (nothing to undo but the earlier one)', () => {
		const user = reviewerOf(six);
		user.press('return', 'k', 'return');
		assert.deepEqual(user.state.undo, [{kind: 'mark', sentence: 0, mark: 'reviewed', on: true}]);
	});
});

describe('s with no edits', () => {
	test('says there is nothing to save and asks for no write', () => {
		const user = Reviewer.of(six);
		user.press('s');
		assert.equal(user.message, 'nothing to save: the tags are as the file has them');
		assert.deepEqual(user.effects, []);
		user.press('2', 'u', 's');
		assert.equal(user.message, 'nothing to save: the tags are as the file has them', 'an edit undone leaves nothing to save');
	});
});

describe('prompts take the line-editing keys of a shell', () => {
	const prompt = (user: Reviewer) => {
		const {mode} = user.state;
		return mode.kind === 'prompt' ? {text: mode.text, cursor: mode.cursor, selected: mode.selected} : undefined;
	};

	test('W is prefilled with FILE.edited, selected: typing replaces it, Enter alone takes it', () => {
		const user = Reviewer.of(six);
		user.press('W');
		assert.deepEqual(prompt(user), {text: `${user.file}.edited`, cursor: [...`${user.file}.edited`].length, selected: true});
		user.type('out.tsv');
		assert.deepEqual(prompt(user), {text: 'out.tsv', cursor: 7, selected: false});
	});

	test('Backspace on the selected suggestion clears it; Left keeps it and moves into it', () => {
		const user = Reviewer.of(six);
		user.press('W', 'delete');
		assert.deepEqual(prompt(user), {text: '', cursor: 0, selected: false});
		user.press('escape', 'W', 'left');
		assert.equal(prompt(user)?.text, `${user.file}.edited`);
		assert.equal(prompt(user)?.selected, false);
	});

	test('Ctrl-U clears before the cursor, Ctrl-W deletes a word or path part, Ctrl-A/E and arrows move, typing inserts', () => {
		const user = Reviewer.of(six);
		user.press('/');
		user.type('the new parser');
		user.press('ctrl+w');
		assert.deepEqual(prompt(user), {text: 'the new ', cursor: 8, selected: false});
		user.press('ctrl+w');
		assert.deepEqual(prompt(user), {text: 'the ', cursor: 4, selected: false});
		user.press('ctrl+a');
		user.type('in ');
		assert.deepEqual(prompt(user), {text: 'in the ', cursor: 3, selected: false});
		user.press('ctrl+e', 'left', 'left', 'delete');
		assert.deepEqual(prompt(user), {text: 'in te ', cursor: 4, selected: false});
		user.press('right', 'ctrl+u');
		assert.deepEqual(prompt(user), {text: ' ', cursor: 0, selected: false});
		user.press('escape', 'W', 'ctrl+w');
		assert.equal(prompt(user)?.text, `${user.file.slice(0, user.file.lastIndexOf('/') + 1)}`, 'Ctrl-W on a path deletes its last part');
		user.press('ctrl+u');
		assert.deepEqual(prompt(user), {text: '', cursor: 0, selected: false});
	});
});

describe('growing and shrinking the entity under the cursor', () => {
	const text = seed('the New/B-LOC York/I-LOC Times/B-ORG said');

	test('> takes the next token (the neighbouring entity gives it up), < the previous; u undoes each', () => {
		const user = Reviewer.of(text);
		user.press('l', '>');
		assert.deepEqual(user.entities(0), ['New York Times=LOC']);
		assert.equal(user.message, 'grow LOC on the right: 1 tag changed; the ORG entity "Times" is now part of it', 'the neighbour it took is said (QA)');
		user.press('<');
		assert.equal(user.message, 'grow LOC on the left: 2 tags changed', 'an O token: nothing taken');
		assert.deepEqual(user.entities(0), ['the New York Times=LOC']);
		user.press('u', 'u');
		assert.deepEqual(user.entities(0), ['New York=LOC', 'Times=ORG']);
	});

	test('> into a longer neighbour says which token it gave up (QA: it cut [John Smith] in half unsaid)', () => {
		const user = Reviewer.of(seed('Mayor/B-PER John/B-PER Smith/I-PER of/O Paris/B-LOC'));
		user.press('>');
		assert.deepEqual(user.entities(0), ['Mayor John=PER', 'Smith=PER', 'Paris=LOC']);
		assert.equal(user.message, 'grow PER on the right: 2 tags changed; "John" taken from the PER entity "John Smith"');
	});

	test(', and . shrink it; a one-token entity does not vanish by shrinking; the scheme\'s tags are written', () => {
		const user = Reviewer.of(text);
		user.press('l', '.');
		assert.deepEqual(user.entities(0), ['New=LOC', 'Times=ORG']);
		user.press(',');
		assert.equal(user.message, 'the entity is one token: x removes it');
		user.press('l', 'l', ',');
		assert.equal(user.message, 'the entity is one token: x removes it');
		user.press('h', 'h', 'h', '<');
		assert.equal(user.message, 'no entity under the cursor to grow or shrink (v selects tokens to make one)');
	});

	test('the neighbour that gives up a token ends (or starts) again in the scheme: BIOES, BILOU, BMES', () => {
		for (const [lines, keys, expected] of [
			['A B-LOC\nB E-LOC\nC S-PER\n', ['l', 'l', '<'], ['S-LOC', 'B-PER', 'E-PER']],
			['A B-LOC\nB L-LOC\nC U-PER\n', ['l', 'l', '<'], ['U-LOC', 'B-PER', 'L-PER']],
			['A B-LOC\nB M-LOC\nC E-LOC\nD S-PER\nE O\n', ['l', 'l', 'l', '<'], ['B-LOC', 'E-LOC', 'B-PER', 'E-PER', 'O']],
			['A S-PER\nB B-LOC\nC E-LOC\n', ['>'], ['B-PER', 'E-PER', 'S-LOC']],
		] as const) {
			const {session} = sessionFrom(lines);
			const user = new Reviewer(session);
			user.press(...keys);
			assert.deepEqual(session.corpus.sentenceTags(0).map(tag => tag.text), expected, lines);
		}
	});

	test('in BIOES the grown entity is written with B-, I-, E-', () => {
		const {session} = sessionFrom('a O\nNew B-LOC\nYork E-LOC\nsaid O\n');
		const user = new Reviewer(session);
		user.press('l', '>');
		assert.deepEqual(session.corpus.sentenceTags(0).map(tag => tag.text), ['O', 'B-LOC', 'I-LOC', 'E-LOC']);
	});
});

describe('a number on one occurrence in the consistency view', () => {
	test('offers that one alone and every labelled mention when they differ; a relabels them all', () => {
		const user = Reviewer.of(seed('Paris/B-LOC one', 'Paris/B-LOC two', 'Paris/B-ORG three'));
		user.press('c');
		// Rows: all, LOC x2, ORG x1, then the three places.
		user.press('j', 'j', 'j', 'j', 'j');
		user.press('1');
		assert.equal(user.message, undefined);
		const {mode} = user.state;
		assert.equal(mode.kind, 'confirm');
		assert.equal(mode.kind === 'confirm' ? mode.question : '', 'relabel "Paris" as PER: (o)nly this one in sentence 3, (a)ll 3 labelled mentions? (n)o');
		user.press('a');
		assert.deepEqual([0, 1, 2].map(sentence => user.entities(sentence)), [['Paris=PER'], ['Paris=PER'], ['Paris=PER']]);
		assert.equal(user.mode, 'consistency', 'back in the view');
		user.press('u');
		assert.deepEqual([0, 1, 2].map(sentence => user.entities(sentence)), [['Paris=LOC'], ['Paris=LOC'], ['Paris=ORG']]);
	});
});

describe('documents and the other columns of a token', () => {
	const conllText = [
		'-DOCSTART- -X- -X- O', '',
		'EU NNP B-NP B-ORG', 'rejects VBZ B-VP O', '',
		'Peter NNP B-NP B-PER', '',
		'-DOCSTART- -X- -X- O', '',
		'BRUSSELS NNP B-NP B-LOC', '',
	].join('\n');

	test('-DOCSTART- lines are document boundaries: the header says doc N/M, the list marks each document\'s first sentence §', () => {
		const {session} = sessionFrom(conllText, 'news.conll');
		assert.deepEqual(session.corpus.documentStarts, [0, 2]);
		assert.equal(session.corpus.documentOf(1), 0);
		assert.equal(session.corpus.documentOf(2), 1);
		const user = new Reviewer(session, {labels});
		user.press('j', 'j');
		const screen = screenModel(user.state, worldOf(session), 'news.conll');
		assert.equal(screen.kind, 'screen');
		if (screen.kind !== 'screen' || screen.body.kind !== 'review') {
			return;
		}

		assert.match(screen.header.text, /sentence 3\/3 {2}· {2}doc 2\/2/);
		assert.deepEqual(screen.body.list.map(row => row.prefix), ['  §1  ', '   2  ', '> §3  ']);
	});

	test('the token detail line shows the line\'s other columns (POS, chunk) as written', () => {
		const {session} = sessionFrom(conllText, 'news.conll');
		assert.deepEqual(session.corpus.otherCells(1), ['VBZ', 'B-VP']);
		const user = new Reviewer(session, {labels});
		user.press('l');
		const screen = screenModel(user.state, worldOf(session), 'news.conll');
		assert.ok(screen.kind === 'screen' && screen.body.kind === 'review');
		assert.equal(screen.kind === 'screen' && screen.body.kind === 'review' ? screen.body.detail.text : '', '"rejects"  tag O  line 4  cols VBZ B-VP');
	});
});

describe('the t prompt checks the name where it enters (issue 11)', () => {
	test('t O and t with nothing remove the entity under the cursor', () => {
		const user = Reviewer.of(six);
		user.press('t').type('O').press('return');
		assert.deepEqual(user.entities(0), []);
		assert.match(user.message ?? '', /^removed: 1 tag changed$/);
		user.press('j', 't', 'return');
		assert.deepEqual(user.entities(1), []);
		assert.equal(user.state.labels.includes('O'), false, 'no type named O');
	});

	test('t B-PER means PER, and the status line says so; in IOB1 nothing like I-B-PER is written', () => {
		const {session} = sessionFrom('x O\nAda I-LOC\nLee I-LOC\n\n', 'iob1.conll');
		const user = new Reviewer(session, {labels: ['PER', 'LOC']});
		user.press('l', 't').type('B-PER').press('return');
		assert.deepEqual(session.corpus.sentenceTags(0).map(tag => tag.text), ['O', 'I-PER', 'I-PER']);
		assert.match(user.message ?? '', /^B-PER means the type PER: the scheme's prefixes are written for you; PER: 2 tags changed$/);
	});

	test('a name not on the bar asks first: n adds nothing; y adds and applies it; u takes both back', () => {
		const user = Reviewer.of(six);
		user.press('t').type('Aplication').press('return');
		assert.equal(user.mode, 'confirm');
		const {mode} = user.state;
		assert.equal(mode.kind === 'confirm' ? mode.question : '', 'new type Aplication? (y)es (n)o');
		user.press('n');
		assert.deepEqual(user.state.labels, labels);
		assert.deepEqual(user.entities(0), ['Ada=PER']);
		user.press('t').type('Aplication').press('return', 'y');
		assert.deepEqual(user.state.labels, [...labels, 'Aplication']);
		assert.deepEqual(user.entities(0), ['Ada=Aplication']);
		user.press('u');
		assert.deepEqual(user.state.labels, labels, 'the typo leaves the label bar with its undo');
		assert.deepEqual(user.entities(0), ['Ada=PER']);
		user.press('ctrl+r');
		assert.deepEqual(user.state.labels, [...labels, 'Aplication']);
	});

	test('names that cannot be a type are refused with the reason: spaces, invisible characters', () => {
		const user = Reviewer.of(six);
		user.press('t').type('New York').press('return');
		assert.match(user.message ?? '', /has a space/);
		// The prompt stays open with the name, to mend: Esc leaves it.
		user.press('escape', 't').type('PER\u200B').press('return');
		assert.match(user.message ?? '', /invisible or control character/);
		assert.deepEqual(user.entities(0), ['Ada=PER']);
	});
});

describe('a flag carries an optional note', () => {
	test('f asks for a note: Enter alone flags without one; a note is kept, shown in the list and the detail line, and comes back after a reopen', () => {
		const user = reviewerOf(six);
		user.press('f');
		assert.equal(user.mode, 'prompt');
		user.type('type?').press('return');
		assert.equal(user.review.isFlagged(0), true);
		assert.equal(user.review.marks.noteOf(0), 'type?');
		assert.equal(user.message, 'flagged: type?');
		user.press('j', 'f', 'return');
		assert.equal(user.review.marks.noteOf(1), undefined);
		const screen = screenModel(user.state, worldOf(user.session, user.review), 'c.tsv');
		assert.ok(screen.kind === 'screen' && screen.body.kind === 'review');
		const rows = screen.kind === 'screen' && screen.body.kind === 'review' ? screen.body.list : [];
		assert.equal(rows[0]!.note, '  ⚑ type?');
		assert.equal(rows[1]!.note, undefined);
		user.press('k');
		const detail = screenModel(user.state, worldOf(user.session, user.review), 'c.tsv');
		assert.match(detail.kind === 'screen' && detail.body.kind === 'review' ? detail.body.detail.text : '', /⚑ type\?/);
		user.review.flush();
		const again = new Review(user.session, user.file);
		again.restore();
		assert.equal(again.marks.noteOf(0), 'type?', 'the sidecar keeps the note');
	});

	test('unflagging keeps the note for an undo; a note with an invisible character is refused', () => {
		const user = reviewerOf(six);
		user.press('f').type('check').press('return', 'f');
		assert.equal(user.review.isFlagged(0), false);
		user.press('u');
		assert.equal(user.review.isFlagged(0), true);
		assert.equal(user.review.marks.noteOf(0), 'check');
		user.press('j', 'f').type('a\u200Bb').press('return');
		assert.match(user.message ?? '', /cannot hold invisible or control characters/);
		assert.equal(user.review.isFlagged(1), false);
	});

	test('a prompt longer than the line shows its cursor and what was typed last, its start cut (QA: it showed the start, and typing went out of sight)', () => {
		const user = reviewerOf(six);
		const typed = `${'abcdefghij'.repeat(15)}XYZ`;
		user.press('f').type(typed);
		const status = statusModel(user.state.mode, user.state.message, user.state.labels, 80);
		assert.ok(status.kind === 'prompt', 'test bug: the prompt is open');
		assert.ok(status.before.endsWith('hijXYZ'), status.before);
		assert.ok(status.before.startsWith('…'));
		assert.equal(status.at, ' ', 'the cursor at the end');
		assert.ok(textWidth(status.title + status.before + status.at + status.after + status.hint) <= 80);
		user.press('home');
		const atStart = statusModel(user.state.mode, user.state.message, user.state.labels, 80);
		assert.ok(atStart.kind === 'prompt' && atStart.at === 'a' && atStart.before === '' && atStart.after.endsWith('…'), 'at the start, the start shows');
	});

	test('a note refused keeps its prompt open with the text and says why there (QA: an 849-character paste was lost); joiners are text', () => {
		const user = reviewerOf(six);
		const long = 'the boundary of this entity is wrong, '.repeat(6).trimEnd();
		user.press('f').type(long).press('return');
		assert.deepEqual(user.state.mode, {kind: 'prompt', prompt: 'flag', text: long, cursor: [...long].length, selected: false});
		assert.equal(user.message, `a note has 200 characters at most (this one has ${[...long].length}): mend it, or Esc`);
		const status = statusModel(user.state.mode, user.state.message, user.state.labels, 400);
		assert.ok(status.kind === 'prompt' && status.hint.includes('200 characters at most'), 'shown beside the prompt');
		// At 120 columns too, where the note fills the line: the reason keeps its room, the text scrolls (QA: nothing said why).
		const narrow = statusModel(user.state.mode, user.state.message, user.state.labels, 120);
		assert.ok(narrow.kind === 'prompt' && narrow.hint.trim() === user.message, `the reason in full at 120 columns: ${narrow.kind === 'prompt' ? narrow.hint : ''}`);
		assert.ok(textWidth(narrow.title + narrow.before + narrow.at + narrow.after + narrow.hint) <= 120);
		user.press('ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w', 'ctrl+w');
		assert.equal(user.message, undefined, 'the next key takes the message away');
		user.press('return');
		assert.equal(user.review.isFlagged(0), true);
		assert.equal(user.review.marks.noteOf(0), long.slice(0, 'the boundary of this entity is wrong, '.length * 3).trim());

		// A family emoji (joined by U+200D) and a Persian word with U+200C are text; 150 emoji are 150 characters, not 300.
		for (const note of ['family 👨‍👩‍👧 ok', 'می‌خواهم', '😀'.repeat(150)]) {
			user.press('j', 'f').type(note).press('return');
			assert.equal(user.mode, 'normal', note);
			assert.equal(user.review.marks.noteOf(user.sentence), note);
		}
	});
});

describe('L edits the other tag layer of a file with several (issue 16)', () => {
	const layered = 'Das\tB-ORG\tO\nMuseum\tI-ORG\tO\nHamburg\tI-ORG\tB-LOC\n\nJohn\tB-PER\tB-PER\n';

	test('asks the app to open the file again on the next tag column, and wraps around', () => {
		const user = Reviewer.of(layered);
		assert.deepEqual(user.session.corpus.format.tagColumns, [1, 2]);
		user.press('L');
		assert.deepEqual(user.effects.at(-1), {type: 'exit', reopen: {tagColumn: 3}});
		assert.equal(user.exited, true);
	});

	test('refuses while an edit is unsaved, and after u it goes', () => {
		const user = Reviewer.of(layered);
		user.press('x', 'L');
		assert.match(user.message ?? '', /^save first \(s\) or undo \(u\)/);
		assert.equal(user.exited, false);
		user.press('u', 'L');
		assert.equal(user.exited, true);
	});

	test('says so when the file has one tag layer', () => {
		const user = Reviewer.of('John\tB-PER\nlives\tO\n');
		user.press('L');
		assert.match(user.message ?? '', /^one tag layer only/);
		assert.equal(user.exited, false);
	});
});
