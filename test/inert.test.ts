/**
The one sanitiser (source/text/inert.ts) for every string that reaches a terminal, and the capped
display text of a huge token (issue 11): Unicode format characters, the tag block and the fillers
get visible stand-ins like control characters, JSON keeps its meaning but loses anything a
terminal would obey, and a 50 MB token is shown cut with its size without being decoded.
*/
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import fc from 'fast-check';
import {indexCorpus} from '../source/corpus/index.js';
import {formatBytes, inert, inertJson, inertLines} from '../source/text/inert.js';
import {displayText} from '../source/ui/display-text.js';

describe('inert', () => {
	const standIn = /[\u0080-\u009F\p{Cf}\u115F\u1160\u3164\uFFA0\u2800\u2028\u2029\u{E0000}-\u{E007F}]/u;
	/** The rule, one character at a time: what both fast paths must agree with. */
	const characterByCharacter = (text: string) => [...text].map(char => {
		const code = char.codePointAt(0)!;
		if (code < 0x20) {
			return String.fromCodePoint(0x24_00 + code);
		}

		if (code === 0x7F) {
			return '␡';
		}

		return code >= 0x80 && standIn.test(char) ? `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>` : char;
	}).join('');

	test('every character of the Basic Multilingual Plane and the tag block, alone and beside a plain one, as the rule says', () => {
		const codes = [...Array.from({length: 0xD8_00}, (_, code) => code), ...Array.from({length: 0x1_00_00 - 0xE0_00}, (_, index) => 0xE0_00 + index), ...Array.from({length: 0x80}, (_, index) => 0xE_00_00 + index)];
		for (const code of codes) {
			const char = String.fromCodePoint(code);
			assert.equal(inert(char), characterByCharacter(char), `U+${code.toString(16)}`);
			assert.equal(inert(`a→${char}`), characterByCharacter(`a→${char}`), `U+${code.toString(16)} after a plain text`);
		}
	});

	test('returns a string untouched exactly when no character of it is replaced (the fast path agrees with the character loop)', () => {
		const tricky = fc.constantFrom('→', 'é', '\u200B', '\u202E', '\u0085', '\u001B', '\u007F', '\u{E0041}', '\u2028', '\uFEFF', '\u3164', '東', '😀');
		const text = fc.array(fc.oneof(fc.string({unit: 'binary'}), tricky), {maxLength: 8}).map(parts => parts.join(''));
		fc.assert(fc.property(text, value => {
			assert.equal(inert(value), characterByCharacter(value));
		}), {seed: 7, numRuns: 2000});
		assert.equal(inert('[Paris]LOC → ORG 0.94'), '[Paris]LOC → ORG 0.94');
	});

	test('is what the screen uses (display-text re-exports it)', () => {
		assert.equal(displayText, inert);
	});

	test('Unicode format characters (Cf) are shown: RLO, ZWSP, LRI, the invisible operators, the interlinear annotations', () => {
		assert.equal(inert('abc\u202Edef'), 'abc<U+202E>def');
		assert.equal(inert('a\u200Bb\u2066c'), 'a<U+200B>b<U+2066>c');
		assert.equal(inert('x\u2062y'), 'x<U+2062>y');
		assert.equal(inert('\uFFF9a\uFFFB'), '<U+FFF9>a<U+FFFB>');
		assert.equal(inert('\u0600\u061C\u180E'), '<U+0600><U+061C><U+180E>');
	});

	test('the tag block U+E0000-U+E007F (invisible "tag" letters that can smuggle text) is shown', () => {
		const smuggled = 'Paris' + [...'ignore'].map(char => String.fromCodePoint(0xE_00_00 + char.codePointAt(0)!)).join('');
		assert.equal(inert(smuggled), 'Paris<U+E0069><U+E0067><U+E006E><U+E006F><U+E0072><U+E0065>');
		assert.equal(inert('\u{E0001}\u{E007F}'), '<U+E0001><U+E007F>');
	});

	test('fillers that draw nothing (Hangul fillers, halfwidth filler, Braille blank) are shown', () => {
		assert.equal(inert('a\u3164b\u115Fc\u1160d\uFFA0e\u2800'), 'a<U+3164>b<U+115F>c<U+1160>d<U+FFA0>e<U+2800>');
	});

	test('line and paragraph separators cannot start a new line', () => {
		assert.equal(inert('a\u2028b\u2029c'), 'a<U+2028>b<U+2029>c');
	});

	test('an OSC 52 clipboard write and a title change become visible text', () => {
		assert.equal(inert('\u001B]52;c;ZXZpbA==\u0007'), '␛]52;c;ZXZpbA==␇');
		assert.equal(inert('B-\u001B]0;pwned\u0007'), 'B-␛]0;pwned␇');
	});

	test('a file name with a newline stays one line', () => {
		assert.equal(inert('bad\nname.tsv: no such file'), 'bad␊name.tsv: no such file');
	});

	test('plain ASCII comes back as the same string (the fast path)', () => {
		const text = 'EU rejects German call';
		assert.equal(inert(text), text);
	});

	test('inertLines keeps the line breaks of a table and nothing else', () => {
		assert.equal(inertLines('type\tcount\n\u001B[31mPER\u001B[0m\t3'), 'type␉count\n␛[31mPER␛[0m␉3');
	});

	test('inertJson escapes what a terminal would obey and stays the same JSON', () => {
		const value = {type: '\u001B[31mPER\u202E', n: 1};
		const json = inertJson(JSON.stringify(value, undefined, '\t'));
		assert.ok(!/[\u001B\u202E]/.test(json));
		assert.deepEqual(JSON.parse(json), value);
		assert.match(json, /\\u202e/);
	});

	test('formatBytes reads like a size', () => {
		assert.deepEqual([formatBytes(812), formatBytes(4300), formatBytes(50 * 1024 * 1024), formatBytes(3 * 1024 ** 3)], ['812 B', '4.2 KB', '50 MB', '3 GB']);
	});
});

describe('a huge token on the screen', () => {
	const bigToken = 50 * 1024 * 1024;
	const corpus = indexCorpus(Buffer.concat([Buffer.from('EU\tB-ORG\n'), Buffer.alloc(bigToken, 'x'), Buffer.from('\tO\nend\tO\n')]));

	test('tokenDisplayText cuts it and gives its size: "xxxxx… (50 MB)"', () => {
		assert.equal(corpus.tokenDisplayText(1, 5), 'xxxxx… (50 MB)');
		assert.equal(corpus.tokenDisplayText(0, 5), 'EU', 'a short token is whole');
	});

	test('tokenTextHead never decodes more than 4 bytes a character, and gives the full length', () => {
		const head = corpus.tokenTextHead(1, 64);
		assert.deepEqual(head, {text: 'x'.repeat(64), bytes: bigToken, cut: true});
	});

	test('a multi-byte text is cut on a character boundary', () => {
		const small = indexCorpus(Buffer.from(`${'東'.repeat(100)}\tO\n`));
		const head = small.tokenTextHead(0, 10);
		assert.equal(head.text, '東'.repeat(10));
		assert.equal(head.bytes, 300);
		assert.equal(small.tokenTextHead(0, 100).cut, false);
	});

	test('a sentence hash of the huge token reads its bytes, not a 50 MB string', () => {
		assert.match(corpus.sentenceHash(0), /^[\da-z]+$/);
	});
});
