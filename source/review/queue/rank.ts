/**
One ranked queue of everything that may be wrong in the open file. Tags that break the scheme come
first (they are wrong whatever the labels mean); then the tagger's disagreements and the corpus's
inconsistencies, by how strong the evidence against the file's label is. Without the tagger (before
it has trained) the cheap checks are ranked by their counts alone; when it is ready the same call
with its result re-ranks them and adds what only the tagger found.

A mention labelled one way once and another way once elsewhere (a 1-against-1 tie) is weak
evidence and appears once, at the place the tagger doubts more.
*/
import type {Corpus, TagChange} from '../../corpus/index.js';
import {repairInvalid, type Problem} from '../checks.js';
import {CorpusAnalysis} from '../corpus-analysis.js';
import type {TaggerResult} from '../tagger/result.js';
import {probability} from './describe.js';
import {addToList, stepSize, type Draft} from './draft.js';
import type {QueueEntry, Suggestion} from './entry.js';
import {modelDrafts} from './model-drafts.js';
import {byPosition, byRank} from './order.js';
import {keepSuggestionIndex, planSuggestion, SuggestionIndex} from './walk.js';
import {countLogOdds, countsOf, foundAt, labelledTotal, logit, modelDoubt, placeEvidence, placeKey, priorLogOdds, rivalOf, sigmoid, type Counts, type CountSource, type Found} from './evidence.js';

export type RankOptions = {
	/** The tagger's cross-validated result; without it, the cheap checks are ranked by counts. */
	readonly tagger?: TaggerResult;
	/**
	The open file's whole-corpus analysis first, then each reference corpus's: their counts are added
	up. Built from the open file alone when absent.
	*/
	readonly indexes?: readonly CountSource[];
	/** `rank` (default): most suspicious first; `file`: by position in the file. */
	readonly order?: 'rank' | 'file';
	/** The tagger's disagreements that no check found become entries up to this many, the most suspicious. */
	readonly limit?: number;
};

export const defaultLimit = 50_000;


export function rankQueue(corpus: Corpus, problems: Iterable<Problem>, options: RankOptions = {}): QueueEntry[] {
	const steps = rankSteps(corpus, problems, options);
	for (;;) {
		const next = steps.next();
		if (next.done) {
			return next.value;
		}
	}
}


/**
The ranking in steps, for the screen: it yields after every few hundred problems or disagreements,
so a caller can stop at a frame's deadline and go on at the next (a corpus of 10M tokens has
tens of thousands of problems). Returns the ranked entries.
*/
export function * rankSteps(corpus: Corpus, problems: Iterable<Problem>, options: RankOptions = {}): Generator<void, QueueEntry[]> {
	const indexes = options.indexes ?? [new CorpusAnalysis(corpus).run()];
	const {tagger} = options;
	const all: Problem[] = [];
	for (const problem of problems) {
		all.push(problem);
		if (all.length % stepSize === 0) {
			yield;
		}
	}

	const drafts: Draft[] = [];
	drafts.push(...invalidDrafts(corpus, all));
	yield;
	drafts.push(...yield * consistencyDrafts(corpus, all, indexes, tagger));
	if (tagger !== undefined) {
		drafts.push(...yield * modelDrafts(corpus, tagger, drafts, indexes, options.limit ?? defaultLimit));
	}

	const kept = dropTieMirrors(drafts);
	yield;
	const entries: QueueEntry[] = [];
	// The cursor's suggestion is looked up on every frame (walk.ts): its index is made in the same steps.
	const suggestions = new SuggestionIndex();
	for (const [index, draft] of kept.entries()) {
		if (index % stepSize === stepSize - 1) {
			yield;
		}

		const entry = finish(corpus, draft);
		entries.push(entry);
		suggestions.add(entry);
	}

	yield;
	const sorted = options.order === 'file' ? entries.sort(byPosition) : entries.sort(byRank);
	keepSuggestionIndex(sorted, suggestions);
	return sorted;
}


/** One entry per sentence with invalid tags; the fix keeps the entities the lenient decoder reads. */
function invalidDrafts(corpus: Corpus, problems: readonly Problem[]): Draft[] {
	const bySentence = new Map<number, Problem[]>();
	for (const problem of problems) {
		if (problem.kind === 'invalid-tag') {
			addToList(bySentence, problem.sentence, problem);
		}
	}

	const drafts: Draft[] = [];
	for (const [sentence, list] of bySentence) {
		const first = corpus.sentenceStart[sentence]!;
		const start = list[0]!.token - first;
		const end = list.at(-1)!.token - first + 1;
		const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
		const draft: Draft = {sentence, start, end, kind: 'invalid-tag', problems: list, score: 1, reason: `${list[0]!.message}${more}`};
		// The same entities, written validly: what repairInvalid plans, as a suggestion over the sentence.
		if (repairInvalid(corpus, sentence).length > 0) {
			const {spans} = corpus.decode(sentence);
			draft.suggestion = {start: 0, end: corpus.sentenceLength(sentence), from: spans, to: spans, confidence: 1, source: 'scheme'};
		}

		drafts.push(draft);
	}

	return drafts;
}

function * consistencyDrafts(corpus: Corpus, problems: readonly Problem[], indexes: readonly CountSource[], tagger: TaggerResult | undefined): Generator<void, Draft[]> {
	const drafts = new Map<number, Draft>();
	// A frequent string has thousands of problems: its counts are summed once, and the entries of
	// one verdict hold one reason string (100,000 copies were a sixth of a 10M-token queue's memory).
	const countsByText = new Map<string, Counts>();
	const reasons = new Map<string, string>();
	for (const [index, problem] of problems.entries()) {
		if (index % stepSize === stepSize - 1) {
			yield;
		}

		if (problem.kind === 'invalid-tag') {
			continue;
		}

		const labelled = problem.kind === 'inconsistent-type';
		const key = placeKey(problem.token, labelled);
		const existing = drafts.get(key);
		if (existing !== undefined) {
			existing.problems.push(problem);
			continue;
		}

		const found = foundAt(problem, corpus);
		if (found === undefined) {
			continue;
		}

		let counts = countsByText.get(found.text);
		if (counts === undefined) {
			counts = countsOf(found.text, indexes);
			countsByText.set(found.text, counts);
		}

		const draft = labelled
			? inconsistentDraft(problem, found, counts, tagger, corpus)
			: unlabelledDraft(problem, found, counts, tagger, corpus);
		if (draft !== undefined) {
			const reason = reasons.get(draft.reason);
			if (reason === undefined) {
				reasons.set(draft.reason, draft.reason);
			} else {
				draft.reason = reason;
			}

			drafts.set(key, draft);
		}
	}

	return [...drafts.values()];
}


function inconsistentDraft(problem: Problem, found: Found, counts: Counts, tagger: TaggerResult | undefined, corpus: Corpus): Draft | undefined {
	const {place, text} = found;
	const type = place.type!;
	const own = counts.byType.get(type) ?? 0;
	const rival = rivalOf(counts, type);
	if (rival === undefined) {
		return undefined;
	}

	const {against, forIt} = placeEvidence(counts, type);
	const first = corpus.sentenceStart[place.sentence]!;
	const doubt = tagger === undefined ? undefined : modelDoubt(tagger, first + place.start, first + place.end);
	const total = labelledTotal(counts);
	const tie = rival.count === own;
	const where = tie ? `and ${rival.type} in ${rival.count} other mention${rival.count === 1 ? '' : 's'} (${own} against ${rival.count})` : `but ${rival.type} in ${rival.count} of ${total} mentions`;
	return {
		sentence: place.sentence,
		start: place.start,
		end: place.end,
		kind: 'inconsistent-type',
		problems: [problem],
		score: suspicion(doubt, against, forIt),
		reason: `${JSON.stringify(text)} is ${type} here ${where}${modelNote(doubt)}`,
		suggestion: {
			start: place.start,
			end: place.end,
			from: [{start: place.start, end: place.end, type}],
			to: [{start: place.start, end: place.end, type: rival.type}],
			confidence: rival.count / (rival.count + own),
			source: 'counts',
			text,
		},
		tieOf: tie ? text : undefined,
	};
}

function unlabelledDraft(problem: Problem, found: Found, counts: Counts, tagger: TaggerResult | undefined, corpus: Corpus): Draft | undefined {
	const {place} = found;
	const labelled = labelledTotal(counts);
	const best = rivalOf(counts, undefined);
	if (best === undefined) {
		return undefined;
	}

	const {against, forIt} = placeEvidence(counts, undefined);
	const first = corpus.sentenceStart[place.sentence]!;
	const doubt = tagger === undefined ? undefined : modelDoubt(tagger, first + place.start, first + place.end);
	return {
		sentence: place.sentence,
		start: place.start,
		end: place.end,
		kind: 'unlabelled-mention',
		problems: [problem],
		score: suspicion(doubt, against, forIt),
		reason: `${JSON.stringify(found.text)} is O here but an entity in ${labelled} of ${labelled + counts.unlabelled} occurrences (${best.type} ${best.count})${modelNote(doubt)}`,
		suggestion: {
			start: place.start,
			end: place.end,
			from: [],
			to: [{start: place.start, end: place.end, type: best.type}],
			confidence: labelled / (labelled + counts.unlabelled),
			source: 'counts',
			text: found.text,
		},
	};
}

/** The tagger's doubt (or, without it, the prior) and the counts, added as log-odds. */
function suspicion(doubt: number | undefined, against: number, forIt: number): number {
	return sigmoid((doubt === undefined ? priorLogOdds : logit(doubt)) + countLogOdds(against, forIt));
}

function modelNote(doubt: number | undefined): string {
	if (doubt === undefined) {
		return '';
	}

	return doubt >= 0.5 ? `; the tagger doubts it too (${probability(doubt)})` : `; the tagger agrees with the file (${probability(1 - doubt)})`;
}

/** Of the places of one string tied between two types, only the most doubted is kept (the first when equal). */
function dropTieMirrors(drafts: readonly Draft[]): Draft[] {
	const bestOfTie = new Map<string, Draft>();
	for (const draft of drafts) {
		if (draft.tieOf === undefined) {
			continue;
		}

		const best = bestOfTie.get(draft.tieOf);
		if (best === undefined || draft.score > best.score) {
			bestOfTie.set(draft.tieOf, draft);
		}
	}

	return drafts.filter(draft => draft.tieOf === undefined || bestOfTie.get(draft.tieOf) === draft);
}

function finish(corpus: Corpus, draft: Draft): QueueEntry {
	const first = corpus.sentenceStart[draft.sentence]!;
	const token = first + draft.start;
	const line = draft.problems[0]?.line ?? corpus.lineOf(token);
	const {suggestion} = draft;
	return {
		sentence: draft.sentence,
		token,
		end: first + draft.end,
		line,
		kind: draft.kind,
		score: draft.score,
		reason: draft.reason,
		suggestion: suggestion === undefined ? undefined : new LazySuggestion(corpus, draft.sentence, suggestion),
		problems: draft.problems,
	};
}

/**
A suggestion whose tag changes are planned when first read (by `a`, `check --json`, the label of a
repair), not for every entry at ranking time: planning them all took most of the ranking of a
large corpus, and a reviewer reads a few. They are planned against the tags as they are then.
A class with a getter: defining the property on each of 100,000 objects cost a sixth of the ranking.
*/
class LazySuggestion implements Suggestion {
	readonly start: number;
	readonly end: number;
	readonly from: Suggestion['from'];
	readonly to: Suggestion['to'];
	readonly confidence: number;
	readonly source: Suggestion['source'];
	readonly text: string | undefined;
	// Not enumerable, so the suggestion compares and prints as its plain fields.
	readonly #corpus: Corpus;
	readonly #sentence: number;
	#planned: readonly TagChange[] | undefined;

	constructor(corpus: Corpus, sentence: number, suggestion: Omit<Suggestion, 'changes'>) {
		({start: this.start, end: this.end, from: this.from, to: this.to, confidence: this.confidence, source: this.source, text: this.text} = suggestion);
		this.#corpus = corpus;
		this.#sentence = sentence;
	}

	get changes(): readonly TagChange[] {
		this.#planned ??= planSuggestion(this.#corpus, this.#sentence, this);
		return this.#planned;
	}
}
