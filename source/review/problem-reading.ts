/**
The problems as the reviewer reads them, made from the compact records when asked: the line, the
message, and for consistency problems the evidence a ranking reads (counts of the string and of
its rival type), so that a 10M-token corpus's problems are never held as objects.
*/
import type {Corpus} from '../corpus/index.js';
import {invalidReason, type Problem, type ProblemEvidence} from './checks.js';
import type {MentionCounts} from './mention-counts.js';
import {kindCode, type RecordList} from './problem-records.js';

/**
The message and evidence of a string's problems of one kind (and own type), shared by all of them
while one list of problems is made: a frequent string has thousands, and each message and
evidence made again was a fifth of the memory of a 10M-token corpus's problems.
*/
export type SharedTexts = Map<number, {readonly message: string; readonly evidence: ProblemEvidence}>;

/** Records `[start, end)` of one sentence as problems; unlabelled ones at the same token in order of their strings' first mention. */
export function problemsAt(records: RecordList, start: number, end: number, corpus: Corpus, counts: MentionCounts, shared: SharedTexts = new Map()): Problem[] {
	// The records in reading order: made only when it differs from theirs (a ranking reads 100,000
	// problems, and the arrays made for each sentence were most of what it allocated).
	let order: number[] | undefined;
	for (let i = start + 1; i < end; i++) {
		// Records are in token and kind order already: only strings found at the same token need ordering.
		if (records.tokens[i] === records.tokens[i - 1] && records.kind(i) === 2 && records.kind(i - 1) === 2) {
			order = Array.from({length: end - start}, (_, k) => start + k);
			order.sort((a, b) => records.tokens[a]! - records.tokens[b]! || records.kind(a) - records.kind(b)
				|| (records.kind(a) === 2 ? counts.firstMentionOf(records.string(a)) - counts.firstMentionOf(records.string(b)) : 0));
			break;
		}
	}

	const sentence = records.sentences[start]!;
	const first = corpus.sentenceStart[sentence]!;
	const {cells} = counts.reader;
	// The sentence's lines are read only as far as the last record whose line the pass did not know.
	let limit = 0;
	for (let index = start; index < end; index++) {
		if (records.lines[index] === 0) {
			limit = records.tokens[index]! - first + 1;
		}
	}

	if (limit > 0) {
		cells.read(sentence, limit);
	}

	const firstLine = corpus.sentenceLine[sentence]!;
	let tags: ReturnType<Corpus['sentenceTags']> | undefined;
	const problems: Problem[] = [];
	for (let k = 0; k < end - start; k++) {
		const index = order === undefined ? start + k : order[k]!;
		const token = records.tokens[index]!;
		const line = records.lines[index] || firstLine + cells.lines[token - first]!;
		if (records.kind(index) === kindCode['invalid-tag']) {
			tags ??= corpus.sentenceTags(sentence);
			problems.push({sentence, token, line, kind: 'invalid-tag', message: invalidReason(tags, token - first, corpus.format.scheme)});
		} else {
			problems.push(consistencyProblem(records, index, sentence, token, line, corpus, counts, shared));
		}
	}

	return problems;
}

function consistencyProblem(records: RecordList, index: number, sentence: number, token: number, line: number, corpus: Corpus, counts: MentionCounts, shared: SharedTexts): Problem {
	const {strings} = counts;
	const id = records.string(index);
	if (records.kind(index) === kindCode['unlabelled-mention']) {
		const {message, evidence} = sharedTexts(shared, -(id + 1), () => {
			const {text, labelled, occurrences, types, names} = stringFacts(counts, id);
			const [top, topCount] = types[0]!;
			return {message: `"${text}" is O here but an entity in ${labelled} of ${occurrences} occurrences`, evidence: {text, labelled, occurrences, rival: names[top], rivalCount: topCount}};
		});
		return {sentence, token, line, kind: 'unlabelled-mention', message, evidence, end: token + records.lengths[index]!};
	}

	const ownType = counts.roles.type[corpus.tagIds[token]!]!;
	const {message, evidence} = sharedTexts(shared, ownType < 2 ** 21 ? id * 2 ** 21 + ownType : undefined, () => {
		const {text, labelled, occurrences, types, names} = stringFacts(counts, id);
		const own = names[ownType]!;
		const [rival, rivalCount] = types.find(([type]) => type !== ownType)!;
		return {
			message: `"${text}" is ${own} here but ${names[rival]!} in ${rivalCount} of ${labelled} mentions`,
			evidence: {text, type: own, count: strings.typeCount(id, ownType), rival: names[rival], rivalCount, labelled, occurrences},
		};
	});
	return {sentence, token, line, kind: 'inconsistent-type', message, evidence, end: token + records.lengths[index]!};
}

/** By key: -(string + 1) for unlabelled occurrences, string * 2^21 + own type for mentions (unshared when there is no key). */
function sharedTexts(shared: SharedTexts, key: number | undefined, make: () => {message: string; evidence: ProblemEvidence}): {message: string; evidence: ProblemEvidence} {
	let texts = key === undefined ? undefined : shared.get(key);
	if (texts === undefined) {
		texts = make();
		if (key !== undefined) {
			shared.set(key, texts);
		}
	}

	return texts;
}

function stringFacts(counts: MentionCounts, id: number) {
	const {strings} = counts;
	const labelled = strings.labelled[id]!;
	return {text: strings.text(id), labelled, occurrences: labelled + strings.unlabelled[id]!, types: counts.sortedTypes(id), names: counts.types.names};
}
