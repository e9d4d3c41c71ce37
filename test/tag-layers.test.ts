/**
Files with more than one tag layer, and CoNLL-U with the tags inside MISC. The fixtures in
test/fixtures reproduce the layouts of GermEval 2014 (index, token, outer NER, nested NER, a `#`
line before each sentence) and of NorNE (CoNLL-U, `name=B-PER` in MISC beside `SpaceAfter=No`),
plus a treebank that writes `NE=` on entity tokens only, with multiword-token and empty-node lines.
Their sentences are made up; only the layouts are those of the real files.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {CorpusError} from '../source/corpus/errors.js';
import {detectFormat} from '../source/corpus/format.js';
import {History} from '../source/corpus/history.js';
import {indexCorpus, openTagColumn, planRelabel, planRemove, readLayer, type Corpus} from '../source/corpus/index.js';
import {serialize} from '../source/corpus/serialize.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const germEval = fs.readFileSync(path.join(fixtures, 'germeval2014-layout.tsv'));
const norne = fs.readFileSync(path.join(fixtures, 'norne-layout.conllu'));
const absentKey = fs.readFileSync(path.join(fixtures, 'ud-ne-absent-layout.conllu'));

function assertCorpusError(run: () => unknown, line: number | undefined, message: RegExp) {
	assert.throws(run, (error: unknown) => {
		assert.ok(error instanceof CorpusError, `expected a CorpusError, got ${String(error)}`);
		assert.equal(error.line, line);
		assert.match(error.message, message);
		assert.ok(!error.message.includes('\n'), 'one line');
		return true;
	});
}

/** Applies a planned edit, as the app does (one undoable step). */
function edit(corpus: Corpus, history: History, changes: ReturnType<typeof planRelabel>) {
	assert.ok(changes.length > 0, 'the edit changes something');
	return history.apply(corpus, {changes, sentence: 0, token: 0, description: 'test'});
}

/** The lines of `before` and `after` that differ, as [before, after] pairs. */
function changedLines(before: Buffer, after: Buffer): Array<[string, string]> {
	const old = before.toString('utf8').split('\n');
	const updated = after.toString('utf8').split('\n');
	assert.equal(updated.length, old.length, 'same number of lines');
	return old.flatMap((line, index) => (line === updated[index] ? [] : [[line, updated[index]!] as [string, string]]));
}

const spansOf = (corpus: Corpus, sentence: number) => corpus.decode(sentence).spans.map(span => `${span.start}-${span.end}:${span.type}`).join(' ');

describe('several tag columns (GermEval 2014 layout)', () => {
	test('every tag column is recorded, the outer one (column 3) is edited, and a notice names both', () => {
		const format = detectFormat(germEval);
		assert.equal(format.tokenColumn, 1);
		assert.equal(format.tagColumn, 2);
		assert.deepEqual(format.tagColumns, [2, 3]);
		assert.equal(format.tagIsLast, false);
		assert.equal(format.warning, 'tags in columns 3 and 4; editing 3');
		const corpus = indexCorpus(germEval);
		assert.equal(corpus.sentenceCount, 3);
		assert.equal(spansOf(corpus, 0), '1-2:LOCderiv 2-5:ORG 6-8:PER');
		assert.equal(corpus.tokenText(1), 'Berliner');
		assert.equal(corpus.tag(1).text, 'B-LOCderiv');
	});

	test('--tag-column 4 edits the nested layer and says so', () => {
		const format = detectFormat(germEval, {tagColumn: 4});
		assert.equal(format.tagColumn, 3);
		assert.deepEqual(format.tagColumns, [2, 3]);
		assert.equal(format.warning, 'tags in columns 3 and 4; editing 4');
		const corpus = indexCorpus(germEval, {tagColumn: 4});
		assert.equal(spansOf(corpus, 1), '4-5:LOC');
	});

	test('the other layer is read as a read-only layer aligned with the tokens', () => {
		const corpus = indexCorpus(germEval);
		const nested = readLayer(openTagColumn(corpus, 3));
		assert.equal(nested.tokenCount, corpus.tokenCount);
		assert.equal(nested.label, 'column 4');
		assert.deepEqual(nested.decode(1).spans, [{start: 4, end: 5, type: 'LOC'}]);
		assert.deepEqual(nested.decode(2).spans, [{start: 2, end: 3, type: 'LOC'}]);
		assert.deepEqual(nested.decode(0).spans, []);
	});

	test('load then save is byte-identical, with LF, CRLF and a BOM', () => {
		const crlf = Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(germEval.toString('utf8').replaceAll('\n', '\r\n'))]);
		for (const bytes of [germEval, crlf]) {
			const corpus = indexCorpus(bytes);
			assert.deepEqual(corpus.format.tagColumns, [2, 3]);
			assert.ok(serialize(corpus).equals(bytes));
		}
	});

	test('an edit changes only the edited layer\'s cells', () => {
		const corpus = indexCorpus(germEval);
		const history = new History();
		// "Museum für Kunst Hamburg" ORG -> LOC, and "Elbufer" loses its entity.
		edit(corpus, history, planRelabel(corpus, 1, 2, undefined, 'LOC'));
		edit(corpus, history, planRemove(corpus, 1, 7, undefined));
		assert.deepEqual(changedLines(germEval, serialize(corpus)), [
			['2\tMuseum\tB-ORG\tO', '2\tMuseum\tB-LOC\tO'],
			['3\tfür\tI-ORG\tO', '3\tfür\tI-LOC\tO'],
			['4\tKunst\tI-ORG\tO', '4\tKunst\tI-LOC\tO'],
			['5\tHamburg\tI-ORG\tB-LOC', '5\tHamburg\tI-LOC\tB-LOC'],
			['8\tElbufer\tB-LOCpart\tO', '8\tElbufer\tO\tO'],
		]);
		history.undo(corpus);
		history.undo(corpus);
		assert.ok(serialize(corpus).equals(germEval));
	});

	test('editing the nested layer leaves the outer one alone', () => {
		const corpus = indexCorpus(germEval, {tagColumn: 4});
		const history = new History();
		edit(corpus, history, planRelabel(corpus, 0, 1, undefined, 'LOC'));
		assert.deepEqual(changedLines(germEval, serialize(corpus)), [['2\tBerliner\tB-LOCderiv\tO', '2\tBerliner\tB-LOCderiv\tB-LOC']]);
	});

	test('a conlleval file (token POS chunk gold predicted): the gold column is edited, the chunk column is no layer', () => {
		const bytes = Buffer.from('EU NNP B-NP B-ORG B-ORG\nrejects VBZ B-VP O O\nGerman JJ B-NP B-MISC B-LOC\ncall NN I-NP O O\n\nPeter NNP B-NP B-PER B-PER\nBlackburn NNP I-NP I-PER O\n');
		const format = detectFormat(bytes);
		assert.equal(format.tagColumn, 3);
		assert.deepEqual(format.tagColumns, [3, 4]);
		assert.equal(format.warning, 'tags in columns 4 and 5; editing 4');
	});

	test('a later layer is edited when it holds more than twice the entities of the first', () => {
		const lines = Array.from({length: 40}, (_, index) => `w${index}\t${index === 0 ? 'B-LOC' : 'O'}\t${index % 4 === 0 ? 'B-PER' : 'O'}`);
		const format = detectFormat(Buffer.from(lines.join('\n') + '\n'));
		assert.equal(format.tagColumn, 2);
		assert.deepEqual(format.tagColumns, [1, 2]);
		assert.equal(format.tagIsLast, true);
		assert.equal(format.warning, 'tags in columns 2 and 3; editing 3');
		// About as many entities in both (gold and predictions): the first stays.
		const even = Array.from({length: 40}, (_, index) => `w${index}\t${index % 4 === 0 ? 'B-LOC' : 'O'}\t${index % 5 === 0 ? 'B-PER' : 'O'}`);
		assert.equal(detectFormat(Buffer.from(even.join('\n') + '\n')).tagColumn, 1);
	});

	test('a file with one tag column has no layers to mention', () => {
		const format = detectFormat(Buffer.from('EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n'));
		assert.deepEqual(format.tagColumns, [3]);
		assert.equal(format.warning, undefined);
	});
});

describe('CoNLL-U with the tags in MISC (NorNE layout)', () => {
	test('name= in MISC is detected: token in FORM, tags from column 10, no warning', () => {
		const format = detectFormat(norne);
		assert.equal(format.tokenColumn, 1);
		assert.equal(format.tagColumn, 9);
		assert.equal(format.misc?.key, 'name');
		assert.equal(format.misc?.outside, 'value');
		assert.equal(format.scheme, 'IOB2');
		assert.equal(format.warning, undefined);
		const corpus = indexCorpus(norne);
		assert.equal(corpus.sentenceCount, 2);
		assert.deepEqual(corpus.sentenceTexts(0), ['Kari', 'Nordmann', 'flyttet', 'til', 'Bergen', '.']);
		assert.equal(spansOf(corpus, 0), '0-2:PER 4-5:GPE_LOC');
		assert.equal(spansOf(corpus, 1), '1-2:ORG 5-6:ORG');
	});

	test('--tag-column 10 reads the same MISC tags (it used to read every token as "not a tag")', () => {
		const corpus = indexCorpus(norne, {tagColumn: 10});
		assert.equal(corpus.format.misc?.key, 'name');
		assert.equal(spansOf(corpus, 0), '0-2:PER 4-5:GPE_LOC');
		assert.ok(corpus.sentenceTags(0).every(tag => tag.prefix !== '?'));
	});

	test('the # text = comment is the sentence\'s display text', () => {
		const corpus = indexCorpus(norne);
		assert.equal(corpus.sentenceText(0), 'Kari Nordmann flyttet til Bergen.');
		assert.equal(corpus.sentenceText(1), '«Aftenposten» skrev om Equinor i går.');
		assert.equal(indexCorpus(germEval).sentenceText(0), undefined);
		assert.equal(indexCorpus(Buffer.from('EU B-ORG\nrejects O\n\n# text = Peter\nPeter B-PER\n')).sentenceText(1), 'Peter');
	});

	test('load then save is byte-identical (also with CRLF)', () => {
		for (const bytes of [norne, absentKey, Buffer.from(norne.toString('utf8').replaceAll('\n', '\r\n'))]) {
			assert.ok(serialize(indexCorpus(bytes)).equals(bytes));
		}
	});

	test('an edit rewrites only the value inside MISC; SpaceAfter=No and the order of the items stay', () => {
		const corpus = indexCorpus(norne);
		const history = new History();
		edit(corpus, history, planRelabel(corpus, 0, 4, undefined, 'LOC'));
		edit(corpus, history, planRemove(corpus, 1, 1, undefined));
		edit(corpus, history, planRelabel(corpus, 1, 7, undefined, 'DRV'));
		assert.deepEqual(changedLines(norne, serialize(corpus)), [
			['5\tBergen\tBergen\tPROPN\t_\t_\t3\tobl\t_\tname=B-GPE_LOC|SpaceAfter=No', '5\tBergen\tBergen\tPROPN\t_\t_\t3\tobl\t_\tname=B-LOC|SpaceAfter=No'],
			['2\tAftenposten\tAftenposten\tPROPN\t_\t_\t3\tnsubj\t_\tSpaceAfter=No|name=B-ORG', '2\tAftenposten\tAftenposten\tPROPN\t_\t_\t3\tnsubj\t_\tSpaceAfter=No|name=O'],
			['8\tgår\tgår\tNOUN\t_\t_\t4\tobl\t_\tSpaceAfter=No|name=O', '8\tgår\tgår\tNOUN\t_\t_\t4\tobl\t_\tSpaceAfter=No|name=B-DRV'],
		]);
		const reread = indexCorpus(serialize(corpus));
		assert.equal(spansOf(reread, 0), '0-2:PER 4-5:LOC');
		assert.equal(spansOf(reread, 1), '5-6:ORG 7-8:DRV');
		history.undo(corpus);
		history.undo(corpus);
		history.undo(corpus);
		assert.ok(serialize(corpus).equals(norne));
	});

	test('a file that writes the key on entity tokens only: multiword tokens and empty nodes are not tokens', () => {
		const format = detectFormat(absentKey);
		assert.equal(format.misc?.key, 'NE');
		assert.equal(format.misc?.outside, 'absent');
		const corpus = indexCorpus(absentKey);
		assert.deepEqual(corpus.sentenceTexts(0), ['Visitó', 'el', 'museo', 'de', 'el', 'Prado', 'con', 'Ana', '.']);
		assert.equal(spansOf(corpus, 0), '2-6:ORG 7-8:PER');
		assert.equal(corpus.lineOf(3), 8);
		assert.equal(corpus.sentenceText(0), 'Visitó el museo del Prado con Ana.');
	});

	test('there, a new entity adds the key and a removed one takes it away, as the file writes O', () => {
		const corpus = indexCorpus(absentKey);
		const history = new History();
		edit(corpus, history, planRemove(corpus, 0, 7, undefined));
		edit(corpus, history, planRelabel(corpus, 0, 8, undefined, 'MISC'));
		edit(corpus, history, planRelabel(corpus, 1, 0, undefined, 'EVENT'));
		edit(corpus, history, planRelabel(corpus, 0, 0, {start: 0, end: 2}, 'X'));
		assert.deepEqual(changedLines(absentKey, serialize(corpus)), [
			['1\tVisitó\tvisitar\tVERB\t_\t_\t0\troot\t_\t_', '1\tVisitó\tvisitar\tVERB\t_\t_\t0\troot\t_\tNE=B-X'],
			['2\tel\tel\tDET\t_\t_\t3\tdet\t_\t_', '2\tel\tel\tDET\t_\t_\t3\tdet\t_\tNE=I-X'],
			['8\tAna\tAna\tPROPN\t_\t_\t1\tobl\t_\tNE=B-PER|SpaceAfter=No', '8\tAna\tAna\tPROPN\t_\t_\t1\tobl\t_\tSpaceAfter=No'],
			['9\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_', '9\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\tNE=B-MISC'],
			['1\tLlueve\tllover\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No', '1\tLlueve\tllover\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No|NE=B-EVENT'],
		]);
		// Removing the ORG entity whose key is the only item leaves `_`.
		edit(corpus, history, planRemove(corpus, 0, 3, undefined));
		const text = serialize(corpus).toString('utf8');
		assert.match(text, /\n3\tmuseo\tmuseo\tNOUN\t_\t_\t1\tobj\t_\t_\n/);
		assert.match(text, /\n4-5\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n/);
		assert.equal(spansOf(indexCorpus(serialize(corpus)), 0), '0-2:X 8-9:MISC');
		for (let step = 0; step < 5; step++) {
			history.undo(corpus);
		}

		assert.ok(serialize(corpus).equals(absentKey));
	});

	test('random edits change only the MISC values, and the file reads back with the edited entities', () => {
		const crlf = (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replaceAll('\n', '\r\n'));
		const files = [norne, absentKey, crlf(norne), crlf(absentKey)];
		fc.assert(fc.property(
			fc.nat({max: files.length - 1}),
			fc.array(fc.record({sentence: fc.nat({max: 1}), token: fc.nat({max: 8}), width: fc.nat({max: 2}), action: fc.constantFrom('PER', 'ORG', 'X-Y', 'remove')}), {maxLength: 12}),
			(which, actions) => {
				const bytes = files[which]!;
				const corpus = indexCorpus(bytes);
				const history = new History();
				for (const action of actions) {
					const length = corpus.sentenceLength(action.sentence);
					const start = action.token % length;
					const selection = {start, end: Math.min(length, start + action.width + 1)};
					const changes = action.action === 'remove' ? planRemove(corpus, action.sentence, start, selection) : planRelabel(corpus, action.sentence, start, selection, action.action);
					history.apply(corpus, {changes, sentence: action.sentence, token: start, description: 'random'});
				}

				const saved = serialize(corpus);
				// With the key given: a file whose every entity was removed has no key left to detect.
				const reread = indexCorpus(saved, {miscKey: corpus.format.misc!.key});
				for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
					assert.equal(spansOf(reread, sentence), spansOf(corpus, sentence));
				}

				// Every column but MISC is as it was, line for line.
				for (const [before, after] of changedLines(bytes, saved)) {
					assert.deepEqual(after.split('\t').slice(0, 9), before.split('\t').slice(0, 9));
				}

				while (history.canUndo) {
					history.undo(corpus);
				}

				assert.ok(serialize(corpus).equals(bytes));
			},
		), {seed: 16, numRuns: 300});
	});

	test('without a known key, the error says what MISC holds and names --misc-key; with it, the file opens', () => {
		const entity = Buffer.from(norne.toString('utf8').replaceAll('name=', 'Entity='));
		assertCorpusError(() => detectFormat(entity), 3, /^no NER tags found: column 10 \(MISC\) has no name=, NE=, NER=, ner= item \(its key Entity= holds tags: use --misc-key Entity\)$/);
		const corpus = indexCorpus(entity, {miscKey: 'Entity'});
		assert.equal(spansOf(corpus, 0), '0-2:PER 4-5:GPE_LOC');
		assert.ok(serialize(corpus).equals(entity));
		const bare = Buffer.from(norne.toString('utf8').replaceAll(/name=[^|\n]*\|?/g, 'Foo=Bar'));
		assertCorpusError(() => detectFormat(bare), 3, /has no name=, NE=, NER=, ner= item \(use --misc-key KEY for the key that holds them\)$/);
		assertCorpusError(() => detectFormat(Buffer.from('a b\tNope=1\n'), {miscKey: 'Nope'}), 1, /no MISC item Nope=\.\.\. in the first lines \(--misc-key\)/);
		const underscores = Buffer.from(norne.toString('utf8').replaceAll(/\t[^\t\n]*\n/g, '\t_\n'));
		assertCorpusError(() => detectFormat(underscores), 3, /^no NER tags found: column 10 \(MISC\) has no name=, NE=, NER=, ner= item \(use --misc-key KEY/);
		// A CoNLL-U file whose sample holds no entity: with the key given, MISC is column 10 and every token O.
		const noEntities = indexCorpus(bare, {miscKey: 'NE'});
		assert.equal(noEntities.format.tagColumn, 9);
		assert.equal(noEntities.format.misc?.outside, 'absent');
		assert.equal(spansOf(noEntities, 0), '');
		assert.ok(serialize(noEntities).equals(bare));
	});
});
