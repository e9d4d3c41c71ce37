/**
Reads one sentence for the tagger: its token forms from the bytes and its labels in the file,
as BIOES labels of the model's label space (decoded leniently, as the screen shows them).
*/
import {labelsOfSpans} from './labels.js';
import type {TaggerCorpus} from './tagger-corpus.js';
import {tokenCells} from './token-cells.js';
import {SentenceForms} from './token-forms.js';

export class SentenceReader {
	readonly forms = new SentenceForms();
	gold = new Int32Array(64);
	private cells = new Int32Array(128);

	/** `beforeEach` runs before each sentence is read (the worker waits there while the reviewer types). */
	constructor(
		private readonly typeIndex: ReadonlyMap<string, number>,
		private readonly beforeEach?: () => void,
	) {}

	/** Reads forms and labels; returns the sentence's length. `wordsOnly` skips all but the word hashes. */
	read(corpus: TaggerCorpus, sentence: number, wordsOnly = false): number {
		this.beforeEach?.();
		const n = corpus.sentenceLength(sentence);
		const view = corpus.store.locate(sentence);
		this.cells = tokenCells(corpus, sentence, view, this.cells);
		if (wordsOnly) {
			this.forms.readWords(view.bytes, this.cells, n);
		} else {
			this.forms.read(view.bytes, this.cells, n);
		}

		if (this.gold.length < n) {
			this.gold = new Int32Array(Math.max(n, this.gold.length * 2));
		}

		labelsOfSpans(corpus.decode(sentence).spans, n, this.typeIndex, this.gold);
		return n;
	}
}

/** The entity types of the corpora's tags, sorted by name (the same label order in every run). */
export function entityTypes(corpora: readonly TaggerCorpus[]): string[] {
	const types = new Set<string>();
	for (const corpus of corpora) {
		for (let id = 0; id < corpus.tags.size; id++) {
			const {type} = corpus.tags.get(id);
			if (type !== '') {
				types.add(type);
			}
		}
	}

	return [...types].sort();
}
