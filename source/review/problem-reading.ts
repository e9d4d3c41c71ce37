/**
The problems as the reviewer reads them, made from the compact records when asked: the line, the
message, and for consistency problems the evidence a ranking reads (counts of the string and of
its rival type), so that a 10M-token corpus's problems are never held as objects.
*/
import type {Corpus} from '../corpus/index.js';
import {invalidReason, type Problem, type ProblemEvidence} from './checks.js';
import type {MentionCounts} from './mention-counts.js';
import {kindCode, type RecordList} from './problem-records.js';

/** Records `[start, end)` of one sentence as problems; unlabelled ones at the same token in order of their strings' first mention. */
export function problemsAt(records: RecordList, start: number, end: number, corpus: Corpus, counts: MentionCounts): Problem[] {
	const order = Array.from({length: end - start}, (_, i) => start + i);
	for (let i = 1; i < order.length; i++) {
		// Records are in token and kind order already: only strings found at the same token need ordering.
		if (records.tokens[order[i]!] === records.tokens[order[i - 1]!] && records.kind(order[i]!) === 2 && records.kind(order[i - 1]!) === 2) {
			order.sort((a, b) => records.tokens[a]! - records.tokens[b]! || records.kind(a) - records.kind(b)
				|| (records.kind(a) === 2 ? counts.firstMentionOf(records.string(a)) - counts.firstMentionOf(records.string(b)) : 0));
			break;
		}
	}

	const sentence = records.sentences[start]!;
	const first = corpus.sentenceStart[sentence]!;
	const {cells} = counts.reader;
	// Unlabelled occurrences run past their first token: then the whole sentence is read.
	let unlabelled = false;
	for (let index = start; index < end && !unlabelled; index++) {
		unlabelled = records.kind(index) === kindCode['unlabelled-mention'];
	}

	cells.read(sentence, unlabelled ? Number.POSITIVE_INFINITY : records.tokens[end - 1]! - first + 1);
	const firstLine = corpus.sentenceLine[sentence]!;
	let tags: ReturnType<Corpus['sentenceTags']> | undefined;
	return order.map(index => {
		const token = records.tokens[index]!;
		const line = firstLine + cells.lines[token - first]!;
		if (records.kind(index) === kindCode['invalid-tag']) {
			tags ??= corpus.sentenceTags(sentence);
			return {sentence, token, line, kind: 'invalid-tag', message: invalidReason(tags, token - first, corpus.format.scheme)};
		}

		return consistencyProblem(records, index, sentence, token, line, corpus, counts, first);
	});
}

function consistencyProblem(records: RecordList, index: number, sentence: number, token: number, line: number, corpus: Corpus, counts: MentionCounts, first: number): Problem {
	const {strings} = counts;
	const id = records.string(index);
	const text = strings.text(id);
	const labelled = strings.labelled[id]!;
	const occurrences = labelled + strings.unlabelled[id]!;
	const types = counts.sortedTypes(id);
	const {names} = counts.types;
	if (records.kind(index) === kindCode['unlabelled-mention']) {
		const [top, topCount] = types[0]!;
		const evidence: ProblemEvidence = {text, labelled, occurrences, rival: names[top], rivalCount: topCount};
		const spelled = counts.reader.cells.spelledEnd(token - first, strings.pool, strings.offset[id]!, strings.offset[id + 1]!);
		return {sentence, token, line, kind: 'unlabelled-mention', message: `"${text}" is O here but an entity in ${labelled} of ${occurrences} occurrences`, evidence, end: spelled < 0 ? undefined : first + spelled};
	}

	const ownType = counts.roles.type[corpus.tagIds[token]!]!;
	const own = names[ownType]!;
	const ownCount = strings.typeCount(id, ownType);
	const [rival, rivalCount] = types.find(([type]) => type !== ownType)!;
	const evidence: ProblemEvidence = {text, type: own, count: ownCount, rival: names[rival], rivalCount, labelled, occurrences};
	return {sentence, token, line, kind: 'inconsistent-type', message: `"${text}" is ${own} here but ${names[rival]!} in ${rivalCount} of ${labelled} mentions`, evidence};
}
