/**
Small corpora with the noise the whole-corpus analysis is about, for property tests: a vocabulary
of a dozen words so strings repeat (labelled one way, another way, and left O), tags drawn at
random in any scheme (invalid sequences included, and cells that are not tags), tokens holding a
space (WikiSER's `Windows 95` beside `Windows` `95`), two invalid byte strings that decode to the
same text, case variants, and runs like `a a a`.
*/
import fc from 'fast-check';
import {indexCorpus, schemeNames, type Corpus, type SchemeName} from '../../source/corpus/index.js';

/** Tokens as bytes; the last ones hold a space (only in tab-separated files). */
const words: Array<string | number[]> = ['a', 'a', 'the', 'New', 'York', 'new', 'Linux', 'kernel', 'Java', 'é', '北京', [0x80], [0xE4, 0xB8], [0x61, 0xFF]];
const spaced = ['Windows 95', 'New York', 'Windows', '95'];
const tags = ['O', 'O', 'O', 'O', 'B-X', 'I-X', 'B-Y', 'I-Y', 'E-X', 'S-Y', 'L-X', 'U-Y', 'M-X', 'I-Z', 'B-Z', 'NNP'];

export type NoisyCorpus = {readonly bytes: Buffer; readonly scheme: SchemeName; readonly description: string};

export const noisyCorpusArbitrary: fc.Arbitrary<NoisyCorpus> = fc.record({
	scheme: fc.constantFrom<SchemeName>(...schemeNames),
	markers: fc.boolean(),
	crlf: fc.boolean(),
	sentences: fc.array(fc.array(fc.record({word: fc.nat(), tag: fc.nat({max: tags.length - 1})}), {minLength: 1, maxLength: 12}), {minLength: 1, maxLength: 30}),
}).map(({scheme, markers, crlf, sentences}) => {
	const end = crlf ? '\r\n' : '\n';
	const vocabulary = markers ? [...words, ...spaced] : words;
	const chunks: Buffer[] = [];
	// The first token line is plain, so format detection reads the tag column.
	chunks.push(Buffer.from(markers ? `<s>${end}start\tO${end}</s>${end}` : `start O${end}${end}`));
	for (const sentence of sentences) {
		if (markers) {
			chunks.push(Buffer.from(`<s>${end}`));
		}

		for (const {word, tag} of sentence) {
			const token = vocabulary[word % vocabulary.length]!;
			chunks.push(typeof token === 'string' ? Buffer.from(token) : Buffer.from(token), Buffer.from(`${markers ? '\t' : ' '}${tags[tag]!}${end}`));
		}

		chunks.push(Buffer.from(markers ? `</s>${end}` : end));
	}

	const bytes = Buffer.concat(chunks);
	return {bytes, scheme, description: `${scheme} ${markers ? 'markers' : 'blank lines'}\n${bytes.toString('latin1').slice(0, 400)}`};
});

export function noisyCorpus(noisy: NoisyCorpus): Corpus {
	return indexCorpus(noisy.bytes, {scheme: noisy.scheme, tagColumn: 2});
}
