import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type {Corpus} from '../source/corpus/corpus.js';
import {CorpusError} from '../source/corpus/errors.js';
import {detectFormat, sampleBytes, type Format} from '../source/corpus/format.js';
import {Indexer, indexCorpus} from '../source/corpus/index.js';
import {serialize} from '../source/corpus/serialize.js';
import {Session} from '../source/corpus/session.js';

function assertCorpusError(run: () => unknown, line: number, message: RegExp) {
	assert.throws(run, (error: unknown) => {
		assert.ok(error instanceof CorpusError, `expected a CorpusError, got ${String(error)}`);
		assert.equal(error.line, line);
		assert.match(error.message, message);
		return true;
	});
}

/** Sentences as arrays of [token text, tag text], read through the public accessors. */
function sentences(corpus: Corpus): Array<Array<[string, string]>> {
	const result: Array<Array<[string, string]>> = [];
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		const [first, end] = corpus.sentenceTokens(sentence);
		const tokens: Array<[string, string]> = [];
		for (let token = first; token < end; token++) {
			tokens.push([corpus.tokenText(token), corpus.tag(token).text]);
		}

		result.push(tokens);
	}

	return result;
}

/** The meaningful part of every index array. */
function snapshot(corpus: Corpus) {
	return {
		tokenCount: corpus.tokenCount,
		sentenceCount: corpus.sentenceCount,
		tokenLineStart: Array.from({length: corpus.tokenCount}, (_, token) => corpus.tokenLineStart(token)),
		sentenceOffset: [...corpus.sentenceOffset.subarray(0, corpus.sentenceCount)],
		tags: Array.from(corpus.tagIds.subarray(0, corpus.tokenCount), id => corpus.tags.text(id)),
		sentenceStart: [...corpus.sentenceStart.subarray(0, corpus.sentenceCount + 1)],
		sentenceLine: [...corpus.sentenceLine.subarray(0, corpus.sentenceCount)],
		complete: corpus.complete,
	};
}

const markers = Buffer.from('<s>\nWindows 95\tB-OS\nruns\tO\n</s>\n<s>\n</s>\n\n<s>\nDOS\tB-Device\n\nis\tO\nold\tO\n</s>\n');
const blank = Buffer.from('\n\nEU\tB-ORG\nrejects\tO\n\n\n\nGerman\tB-MISC\n \ncall\tO\n\t\nPeter\tB-PER\nBlackburn\tI-PER');

describe('sentences and tokens', () => {
	test('sentence-markers layout: markers delimit sentences, blank lines inside are ignored, empty sentences are skipped', () => {
		const corpus = indexCorpus(markers);
		assert.equal(corpus.sentenceCount, 2);
		assert.equal(corpus.tokenCount, 5);
		assert.deepEqual(sentences(corpus), [
			[['Windows 95', 'B-OS'], ['runs', 'O']],
			[['DOS', 'B-Device'], ['is', 'O'], ['old', 'O']],
		]);
		assert.deepEqual([...corpus.sentenceLine.subarray(0, 2)], [2, 9]);
		assert.deepEqual(corpus.sentenceTokens(1), [2, 5]);
		assert.equal(corpus.sentenceLength(1), 3);
		assert.equal(corpus.complete, true);
	});

	test('blank-lines layout: runs of blank lines, a line of spaces and a lone TAB are breaks; no final newline', () => {
		const corpus = indexCorpus(blank);
		assert.deepEqual(sentences(corpus), [
			[['EU', 'B-ORG'], ['rejects', 'O']],
			[['German', 'B-MISC']],
			[['call', 'O']],
			[['Peter', 'B-PER'], ['Blackburn', 'I-PER']],
		]);
		assert.deepEqual([...corpus.sentenceLine.subarray(0, 4)], [3, 8, 10, 12]);
		assert.deepEqual(corpus.decode(3).spans, [{start: 0, end: 2, type: 'PER'}]);
	});

	test('the wnut17 break: a line holding only a TAB between sentences', () => {
		const corpus = indexCorpus(Buffer.from('@paul\tB-person\nsaid\tO\n\t\nhi\tO\n\t\n'));
		assert.equal(corpus.sentenceCount, 2);
		assert.equal(corpus.tokenCount, 3);
		assert.equal(corpus.tokenText(0), '@paul');
	});

	test('`#hashtag\\tO` is a token, `# sent_id = x` is a comment that ends a sentence', () => {
		const bytes = Buffer.from('# sent_id = x\n#hashtag\tO\n#OOTD\tB-product\nwow\tO\n# text = next\n#\tO\n\n');
		const corpus = indexCorpus(bytes);
		assert.deepEqual(sentences(corpus), [
			[['#hashtag', 'O'], ['#OOTD', 'B-product'], ['wow', 'O']],
			[['#', 'O']],
		]);
		assert.deepEqual([...corpus.sentenceLine.subarray(0, 2)], [2, 6]);
	});

	test('comments in a UNER file (tag in column 2) are not tokens', () => {
		const corpus = indexCorpus(Buffer.from('# sent_id = a\n# text = Hi Bob\n1\tHi\tO\t-\t-\n2\tBob\tB-PER\t-\t-\n\n# sent_id = b\n1\t#\tO\t-\t-\n\n'));
		assert.deepEqual(sentences(corpus), [[['Hi', 'O'], ['Bob', 'B-PER']], [['#', 'O']]]);
	});

	test('-DOCSTART- is a boundary even without a blank line around it', () => {
		const corpus = indexCorpus(Buffer.from('-DOCSTART- -X- -X- O\nEU NNP B-NP B-ORG\n-DOCSTART- -X- -X- O\nPeter NNP B-NP B-PER\n\n-DOCSTART- -X- -X- O\n\n'));
		assert.deepEqual(sentences(corpus), [[['EU', 'B-ORG']], [['Peter', 'B-PER']]]);
		assert.deepEqual([...corpus.sentenceLine.subarray(0, 2)], [2, 4]);
	});

	test('sentenceOf finds the sentence of every token', () => {
		const corpus = indexCorpus(blank);
		assert.deepEqual(Array.from({length: corpus.tokenCount}, (_, token) => corpus.sentenceOf(token)), [0, 0, 1, 2, 3, 3]);
	});
});

describe('errors carry the line number', () => {
	test('<s> never closed', () => {
		assertCorpusError(() => indexCorpus(Buffer.from('<s>\na\tO\n</s>\n<s>\nb\tO\n')), 4, /never closed/);
	});

	test('</s> without <s>', () => {
		assertCorpusError(() => indexCorpus(Buffer.from('<s>\na\tO\n</s>\n</s>\n')), 4, /<\/s> without a matching <s>/);
	});

	test('nested <s> names the line of the open one', () => {
		assertCorpusError(() => indexCorpus(Buffer.from('<s>\na\tO\n\n<s>\nb\tO\n</s>\n')), 4, /<s> inside the sentence opened at line 1/);
	});

	test('a token line without a tag column (past what detection tolerates)', () => {
		// 1 bad line in 101 passes the detector's 98% rule; the indexer still refuses it.
		const lines = Array.from({length: 100}, (_, i) => `w${i}\tO`);
		lines.splice(50, 0, 'lonely');
		assertCorpusError(() => indexCorpus(Buffer.from(lines.join('\n') + '\n')), 51, /no tag in column 2/);
	});

	test('a token line without a tag column after the detection sample', () => {
		const good = 'word\tO\n'.repeat(Math.ceil(sampleBytes / 7) + 1);
		const lineCount = good.split('\n').length - 1;
		assertCorpusError(() => indexCorpus(Buffer.from(good + 'lonely\n')), lineCount + 1, /no tag in column 2/);
	});

	test('a token line without the tag column given by the format', () => {
		const format: Format = {layout: 'blank-lines', separator: 'space', tokenColumn: 0, tagColumn: 3, tagIsLast: false, tagColumns: [3], scheme: 'IOB2', schemeGiven: true, contentStart: 0};
		const indexer = new Indexer(Buffer.from('EU NNP B-NP B-ORG\nrejects VBZ B-VP\n'), format);
		assertCorpusError(() => indexer.step(), 2, /no tag in column 4/);
	});

	test('a NUL byte after the detection sample is refused with its line, at once or slice by slice, even in the tag cell', () => {
		const good = '<s>\n' + 'word\tO\n'.repeat(Math.ceil(sampleBytes / 7) + 500) + '</s>\n';
		const nulLine = good.split('\n').length;
		const bytes = Buffer.from(good + '<s>\nbad\tB-\u0000PER\n</s>\n', 'latin1');
		assertCorpusError(() => indexCorpus(bytes), nulLine + 1, /^NUL byte: a binary file/);
		const indexer = new Indexer(bytes, detectFormat(bytes));
		assertCorpusError(() => {
			// Slices that end in the middle of lines, as the App's background indexing takes them.
			while (!indexer.step(1000)) {}
		}, nulLine + 1, /^NUL byte/);
	});

	test('a NUL byte in the detection sample is refused before detection guesses anything', () => {
		assertCorpusError(() => detectFormat(Buffer.from('<s>\nGit\tB-Application\nis\u0000\tO\n</s>\n', 'latin1')), 3, /^NUL byte/);
	});

	test('a token outside <s> ... </s>', () => {
		assertCorpusError(() => indexCorpus(Buffer.from('<s>\na\tO\n</s>\nb\tO\n<s>\nc\tO\n</s>\n')), 4, /outside <s>/);
	});
});

describe('incremental indexing', () => {
	const fixtures: Array<[string, Buffer]> = [
		['markers', markers],
		['blank lines', blank],
		['CRLF CoNLL', Buffer.from('-DOCSTART- -X- O O\r\n\r\nEU NNP I-NP I-ORG\r\nrejects VBZ I-VP O\r\n\r\nPeter NNP I-NP I-PER\r\nPaul NNP I-NP B-PER\r\n')],
		['many sentences', Buffer.from(Array.from({length: 3000}, (_, i) => `<s>\nt${i}\t${i % 3 === 0 ? 'B-X' : 'O'}\nu${i}\tO\n</s>\n`).join(''))],
	];
	const wikiser = path.resolve(import.meta.dirname, '../../shared/corpora/wikiser/sner/test.txt');

	for (const [name, bytes] of fixtures) {
		test(`${name}: step(budget) in small slices gives the arrays of one step()`, () => {
			const whole = indexCorpus(bytes);
			for (const budget of [1, 2, 5, 17, 256]) {
				const indexer = new Indexer(bytes, detectFormat(bytes));
				let steps = 0;
				let previous = -1;
				while (!indexer.step(budget)) {
					assert.ok(indexer.progress > previous && indexer.progress < 1, `progress ${indexer.progress} after ${previous}`);
					assert.equal(indexer.corpus.complete, false);
					previous = indexer.progress;
					steps++;
				}

				assert.equal(indexer.progress, 1);
				assert.ok(steps > 0 || bytes.length <= budget);
				assert.deepEqual(snapshot(indexer.corpus), snapshot(whole), `budget ${budget}`);
			}
		});
	}

	test('a real corpus indexed in 4 KiB slices matches one step()', {skip: fs.existsSync(wikiser) ? false : `${wikiser} is absent`}, () => {
		const bytes = fs.readFileSync(wikiser);
		const whole = indexCorpus(bytes);
		const indexer = new Indexer(bytes, detectFormat(bytes));
		let steps = 0;
		while (!indexer.step(4096)) {
			steps++;
		}

		assert.ok(steps > 10);
		assert.deepEqual(snapshot(indexer.corpus), snapshot(whole));
		assert.equal(whole.tokenCount, 9751);
	});

	test('an error past the first slices is thrown by the slice that reaches it', () => {
		const bytes = Buffer.from('<s>\na\tO\n</s>\n'.repeat(50) + '</s>\n');
		const indexer = new Indexer(bytes, detectFormat(bytes));
		assert.equal(indexer.step(100), false);
		assertCorpusError(() => {
			while (!indexer.step(100)) {}
		}, 151, /without a matching <s>/);
	});
});

describe('lineOf and tokenText', () => {
	test('blank lines, comments and markers are counted', () => {
		const corpus = indexCorpus(Buffer.from('# c\n\nA\tO\n\n\n# c\nB\tO\nC\tO\n\nD\tO\n'));
		assert.deepEqual(Array.from({length: corpus.tokenCount}, (_, token) => corpus.lineOf(token)), [3, 7, 8, 10]);
		assert.deepEqual(Array.from({length: corpus.tokenCount}, (_, token) => corpus.tokenText(token)), ['A', 'B', 'C', 'D']);
		const marked = indexCorpus(markers);
		assert.deepEqual(Array.from({length: marked.tokenCount}, (_, token) => marked.lineOf(token)), [2, 3, 9, 11, 12]);
	});

	test('CRLF: lines count and the token has no carriage return', () => {
		const corpus = indexCorpus(Buffer.from('EU\tI-ORG\r\n\r\nrejects\tO\r\nGerman\tI-MISC\r\n'));
		assert.deepEqual([0, 1, 2].map(token => corpus.lineOf(token)), [1, 3, 4]);
		assert.deepEqual([0, 1, 2].map(token => corpus.tokenText(token)), ['EU', 'rejects', 'German']);
		assert.equal(corpus.tag(2).text, 'I-MISC');
	});

	test('invalid UTF-8 (a CESU-8 surrogate half, as in weiboNER) becomes U+FFFD and does not disturb its neighbours', () => {
		const bytes = Buffer.concat([
			Buffer.from('科\tB-ORG\n'),
			Buffer.from([0xED, 0xA0, 0xBD, 0x09, 0x4F, 0x0A]),
			Buffer.from([0xED, 0xB2, 0x8B, 0x09, 0x4F, 0x0A]),
			Buffer.from('技\tO\n\n大\tB-PER.NOM\n'),
		]);
		const corpus = indexCorpus(bytes);
		assert.equal(corpus.tokenCount, 5);
		assert.equal(corpus.sentenceCount, 2);
		assert.match(corpus.tokenText(1), /^\uFFFD+$/);
		assert.match(corpus.tokenText(2), /^\uFFFD+$/);
		assert.deepEqual([0, 3, 4].map(token => corpus.tokenText(token)), ['科', '技', '大']);
		assert.deepEqual(Array.from({length: 5}, (_, token) => corpus.lineOf(token)), [1, 2, 3, 4, 6]);
		assert.deepEqual(Array.from({length: 5}, (_, token) => corpus.tag(token).text), ['B-ORG', 'O', 'O', 'O', 'B-PER.NOM']);
	});

	test('tag cells with different invalid bytes keep distinct ids', () => {
		const bytes = Buffer.concat([
			Buffer.from('a\tO\nb\t'), Buffer.from([0xFF]), Buffer.from('\nc\t'), Buffer.from([0xFE]), Buffer.from('\nd\t'), Buffer.from([0xFF]), Buffer.from('\n'),
		]);
		const format: Format = {layout: 'blank-lines', separator: 'tab', tokenColumn: 0, tagColumn: 1, tagIsLast: false, tagColumns: [1], scheme: 'IOB2', schemeGiven: true, contentStart: 0};
		const indexer = new Indexer(bytes, format);
		indexer.step();
		const {corpus} = indexer;
		assert.equal(corpus.tagIds[1], corpus.tagIds[3]);
		assert.notEqual(corpus.tagIds[1], corpus.tagIds[2]);
		assert.deepEqual([...corpus.tags.bytes(corpus.tagIds[2]!)], [0xFE]);
	});

	test('tagCellRange points at the tag bytes in every layout', () => {
		const cases: Array<[string, string[]]> = [
			['EU NNP B-NP B-ORG\r\nrejects  VBZ B-VP   O  \r\n', ['B-ORG', 'O']],
			['Windows 95\tB-OS\tCTC_PRED:1\n is \t O \n', ['B-OS', 'O']],
			['1\tWhat\tB-X\t-\t-\n', ['B-X']],
		];
		for (const [text, tags] of cases) {
			const bytes = Buffer.from(text);
			const corpus = indexCorpus(bytes);
			assert.deepEqual(Array.from({length: corpus.tokenCount}, (_, token) => {
				const [start, end] = corpus.tagCellRange(token);
				return bytes.toString('utf8', start, end);
			}), tags, JSON.stringify(text));
		}
	});
});

describe('scheme refined by the whole file', () => {
	test('an IOB1 file whose first B- comes after the sample is read as IOB1, not IO', () => {
		const filler = 'Peter I-PER\nsaid O\n\n'.repeat(8000);
		const corpus = indexCorpus(Buffer.from(`${filler}Peter I-PER\nPaul B-PER\n`));
		assert.equal(corpus.format.scheme, 'IOB1');
		const last = corpus.sentenceCount - 1;
		assert.deepEqual(corpus.decode(last).spans.map(span => [span.start, span.end, span.type]), [[0, 1, 'PER'], [1, 2, 'PER']]);
		assert.deepEqual(corpus.decode(last).invalid, []);
	});

	test('a scheme given with --scheme is kept', () => {
		const corpus = indexCorpus(Buffer.from(`${'Peter I-PER\n\n'.repeat(8000)}Paul B-PER\n`), {scheme: 'IO'});
		assert.equal(corpus.format.scheme, 'IO');
	});
});

describe('tag id storage', () => {
	test('one byte a token until the 257th distinct tag, then two, with every tag kept', () => {
		const lines = Array.from({length: 300}, (_, index) => `w${index}\tB-T${index}`);
		const corpus = indexCorpus(Buffer.from(`${lines.join('\n')}\n`));
		assert.ok(corpus.tagIds instanceof Uint16Array, 'widened');
		assert.deepEqual(Array.from({length: 300}, (_, token) => corpus.tag(token).text), lines.map(line => line.split('\t')[1]));

		const few = indexCorpus(Buffer.from('a\tB-X\nb\tO\n'));
		assert.ok(few.tagIds instanceof Uint8Array);
		// An edit that brings the 257th tag widens the array too.
		for (let index = 0; index < 300; index++) {
			few.tags.intern(`B-N${index}`);
		}

		few.setTag(0, few.tags.intern('B-N299'));
		assert.ok(few.tagIds instanceof Uint16Array);
		assert.equal(few.tag(0).text, 'B-N299');
		assert.equal(few.tag(1).text, 'O');
	});
});

describe('a tag in the last column is read from the end of each line', () => {
	test('a line missing a feature column, or with trailing spaces, still has its tag found and saved in place', () => {
		const text = 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman B-MISC\ncall NN I-NP O  \n';
		const corpus = indexCorpus(Buffer.from(text));
		assert.equal(corpus.format.tagIsLast, true);
		assert.deepEqual(Array.from({length: 4}, (_, token) => corpus.tag(token).text), ['B-ORG', 'O', 'B-MISC', 'O']);
		const session = new Session(corpus, {file: '/nonexistent', backup: false});
		session.relabel(0, 2, undefined, 'PER');
		assert.equal(serialize(corpus).toString(), 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman B-PER\ncall NN I-NP O  \n');
	});

	test('--tag-column reads that column counted from the start', () => {
		const corpus = indexCorpus(Buffer.from('EU B-ORG x\nrejects O y\n'), {tagColumn: 2});
		assert.equal(corpus.format.tagIsLast, false);
		assert.equal(corpus.tag(0).text, 'B-ORG');
	});
});
