/**
Compare mode's engine: aligning a second file (or another column) with the corpus, pairing the
entities of each sentence into agreements and differences, the disagreeing sentences, taking the
other side's entities as one undoable edit in the file's own scheme, and the confusion table.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {CorpusError} from '../source/corpus/errors.js';
import {History} from '../source/corpus/history.js';
import {indexCorpus, openCompareFile, openIndexer, openTagColumn, readLayer, serialize, type Corpus, type FormatOverrides, type TagLayer} from '../source/corpus/index.js';
import {compareCorpus, compareSentence, differencesAt, Disagreements, nextDifference, pairSpans, planTakeAt, planTakeSentence} from '../source/review/compare/index.js';
import {conll} from './helpers/review-corpus.js';
import {prng} from './helpers/prng.js';

/** The corpus of `a` and the layer of `b`, read at once. */
function pair(a: string, b: string, overrides: FormatOverrides = {}): {corpus: Corpus; layer: TagLayer} {
	const corpus = indexCorpus(Buffer.from(a), overrides);
	return {corpus, layer: readLayer(openCompareFile(corpus, Buffer.from(b), 'b.conll'))};
}

/** Asserts a CorpusError at `line` whose one-line form (as the CLI prints it for a.conll) is `expected`. */
function assertRefused(run: () => unknown, expected: string) {
	assert.throws(run, (error: unknown) => {
		assert.ok(error instanceof CorpusError, `expected a CorpusError, got ${String(error)}`);
		assert.equal(error.describe('a.conll'), expected);
		return true;
	});
}

const reference = conll(
	'John/B-PER Smith/I-PER visited New/B-LOC York/I-LOC .',
	'The Bank/B-ORG of/I-ORG England/I-ORG said',
	'Paris/B-LOC is nice',
	'I like Berlin',
	'Mary/B-PER left',
	'the Red/B-MISC Cross/I-MISC',
);

const compared = conll(
	'John/B-PER Smith/I-PER visited New/B-ORG York/I-ORG .',
	'The Bank/B-ORG of England/B-LOC said',
	'Paris is nice',
	'I like Berlin/B-LOC',
	'Mary/B-PER left',
	'the/B-ORG Red/I-ORG Cross/I-ORG',
);

const tagsOf = (corpus: Corpus, sentence: number) => corpus.sentenceTags(sentence).map(tag => tag.text).join(' ');

describe('pairing the entities of a sentence', () => {
	test('agreements, then same tokens under another type, then overlaps (largest first), then the rest', () => {
		const {agreed, differences} = pairSpans(
			[{start: 0, end: 2, type: 'PER'}, {start: 3, end: 5, type: 'LOC'}, {start: 6, end: 9, type: 'ORG'}, {start: 10, end: 11, type: 'LOC'}],
			[{start: 0, end: 2, type: 'PER'}, {start: 3, end: 5, type: 'ORG'}, {start: 6, end: 7, type: 'ORG'}, {start: 8, end: 9, type: 'LOC'}, {start: 12, end: 13, type: 'MISC'}],
		);
		assert.deepEqual(agreed, [{start: 0, end: 2, type: 'PER'}]);
		assert.deepEqual(differences, [
			{kind: 'type', ours: {start: 3, end: 5, type: 'LOC'}, theirs: {start: 3, end: 5, type: 'ORG'}, start: 3, end: 5},
			{kind: 'boundary', ours: {start: 6, end: 9, type: 'ORG'}, theirs: {start: 6, end: 7, type: 'ORG'}, start: 6, end: 9},
			{kind: 'missing', theirs: {start: 8, end: 9, type: 'LOC'}, start: 8, end: 9},
			{kind: 'extra', ours: {start: 10, end: 11, type: 'LOC'}, start: 10, end: 11},
			{kind: 'missing', theirs: {start: 12, end: 13, type: 'MISC'}, start: 12, end: 13},
		]);
	});

	test('the larger overlap wins the pairing', () => {
		const {differences} = pairSpans([{start: 0, end: 4, type: 'ORG'}], [{start: 0, end: 1, type: 'ORG'}, {start: 1, end: 4, type: 'LOC'}]);
		assert.deepEqual(differences.map(difference => difference.kind), ['missing', 'boundary']);
		assert.deepEqual(differences[1]!.theirs, {start: 1, end: 4, type: 'LOC'});
	});
});

describe('a hand-made pair', () => {
	test('each sentence: both sides\' entities and the differences, by first token', () => {
		const {corpus, layer} = pair(reference, compared);
		const first = compareSentence(corpus, layer, 0);
		assert.deepEqual(first.ours, [{start: 0, end: 2, type: 'PER'}, {start: 3, end: 5, type: 'LOC'}]);
		assert.deepEqual(first.theirs, [{start: 0, end: 2, type: 'PER'}, {start: 3, end: 5, type: 'ORG'}]);
		assert.deepEqual(first.agreed, [{start: 0, end: 2, type: 'PER'}]);
		assert.deepEqual(first.differences.map(difference => difference.kind), ['type']);
		const kinds = Array.from({length: corpus.sentenceCount}, (_, sentence) => compareSentence(corpus, layer, sentence).differences.map(difference => difference.kind).join(','));
		assert.deepEqual(kinds, ['type', 'boundary,missing', 'extra', 'missing', '', 'boundary']);
		const second = compareSentence(corpus, layer, 1);
		assert.deepEqual(differencesAt(second, 3).map(difference => difference.kind), ['boundary', 'missing']);
		assert.deepEqual(differencesAt(second, 0), []);
		assert.equal(nextDifference(second, 0, 1)?.kind, 'boundary');
		assert.equal(nextDifference(second, 1, 1)?.kind, 'missing');
		assert.equal(nextDifference(second, 3, 1), undefined);
		assert.equal(nextDifference(second, 3, -1)?.kind, 'boundary');
	});

	test('the confusion table counts every entity once on each side, boundary-only differences apart', () => {
		const {corpus, layer} = pair(reference, compared);
		const comparison = compareCorpus(corpus, layer);
		const cells = Object.fromEntries(comparison.confusion.map(entry => [`${entry.ours || '-'}>${entry.theirs || '-'}`, [entry.sameTokens, entry.otherBoundaries]]));
		assert.deepEqual(cells, {
			'PER>PER': [2, 0],
			'LOC>ORG': [1, 0],
			'ORG>ORG': [0, 1],
			'->LOC': [2, 0],
			'LOC>-': [1, 0],
			'MISC>ORG': [0, 1],
		});
		assert.deepEqual(comparison.differences, {type: 1, boundary: 2, onlyInReference: 1, onlyInCompared: 2});
		assert.equal(comparison.disagreeingSentences, 5);
		assert.equal(comparison.sentences, 6);
		// Row sums are the reference's entities per type, column sums the compared side's.
		const sum = (pick: (entry: typeof comparison.confusion[number]) => boolean) => comparison.confusion.filter(pick).reduce((total, entry) => total + entry.sameTokens + entry.otherBoundaries, 0);
		for (const score of comparison.types) {
			assert.equal(sum(entry => entry.ours === score.type), score.reference, `reference ${score.type}`);
			assert.equal(sum(entry => entry.theirs === score.type), score.predicted, `compared ${score.type}`);
		}
	});

	test('exact-span scores: only identical entities are correct', () => {
		const {corpus, layer} = pair(reference, compared);
		const {overall, types} = compareCorpus(corpus, layer);
		assert.deepEqual(types.map(({type, reference, predicted, correct}) => ({type, reference, predicted, correct})), [
			{type: 'LOC', reference: 2, predicted: 2, correct: 0},
			{type: 'MISC', reference: 1, predicted: 0, correct: 0},
			{type: 'ORG', reference: 1, predicted: 3, correct: 0},
			{type: 'PER', reference: 2, predicted: 2, correct: 2},
		]);
		assert.equal(overall.reference, 6);
		assert.equal(overall.predicted, 7);
		assert.equal(overall.correct, 2);
		assert.equal(overall.precision, 2 / 7);
		assert.equal(overall.recall, 2 / 6);
		assert.equal(overall.f1, 2 * (2 / 7) * (2 / 6) / ((2 / 7) + (2 / 6)));
		assert.equal(types[1]!.precision, 0);
		assert.equal(types[1]!.f1, 0);
	});

	test('the disagreeing sentences, walked both ways, and settled again after an edit', () => {
		const {corpus, layer} = pair(reference, compared);
		const disagreements = new Disagreements(corpus, layer);
		assert.equal(disagreements.step(2), false);
		assert.equal(disagreements.count, 2);
		assert.equal(disagreements.disagrees(4), undefined);
		assert.equal(disagreements.step(), true);
		assert.deepEqual(disagreements.list(), [0, 1, 2, 3, 5]);
		assert.equal(disagreements.count, 5);
		assert.equal(disagreements.next(-1), 0);
		assert.equal(disagreements.next(3), 5);
		assert.equal(disagreements.next(5), undefined);
		assert.equal(disagreements.next(5, -1), 3);
		assert.equal(disagreements.next(0, -1), undefined);
		assert.equal(disagreements.disagrees(4), false);
		const history = new History();
		history.apply(corpus, {changes: planTakeSentence(corpus, layer, 5), sentence: 5, token: 0, description: 'take'});
		disagreements.refresh(5);
		assert.equal(disagreements.disagrees(5), false);
		assert.equal(disagreements.count, 4);
		assert.equal(disagreements.next(3), undefined);
		history.undo(corpus);
		disagreements.refresh(5);
		assert.equal(disagreements.count, 5);
	});

	test('sentences whose tags differ but whose entities do not are no disagreement', () => {
		// IOB1 and IOB2 write the same entities differently.
		const corpus = indexCorpus(Buffer.from('x I-PER\ny I-PER\nz O\n\nw I-LOC\n'), {scheme: 'IOB1'});
		const layer = readLayer(openCompareFile(corpus, Buffer.from('x B-PER\ny I-PER\nz O\n\nw B-ORG\n'), 'b.conll'));
		const disagreements = new Disagreements(corpus, layer);
		disagreements.step();
		assert.deepEqual(disagreements.list(), [1]);
	});
});

describe('taking the other side', () => {
	test('at the cursor: the differences there and every entity overlapping them, nothing else', () => {
		const {corpus, layer} = pair(reference, compared);
		assert.deepEqual(planTakeAt(corpus, layer, 1, 0), []);
		const history = new History();
		const changes = planTakeAt(corpus, layer, 1, 3);
		history.apply(corpus, {changes, sentence: 1, token: 3, description: 'take'});
		assert.equal(tagsOf(corpus, 1), 'O B-ORG O B-LOC O');
		assert.deepEqual(compareSentence(corpus, layer, 1).differences, []);
		history.apply(corpus, {changes: planTakeAt(corpus, layer, 0, 4), sentence: 0, token: 4, description: 'take'});
		assert.equal(tagsOf(corpus, 0), 'B-PER I-PER O B-ORG I-ORG O');
		// The extra entity: taking the other side removes it.
		history.apply(corpus, {changes: planTakeAt(corpus, layer, 2, 0), sentence: 2, token: 0, description: 'take'});
		assert.equal(tagsOf(corpus, 2), 'O O O');
		history.undo(corpus);
		history.undo(corpus);
		history.undo(corpus);
		assert.ok(serialize(corpus).equals(Buffer.from(reference)));
	});

	test('the whole sentence, as one edit', () => {
		const {corpus, layer} = pair(reference, compared);
		const changes = planTakeSentence(corpus, layer, 5);
		assert.equal(changes.length, 3);
		const history = new History();
		history.apply(corpus, {changes, sentence: 5, token: 0, description: 'take sentence'});
		assert.equal(tagsOf(corpus, 5), 'B-ORG I-ORG I-ORG');
		assert.deepEqual(planTakeSentence(corpus, layer, 4), []);
	});

	test('written in the file\'s own scheme (IOB1 here, IOB2 there), touching only what differs', () => {
		const corpus = indexCorpus(Buffer.from('a I-PER\nb I-PER\nc O\nd I-LOC\ne I-LOC\n'), {scheme: 'IOB1'});
		const layer = readLayer(openCompareFile(corpus, Buffer.from('a B-PER\nb O\nc O\nd B-LOC\ne B-LOC\n'), 'b.conll'));
		const history = new History();
		history.apply(corpus, {changes: planTakeSentence(corpus, layer, 0), sentence: 0, token: 0, description: 'take'});
		assert.equal(tagsOf(corpus, 0), 'I-PER O O I-LOC B-LOC');
		assert.deepEqual(compareSentence(corpus, layer, 0).differences, []);
	});
});

describe('alignment', () => {
	const a = 'a O\nb O\nc O\n\nd O\ne O\n';

	test('a second file in another layout, with the same tokens, aligns', () => {
		const {layer} = pair(a, '<s>\na\tO\nb\tB-X\nc\tO\n</s>\n<s>\nd\tO\ne\tO\n</s>\n');
		assert.equal(layer.complete, true);
		assert.equal(layer.decode(0).spans[0]?.type, 'X');
	});

	test('different tokens: one line naming the first differing line of each file', () => {
		assertRefused(() => pair(a, '# a comment\na O\nb O\nX O\n\nd O\ne O\n'), 'a.conll:3: the tokens differ: "c" here, "X" at b.conll:4');
	});

	test('a sentence break in one file only', () => {
		assertRefused(() => pair(a, 'a O\nb O\n\nc O\n\nd O\ne O\n'), 'a.conll:3: "c" goes on with the sentence here, but a sentence starts at b.conll:4');
		assertRefused(() => pair(a, 'a O\nb O\nc O\nd O\ne O\n'), 'a.conll:5: a sentence starts with "d" here, but b.conll:4 goes on with the sentence before');
	});

	test('one file ending before the other', () => {
		assertRefused(() => pair(a, 'a O\nb O\nc O\n\nd O\n'), 'a.conll:6: "e" is here, but b.conll ends after line 5');
		assertRefused(() => pair(a, 'a O\nb O\nc O\n\nd O\ne O\nf O\n'), 'a.conll:6: the file ends after this line, but b.conll:7 goes on with "f"');
		assertRefused(() => pair(a, 'a O\nb O\nc O\n\nd O\ne O\n\nf O\n'), 'a.conll:6: the file ends after this line, but b.conll:8 goes on with "f"');
	});

	test('a MISC key given for the corpus is tried on the other file, which is read as detected when it lacks the key', () => {
		const conllu = (key: string) => '# text = a b\n1\ta\t_\t_\t_\t_\t0\troot\t_\t' + key + '=B-PER\n2\tb\t_\t_\t_\t_\t1\tdep\t_\t' + key + '=O\n';
		const corpus = indexCorpus(Buffer.from(conllu('Ent')), {miscKey: 'Ent'});
		assert.deepEqual(readLayer(openCompareFile(corpus, Buffer.from(conllu('Ent')), 'b.conllu', {miscKey: 'Ent'})).decode(0).spans, [{start: 0, end: 1, type: 'PER'}]);
		assert.deepEqual(readLayer(openCompareFile(corpus, Buffer.from('a B-LOC\nb O\n'), 'b.conll', {miscKey: 'Ent'})).decode(0).spans, [{start: 0, end: 1, type: 'LOC'}]);
		assertRefused(() => openCompareFile(corpus, Buffer.from('a x\nb y\n'), 'b.conll', {miscKey: 'Ent'}), 'b.conll:1: no MISC item Ent=... in the first lines (--misc-key)');
	});

	test('a problem in the other file names that file', () => {
		const corpus = indexCorpus(Buffer.from(a));
		assertRefused(() => readLayer(openCompareFile(corpus, Buffer.from('<s>\na\tO\n'), 'b.conll')), 'b.conll:1: <s> is never closed by </s>');
		assertRefused(() => readLayer(openCompareFile(corpus, Buffer.alloc(0), 'b.conll')), 'b.conll: the file has no tokens (it is empty or blank)');
	});

	test('read in slices with the corpus itself indexed in slices: the same tags, and a difference deep in the file found', () => {
		const random = prng(16);
		const tags = ['O', 'O', 'O', 'B-PER', 'I-PER', 'B-LOC'];
		const sentences: string[][] = [];
		for (let sentence = 0; sentence < 3000; sentence++) {
			sentences.push(Array.from({length: 1 + Math.floor(random() * 12)}, (_, index) => `w${sentence}_${index}`));
		}

		const write = (change?: number) => sentences.map((words, sentence) => words.map(word => `${sentence === change ? `${word}x` : word} ${tags[Math.floor(random() * tags.length)]!}`).join('\n')).join('\n\n') + '\n';
		const aBytes = Buffer.from(write());
		const bBytes = Buffer.from(write());
		const whole = readLayer(openCompareFile(indexCorpus(aBytes), bBytes, 'b.conll'));
		const indexer = openIndexer(aBytes);
		const reader = openCompareFile(indexer.corpus, bBytes, 'b.conll');
		let steps = 0;
		for (let done = false; !done; steps++) {
			indexer.step(4096);
			done = reader.step(4096);
			if (steps === 3) {
				// Part way through, the sentences read so far are there to compare.
				assert.ok(reader.layer.tokenCount > 0 && !reader.layer.complete);
				assert.ok(reader.layer.has(0));
				assert.deepEqual(reader.layer.decode(0), whole.decode(0));
			}
		}

		assert.ok(steps > 10, 'read in many slices');
		assert.equal(reader.layer.tokenCount, indexer.corpus.tokenCount);
		assert.deepEqual(reader.layer.tagIds.subarray(0, reader.layer.tokenCount), whole.tagIds.subarray(0, whole.tokenCount));
		const changed = Buffer.from(write(2500));
		const line = aBytes.toString('utf8').split('\n').findIndex(text => text.startsWith(`${sentences[2500]![0]!} `)) + 1;
		const slicedIndexer = openIndexer(aBytes);
		const slicedReader = openCompareFile(slicedIndexer.corpus, changed, 'b.conll');
		assertRefused(() => {
			for (let done = false; !done;) {
				slicedIndexer.step(4096);
				done = slicedReader.step(4096);
			}
		}, `a.conll:${line}: the tokens differ: "${sentences[2500]![0]!}" here, "${sentences[2500]![0]!}x" at b.conll:${line}`);
	});
});

describe('another column of the same file', () => {
	const conllevalFile = 'EU NNP B-NP B-ORG B-ORG\nrejects VBZ B-VP O O\nGerman JJ B-NP B-MISC B-LOC\ncall NN I-NP O O\n\nPeter NNP B-NP B-PER B-PER\nBlackburn NNP I-NP I-PER O\n';

	test('a conlleval file: the gold column edited, the predictions as the other side', () => {
		const corpus = indexCorpus(Buffer.from(conllevalFile));
		const layer = readLayer(openTagColumn(corpus, 4));
		const comparison = compareCorpus(corpus, layer);
		assert.deepEqual(comparison.differences, {type: 1, boundary: 1, onlyInReference: 0, onlyInCompared: 0});
		assert.equal(comparison.overall.correct, 1);
		assert.equal(comparison.overall.reference, 3);
		assert.equal(comparison.overall.predicted, 3);
	});

	test('the edited column itself, and a line without the column, are refused', () => {
		const corpus = indexCorpus(Buffer.from(conllevalFile));
		assertRefused(() => openTagColumn(corpus, 3), 'a.conll: column 4 is the tag column it is compared with: give another one (--compare-column)');
		const short = indexCorpus(Buffer.from('EU NNP B-ORG B-ORG\nrejects VBZ O\n'), {tagColumn: 3});
		assertRefused(() => readLayer(openTagColumn(short, 3)), 'a.conll:2: the token line has no column 4 (--compare-column)');
	});
});
