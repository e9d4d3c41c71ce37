/**
Problems found for the reviewer: tags that break the scheme, mentions labelled against the
corpus's majority, and strings left unlabelled where the corpus usually labels them. One pass
decodes every sentence once; the consistency index supplies the counts.
*/
import {foreignRole, planSpans, rolesByScheme, type Corpus, type ParsedTag, type Role, type SchemeName, type TagChange} from '../corpus/index.js';
import {buildConsistencyIndex, type ConsistencyIndex, type Occurrences} from './consistency.js';

export type ProblemKind = 'invalid-tag' | 'inconsistent-type' | 'unlabelled-mention';

export type Problem = {
	readonly sentence: number;
	/** Absolute token index (the first token of a mention). */
	readonly token: number;
	/** 1-based line of that token in the file. */
	readonly line: number;
	readonly kind: ProblemKind;
	readonly message: string;
};

/** A string needs this many labelled mentions before its labels are compared: one mention is no evidence. */
export const minLabelledMentions = 2;
/** An unlabelled occurrence is reported when more than this share of the string's occurrences are entities. */
export const minEntityShare = 0.5;

const kindOrder: Record<ProblemKind, number> = {'invalid-tag': 0, 'inconsistent-type': 1, 'unlabelled-mention': 2};

/** Every problem in the corpus, by sentence, then token. Pass an index already built to reuse it. */
export function findProblems(corpus: Corpus, index?: ConsistencyIndex): Problem[] {
	const found: Array<Omit<Problem, 'line'>> = [];
	const addInvalid = (sentence: number, invalid: readonly number[]) => {
		if (invalid.length > 0) {
			found.push(...invalidTagProblems(corpus, sentence, invalid));
		}
	};

	if (index === undefined) {
		index = buildConsistencyIndex(corpus, (sentence, decoded) => {
			addInvalid(sentence, decoded.invalid);
		});
	} else {
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			addInvalid(sentence, corpus.decode(sentence).invalid);
		}
	}

	for (const [text, occurrences] of index.entries()) {
		found.push(...consistencyProblems(corpus, text, occurrences));
	}

	found.sort((a, b) => a.sentence - b.sentence || a.token - b.token || kindOrder[a.kind] - kindOrder[b.kind]);
	return found.map(problem => ({...problem, line: corpus.lineOf(problem.token)}));
}

function consistencyProblems(corpus: Corpus, text: string, occurrences: Occurrences): Array<Omit<Problem, 'line'>> {
	const labelled = sum(occurrences.byType.values());
	if (labelled < minLabelledMentions) {
		return [];
	}

	const problems: Array<Omit<Problem, 'line'>> = [];
	const types = [...occurrences.byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const reportUnlabelled = labelled / (labelled + occurrences.unlabelled) > minEntityShare;
	for (const place of occurrences.places) {
		const token = corpus.sentenceStart[place.sentence]! + place.start;
		if (place.type === undefined) {
			if (reportUnlabelled) {
				problems.push({sentence: place.sentence, token, kind: 'unlabelled-mention', message: `"${text}" is O here but an entity in ${labelled} of ${labelled + occurrences.unlabelled} occurrences`});
			}

			continue;
		}

		// Only a minority label is reported, against the most frequent other one; when the top types tie, each is reported.
		const own = occurrences.byType.get(place.type)!;
		const rival = types.find(([type]) => type !== place.type);
		if (rival !== undefined && rival[1] >= own) {
			problems.push({sentence: place.sentence, token, kind: 'inconsistent-type', message: `"${text}" is ${place.type} here but ${rival[0]} in ${rival[1]} of ${labelled} mentions`});
		}
	}

	return problems;
}

function sum(values: Iterable<number>): number {
	let total = 0;
	for (const value of values) {
		total += value;
	}

	return total;
}

const endLetter: Partial<Record<SchemeName, string>> = {BIOES: 'E', BILOU: 'L', BMES: 'E'};

/** The prefix's role as the decoder reads it (a foreign prefix by its usual meaning). */
function roleOf(tag: ParsedTag, scheme: SchemeName): Role {
	return rolesByScheme[scheme][tag.prefix] ?? foreignRole[tag.prefix];
}

/** Whether `tag` continues the entity `previous` leaves open (the decoder keeps one open after a begin or inside tag). */
function continues(previous: ParsedTag | undefined, tag: ParsedTag, scheme: SchemeName): boolean {
	if (previous === undefined) {
		return false;
	}

	const role = roleOf(previous, scheme);
	return (role === 'begin' || role === 'inside') && previous.type === tag.type;
}

/** Why the decoder marked the token invalid, in the reviewer's words; several reasons are joined. */
export function invalidReason(tags: readonly ParsedTag[], index: number, scheme: SchemeName): string {
	const tag = tags[index]!;
	const previous = tags[index - 1];
	const next = tags[index + 1];
	const reasons: string[] = [];
	if (tag.prefix === '?') {
		return `${JSON.stringify(tag.text)} is not a tag`;
	}

	if (rolesByScheme[scheme][tag.prefix] === undefined) {
		reasons.push(`${tag.text} is not used in ${scheme}`);
	}

	const role = roleOf(tag, scheme);
	const lenientInside = scheme === 'IOB1' || scheme === 'IO';
	if (((role === 'inside' && !lenientInside) || role === 'end') && !continues(previous, tag, scheme)) {
		reasons.push(previous === undefined ? `${tag.text} at the start of a sentence is invalid in ${scheme}` : `${tag.text} after ${previous.text} is invalid in ${scheme}`);
	}

	const end = endLetter[scheme];
	if (end !== undefined && (role === 'begin' || role === 'inside') && !(next !== undefined && next.type === tag.type && ['inside', 'end'].includes(roleOf(next, scheme)))) {
		reasons.push(`${tag.text} not closed by ${end}-${tag.type} (${scheme})`);
	}

	return reasons.length > 0 ? reasons.join('; ') : `${tag.text} is invalid in ${scheme}`;
}

function invalidTagProblems(corpus: Corpus, sentence: number, invalid: readonly number[]): Array<Omit<Problem, 'line'>> {
	const tags = corpus.sentenceTags(sentence);
	const [first] = corpus.sentenceTokens(sentence);
	return invalid.map(index => ({sentence, token: first + index, kind: 'invalid-tag' as const, message: invalidReason(tags, index, corpus.format.scheme)}));
}

/**
The changes that make the sentence's tags valid in the file's scheme while keeping the entities
the lenient decoder reads from them (an `I-PER` after `O` stays a PER entity, now opened by
`B-PER`). Empty when the sentence is already valid.
*/
export function repairInvalid(corpus: Corpus, sentence: number): TagChange[] {
	const {spans, invalid} = corpus.decode(sentence);
	if (invalid.length === 0) {
		return [];
	}

	return planSpans(corpus, sentence, spans, {start: 0, end: corpus.sentenceLength(sentence)});
}
