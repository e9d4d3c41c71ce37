/**
A second annotation of the same tokens shown beside the file's own: the other file or tag column
of compare mode (`--compare`, `--compare-column`), whose differences are marked and walked, or the
other tag layer of a file with several (GermEval's nested entities), drawn dimmed for reference.
The reader fills the layer in slices; `disagreements` settles sentence by sentence behind it.
*/
import type {Corpus, EditRecord, LayerReader, TagLayer} from '../corpus/index.js';
import {Disagreements} from '../review/compare/index.js';

export type SecondOpinion = {
	/** `compare`: differences marked and walked with d/D, taken with o/O; `layer`: drawn only. */
	readonly kind: 'compare' | 'layer';
	readonly reader: LayerReader;
	readonly layer: TagLayer;
	readonly disagreements: Disagreements;
};

export function secondOpinion(reader: LayerReader, kind: SecondOpinion['kind']): SecondOpinion {
	return {kind, reader, layer: reader.layer, disagreements: new Disagreements(reader.layer.corpus, reader.layer)};
}

/** Compare mode: the sentences an edit (or its undo) touched are compared with the other side again. */
export function compareAgain(second: SecondOpinion | undefined, corpus: Corpus, record: EditRecord | undefined): void {
	if (second === undefined || record === undefined) {
		return;
	}

	const sentences = new Set(record.changes.map(change => corpus.sentenceOf(change.token)));
	for (const sentence of sentences) {
		second.disagreements.refresh(sentence);
	}
}
