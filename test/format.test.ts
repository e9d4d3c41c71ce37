import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {CorpusError} from '../source/corpus/errors.js';
import {detectFormat, sampleBytes} from '../source/corpus/format.js';
import {indexCorpus} from '../source/corpus/index.js';
import {serialize} from '../source/corpus/serialize.js';

/** Asserts that `run` throws a CorpusError at `line` whose message matches `message`. */
function assertCorpusError(run: () => unknown, line: number | undefined, message: RegExp) {
	assert.throws(run, (error: unknown) => {
		assert.ok(error instanceof CorpusError, `expected a CorpusError, got ${String(error)}`);
		assert.equal(error.line, line);
		assert.match(error.message, message);
		return true;
	});
}

const seed = Buffer.from('<s>\nWindows 95\tB-Operating_System\nruns\tO\nDOS\tB-Device\n</s>\n<s>\nHi\tO\n</s>\n');

const conll2003 = Buffer.from([
	'-DOCSTART- -X- -X- O',
	'',
	'EU NNP B-NP B-ORG',
	'rejects VBZ B-VP O',
	'German JJ B-NP B-MISC',
	'call NN I-NP O',
	'',
	'Peter NNP B-NP B-PER',
	'Blackburn NNP I-NP I-PER',
	'',
].join('\n'));

const softner = Buffer.from([
	'',
	'I\tO\tCTC_PRED:0\tpred_seg_label:O',
	'use\tO\tCTC_PRED:0\tpred_seg_label:O',
	'Python\tB-Language\tCTC_PRED:1\tpred_seg_label:B-Language',
	'3\tI-Language\tCTC_PRED:1\tpred_seg_label:I-Language',
	'',
	'ok\tO\tCTC_PRED:0\tpred_seg_label:O',
	'',
].join('\n'));

const uner = Buffer.from([
	'# newdoc id = weblog-1',
	'# sent_id = weblog-1-0001',
	'# text = What if Google Morphed Into GoogleOS?',
	'1\tWhat\tO\t-\t-',
	'2\tif\tO\t-\t-',
	'3\tGoogle\tB-ORG\t-\tann7',
	'4\tMorphed\tO\t-\tann7',
	'5-6\tGoogleOS?\tO\t-\tann7',
	'',
	'# sent_id = weblog-1-0002',
	'1\tBoston\tB-LOC\t-\tann2',
	'',
].join('\n'));

describe('detectFormat', () => {
	test('seed format: <s>/</s> markers, token<TAB>tag', () => {
		assert.deepEqual(detectFormat(seed), {layout: 'sentence-markers', separator: 'tab', tokenColumn: 0, tagColumn: 1, tagIsLast: true, tagColumns: [1], scheme: 'IOB2', schemeGiven: false, contentStart: 0, warning: undefined});
	});

	test('CoNLL-2003: 4 space-separated columns, -DOCSTART-, tag in the last column', () => {
		assert.deepEqual(detectFormat(conll2003), {layout: 'blank-lines', separator: 'space', tokenColumn: 0, tagColumn: 3, tagIsLast: true, tagColumns: [3], scheme: 'IOB2', schemeGiven: false, contentStart: 0, warning: undefined});
	});

	test('softner: the tag column is followed by prediction columns that are not tags', () => {
		const format = detectFormat(softner);
		assert.equal(format.layout, 'blank-lines');
		assert.equal(format.separator, 'tab');
		assert.equal(format.tokenColumn, 0);
		assert.equal(format.tagColumn, 1);
		assert.equal(format.scheme, 'IOB2');
		const corpus = indexCorpus(softner);
		assert.equal(corpus.tag(2).text, 'B-Language');
		assert.equal(corpus.tokenText(3), '3');
	});

	test('UNER: ID, FORM, tag, -, annotator with # comments => token column 1, tag column 2', () => {
		const format = detectFormat(uner);
		assert.equal(format.layout, 'blank-lines');
		assert.equal(format.separator, 'tab');
		assert.equal(format.tokenColumn, 1);
		assert.equal(format.tagColumn, 2);
		assert.equal(format.scheme, 'IOB2');
		const corpus = indexCorpus(uner);
		assert.equal(corpus.sentenceCount, 2);
		assert.equal(corpus.tokenText(2), 'Google');
		assert.equal(corpus.tokenText(5), 'Boston');
		assert.deepEqual(corpus.decode(1).spans, [{start: 0, end: 1, type: 'LOC'}]);
	});

	test('a two-column file whose first column is numbers keeps the token in column 0', () => {
		const format = detectFormat(Buffer.from('1\tO\n2\tB-NUM\n'));
		assert.equal(format.tokenColumn, 0);
		assert.equal(format.tagColumn, 1);
	});

	test('tokens containing spaces in a tab-separated file stay whole', () => {
		const bytes = Buffer.from('Windows 95\tB-OS\nMac OS X\tB-OS\nis\tO\n\n');
		const format = detectFormat(bytes);
		assert.equal(format.separator, 'tab');
		assert.equal(format.tagColumn, 1);
		const corpus = indexCorpus(bytes);
		assert.equal(corpus.tokenCount, 3);
		assert.equal(corpus.tokenText(0), 'Windows 95');
		assert.equal(corpus.tokenText(1), 'Mac OS X');
		assert.equal(corpus.tag(1).text, 'B-OS');
	});

	test('--tag-column overrides the guess (1-based), and a chunk column earns a warning', () => {
		const format = detectFormat(conll2003, {tagColumn: 3});
		assert.equal(format.tagColumn, 2);
		assert.match(format.warning ?? '', /chunk tags/);
		assert.match(format.warning ?? '', /--tag-column/);
		assert.equal(detectFormat(conll2003, {tagColumn: 4}).tagColumn, 3);
	});

	test('--tag-column 2 where column 1 numbers the tokens (GermEval, CoNLL-U) is refused: column 2 is the token (QA: R then wrote O over every word)', () => {
		const germEval = Buffer.from('#\tsource\n1\tAufgrund\tO\tO\n2\tder\tO\tO\n3\tUniversität\tB-ORG\tO\n4\tHamburg\tI-ORG\tB-LOC\n');
		assertCorpusError(() => detectFormat(germEval, {tagColumn: 2}), 2, /column 2 holds the tokens \(column 1 numbers them\)/);
		assert.equal(detectFormat(germEval, {tagColumn: 3}).tagColumn, 2);
		assert.equal(detectFormat(germEval).tokenColumn, 1);
		// Numbers as the tokens of a two-column file: column 2 is the tags, as always.
		assert.equal(detectFormat(Buffer.from('1\tB-NUM\n2\tO\n\n3\tO\n'), {tagColumn: 2}).tagColumn, 1);
	});

	test('a first token line longer than the sample (16 KB) is read whole: its tag is found (QA: refused as having no tag column)', () => {
		const format = detectFormat(Buffer.from(`${'A'.repeat(20 * 1024)}\tB-PER\ny\tO\n\nok\tO\n`));
		assert.equal(format.tagColumn, 1);
		assert.equal(format.scheme, 'IOB2');
		assert.equal(detectFormat(Buffer.from(`${'A'.repeat(20 * 1024)}\tB-PER`)).tagColumn, 1, 'the only line, with no newline');
	});

	test('--tag-column beyond the columns is refused with the line number', () => {
		assertCorpusError(() => detectFormat(conll2003, {tagColumn: 5}), 3, /no column 5/);
	});

	test('a file whose last column is chunk tags (eng.testb) loads with a warning', () => {
		const bytes = Buffer.from('-DOCSTART- -X- O\n\nSOCCER NN I-NP\n- : O\nJAPAN NNP I-NP\nGET VB I-VP\n\n');
		const format = detectFormat(bytes);
		assert.equal(format.tagColumn, 2);
		assert.match(format.warning ?? '', /column 3 looks like chunk tags/);
	});

	test('--scheme overrides the guess', () => {
		assert.equal(detectFormat(conll2003).scheme, 'IOB2');
		assert.equal(detectFormat(conll2003, {scheme: 'IOB1'}).scheme, 'IOB1');
		assert.equal(detectFormat(conll2003, {scheme: 'BIOES'}).scheme, 'BIOES');
	});

	test('the scheme is detected from the sample: IOB1, BIOES, BMES', () => {
		// IOB1 and IO differ only by IOB1's B- between adjacent same-type entities, so the sample has one.
		assert.equal(detectFormat(Buffer.from('-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\nBritish JJ I-NP B-MISC\n\n')).scheme, 'IOB1');
		assert.equal(detectFormat(Buffer.from('EU I-ORG\nrejects O\nGerman I-MISC\n\n')).scheme, 'IO');
		assert.equal(detectFormat(Buffer.from('-DOCSTART- O\n\nEU S-ORG\nrejects O\nPeter B-PER\nBlackburn E-PER\n')).scheme, 'BIOES');
		assert.equal(detectFormat(Buffer.from('高 B-NAME\n勇 E-NAME\n男 O\n\n中 B-ORG\n国 M-ORG\n人 E-ORG\n')).scheme, 'BMES');
	});

	test('UTF-8 BOM: content starts after it and the bytes keep it', () => {
		const bytes = Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), seed]);
		const format = detectFormat(bytes);
		assert.equal(format.contentStart, 3);
		assert.equal(format.layout, 'sentence-markers');
		const corpus = indexCorpus(bytes);
		assert.equal(corpus.tokenText(0), 'Windows 95');
		assert.equal(corpus.sentenceCount, 2);
		assert.ok(serialize(corpus).equals(bytes));

		const blankLines = Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from('EU B-ORG\nrejects O\n')]);
		const bomCorpus = indexCorpus(blankLines);
		assert.equal(bomCorpus.tokenText(0), 'EU');
		assert.equal(bomCorpus.lineOf(1), 2);
	});

	test('CRLF line endings: tags and tokens carry no carriage return', () => {
		const bytes = Buffer.from('-DOCSTART- -X- O O\r\n\r\nEU NNP I-NP I-ORG\r\nrejects VBZ I-VP O\r\n\r\nPeter NNP I-NP I-PER\r\nPaul NNP I-NP B-PER\r\n');
		const format = detectFormat(bytes);
		assert.equal(format.layout, 'blank-lines');
		assert.equal(format.separator, 'space');
		assert.equal(format.tagColumn, 3);
		assert.equal(format.scheme, 'IOB1');
		const corpus = indexCorpus(bytes);
		assert.equal(corpus.sentenceCount, 2);
		assert.equal(corpus.tag(0).text, 'I-ORG');
		assert.equal(corpus.tag(1).text, 'O');
		assert.equal(corpus.tokenText(2), 'Peter');

		const tabs = Buffer.from('<s>\r\nWindows 95\tB-OS\r\n</s>\r\n');
		assert.equal(detectFormat(tabs).layout, 'sentence-markers');
		assert.equal(indexCorpus(tabs).tag(0).text, 'B-OS');
	});

	test('UTF-16 is refused (both byte orders) at line 1', () => {
		const text = 'EU\tB-ORG\n';
		const littleEndian = Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(text, 'utf16le')]);
		const bigEndian = Buffer.concat([Buffer.from([0xFE, 0xFF]), Buffer.from(text, 'utf16le').swap16()]);
		assertCorpusError(() => detectFormat(littleEndian), 1, /UTF-16/);
		assertCorpusError(() => detectFormat(bigEndian), 1, /UTF-16/);
	});

	test('a file without a tag column is refused with the line number', () => {
		assertCorpusError(() => detectFormat(Buffer.from('<s>\nhello\nworld\n</s>\n')), 2, /no tag column/);
		assertCorpusError(() => detectFormat(Buffer.from('\n\nhello\n')), 3, /no tag column/);
		// Two columns, neither of them tags: the message names the offending cell.
		assertCorpusError(() => detectFormat(Buffer.from('# comment\nhello world\nfoo bar\n')), 2, /"world" is not a tag/);
	});

	test('empty, blank and token-less files are refused', () => {
		assertCorpusError(() => detectFormat(Buffer.alloc(0)), undefined, /no tokens/);
		assertCorpusError(() => detectFormat(Buffer.from('\n \t\n\r\n')), undefined, /no tokens/);
		assertCorpusError(() => detectFormat(Buffer.from('<s>\n</s>\n')), 1, /no token lines/);
	});

	test('guesses read only the sample at the start of the file', () => {
		// Past the sample, a file may change its mind: the guess must not look there.
		const head = '<s>\n' + 'word\tO\n'.repeat(Math.ceil(sampleBytes / 7) + 10) + '</s>\n';
		const bytes = Buffer.from(head + '<s>\nwhat ever\n</s>\n');
		const format = detectFormat(bytes);
		assert.equal(format.tagColumn, 1);
		assert.equal(format.layout, 'sentence-markers');
	});

	test('the tag column is found when a few sample lines are not tags (98% rule)', () => {
		const lines = Array.from({length: 100}, (_, i) => `w${i}\t${i % 10 === 0 ? 'B-PER' : 'O'}`);
		lines.push('odd\tNOTATAG');
		assert.equal(detectFormat(Buffer.from(lines.join('\n') + '\n')).tagColumn, 1);
		lines.push('odd\tNOTATAG', 'odd\tNOTATAG');
		assertCorpusError(() => detectFormat(Buffer.from(lines.join('\n') + '\n')), 101, /"NOTATAG" is not a tag/);
	});

	test('in a small file, one or two cells that are no tags do not hide the column (they are shown with a !, to be fixed)', () => {
		const good = 'EU\tB-ORG\nrejects\tO\nGerman\tB-MISC\ncall\tO\n\n';
		assert.equal(detectFormat(Buffer.from(`${good}e\tb-per\nf\tO\n\n${good}`)).tagColumn, 1);
		assert.equal(detectFormat(Buffer.from(`${good}e\tb-per\nf\tFOO\n\n${good}${good}`)).tagColumn, 1);
		assertCorpusError(() => detectFormat(Buffer.from('EU\tNNP\nrejects\tVBZ\n\nGerman\tJJ\n')), 1, /"NNP" is not a tag/);
	});

	test('lines that end in a carriage return alone, or in two before the line feed, are named as such (tab or space separated)', () => {
		assertCorpusError(() => detectFormat(Buffer.from('EU B-ORG\rrejects O\r\rPeter B-PER\r')), 1, /^lines end in a carriage return alone \(an old Mac file\)/);
		assertCorpusError(() => detectFormat(Buffer.from('EU\tB-ORG\r\nrejects\tO\r\r\n')), 2, /^the line ends in two carriage returns before its line feed/);
		assert.equal(detectFormat(Buffer.from('EU\tB-ORG\r\nrejects\tO\r\n')).tagColumn, 1, 'CRLF is fine');
	});

	test('a line holding one cell among lines of two: the message names that line and says it has no tag', () => {
		assertCorpusError(() => detectFormat(Buffer.from('EU\tB-ORG\nB-PER\n\nPeter\tB-PER\n')), 2, /^the token line has no tag in column 2$/);
	});
});
