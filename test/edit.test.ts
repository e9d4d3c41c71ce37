import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {planRelabel, planRemove} from '../source/corpus/edit.js';
import {History} from '../source/corpus/history.js';
import {indexCorpus} from '../source/corpus/index.js';
import {serialize} from '../source/corpus/serialize.js';
import {Session} from '../source/corpus/session.js';

function open(text: string) {
	const bytes = Buffer.from(text);
	const corpus = indexCorpus(bytes);
	const session = new Session(corpus, {file: '/nonexistent/ner-review-test/corpus.txt', backup: false});
	return {bytes, corpus, session};
}

/** The file text as it must be after the edit: `text` with whole lines replaced (only their tag cell differs). */
function withLines(text: string, replacements: Record<string, string>): string {
	let result = text;
	for (const [before, after] of Object.entries(replacements)) {
		assert.ok(result.includes(before), `fixture has no line ${JSON.stringify(before)}`);
		result = result.replace(before, after);
	}

	return result;
}

function tagsOf(session: Session, sentence: number): string {
	return session.corpus.sentenceTags(sentence).map(tag => tag.text).join(' ');
}

// IOB2, sentence markers, a trailing column after the tag and a column of spaces to keep.
const iob2 = [
	'<s>',
	'John\tB-PER\tx',
	'Smith\tI-PER\tx',
	'visited\tO\tx',
	'New\tB-LOC\tx',
	'York\tI-LOC \tx',
	'.\tO\tx',
	'</s>',
	'<s>',
	'It\tO\tx',
	'rains\tO\tx',
	'</s>',
	'',
].join('\n');

describe('relabel', () => {
	test('the entity under the cursor keeps its boundaries', () => {
		const {session} = open(iob2);
		const record = session.relabel(0, 1, undefined, 'ORG');
		assert.ok(record);
		assert.equal(record.changes.length, 2);
		assert.equal(tagsOf(session, 0), 'B-ORG I-ORG O B-LOC I-LOC O');
		assert.equal(serialize(session.corpus).toString(), withLines(iob2, {'John\tB-PER': 'John\tB-ORG', 'Smith\tI-PER': 'Smith\tI-ORG'}));
	});

	test('the last token of an entity also relabels the whole entity, and trailing spaces of the cell stay', () => {
		const {session} = open(iob2);
		session.relabel(0, 4, undefined, 'GPE');
		assert.equal(serialize(session.corpus).toString(), withLines(iob2, {'New\tB-LOC': 'New\tB-GPE', 'York\tI-LOC \t': 'York\tI-GPE \t'}));
	});

	test('on an O token it creates a one-token entity', () => {
		const {session} = open(iob2);
		session.relabel(0, 2, undefined, 'MISC');
		assert.equal(tagsOf(session, 0), 'B-PER I-PER B-MISC B-LOC I-LOC O');
		assert.deepEqual(session.corpus.decode(0).spans, [
			{start: 0, end: 2, type: 'PER'}, {start: 2, end: 3, type: 'MISC'}, {start: 3, end: 5, type: 'LOC'},
		]);
		session.relabel(1, 0, undefined, 'MISC');
		assert.equal(serialize(session.corpus).toString(), withLines(iob2, {'visited\tO': 'visited\tB-MISC', 'It\tO': 'It\tB-MISC'}));
	});

	test('the same type again changes nothing and records no edit', () => {
		const {bytes, session} = open(iob2);
		assert.equal(session.relabel(0, 0, undefined, 'PER'), undefined);
		assert.equal(session.dirty, false);
		assert.equal(session.history.canUndo, false);
		assert.ok(serialize(session.corpus).equals(bytes));
	});

	test('a selection becomes one entity and replaces every entity it overlaps, entirely', () => {
		const {session} = open(iob2);
		session.relabel(0, 1, {start: 1, end: 4}, 'X');
		assert.deepEqual(session.corpus.decode(0).spans, [{start: 1, end: 4, type: 'X'}]);
		assert.equal(serialize(session.corpus).toString(), withLines(iob2, {
			'John\tB-PER': 'John\tO', 'Smith\tI-PER': 'Smith\tB-X', 'visited\tO': 'visited\tI-X', 'New\tB-LOC': 'New\tI-X', 'York\tI-LOC \t': 'York\tO \t',
		}));
	});

	test('a selection inside an entity replaces all of it', () => {
		const {session} = open(iob2);
		session.relabel(0, 0, {start: 0, end: 1}, 'X');
		assert.deepEqual(session.corpus.decode(0).spans, [{start: 0, end: 1, type: 'X'}, {start: 3, end: 5, type: 'LOC'}]);
		assert.equal(tagsOf(session, 0), 'B-X O O B-LOC I-LOC O');
	});

	test('a selection of O tokens next to an entity leaves the entity alone', () => {
		const {session} = open(iob2);
		session.relabel(0, 5, {start: 5, end: 6}, 'LOC');
		// Adjacent same-type entities stay two entities (IOB2 B- keeps them apart).
		assert.deepEqual(session.corpus.decode(0).spans, [
			{start: 0, end: 2, type: 'PER'}, {start: 3, end: 5, type: 'LOC'}, {start: 5, end: 6, type: 'LOC'},
		]);
		assert.equal(serialize(session.corpus).toString(), withLines(iob2, {'.\tO': '.\tB-LOC'}));
	});
});

describe('remove', () => {
	test('the entity under the cursor', () => {
		const {session} = open(iob2);
		session.remove(0, 4, undefined);
		assert.equal(serialize(session.corpus).toString(), withLines(iob2, {'New\tB-LOC': 'New\tO', 'York\tI-LOC \t': 'York\tO \t'}));
	});

	test('on an O token does nothing', () => {
		const {bytes, session} = open(iob2);
		assert.equal(session.remove(0, 2, undefined), undefined);
		assert.deepEqual(planRemove(session.corpus, 0, 2, undefined), []);
		assert.equal(session.dirty, false);
		assert.ok(serialize(session.corpus).equals(bytes));
	});

	test('every entity touching the selection, entirely, and only those', () => {
		const {session} = open(iob2);
		session.remove(0, 2, {start: 2, end: 4});
		assert.equal(tagsOf(session, 0), 'B-PER I-PER O O O O');
		session.undo();
		session.remove(0, 1, {start: 1, end: 4});
		assert.equal(tagsOf(session, 0), 'O O O O O O');
		session.undo();
		session.remove(0, 2, {start: 2, end: 3});
		assert.equal(tagsOf(session, 0), 'B-PER I-PER O B-LOC I-LOC O');
	});
});

describe('edits keep the rest of the file as it was', () => {
	// IOB2 with irregular tags: I-PER after O (1) and I-ORG after B-LOC (5).
	const irregular = ['a\tO', 'b\tI-PER', 'c\tI-PER', 'd\tO', 'e\tB-LOC', 'f\tI-ORG', 'g\tO', 'h\tB-MISC', '', 'i\tI-LOC', '', 'j\tB-ORG', 'k\tI-ORG', 'l\tB-PER', 'm\tB-LOC', ''].join('\n');

	test('an edit changes only the tags it must; irregular tags elsewhere stay irregular', () => {
		const {session} = open(irregular);
		assert.equal(session.corpus.format.scheme, 'IOB2');
		assert.deepEqual(session.corpus.decode(0).invalid, [1, 5]);
		session.relabel(0, 4, undefined, 'GPE');
		assert.equal(serialize(session.corpus).toString(), withLines(irregular, {'e\tB-LOC': 'e\tB-GPE'}));
		assert.deepEqual(session.corpus.decode(0).invalid, [1, 5]);
		session.remove(0, 7, undefined);
		session.relabel(0, 3, undefined, 'DATE');
		assert.equal(serialize(session.corpus).toString(), withLines(irregular, {'e\tB-LOC': 'e\tB-GPE', 'h\tB-MISC': 'h\tO', 'd\tO': 'd\tB-DATE'}));
		assert.deepEqual(session.corpus.decode(0).invalid, [1, 5]);
		assert.deepEqual(session.corpus.decode(1).invalid, [0]);
	});

	test('relabelling an irregular entity keeps its boundaries and rewrites only its own tags', () => {
		const {session} = open(irregular);
		session.relabel(0, 2, undefined, 'ORG');
		assert.deepEqual(session.corpus.decode(0).spans, [
			{start: 1, end: 3, type: 'ORG'}, {start: 4, end: 5, type: 'LOC'}, {start: 5, end: 6, type: 'ORG'}, {start: 7, end: 8, type: 'MISC'},
		]);
		// Written canonically (B- then I-), the I-ORG at 5 untouched.
		assert.equal(serialize(session.corpus).toString(), withLines(irregular, {'b\tI-PER': 'b\tB-ORG', 'c\tI-PER': 'c\tI-ORG'}));
	});

	test('planRelabel itself changes nothing until applied', () => {
		const {bytes, corpus} = open(irregular);
		const changes = planRelabel(corpus, 0, 4, undefined, 'GPE');
		assert.equal(changes.length, 1);
		assert.equal(changes[0]!.token, 4);
		assert.equal(corpus.tags.text(changes[0]!.before), 'B-LOC');
		assert.equal(corpus.tags.text(changes[0]!.after), 'B-GPE');
		assert.equal(corpus.tag(4).text, 'B-LOC');
		assert.ok(serialize(corpus).equals(bytes));
	});
});

describe('edits are written in the file\'s scheme', () => {
	// The original CoNLL-2003 layout: IOB1, 4 space columns, CRLF.
	const iob1 = [
		'-DOCSTART- -X- O O',
		'',
		'EU NNP I-NP I-ORG',
		'rejects VBZ I-VP O',
		'German JJ I-NP I-MISC',
		'call NN I-NP O',
		'Peter NNP I-NP I-PER',
		'Paul NNP I-NP B-PER',
		'',
		'',
	].join('\r\n');

	test('IOB1 file detected as IOB1', () => {
		assert.equal(open(iob1).corpus.format.scheme, 'IOB1');
	});

	test('IOB1: a new entity opens with I-', () => {
		const {session} = open(iob1);
		session.relabel(0, 1, undefined, 'LOC');
		assert.equal(serialize(session.corpus).toString(), withLines(iob1, {'rejects VBZ I-VP O': 'rejects VBZ I-VP I-LOC'}));
	});

	test('IOB1: B- where the new entity directly follows one of its type', () => {
		const {session} = open(iob1);
		session.relabel(0, 3, undefined, 'MISC');
		assert.equal(serialize(session.corpus).toString(), withLines(iob1, {'call NN I-NP O': 'call NN I-NP B-MISC'}));
		assert.deepEqual(session.corpus.decode(0).spans.map(span => `${span.start}-${span.end}:${span.type}`), ['0-1:ORG', '2-3:MISC', '3-4:MISC', '4-5:PER', '5-6:PER']);
	});

	test('IOB1: relabelling an entity so that it meets one of its new type writes B- after it', () => {
		const {session} = open(iob1);
		session.relabel(0, 0, undefined, 'X');
		session.relabel(0, 1, undefined, 'X');
		assert.equal(serialize(session.corpus).toString(), withLines(iob1, {'EU NNP I-NP I-ORG': 'EU NNP I-NP I-X', 'rejects VBZ I-VP O': 'rejects VBZ I-VP B-X'}));
	});

	test('IOB1: relabelling the first of two adjacent same-type entities leaves no stray B-', () => {
		const {session} = open(iob1);
		session.relabel(0, 4, undefined, 'LOC');
		assert.deepEqual(session.corpus.decode(0).spans.slice(2), [{start: 4, end: 5, type: 'LOC'}, {start: 5, end: 6, type: 'PER'}]);
		// IOB1 writes B- only between two entities of one type: Paul's B-PER must become I-PER.
		assert.equal(serialize(session.corpus).toString(), withLines(iob1, {'Peter NNP I-NP I-PER': 'Peter NNP I-NP I-LOC', 'Paul NNP I-NP B-PER': 'Paul NNP I-NP I-PER'}));
	});

	test('IOB1: removing the first of two adjacent same-type entities leaves no stray B-', () => {
		const {session} = open(iob1);
		session.remove(0, 4, undefined);
		assert.deepEqual(session.corpus.decode(0).spans.slice(2), [{start: 5, end: 6, type: 'PER'}]);
		assert.equal(serialize(session.corpus).toString(), withLines(iob1, {'Peter NNP I-NP I-PER': 'Peter NNP I-NP O', 'Paul NNP I-NP B-PER': 'Paul NNP I-NP I-PER'}));
	});

	test('IOB1: an irregular B- after the edited entity is left as the file had it', () => {
		// `Bonn B-LOC` after an ORG is not IOB1's way; the edit of EU must not touch it.
		const text = ['EU I-ORG', 'Bonn B-LOC', '', 'Ann I-PER', 'Bob B-PER', ''].join('\n');
		const {session} = open(text);
		assert.equal(session.corpus.format.scheme, 'IOB1');
		session.relabel(0, 0, undefined, 'GPE');
		assert.equal(serialize(session.corpus).toString(), withLines(text, {'EU I-ORG': 'EU I-GPE'}));
		// Made canonical-adjacent, it is still right (B- between two LOC).
		session.relabel(0, 0, undefined, 'LOC');
		assert.equal(serialize(session.corpus).toString(), withLines(text, {'EU I-ORG': 'EU I-LOC'}));
		assert.deepEqual(session.corpus.decode(0).spans, [{start: 0, end: 1, type: 'LOC'}, {start: 1, end: 2, type: 'LOC'}]);
	});

	test('IOB1: relabelling the second of two adjacent entities keeps the B- only while the types match', () => {
		const {session} = open(iob1);
		session.relabel(0, 5, undefined, 'MISC');
		assert.equal(serialize(session.corpus).toString(), withLines(iob1, {'Paul NNP I-NP B-PER': 'Paul NNP I-NP I-MISC'}));
	});

	test('IOB1: a selection over two entities becomes one I- entity', () => {
		const {session} = open(iob1);
		session.relabel(0, 0, {start: 0, end: 3}, 'ORG');
		assert.equal(serialize(session.corpus).toString(), withLines(iob1, {'rejects VBZ I-VP O': 'rejects VBZ I-VP I-ORG', 'German JJ I-NP I-MISC': 'German JJ I-NP I-ORG'}));
	});

	const bioes = ['-DOCSTART- O', '', 'Peter B-PER', 'Blackburn E-PER', 'visited O', 'Bonn S-LOC', 'today O', '', 'Rome B-LOC', '', ''].join('\n');

	test('BIOES: relabel keeps B-/E-', () => {
		const {session} = open(bioes);
		assert.equal(session.corpus.format.scheme, 'BIOES');
		session.relabel(0, 1, undefined, 'ORG');
		assert.equal(serialize(session.corpus).toString(), withLines(bioes, {'Peter B-PER': 'Peter B-ORG', 'Blackburn E-PER': 'Blackburn E-ORG'}));
	});

	test('BIOES: a one-token entity is S-, a longer one B- I- E-', () => {
		const {session} = open(bioes);
		session.relabel(0, 2, undefined, 'MISC');
		assert.equal(serialize(session.corpus).toString(), withLines(bioes, {'visited O': 'visited S-MISC'}));
		session.undo();
		session.relabel(0, 2, {start: 2, end: 5}, 'MISC');
		assert.equal(serialize(session.corpus).toString(), withLines(bioes, {'visited O': 'visited B-MISC', 'Bonn S-LOC': 'Bonn I-MISC', 'today O': 'today E-MISC'}));
		session.undo();
		session.relabel(0, 1, {start: 1, end: 3}, 'X');
		assert.equal(serialize(session.corpus).toString(), withLines(bioes, {'Peter B-PER': 'Peter O', 'Blackburn E-PER': 'Blackburn B-X', 'visited O': 'visited E-X'}));
	});

	test('BIOES: remove, and an unfinished entity elsewhere stays unfinished', () => {
		const {session} = open(bioes);
		assert.deepEqual(session.corpus.decode(1).invalid, [0]);
		session.remove(0, 3, undefined);
		session.remove(0, 0, undefined);
		assert.equal(serialize(session.corpus).toString(), withLines(bioes, {'Peter B-PER': 'Peter O', 'Blackburn E-PER': 'Blackburn O', 'Bonn S-LOC': 'Bonn O'}));
		assert.deepEqual(session.corpus.decode(1).invalid, [0]);
	});
});

describe('undo and redo', () => {
	test('restore exact bytes at every step', () => {
		const {bytes, session} = open(iob2);
		const states: Buffer[] = [bytes];
		session.relabel(0, 0, undefined, 'ORG');
		states.push(serialize(session.corpus));
		session.relabel(0, 2, {start: 2, end: 5}, 'LOC');
		states.push(serialize(session.corpus));
		session.remove(0, 0, undefined);
		states.push(serialize(session.corpus));
		session.relabel(1, 1, undefined, 'PER');
		states.push(serialize(session.corpus));
		assert.equal(new Set(states.map(state => state.toString('hex'))).size, states.length, 'every edit changes the bytes');

		for (let i = states.length - 2; i >= 0; i--) {
			assert.ok(session.undo());
			assert.ok(serialize(session.corpus).equals(states[i]!), `after undo to state ${i}`);
		}

		assert.equal(session.undo(), undefined);
		assert.deepEqual(session.corpus.changedTokens(), []);
		for (let i = 1; i < states.length; i++) {
			assert.ok(session.redo());
			assert.ok(serialize(session.corpus).equals(states[i]!), `after redo to state ${i}`);
		}

		assert.equal(session.redo(), undefined);
	});

	test('undo returns the record with its cursor, and a new edit clears redo', () => {
		const {session} = open(iob2);
		session.relabel(0, 4, undefined, 'ORG');
		const undone = session.undo();
		assert.equal(undone?.sentence, 0);
		assert.equal(undone?.token, 4);
		assert.equal(undone?.description, 'label ORG');
		assert.equal(session.history.canRedo, true);
		session.remove(0, 0, undefined);
		assert.equal(session.history.canRedo, false);
		assert.equal(session.redo(), undefined);
		assert.equal(tagsOf(session, 0), 'O O O B-LOC I-LOC O');
	});

	test('tags changed and changed back are not rewritten', () => {
		const {bytes, session} = open(iob2);
		session.relabel(0, 0, undefined, 'ORG');
		session.relabel(0, 0, undefined, 'PER');
		assert.deepEqual(session.corpus.changedTokens(), []);
		assert.ok(serialize(session.corpus).equals(bytes));
	});
});

describe('History.dirty', () => {
	test('after edit, undo, redo and save', () => {
		const {corpus} = open(iob2);
		const history = new History();
		const edit = (type: string) => history.apply(corpus, {changes: planRelabel(corpus, 0, 0, undefined, type), sentence: 0, token: 0, description: type});
		assert.equal(history.dirty, false);
		assert.ok(edit('ORG'));
		assert.equal(history.dirty, true);
		history.undo(corpus);
		assert.equal(history.dirty, false);
		history.redo(corpus);
		assert.equal(history.dirty, true);
		history.markSaved();
		assert.equal(history.dirty, false);
		history.undo(corpus);
		assert.equal(history.dirty, true, 'undoing past the save differs from the file on disk');
		history.redo(corpus);
		assert.equal(history.dirty, false);
		history.undo(corpus);
		assert.ok(edit('GPE'));
		assert.equal(history.dirty, true, 'a different edit after undo is not the saved state');
		history.undo(corpus);
		assert.equal(history.dirty, true);
		assert.equal(edit('ORG')?.changes.length, 2);
		assert.equal(history.dirty, true, 'the same tags again, but not the saved edit');
	});

	test('an edit with no changes is not recorded', () => {
		const {corpus} = open(iob2);
		const history = new History();
		assert.equal(history.apply(corpus, {changes: [], sentence: 0, token: 0, description: 'nothing'}), undefined);
		assert.equal(history.dirty, false);
		assert.equal(history.canUndo, false);
	});
});
