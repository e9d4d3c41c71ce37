/**
Finds the sentence a sidecar mark was made on: by its index while the file is the version the
sidecar was written for, otherwise by the hash of the sentence's text (the tokens, not the tags),
nearest to its old index. The review restores its marks with it, and `ner-review diff` reads the
flags of the edited file with it (read only).
*/
import type {Corpus} from '../corpus/index.js';
import type {SidecarMark} from './sidecar.js';

export type MarkLocator = (mark: Pick<SidecarMark, 'sentence' | 'hash'>) => number | undefined;

/** With the same content: marks stay on their sentence when its text still matches. */
export function locatorByIndex(corpus: Corpus, hashOf: (sentence: number) => string): MarkLocator {
	return mark => (mark.sentence < corpus.sentenceCount && hashOf(mark.sentence) === mark.hash ? mark.sentence : undefined);
}

/** Finds marked sentences by the hash of their text (`oldHash` for version 1 sidecars), near their old index first. */
export function locatorByText(corpus: Corpus, hashOf: (sentence: number) => string, oldHash?: (texts: readonly string[]) => string): MarkLocator {
	const byHash = new Map<string, number[]>();
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		const hash = oldHash === undefined ? hashOf(sentence) : oldHash(corpus.sentenceTexts(sentence));
		const list = byHash.get(hash);
		if (list === undefined) {
			byHash.set(hash, [sentence]);
		} else {
			list.push(sentence);
		}
	}

	return mark => {
		const candidates = byHash.get(mark.hash);
		if (candidates === undefined) {
			return undefined;
		}

		return candidates.reduce((best, sentence) => (Math.abs(sentence - mark.sentence) < Math.abs(best - mark.sentence) ? sentence : best));
	};
}
