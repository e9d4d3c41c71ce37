/**
Problems found for the reviewer: tags that break the scheme, mentions labelled against the
corpus's majority, and strings left unlabelled where the corpus usually labels them. What a
problem is, and why a tag is invalid in the reviewer's words; the analysis (corpus-analysis.ts)
finds them.
*/
import {foreignRole, planSpans, rolesByScheme, type Corpus, type ParsedTag, type Role, type SchemeName, type TagChange} from '../corpus/index.js';

export type ProblemKind = 'invalid-tag' | 'inconsistent-type' | 'unlabelled-mention';

/**
What a consistency problem rests on, for a ranking to read without parsing the message. For an
inconsistent type: the string, its type here and that type's mentions, the most frequent other
type (the rival) and its mentions. For an unlabelled occurrence: the string and its most frequent
type (as the rival). Both: labelled mentions, and all occurrences (labelled and unlabelled).
*/
export type ProblemEvidence = {
	readonly text: string;
	readonly type?: string;
	readonly count?: number;
	readonly rival?: string;
	readonly rivalCount?: number;
	readonly labelled: number;
	readonly occurrences: number;
};

export type Problem = {
	readonly sentence: number;
	/** Absolute token index (the first token of a mention). */
	readonly token: number;
	/** 1-based line of that token in the file. */
	readonly line: number;
	readonly kind: ProblemKind;
	readonly message: string;
	/** Absent for invalid tags. */
	readonly evidence?: ProblemEvidence;
	/**
	One past the place's last token (absolute): for an unlabelled occurrence as the analysis matched
	it, for an inconsistent mention where its span ends (set by the analysis for both), so a ranking
	places it without decoding the sentence again.
	*/
	readonly end?: number;
};

/** A string needs this many labelled mentions before its labels are compared: one mention is no evidence. */
export const minLabelledMentions = 2;
/** An unlabelled occurrence is reported when more than this share of the string's occurrences are entities. */
export const minEntityShare = 0.5;

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
