/**
The whole-corpus analysis behind the problem navigation, the consistency view and the
statistics: the consistency index and the problem list, built on first use and rebuilt after the
tags changed (the history's revision). One per session.
*/
import type {Session} from '../corpus/index.js';
import {findProblems, type Problem} from './checks.js';
import {buildConsistencyIndex, type ConsistencyIndex} from './consistency.js';
import {corpusStatistics, formatStatistics} from './statistics.js';

export type Analysis = {
	readonly index: ConsistencyIndex;
	readonly problems: readonly Problem[];
	/** Problems of each sentence that has any. */
	readonly bySentence: ReadonlyMap<number, readonly Problem[]>;
	/** Sentences with a problem, ascending. */
	readonly sentences: Uint32Array;
	/** The statistics as printed lines (built on first use). */
	statisticsLines(): readonly string[];
};

const cache = new WeakMap<Session, {revision: number; analysis: Analysis}>();

/** Whether analysisOf would answer at once (built, and the tags unchanged since). */
export function hasAnalysis(session: Session): boolean {
	return cache.get(session)?.revision === session.history.revision;
}

export function analysisOf(session: Session): Analysis {
	const {revision} = session.history;
	const cached = cache.get(session);
	if (cached !== undefined && cached.revision === revision) {
		return cached.analysis;
	}

	const index = buildConsistencyIndex(session.corpus);
	const problems = findProblems(session.corpus, index);
	const bySentence = new Map<number, Problem[]>();
	for (const problem of problems) {
		const list = bySentence.get(problem.sentence);
		if (list === undefined) {
			bySentence.set(problem.sentence, [problem]);
		} else {
			list.push(problem);
		}
	}

	let statistics: string[] | undefined;
	const analysis = {
		index,
		problems,
		bySentence,
		sentences: Uint32Array.from(bySentence.keys()).sort(),
		statisticsLines: () => {
			statistics ??= formatStatistics(corpusStatistics(session.corpus, problems, index)).split('\n');
			return statistics;
		},
	};
	cache.set(session, {revision, analysis});
	return analysis;
}
