/**
One ranked queue of everything that may be wrong in the open file. Tags that break the scheme come
first (they are wrong whatever the labels mean); then the tagger's disagreements and the corpus's
inconsistencies, by how strong the evidence against the file's label is. Without the tagger (before
it has trained) the cheap checks are ranked by their counts alone; when it is ready the same call
with its result re-ranks them and adds what only the tagger found.

A mention labelled one way once and another way once elsewhere (a 1-against-1 tie) is weak
evidence and appears once, at the place the tagger doubts more.
*/
import type {Corpus} from '../../corpus/index.js';
import {repairInvalid, type Problem} from '../checks.js';
import type {Place} from '../consistency.js';
import {CorpusAnalysis} from '../corpus-analysis.js';
import type {TaggerResult} from '../tagger/result.js';
import {probability} from './describe.js';
import {addToList, stepSize, type CountsSuggestion, type Draft} from './draft.js';
import {modelEntries} from './model-entries.js';
import {sortByPosition, sortByRank} from './order.js';
import {EntryColumns, kindCodes} from './ranked-entry.js';
import {RankedQueue} from './ranked-queue.js';
import {SuggestionIndex} from './walk.js';
import {countLogOdds, countsOf, foundAt, labelledTotal, logit, modelDoubt, placeEvidence, placeKey, priorLogOdds, rivalOf, sigmoid, type Counts, type CountSource} from './evidence.js';

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
	/**
	For a token whose tag changed after the tagger read it (the screen ranks again after edits with the
	tagger's last result), the tag id it had then; undefined for the others. The tagger's probability
	there is of that tag: while the token has another, the tagger doubts the new one at least as much
	as it believed the old (the probabilities add up to 1), and that is the doubt it is weighed by.
	*/
	readonly readTags?: (token: number) => number | undefined;
};

/**
About how many entries there will be: the open file's problem count, when its analysis is the first
index (as `check` and the screen pass it). The entries' columns are made that size rather than
grown, each copy left behind as garbage (ranked-entry.ts).
*/
function expectedEntries(indexes: readonly CountSource[]): number | undefined {
	const [own] = indexes;
	if (!(own instanceof CorpusAnalysis)) {
		return undefined;
	}

	const {invalidTags, inconsistent, unlabelled} = own.problemCounts();
	return invalidTags + inconsistent + unlabelled;
}

export const defaultLimit = 50_000;


export function rankQueue(corpus: Corpus, problems: Iterable<Problem>, options: RankOptions = {}): RankedQueue {
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
tens of thousands of problems). Returns the ranked queue.
*/
export function * rankSteps(corpus: Corpus, problems: Iterable<Problem>, options: RankOptions = {}): Generator<void, RankedQueue> {
	const indexes = options.indexes ?? [new CorpusAnalysis(corpus).run()];
	const {tagger} = options;
	// The problems are weighed as they are read, not kept: a 10M-token corpus has 100,000.
	const invalidBySentence = new Map<number, Problem[]>();
	// The entries, one row each in columns (ranked-entry.ts): the checks', the invalid tags', the tagger's.
	const columns = new EntryColumns(corpus, expectedEntries(indexes));
	yield * consistencyEntries(columns, problems, indexes, tagger, invalidBySentence, options.readTags);
	yield;
	invalidEntries(columns, invalidBySentence);
	if (tagger !== undefined) {
		yield * modelEntries(columns, tagger, indexes, options.limit ?? defaultLimit);
	}

	const kept = dropTieMirrors(columns);
	yield;
	// The cursor's suggestion is looked up on every frame (walk.ts): its index is made in the same steps.
	const suggestions = new SuggestionIndex(kept.length);
	for (let index = 0; index < kept.length; index++) {
		if (index % stepSize === stepSize - 1) {
			yield;
		}

		const row = kept[index]!;
		if (columns.suggested[row] !== undefined) {
			suggestions.add(row, columns.sentence[row]!);
		}
	}

	yield;
	suggestions.finish();
	yield;
	return new RankedQueue(columns, options.order === 'file' ? sortByPosition(columns, kept) : sortByRank(columns, kept), suggestions);
}


/** One entry per sentence with invalid tags; the fix keeps the entities the lenient decoder reads. */
function invalidEntries(columns: EntryColumns, bySentence: ReadonlyMap<number, readonly Problem[]>): void {
	const {corpus} = columns;
	for (const [sentence, list] of bySentence) {
		const first = corpus.sentenceStart[sentence]!;
		const start = list[0]!.token - first;
		const end = list.at(-1)!.token - first + 1;
		const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
		const draft: Draft = {sentence, start, end, kind: 'invalid-tag', line: list[0]!.line, problemCount: list.length, score: 1, reason: `${list[0]!.message}${more}`};
		// The same entities, written validly: what repairInvalid plans, as a suggestion over the sentence.
		if (repairInvalid(corpus, sentence).length > 0) {
			const {spans} = corpus.decode(sentence);
			draft.suggestion = {start: 0, end: corpus.sentenceLength(sentence), from: spans, to: spans, confidence: 1, source: 'scheme'};
		}

		columns.add(draft);
	}
}

/** The consistency problems' rows (the first of `columns`); the invalid tags' problems go to `invalid`, by sentence. */
function * consistencyEntries(columns: EntryColumns, problems: Iterable<Problem>, indexes: readonly CountSource[], tagger: TaggerResult | undefined, invalid: Map<number, Problem[]>, readTags?: (token: number) => number | undefined): Generator<void, void> {
	const {corpus} = columns;
	// The rows by place, to count a place's other problems. They come in file order, so a place's
	// problems come together: only the current token's two places (its mention, its unlabelled
	// occurrence) are kept (a map of all the 100,000 places of a 10M-token corpus was 4 MB of garbage,
	// and as much again while it grew). Problems out of order (another file's, after the file's own)
	// turn it into a map of every place. -1: none.
	const atToken = [-1, -1];
	let lastToken = -1;
	let places: Map<number, number> | undefined;
	const inconsistentCode = kindCodes.get('inconsistent-type')!;
	// A frequent string has thousands of problems: its counts are summed and its verdicts (reason,
	// rival, evidence) made once; the entries of one verdict hold one reason string (100,000 copies
	// were a sixth of a 10M-token queue's memory, and making and interning them a third of its ranking).
	const verdictsByText = new Map<string, StringVerdicts>();
	const reasons = new Map<string, string>();
	let read = 0;
	for (const problem of problems) {
		if (++read % stepSize === 0) {
			yield;
		}

		if (problem.kind === 'invalid-tag') {
			addToList(invalid, problem.sentence, problem);
			continue;
		}

		if (problem.token !== lastToken && places === undefined) {
			if (problem.token < lastToken) {
				places = new Map();
				for (let row = 0; row < columns.length; row++) {
					places.set(placeKey(columns.token[row]!, columns.kind[row] === inconsistentCode), row);
				}
			}

			atToken[0] = -1;
			atToken[1] = -1;
			lastToken = problem.token;
		}

		const labelled = problem.kind === 'inconsistent-type';
		const key = placeKey(problem.token, labelled);
		const existing = places === undefined ? atToken[labelled ? 1 : 0]! : places.get(key) ?? -1;
		if (existing >= 0) {
			columns.problemCount[existing]!++;
			continue;
		}

		const found = foundAt(problem, corpus);
		if (found === undefined) {
			continue;
		}

		let verdicts = verdictsByText.get(found.text);
		if (verdicts === undefined) {
			verdicts = {counts: countsOf(found.text, indexes), byType: new Map()};
			verdictsByText.set(found.text, verdicts);
		}

		const type = labelled ? found.place.type! : undefined;
		let verdict = verdicts.byType.get(type);
		if (verdict === undefined) {
			verdict = labelled ? inconsistentVerdict(found.text, verdicts.counts, type!) : unlabelledVerdict(found.text, verdicts.counts);
			verdicts.byType.set(type, verdict);
		}

		if (verdict === null) {
			continue;
		}

		const draft = placedDraft(problem, found.place, verdict, tagger, corpus, readTags);
		if (tagger !== undefined) {
			// The tagger's note makes the reasons differ by place: equal ones still share one string.
			const reason = reasons.get(draft.reason);
			if (reason === undefined) {
				reasons.set(draft.reason, draft.reason);
			} else {
				draft.reason = reason;
			}
		}

		const row = columns.add(draft);
		if (places === undefined) {
			atToken[labelled ? 1 : 0] = row;
		} else {
			places.set(key, row);
		}
	}
}

/** The verdicts on one string's places, by the type a place has (undefined: unlabelled); null when there is no rival. */
type StringVerdicts = {readonly counts: Counts; readonly byType: Map<string | undefined, Verdict | null>};

/** What the counts say about a place of a string with a given reading, the same at each such place. */
type Verdict = CountsSuggestion & {
	readonly kind: 'inconsistent-type' | 'unlabelled-mention';
	readonly against: number;
	readonly forIt: number;
	/** The reason without the tagger's note, and the score without the tagger's doubt. */
	readonly reason: string;
	readonly score: number;
	readonly tieOf: string | undefined;
};

function inconsistentVerdict(text: string, counts: Counts, type: string): Verdict | null {
	const own = counts.byType.get(type) ?? 0;
	const rival = rivalOf(counts, type);
	// The mention has the type most of the string's mentions have once the references are counted: nothing to
	// report (QA: `"Jordan" is LOC here but PER in 9 of 43 mentions`, where 27 of the 43 were LOC).
	if (rival === undefined || own > rival.count) {
		return null;
	}

	const {against, forIt} = placeEvidence(counts, type);
	const total = labelledTotal(counts);
	const tie = rival.count === own;
	const where = tie ? `and ${rival.type} in ${rival.count} other mention${rival.count === 1 ? '' : 's'} (${own} against ${rival.count})` : `but ${rival.type} in ${rival.count} of ${total} mentions`;
	return {
		kind: 'inconsistent-type',
		type,
		rival: rival.type,
		against,
		forIt,
		reason: `"${text}" is ${type} here ${where}`,
		score: suspicion(undefined, against, forIt),
		confidence: rival.count / (rival.count + own),
		text,
		tieOf: tie ? text : undefined,
	};
}

function unlabelledVerdict(text: string, counts: Counts): Verdict | null {
	const labelled = labelledTotal(counts);
	const best = rivalOf(counts, undefined);
	if (best === undefined) {
		return null;
	}

	const {against, forIt} = placeEvidence(counts, undefined);
	return {
		kind: 'unlabelled-mention',
		type: undefined,
		rival: best.type,
		against,
		forIt,
		reason: `"${text}" is O here but an entity in ${labelled} of ${labelled + counts.unlabelled} occurrences (${best.type} ${best.count})`,
		score: suspicion(undefined, against, forIt),
		confidence: labelled / (labelled + counts.unlabelled),
		text,
		tieOf: undefined,
	};
}

/** A verdict at one place: its extent, and with the tagger its doubt there. */
function placedDraft(problem: Problem, place: Place, verdict: Verdict, tagger: TaggerResult | undefined, corpus: Corpus, readTags?: (token: number) => number | undefined): Draft {
	const first = corpus.sentenceStart[place.sentence]!;
	const doubt = tagger === undefined ? undefined : modelDoubt(tagger, first + place.start, first + place.end, token => {
		const read = readTags?.(token);
		return read === undefined || read === corpus.tagIds[token];
	});
	return {
		sentence: place.sentence,
		start: place.start,
		end: place.end,
		kind: verdict.kind,
		line: problem.line,
		problemCount: 1,
		score: doubt === undefined ? verdict.score : suspicion(doubt, verdict.against, verdict.forIt),
		reason: doubt === undefined ? verdict.reason : `${verdict.reason}${modelNote(doubt)}`,
		counts: verdict,
		tieOf: verdict.tieOf,
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

/** The rows kept: of the places of one string tied between two types, only the most doubted (the first when equal). */
function dropTieMirrors(columns: EntryColumns): Uint32Array {
	const {tieOf, score} = columns;
	const bestOfTie = new Map<string, number>();
	for (const [row, text] of tieOf) {
		const best = bestOfTie.get(text);
		if (best === undefined || score[row]! > score[best]! || (score[row] === score[best] && row < best)) {
			bestOfTie.set(text, row);
		}
	}

	const kept = new Uint32Array(columns.length - tieOf.size + bestOfTie.size);
	let filled = 0;
	for (let row = 0; row < columns.length; row++) {
		const text = tieOf.get(row);
		if (text === undefined || bestOfTie.get(text) === row) {
			kept[filled++] = row;
		}
	}

	return kept;
}
