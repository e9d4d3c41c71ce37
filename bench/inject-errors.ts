/**
Label errors injected into a clean corpus, the way real audits found them: CoNLL++'s audit of
CoNLL-2003 found 38% wrong types, 33% missing entities, 16% wrong boundaries and the rest spurious
entities. A wrong type goes to a type the corpus itself confuses it with (types that label the same
strings elsewhere: LOC/ORG and ORG/MISC in CoNLL), so the confusions are those of the data set, not
of this script. Everything happens in memory on a copy of the bytes; the shared file is only read.
*/
import type {Corpus} from '../source/corpus/corpus.js';
import {applyChanges, planSpans} from '../source/corpus/edit.js';
import {indexCorpus} from '../source/corpus/index.js';
import type {Span} from '../source/corpus/scheme.js';
import {serialize} from '../source/corpus/serialize.js';
import {CorpusAnalysis} from '../source/review/corpus-analysis.js';
import {seededRandom, shuffle} from '../source/review/tagger/random.js';

export type ErrorKind = 'wrong-type' | 'missing' | 'boundary' | 'spurious';

/** The audit's mix. */
export const errorMix: ReadonlyArray<[ErrorKind, number]> = [['wrong-type', 0.38], ['missing', 0.33], ['boundary', 0.16], ['spurious', 0.13]];

export type Injected = {
	/** The corrupted corpus (a new Corpus over new bytes). */
	readonly corpus: Corpus;
	/** Sentences corrupted (each differs from the clean file), ascending. */
	readonly wrong: ReadonlySet<number>;
	readonly kinds: Readonly<Record<ErrorKind, number>>;
	/** The kind of error injected into each corrupted sentence. */
	readonly kindOf: ReadonlyMap<number, ErrorKind>;
};

/** Corrupts `share` of the sentences of a copy of `clean` (which is left as it was). */
export function injectErrors(clean: Corpus, share = 0.05, seed = 2003): Injected {
	const copy = indexCorpus(Buffer.from(clean.bytes), {scheme: clean.format.scheme});
	const random = seededRandom(seed);
	const confusion = typeConfusion(copy);
	const typeWeights = typeFrequency(copy);
	const target = Math.round(copy.sentenceCount * share);
	const order = new Int32Array(copy.sentenceCount);
	for (let sentence = 0; sentence < order.length; sentence++) {
		order[sentence] = sentence;
	}

	shuffle(order, random);
	const wrong = new Set<number>();
	const kinds: Record<ErrorKind, number> = {'wrong-type': 0, missing: 0, boundary: 0, spurious: 0};
	const kindOf = new Map<number, ErrorKind>();
	for (const sentence of order) {
		if (wrong.size >= target) {
			break;
		}

		const kind = pickWeighted(errorMix, random);
		const {spans} = copy.decode(sentence);
		const desired = corrupt(kind, spans, copy.sentenceTexts(sentence), confusion, typeWeights, random);
		if (desired === undefined) {
			continue;
		}

		const changes = planSpans(copy, sentence, desired, {start: 0, end: copy.sentenceLength(sentence)});
		if (changes.length === 0) {
			continue;
		}

		applyChanges(copy, changes, 'forward');
		wrong.add(sentence);
		kinds[kind]++;
		kindOf.set(sentence, kind);
	}

	return {corpus: indexCorpus(serialize(copy), {scheme: clean.format.scheme}), wrong, kinds, kindOf};
}

function corrupt(kind: ErrorKind, spans: readonly Span[], texts: readonly string[], confusion: Map<string, Array<[string, number]>>, typeWeights: Array<[string, number]>, random: () => number): Span[] | undefined {
	const pickSpan = () => Math.floor(random() * spans.length);
	switch (kind) {
		case 'wrong-type': {
			if (spans.length === 0) {
				return undefined;
			}

			const index = pickSpan();
			const rivals = confusion.get(spans[index]!.type);
			if (rivals === undefined || rivals.length === 0) {
				return undefined;
			}

			return spans.map((span, i) => (i === index ? {...span, type: pickWeighted(rivals, random)} : span));
		}

		case 'missing': {
			if (spans.length === 0) {
				return undefined;
			}

			const index = pickSpan();
			return spans.filter((_, i) => i !== index);
		}

		case 'boundary': {
			if (spans.length === 0) {
				return undefined;
			}

			const index = pickSpan();
			const span = spans[index]!;
			const free = (token: number) => token >= 0 && token < texts.length && !spans.some(other => other.start <= token && token < other.end);
			const options: Span[] = [];
			if (free(span.start - 1)) {
				options.push({...span, start: span.start - 1});
			}

			if (free(span.end)) {
				options.push({...span, end: span.end + 1});
			}

			if (span.end - span.start >= 2) {
				options.push({...span, start: span.start + 1}, {...span, end: span.end - 1});
			}

			if (options.length === 0) {
				return undefined;
			}

			const changed = options[Math.floor(random() * options.length)]!;
			return spans.map((other, i) => (i === index ? changed : other));
		}

		case 'spurious': {
			// A word outside entities; capitalised words first, as annotators over-label names.
			const outside = texts.map((_, token) => token).filter(token => !spans.some(span => span.start <= token && token < span.end) && /[\p{L}\p{N}]/u.test(texts[token]!));
			if (outside.length === 0) {
				return undefined;
			}

			const capitalised = outside.filter(token => /^\p{Lu}/u.test(texts[token]!));
			const pool = capitalised.length > 0 && random() < 0.7 ? capitalised : outside;
			const token = pool[Math.floor(random() * pool.length)]!;
			return [...spans, {start: token, end: token + 1, type: pickWeighted(typeWeights, random)}];
		}
	}
}

/** For each type, the other types that label the same strings in the corpus, weighted by how many strings (plus one). */
function typeConfusion(corpus: Corpus): Map<string, Array<[string, number]>> {
	const analysis = new CorpusAnalysis(corpus).run();
	const types = new Set<string>();
	const shared = new Map<string, number>();
	for (const counts of analysis.labelledStrings()) {
		const labels = counts.types.map(({type}) => type);
		for (const a of labels) {
			types.add(a);
			for (const b of labels) {
				if (a !== b) {
					shared.set(`${a}\t${b}`, (shared.get(`${a}\t${b}`) ?? 0) + 1);
				}
			}
		}
	}

	const confusion = new Map<string, Array<[string, number]>>();
	for (const a of types) {
		confusion.set(a, [...types].filter(b => b !== a).map(b => [b, 1 + (shared.get(`${a}\t${b}`) ?? 0)]));
	}

	return confusion;
}

function typeFrequency(corpus: Corpus): Array<[string, number]> {
	const counts = new Map<string, number>();
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		for (const span of corpus.decode(sentence).spans) {
			counts.set(span.type, (counts.get(span.type) ?? 0) + 1);
		}
	}

	return [...counts];
}

function pickWeighted<T>(options: ReadonlyArray<readonly [T, number]>, random: () => number): T {
	let total = 0;
	for (const [, weight] of options) {
		total += weight;
	}

	let point = random() * total;
	for (const [option, weight] of options) {
		point -= weight;
		if (point < 0) {
			return option;
		}
	}

	return options.at(-1)![0];
}
