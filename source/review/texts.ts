/**
The token texts of one sentence, read straight from the bytes. The review passes read every
token of the corpus once, so this avoids Corpus.tokenText's per-token sentence lookup and keeps
the corpus's small cache of line offsets for the screen.
*/
import {contentEnd, findCell, lineEndAt} from '../corpus/cells.js';
import type {Corpus} from '../corpus/corpus.js';
import {classifyLine, lineKind} from '../corpus/line-kind.js';

const cell = new Int32Array(2);

/** The texts of the sentence's tokens, in order (as `corpus.tokenText` gives them). */
export function sentenceTexts(corpus: Corpus, sentence: number): string[] {
	const {bytes, format} = corpus;
	const count = corpus.sentenceLength(sentence);
	const texts: string[] = [];
	let position = corpus.sentenceOffset[sentence]!;
	while (texts.length < count && position < bytes.length) {
		const lineEnd = lineEndAt(bytes, position);
		const end = contentEnd(bytes, position, lineEnd);
		if (classifyLine(bytes, position, end, format, cell) === lineKind.token) {
			texts.push(findCell(bytes, position, end, format.tokenColumn, format.separator, cell) ? bytes.toString('utf8', cell[0], cell[1]) : '');
		}

		position = lineEnd + 1;
	}

	return texts;
}
