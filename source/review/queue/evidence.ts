/**
How strong the evidence behind a problem is. Counts come from the whole-corpus analyses (the open
file's, plus each reference corpus's), never from the problem's message; the tagger's doubt comes
from its held-out probabilities.
*/
import type {Corpus} from '../../corpus/index.js';
import type {Problem} from '../checks.js';
import type {Place} from '../consistency.js';
import type {StringCounts} from '../corpus-analysis.js';
import {goldProbabilityAt, type TaggerResult} from '../tagger/result.js';

export type Counts = {
	/** Labelled mentions per type, over every index. */
	readonly byType: ReadonlyMap<string, number>;
	readonly unlabelled: number;
};

/** Where the counts of a string come from: the open file's analysis, and each reference corpus's (CorpusAnalysis). */
export type CountSource = {countsOf(text: string): StringCounts | undefined};

/** The string's counts summed over the open file's analysis and the references'. */
export function countsOf(text: string, sources: readonly CountSource[]): Counts {
	const byType = new Map<string, number>();
	let unlabelled = 0;
	for (const source of sources) {
		const counts = source.countsOf(text);
		for (const {type, count} of counts?.types ?? []) {
			byType.set(type, (byType.get(type) ?? 0) + count);
		}

		unlabelled += counts?.unlabelled ?? 0;
	}

	return {byType, unlabelled};
}

/** The most frequent type other than `except` (ties by name), with its count; undefined when there is none. */
export function rivalOf(counts: Counts, except: string | undefined): {type: string; count: number} | undefined {
	let rival: {type: string; count: number} | undefined;
	for (const [type, count] of counts.byType) {
		if (type !== except && (rival === undefined || count > rival.count || (count === rival.count && type < rival.type))) {
			rival = {type, count};
		}
	}

	return rival;
}

export function labelledTotal(counts: Counts): number {
	let total = 0;
	for (const count of counts.byType.values()) {
		total += count;
	}

	return total;
}

/**
Suspicions add up as log-odds (naive Bayes): the tagger's doubt, which already weighs the words
around the place and how each word is labelled elsewhere, plus the likelihood ratio of how the
whole string is labelled elsewhere. Without the tagger, the prior stands in for its doubt: label
errors are the exception (a few percent of the mentions in audited corpora), so one string's
1-against-1 tie stays weak evidence while 1 against 35 is strong.
*/
export const priorLogOdds = Math.log(0.05 / 0.95);

/**
Log likelihood ratio from counts: occurrences elsewhere that contradict the label here against
those that agree with it (this occurrence not counted), each with half a pseudo-count, so a string
seen nowhere else gives 0 and a 1-against-1 tie gives log 3.
*/
export function countLogOdds(against: number, forIt: number): number {
	return Math.log((against + 0.5) / (forIt + 0.5));
}

/**
The counts for and against the file's reading of one occurrence: labelled `type` here (undefined:
left unlabelled here). This occurrence is in the counts and is taken out.
*/
export function placeEvidence(counts: Counts, type: string | undefined): {against: number; forIt: number} {
	const labelled = labelledTotal(counts);
	if (type === undefined) {
		return {against: labelled, forIt: Math.max(0, counts.unlabelled - 1)};
	}

	const own = counts.byType.get(type) ?? 0;
	return {against: labelled - own + counts.unlabelled, forIt: Math.max(0, own - 1)};
}

/**
The tagger's probability as log-odds, never beyond +-6 (about 1 in 400): a held-out linear model
that is "certain" is still wrong now and then, and a cap lets strong counts reorder its certain
verdicts instead of leaving them tied at 1.00.
*/
export function logit(probability: number): number {
	const p = Math.min(1 - 1e-6, Math.max(1e-6, probability));
	return Math.max(-modelLogOddsCap, Math.min(modelLogOddsCap, Math.log(p / (1 - p))));
}

export const modelLogOddsCap = 6;

export function sigmoid(logOdds: number): number {
	return 1 / (1 + Math.exp(-logOdds));
}

/** The tagger's doubt about the file's labels on tokens `[token, end)`: 1 - the lowest probability it gives them. */
export function modelDoubt(tagger: TaggerResult, token: number, end: number, asRead: (token: number) => boolean = () => true): number {
	let doubt = 0;
	for (let t = token; t < end; t++) {
		// A tag changed since the tagger read it: its probability of the old tag is a floor on its doubt of the new.
		const probability = goldProbabilityAt(tagger, t);
		doubt = Math.max(doubt, asRead(t) ? 1 - probability : probability);
	}

	return doubt;
}

/** A string's occurrence: its text and where it is. */
export type Found = {readonly text: string; readonly place: Place};

/**
The string and the place a consistency problem points at, from its evidence: a labelled mention is
the entity at the problem's token; an unlabelled occurrence runs to the end the analysis matched.
*/
export function foundAt(problem: Problem, corpus: Corpus): Found | undefined {
	const text = problem.evidence?.text;
	if (text === undefined) {
		return undefined;
	}

	const first = corpus.sentenceStart[problem.sentence]!;
	const start = problem.token - first;
	if (problem.kind === 'inconsistent-type') {
		// The analysis says where the mention ends and what its type is; another file's problems may not.
		if (problem.end !== undefined && problem.evidence?.type !== undefined) {
			return {text, place: {sentence: problem.sentence, start, end: problem.end - first, type: problem.evidence.type}};
		}

		const span = corpus.decode(problem.sentence).spans.find(candidate => candidate.start === start);
		return span === undefined ? undefined : {text, place: {sentence: problem.sentence, start, end: span.end, type: span.type}};
	}

	// Where the analysis matched the occurrence (it always says): its words are never decoded again.
	return problem.end === undefined ? undefined : {text, place: {sentence: problem.sentence, start, end: problem.end - first, type: undefined}};
}

/** The key of a labelled mention or an unlabelled occurrence starting at a token (absolute): a number, not a string per problem. */
export function placeKey(token: number, labelled: boolean): number {
	return token * 2 + (labelled ? 1 : 0);
}
