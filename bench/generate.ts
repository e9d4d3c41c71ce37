/**
Writes realistic corpora of a given size for the benchmark, from a real corpus's sentences and
labels: the seed format (`<s>` sentences, token<TAB>tag) from WikiSER dev, and CoNLL-2003's 4
columns (-DOCSTART-, blank lines) from CoNLL++ train, both in ../shared/corpora.

Each sentence is a real sentence of the source with:
- half of its mentions swapped for another real mention of the same type, drawn by frequency, so
  every string keeps the types the source gives it in the same proportions (the real label
  noise: `Linux` as Application and as Operating_System);
- its tokens outside entities kept (a string the source leaves O stays O: the unlabelled mentions
  the checks look for), but for 8% replaced by new words drawn from a Zipf tail, and 3% of its
  mentions by new names from another, so the vocabulary and the strings keep growing with size
  as a real corpus's do.
Deterministic (seeded), so every run measures the same bytes.
*/
import fs from 'node:fs';
import path from 'node:path';

export type CorpusKind = 'seed' | 'conll';

export const sourceFiles: Record<CorpusKind, string> = {
	seed: 'wikiser/wikiser-small/dev.txt',
	conll: 'conll2003-conllpp/conllpp_train.txt',
};

export const corporaFolder = path.resolve(import.meta.dirname, '../../shared/corpora');

/** A token line of the source: its token, the columns between token and tag (CoNLL), its tag. */
type SourceToken = {token: string; middle: string; tag: string};
type Mention = {tokens: SourceToken[]; type: string};
type Source = {sentences: SourceToken[][]; mentionsByType: Map<string, Mention[]>; types: string[]};

/** A small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6D_2B_79_F5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Reads the source's sentences (IOB2 in both files) and its mentions by type. */
export function readSource(kind: CorpusKind, folder = corporaFolder): Source {
	const file = path.join(folder, sourceFiles[kind]);
	if (!fs.existsSync(file)) {
		throw new Error(`the benchmark builds its corpora from ${file}: put the shared corpora at ${folder}`);
	}

	const sentences: SourceToken[][] = [];
	let current: SourceToken[] = [];
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const text = line.trimEnd();
		if (text === '' || text === '<s>' || text === '</s>' || text.startsWith('-DOCSTART-')) {
			if (current.length > 0) {
				sentences.push(current);
				current = [];
			}

			continue;
		}

		if (kind === 'seed') {
			const tab = text.lastIndexOf('\t');
			current.push({token: text.slice(0, tab), middle: '', tag: text.slice(tab + 1)});
		} else {
			const cells = text.split(' ');
			current.push({token: cells[0]!, middle: cells.slice(1, -1).join(' '), tag: cells.at(-1)!});
		}
	}

	if (current.length > 0) {
		sentences.push(current);
	}

	const mentionsByType = new Map<string, Mention[]>();
	for (const sentence of sentences) {
		for (const mention of mentionsOf(sentence)) {
			const list = mentionsByType.get(mention.type) ?? [];
			list.push({tokens: sentence.slice(mention.start, mention.end), type: mention.type});
			mentionsByType.set(mention.type, list);
		}
	}

	return {sentences, mentionsByType, types: [...mentionsByType.keys()].sort()};
}

/** The IOB2 mentions of a sentence (an I- after O or another type opens one, as the app reads it). */
function mentionsOf(sentence: readonly SourceToken[]): Array<{start: number; end: number; type: string}> {
	const mentions: Array<{start: number; end: number; type: string}> = [];
	for (let i = 0; i < sentence.length; i++) {
		const {tag} = sentence[i]!;
		if (tag === 'O' || tag.length < 3) {
			continue;
		}

		const type = tag.slice(2);
		const previous = mentions.at(-1);
		if (tag.startsWith('I-') && previous?.end === i && previous.type === type) {
			previous.end = i + 1;
		} else {
			mentions.push({start: i, end: i + 1, type});
		}
	}

	return mentions;
}

const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'zo', 'pe', 'qua', 'dri', 'fen', 'gal', 'hox', 'jun'];

/** The word of rank `rank` in a made-up language: distinct for every rank. */
function tailWord(rank: number, capital: boolean): string {
	let word = '';
	let rest = rank;
	do {
		word += syllables[rest % syllables.length];
		rest = Math.floor(rest / syllables.length);
	} while (rest > 0);

	return capital ? word[0]!.toUpperCase() + word.slice(1) : word;
}

/** A rank drawn from a Zipf-like law over `size` ranks (log-uniform: rank r with probability ~1/r). */
function zipfRank(next: () => number, size: number): number {
	return Math.floor(Math.exp(next() * Math.log(size)));
}

/** Writes about `tokens` tokens of `kind` to `file`. */
export function generateCorpus(file: string, kind: CorpusKind, tokens: number, seed = 42, folder = corporaFolder): void {
	const source = readSource(kind, folder);
	const next = random(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
	const fd = fs.openSync(file, 'w');
	let buffer = kind === 'conll' ? '-DOCSTART- -X- -X- O\n\n' : '';
	let written = 0;
	let sentences = 0;
	const line = (token: SourceToken, tag: string) => (kind === 'seed' ? `${token.token}\t${tag}\n` : `${token.token} ${token.middle} ${tag}\n`);
	const plain = (token: string): SourceToken => ({token, middle: kind === 'seed' ? '' : 'NNP B-NP', tag: 'O'});
	while (written < tokens) {
		const sentence = pick(source.sentences);
		const mentions = mentionsOf(sentence);
		if (kind === 'seed') {
			buffer += '<s>\n';
		} else if (sentences > 0 && sentences % 200 === 0) {
			buffer += '-DOCSTART- -X- -X- O\n\n';
		}

		let count = 0;
		let index = 0;
		for (const mention of [...mentions, {start: sentence.length, end: sentence.length, type: ''}]) {
			for (; index < mention.start; index++) {
				const token = sentence[index]!;
				const outside = token.tag === 'O';
				buffer += line(outside && next() < 0.08 ? plain(tailWord(zipfRank(next, 1_000_000), false)) : token, token.tag);
				count++;
			}

			if (mention.type === '') {
				break;
			}

			const roll = next();
			let replacement: SourceToken[];
			if (roll < 0.03) {
				const length = 1 + Math.floor(next() * 2);
				replacement = Array.from({length}, () => plain(tailWord(zipfRank(next, 200_000), true)));
			} else if (roll < 0.53) {
				replacement = pick(source.mentionsByType.get(mention.type)!).tokens;
			} else {
				replacement = sentence.slice(mention.start, mention.end);
			}

			for (const [offset, token] of replacement.entries()) {
				buffer += line(token, `${offset === 0 ? 'B' : 'I'}-${mention.type}`);
				count++;
			}

			index = mention.end;
		}

		buffer += kind === 'seed' ? '</s>\n' : '\n';
		written += count;
		sentences++;
		if (buffer.length > 1 << 20) {
			fs.writeSync(fd, buffer);
			buffer = '';
		}
	}

	fs.writeSync(fd, buffer);
	fs.closeSync(fd);
}

if (process.argv[1] !== undefined && import.meta.filename === fs.realpathSync(process.argv[1])) {
	const [file, kind, count] = process.argv.slice(2);
	generateCorpus(file!, kind as CorpusKind, Number(count));
}
