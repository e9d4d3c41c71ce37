/**
Builds a Session from an inline corpus, as the app would after loading a file. The text is
written to a temporary file first, so that `s` (save) and the quit prompt's `y` really write.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {indexCorpus} from '../../source/corpus/index.js';
import {Session} from '../../source/corpus/session.js';

export type TestCorpus = {
	readonly session: Session;
	/** The temporary file the session loaded and saves to. */
	readonly file: string;
	/** The file's current content. */
	read(): string;
};

const directories: string[] = [];
process.on('exit', () => {
	for (const directory of directories) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

/** A Session over `text` (seed format `<s>\nA\tO\n...</s>\n`, or CoNLL with blank lines). */
export function sessionFrom(text: string, fileName = 'corpus.tsv'): TestCorpus {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-test-'));
	directories.push(directory);
	const file = path.join(directory, fileName);
	fs.writeFileSync(file, text);
	const corpus = indexCorpus(Buffer.from(text));
	const session = new Session(corpus, {file, backup: false});
	return {session, file, read: () => fs.readFileSync(file, 'utf8')};
}

/**
The seed-format text of some sentences, each written as `word/TAG word word/TAG`: a word without
a tag is `O`. Handy for readable tests: `seed('John/B-PER Smith/I-PER lives in Paris/B-LOC')`.
*/
export function seed(...sentences: string[]): string {
	let text = '';
	for (const sentence of sentences) {
		text += '<s>\n';
		for (const word of sentence.split(' ')) {
			const slash = word.lastIndexOf('/');
			const [token, tag] = slash > 0 ? [word.slice(0, slash), word.slice(slash + 1)] : [word, 'O'];
			text += `${token}\t${tag}\n`;
		}

		text += '</s>\n';
	}

	return text;
}

/** The entity spans of a sentence as `text=TYPE` strings, the way a reviewer reads them. */
export function entitiesOf(session: Session, sentence: number): string[] {
	const {corpus} = session;
	const [first] = corpus.sentenceTokens(sentence);
	return corpus.decode(sentence).spans.map(span => {
		const words: string[] = [];
		for (let token = span.start; token < span.end; token++) {
			words.push(corpus.tokenText(first + token));
		}

		return `${words.join(' ')}=${span.type}`;
	});
}

/** The tags of a sentence as written (`B-PER`, `O`, ...). */
export function tagsOf(session: Session, sentence: number): string[] {
	return session.corpus.sentenceTags(sentence).map(tag => tag.text);
}
