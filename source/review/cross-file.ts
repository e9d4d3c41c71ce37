/**
Problems that show only when several corpora are read together: a string one file labels one way
and the others (a reference, the training set, the other files of `check train dev test`) mostly
label another way. Each file's own checks see only its own counts; here a file's mentions are
judged by the counts of every file together, and a mention is reported when it is the minority
together but not on its own (what it is on its own, its own check already reports); so is an
occurrence the file leaves unlabelled where the files together mostly label the string. (A string
the file never labels is not looked for in it: its own analysis matches only its own strings.)
*/
import type {Problem} from './checks.js';
import {minEntityShare, minLabelledMentions} from './checks.js';
import type {CorpusAnalysis, StringCounts} from './corpus-analysis.js';
import {countsOf, labelledTotal, rivalOf} from './queue/evidence.js';

/** A corpus read beside the file, by the name messages use. */
export type OtherCorpus = {readonly name: string; readonly analysis: CountSource};

/** Counts of a string in a corpus (CorpusAnalysis has them). */
export type CountSource = {countsOf(text: string): StringCounts | undefined};

/**
The file's mentions that are a minority label of their string once the other corpora's counts are
added, and that its own check does not report; in file order.
*/
export function crossFileProblems(main: CorpusAnalysis, others: readonly OtherCorpus[]): Problem[] {
	if (others.length === 0) {
		return [];
	}

	const names = others.map(other => other.name).join(', ');
	const problems: Problem[] = [];
	for (const own of main.labelledStrings()) {
		const together = new Map<string, number>(own.types.map(({type, count}) => [type, count]));
		let fromOthers = 0;
		for (const other of others) {
			for (const {type, count} of other.analysis.countsOf(own.text)?.types ?? []) {
				together.set(type, (together.get(type) ?? 0) + count);
				fromOthers += count;
			}
		}

		const labelled = own.labelled + fromOthers;
		if (fromOthers === 0 || labelled < minLabelledMentions) {
			continue;
		}

		const ranked = [...together].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
		problems.push(...unlabelledTogether(main, own, others, labelled, ranked[0]!, names));
		// Types of this file that are outnumbered together, but not on their own (a tie counts as outnumbered, as in the checks).
		const outnumbered = own.types.filter(({type, count}) => {
			const rivalTogether = ranked.find(([other]) => other !== type);
			const rivalAlone = own.types.find(other => other.type !== type);
			const minorityTogether = rivalTogether !== undefined && rivalTogether[1] >= (together.get(type) ?? 0);
			const minorityAlone = rivalAlone !== undefined && own.labelled >= minLabelledMentions && rivalAlone.count >= count;
			return minorityTogether && !minorityAlone;
		});
		if (outnumbered.length === 0) {
			continue;
		}

		const types = new Set(outnumbered.map(({type}) => type));
		for (const place of main.occurrences(own.text).places) {
			if (place.type === undefined || !types.has(place.type)) {
				continue;
			}

			const [rival, rivalCount] = ranked.find(([other]) => other !== place.type)!;
			const count = together.get(place.type) ?? 0;
			const token = main.corpus.sentenceStart[place.sentence]! + place.start;
			problems.push({
				sentence: place.sentence,
				token,
				line: main.corpus.lineOf(token),
				kind: 'inconsistent-type',
				message: `"${own.text}" is ${place.type} here but ${rival} in ${rivalCount} of ${labelled} mentions (with ${names})`,
				evidence: {text: own.text, type: place.type, count, rival, rivalCount, labelled, occurrences: labelled + own.unlabelled},
			});
		}
	}

	return problems.sort((a, b) => a.sentence - b.sentence || a.token - b.token);
}

/**
The file's unlabelled occurrences of a string it labels, when the files together label it in more
than half of its occurrences and the file alone does not (then its own check reports them).
*/
function unlabelledTogether(main: CorpusAnalysis, own: StringCounts, others: readonly OtherCorpus[], labelled: number, [rival, rivalCount]: [string, number], names: string): Problem[] {
	const reportedAlone = own.labelled >= minLabelledMentions && own.labelled / (own.labelled + own.unlabelled) > minEntityShare;
	if (own.unlabelled === 0 || reportedAlone) {
		return [];
	}

	const occurrences = labelled + own.unlabelled + others.reduce((total, other) => total + (other.analysis.countsOf(own.text)?.unlabelled ?? 0), 0);
	if (labelled / occurrences <= minEntityShare) {
		return [];
	}

	return main.occurrences(own.text).places.filter(place => place.type === undefined).map(place => {
		const token = main.corpus.sentenceStart[place.sentence]! + place.start;
		return {
			sentence: place.sentence,
			token,
			end: token + place.end - place.start,
			line: main.corpus.lineOf(token),
			kind: 'unlabelled-mention' as const,
			message: `"${own.text}" is O here but an entity in ${labelled} of ${occurrences} occurrences (with ${names})`,
			evidence: {text: own.text, labelled, occurrences, rival, rivalCount},
		};
	});
}

/**
The file's own problems judged on every file's counts, as the ranked queue judges them: a mention
whose type the files together mostly give it is no longer reported, nor an occurrence left O that
the files together mostly leave O; the others are said with the counts together, naming the files
(QA: `check --file-order --reference` said "LOC in 1 of 2" where the ranked queue said "1 of 15").
Other kinds pass as they are. In order, one at a time (`check --file-order` streams them).
*/
export function * judgedTogether(problems: Iterable<Problem>, main: CorpusAnalysis, others: readonly OtherCorpus[]): Generator<Problem> {
	if (others.length === 0) {
		yield * problems;
		return;
	}

	const names = others.map(other => other.name).join(', ');
	// One verdict per string and reading (a frequent string has thousands of places).
	const verdicts = new Map<string, string | null>();
	for (const problem of problems) {
		const {evidence} = problem;
		if (evidence === undefined || (problem.kind !== 'inconsistent-type' && problem.kind !== 'unlabelled-mention')) {
			yield problem;
			continue;
		}

		const key = `${problem.kind === 'inconsistent-type' ? evidence.type ?? '' : '\u0000'}\u0001${evidence.text}`;
		let message = verdicts.get(key);
		if (message === undefined) {
			message = verdictTogether(problem.kind, evidence.text, evidence.type, main, others, names);
			verdicts.set(key, message);
		}

		if (message !== null) {
			yield {...problem, message};
		}
	}
}

/** The message of a place of `text` read as `type` (undefined: left O) on every file's counts; null when they do not make it a problem. */
function verdictTogether(kind: Problem['kind'], text: string, type: string | undefined, main: CorpusAnalysis, others: readonly OtherCorpus[], names: string): string | null {
	// Summed as the ranked queue sums them (queue/evidence.ts), so both say the same numbers.
	const counts = countsOf(text, [main, ...others.map(other => other.analysis)]);
	const labelled = labelledTotal(counts);
	if (kind === 'unlabelled-mention') {
		const occurrences = labelled + counts.unlabelled;
		return labelled / occurrences > minEntityShare ? `"${text}" is O here but an entity in ${labelled} of ${occurrences} occurrences (with ${names})` : null;
	}

	const rival = rivalOf(counts, type);
	// A tie counts as outnumbered, as in the checks.
	if (rival === undefined || rival.count < (counts.byType.get(type!) ?? 0)) {
		return null;
	}

	return `"${text}" is ${type!} here but ${rival.type} in ${rival.count} of ${labelled} mentions (with ${names})`;
}
