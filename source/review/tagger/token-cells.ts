/**
Where a sentence's token texts are in the file's bytes, without making strings: the tagger hashes
those bytes directly, so reading every token of a 10M-token corpus allocates nothing per token.
*/
import {classifyLine, contentEnd, findCell, lineEndAt, lineKind} from '../../corpus/index.js';
import type {SentenceView, TaggerCorpus} from './tagger-corpus.js';

const cell = new Int32Array(2);

/**
Writes `[start, end)` byte ranges of the sentence's token cells into `out` (two entries a token),
as positions in `view.bytes`, which hold the sentence's lines; returns `out`, grown when the
sentence is longer than it.
*/
export function tokenCells(corpus: TaggerCorpus, sentence: number, view: SentenceView, out: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
	const {format} = corpus;
	const {bytes} = view;
	const count = corpus.sentenceLength(sentence);
	if (out.length < count * 2) {
		out = new Int32Array(Math.max(count * 2, out.length * 2));
	}

	let found = 0;
	let position = corpus.sentenceOffset[sentence]! - view.base;
	while (found < count && position < bytes.length) {
		const lineEnd = lineEndAt(bytes, position);
		const end = contentEnd(bytes, position, lineEnd);
		if (classifyLine(bytes, position, end, format, cell) === lineKind.token) {
			if (findCell(bytes, position, end, format.tokenColumn, format.separator, cell)) {
				out[found * 2] = cell[0]!;
				out[(found * 2) + 1] = cell[1]!;
			} else {
				out[found * 2] = position;
				out[(found * 2) + 1] = position;
			}

			found++;
		}

		position = lineEnd + 1;
	}

	return out;
}
