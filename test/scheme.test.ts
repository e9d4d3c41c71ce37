import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {decodeSpans, detectScheme, encodeSpans, sameSpans, schemeNames, type SchemeName, type Span} from '../source/corpus/scheme.js';
import {parseTag} from '../source/corpus/tags.js';
import {prng} from './helpers/prng.js';


const types = ['PER', 'LOC', 'ORG', 'B-ish', 'Operating_System', 'PER.NOM'];

/** A random sentence length and a sorted list of non-overlapping spans in it (adjacent spans allowed). */
function randomSpans(random: () => number, allowAdjacentSameType: boolean): {spans: Span[]; length: number} {
	const length = Math.floor(random() * 14);
	const spans: Span[] = [];
	let position = 0;
	while (position < length) {
		if (random() < 0.4) {
			position++;
			continue;
		}

		const end = Math.min(length, position + 1 + Math.floor(random() * 4));
		let type = types[Math.floor(random() * types.length)]!;
		const previous = spans.at(-1);
		if (!allowAdjacentSameType && previous?.end === position && previous.type === type) {
			type = types[(types.indexOf(type) + 1) % types.length]!;
		}

		spans.push({start: position, end, type});
		position = end;
	}

	return {spans, length};
}

function decode(tags: string[], scheme: SchemeName) {
	return decodeSpans(tags.map(tag => parseTag(tag)), scheme);
}

function detect(...sentences: string[][]): SchemeName {
	return detectScheme(sentences.map(sentence => sentence.map(tag => parseTag(tag))));
}

describe('encodeSpans then decodeSpans', () => {
	for (const scheme of schemeNames) {
		test(`${scheme}: 2000 random span lists survive the round trip with no invalid tag`, () => {
			const random = prng(0xC0_FF_EE + scheme.length);
			let adjacentSameType = 0;
			for (let round = 0; round < 2000; round++) {
				// IO cannot tell two adjacent entities of one type apart, so it gets none.
				const {spans, length} = randomSpans(random, scheme !== 'IO');
				const tags = encodeSpans(spans, length, scheme);
				assert.equal(tags.length, length);
				const decoded = decode(tags, scheme);
				assert.deepEqual(decoded.spans, spans, `${scheme} ${JSON.stringify(spans)} -> ${tags.join(' ')}`);
				assert.deepEqual(decoded.invalid, [], `${scheme} canonical tags must be valid: ${tags.join(' ')}`);
				adjacentSameType += spans.filter((span, i) => i > 0 && spans[i - 1]!.end === span.start && spans[i - 1]!.type === span.type).length;
			}

			// The generator must actually exercise the hard case where the scheme allows it.
			if (scheme !== 'IO') {
				assert.ok(adjacentSameType > 50, `only ${adjacentSameType} adjacent same-type pairs generated`);
			}
		});
	}

	test('encoding does not depend on the order the spans are given in', () => {
		const random = prng(7);
		for (let round = 0; round < 300; round++) {
			const {spans, length} = randomSpans(random, true);
			const reversed = [...spans].reverse();
			for (const scheme of schemeNames) {
				assert.deepEqual(encodeSpans(reversed, length, scheme), encodeSpans(spans, length, scheme));
			}
		}
	});

	const hand: Span[] = [
		{start: 0, end: 1, type: 'PER'},
		{start: 1, end: 3, type: 'PER'},
		{start: 4, end: 5, type: 'LOC'},
		{start: 5, end: 8, type: 'ORG'},
	];
	const expected: Record<Exclude<SchemeName, 'IO'>, string> = {
		IOB2: 'B-PER B-PER I-PER O B-LOC B-ORG I-ORG I-ORG O',
		IOB1: 'I-PER B-PER I-PER O I-LOC I-ORG I-ORG I-ORG O',
		BIOES: 'S-PER B-PER E-PER O S-LOC B-ORG I-ORG E-ORG O',
		BILOU: 'U-PER B-PER L-PER O U-LOC B-ORG I-ORG L-ORG O',
		BMES: 'S-PER B-PER E-PER O S-LOC B-ORG M-ORG E-ORG O',
	};
	for (const [scheme, tags] of Object.entries(expected) as Array<[SchemeName, string]>) {
		test(`${scheme}: hand case is written canonically and read back`, () => {
			assert.equal(encodeSpans(hand, 9, scheme).join(' '), tags);
			assert.deepEqual(decode(tags.split(' '), scheme), {spans: hand, invalid: []});
		});
	}

	test('IO: hand case', () => {
		const spans: Span[] = [{start: 0, end: 2, type: 'PER'}, {start: 2, end: 3, type: 'LOC'}, {start: 4, end: 5, type: 'PER'}];
		assert.equal(encodeSpans(spans, 5, 'IO').join(' '), 'I-PER I-PER I-LOC O I-PER');
		assert.deepEqual(decode('I-PER I-PER I-LOC O I-PER'.split(' '), 'IO'), {spans, invalid: []});
	});

	test('empty sentence and sentence without entities', () => {
		for (const scheme of schemeNames) {
			assert.deepEqual(encodeSpans([], 0, scheme), []);
			assert.deepEqual(encodeSpans([], 3, scheme), ['O', 'O', 'O']);
			assert.deepEqual(decode([], scheme), {spans: [], invalid: []});
			assert.deepEqual(decode(['O', 'O'], scheme), {spans: [], invalid: []});
		}
	});
});

describe('IOB1 writes B- only between two adjacent entities of one type', () => {
	test('hand cases', () => {
		assert.deepEqual(encodeSpans([{start: 0, end: 2, type: 'PER'}], 3, 'IOB1'), ['I-PER', 'I-PER', 'O']);
		// Adjacent but different types: no B-.
		assert.deepEqual(encodeSpans([{start: 0, end: 1, type: 'PER'}, {start: 1, end: 2, type: 'LOC'}], 2, 'IOB1'), ['I-PER', 'I-LOC']);
		// Same type separated by O: no B-.
		assert.deepEqual(encodeSpans([{start: 0, end: 1, type: 'PER'}, {start: 2, end: 3, type: 'PER'}], 3, 'IOB1'), ['I-PER', 'O', 'I-PER']);
		// Same type adjacent: B- on the second.
		assert.deepEqual(encodeSpans([{start: 0, end: 1, type: 'PER'}, {start: 1, end: 3, type: 'PER'}, {start: 3, end: 4, type: 'PER'}], 4, 'IOB1'), ['I-PER', 'B-PER', 'I-PER', 'B-PER']);
	});

	test('random span lists: every B- follows a token of the same type, and every such boundary has one', () => {
		const random = prng(99);
		let begins = 0;
		for (let round = 0; round < 2000; round++) {
			const {spans, length} = randomSpans(random, true);
			const tags = encodeSpans(spans, length, 'IOB1').map(tag => parseTag(tag));
			const startsAfterSameType = new Set(spans.filter((span, i) => i > 0 && spans[i - 1]!.end === span.start && spans[i - 1]!.type === span.type).map(span => span.start));
			for (const [i, tag] of tags.entries()) {
				assert.equal(tag.prefix === 'B', startsAfterSameType.has(i), `token ${i} of ${tags.map(tag => tag.text).join(' ')}`);
				begins += tag.prefix === 'B' ? 1 : 0;
			}
		}

		assert.ok(begins > 50);
	});
});

describe('lenient decoding of invalid sequences', () => {
	test('IOB2: I- after O starts an entity and is reported invalid', () => {
		assert.deepEqual(decode(['O', 'I-PER', 'I-PER', 'O'], 'IOB2'), {spans: [{start: 1, end: 3, type: 'PER'}], invalid: [1]});
		assert.deepEqual(decode(['I-LOC'], 'IOB2'), {spans: [{start: 0, end: 1, type: 'LOC'}], invalid: [0]});
	});

	test('IOB1 and IO: I- after O is their normal way to start an entity', () => {
		assert.deepEqual(decode(['O', 'I-PER', 'I-PER', 'O'], 'IOB1'), {spans: [{start: 1, end: 3, type: 'PER'}], invalid: []});
		assert.deepEqual(decode(['O', 'I-PER', 'I-PER', 'O'], 'IO'), {spans: [{start: 1, end: 3, type: 'PER'}], invalid: []});
	});

	test('type change inside a span splits it and marks the change', () => {
		assert.deepEqual(decode(['B-PER', 'I-LOC', 'O'], 'IOB2'), {spans: [{start: 0, end: 1, type: 'PER'}, {start: 1, end: 2, type: 'LOC'}], invalid: [1]});
		// IOB1 reads a type change as a new entity: legal there.
		assert.deepEqual(decode(['I-PER', 'I-LOC'], 'IOB1'), {spans: [{start: 0, end: 1, type: 'PER'}, {start: 1, end: 2, type: 'LOC'}], invalid: []});
		// BIOES: the PER entity is never ended (token 1) and the E-LOC ends nothing (token 2).
		assert.deepEqual(decode(['B-PER', 'I-PER', 'E-LOC'], 'BIOES'), {spans: [{start: 0, end: 2, type: 'PER'}, {start: 2, end: 3, type: 'LOC'}], invalid: [1, 2]});
		assert.deepEqual(decode(['B-PER', 'M-LOC', 'E-LOC'], 'BMES'), {spans: [{start: 0, end: 1, type: 'PER'}, {start: 1, end: 3, type: 'LOC'}], invalid: [0, 1]});
	});

	test('BIOES: B- without E- is an entity that is marked where it should have ended', () => {
		assert.deepEqual(decode(['B-PER', 'O'], 'BIOES'), {spans: [{start: 0, end: 1, type: 'PER'}], invalid: [0]});
		assert.deepEqual(decode(['O', 'B-PER', 'I-PER'], 'BIOES'), {spans: [{start: 1, end: 3, type: 'PER'}], invalid: [2]});
		assert.deepEqual(decode(['B-PER', 'B-LOC', 'E-LOC'], 'BIOES'), {spans: [{start: 0, end: 1, type: 'PER'}, {start: 1, end: 3, type: 'LOC'}], invalid: [0]});
		assert.deepEqual(decode(['B-PER', 'S-LOC'], 'BIOES'), {spans: [{start: 0, end: 1, type: 'PER'}, {start: 1, end: 2, type: 'LOC'}], invalid: [0]});
		assert.deepEqual(decode(['B-PER', 'L-PER'], 'BILOU'), {spans: [{start: 0, end: 2, type: 'PER'}], invalid: []});
		assert.deepEqual(decode(['B-PER', 'I-PER'], 'BILOU'), {spans: [{start: 0, end: 2, type: 'PER'}], invalid: [1]});
	});

	test('BIOES and BMES: inside or end without a begin', () => {
		assert.deepEqual(decode(['O', 'E-PER'], 'BIOES'), {spans: [{start: 1, end: 2, type: 'PER'}], invalid: [1]});
		assert.deepEqual(decode(['O', 'I-PER', 'E-PER'], 'BIOES'), {spans: [{start: 1, end: 3, type: 'PER'}], invalid: [1]});
		// Resume-NER's M-ORG without a B-ORG.
		assert.deepEqual(decode(['O', 'M-ORG', 'M-ORG', 'E-ORG'], 'BMES'), {spans: [{start: 1, end: 4, type: 'ORG'}], invalid: [1]});
	});

	test('a prefix foreign to the scheme is read by its role and marked', () => {
		assert.deepEqual(decode(['S-PER', 'O'], 'IOB2'), {spans: [{start: 0, end: 1, type: 'PER'}], invalid: [0]});
		assert.deepEqual(decode(['B-PER', 'I-PER'], 'IO'), {spans: [{start: 0, end: 2, type: 'PER'}], invalid: [0]});
		assert.deepEqual(decode(['B-PER', 'I-PER', 'E-PER'], 'BMES'), {spans: [{start: 0, end: 3, type: 'PER'}], invalid: [1]});
		// A cell that is not a tag at all counts as outside.
		assert.deepEqual(decode(['B-PER', 'NP', 'I-PER'], 'IOB2'), {spans: [{start: 0, end: 1, type: 'PER'}, {start: 2, end: 3, type: 'PER'}], invalid: [1, 2]});
	});

	test('invalid indices stay ascending when a span is closed after a later token was marked', () => {
		// M- is foreign to BIOES (marks 1 first); its type change then closes B-PER, marking 0.
		assert.deepEqual(decode(['B-PER', 'M-LOC', 'E-LOC'], 'BIOES'), {spans: [{start: 0, end: 1, type: 'PER'}, {start: 1, end: 3, type: 'LOC'}], invalid: [0, 1]});
	});

	test('decoding never loses a token: every non-O tag is inside some span', () => {
		const random = prng(1234);
		const prefixes = ['B', 'I', 'E', 'S', 'L', 'U', 'M'];
		for (let round = 0; round < 3000; round++) {
			const length = Math.floor(random() * 10);
			const tags = Array.from({length}, () => (random() < 0.3 ? 'O' : `${prefixes[Math.floor(random() * prefixes.length)]}-${types[Math.floor(random() * 3)]}`));
			for (const scheme of schemeNames) {
				const {spans, invalid} = decode(tags, scheme);
				const covered = Array.from({length}, () => false);
				let previousEnd = 0;
				for (const span of spans) {
					assert.ok(span.start >= previousEnd && span.end > span.start && span.end <= length, `${scheme} ${tags.join(' ')}`);
					for (let i = span.start; i < span.end; i++) {
						covered[i] = true;
						assert.equal(parseTag(tags[i]!).type, span.type, `${scheme} ${tags.join(' ')}: token ${i}`);
					}

					previousEnd = span.end;
				}

				for (const [i, tag] of tags.entries()) {
					assert.equal(covered[i], tag !== 'O', `${scheme} ${tags.join(' ')}: token ${i}`);
				}

				assert.deepEqual(invalid, [...new Set(invalid)].sort((a, b) => a - b));
			}
		}
	});
});

describe('detectScheme', () => {
	test('IOB2', () => {
		assert.equal(detect(['B-PER', 'I-PER', 'O', 'B-LOC'], ['O', 'B-ORG']), 'IOB2');
	});

	test('IOB2 with a few stray I- after O (noisy Weibo-like files) stays IOB2', () => {
		assert.equal(detect(['B-PER', 'I-PER', 'O', 'B-LOC'], ['O', 'I-ORG'], ['B-GPE', 'O', 'B-PER']), 'IOB2');
	});

	test('IOB1: entities open with I-, and B- between adjacent same-type entities', () => {
		assert.equal(detect(['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC'], ['O', 'I-ORG']), 'IOB1');
		// IOB2 adjacent same-type entities must not be read as IOB1.
		assert.equal(detect(['B-PER', 'B-PER', 'I-PER'], ['B-LOC', 'O']), 'IOB2');
	});

	test('IO: I- only', () => {
		assert.equal(detect(['I-PER', 'I-PER', 'O', 'I-LOC']), 'IO');
	});

	test('BIOES, BILOU and BMES', () => {
		assert.equal(detect(['B-PER', 'E-PER', 'O', 'S-LOC']), 'BIOES');
		assert.equal(detect(['O', 'S-LOC']), 'BIOES');
		assert.equal(detect(['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC']), 'BILOU');
		assert.equal(detect(['B-PER', 'M-PER', 'E-PER', 'O', 'S-LOC']), 'BMES');
	});

	test('canonical encodings of random sentences are detected as their scheme', () => {
		const random = prng(42);
		const sample: Span[][] = [];
		const lengths: number[] = [];
		while (sample.length < 200) {
			const {spans, length} = randomSpans(random, false);
			sample.push(spans);
			lengths.push(length);
		}

		// Make sure each distinguishing prefix occurs (a multi-token entity and a single one), and
		// one IOB1 B- between adjacent same-type entities.
		sample.push([{start: 0, end: 3, type: 'PER'}, {start: 3, end: 4, type: 'PER'}]);
		lengths.push(5);
		for (const scheme of schemeNames) {
			const sentences = sample.map((spans, i) => encodeSpans(scheme === 'IO' ? spans.filter(span => span.type !== 'PER') : spans, lengths[i]!, scheme));
			assert.equal(detect(...sentences), scheme);
		}
	});

	test('a sample without entities defaults to IOB2', () => {
		assert.equal(detect(['O', 'O'], []), 'IOB2');
		assert.equal(detect(), 'IOB2');
	});
});

test('sameSpans compares as sets', () => {
	const a: Span[] = [{start: 0, end: 1, type: 'PER'}, {start: 2, end: 4, type: 'LOC'}];
	assert.ok(sameSpans(a, [...a].reverse()));
	assert.ok(!sameSpans(a, [a[0]!]));
	assert.ok(!sameSpans(a, [a[0]!, {start: 2, end: 4, type: 'ORG'}]));
	assert.ok(!sameSpans(a, [a[0]!, {start: 2, end: 3, type: 'LOC'}]));
});
