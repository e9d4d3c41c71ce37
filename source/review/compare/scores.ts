/**
The whole corpus against the other side: per-type precision, recall and F1 with exact-span
matching, the confusion table, and how many sentences disagree. The corpus is the reference (gold)
and the other side is scored against it, as conlleval reads `token gold predicted` and seqeval
takes `(y_true, y_pred)`: an entity counts as correct only with the same first token, last token
and type. Spans are decoded as the corpus engine decodes them (leniently, like conlleval: an `I-`
after `O` opens an entity), so on IOB1, IOB2 and IO files the numbers are conlleval's, and on files
whose tags are valid in their scheme they are also seqeval's strict mode's. (On BIOES, conlleval
itself miscounts: it knows no `S-`, and reads `E-X B-X` as one entity; these are seqeval's.)
*/
import type {Corpus, TagLayer} from '../../corpus/index.js';
import {pairSpans, type DifferenceKind} from './match.js';
import {SameTags} from './same-tags.js';
import {inert} from '../../text/inert.js';
import {plural} from '../../text/plural.js';

export type Score = {
	/** Entities in the reference (the corpus). */
	readonly reference: number;
	/** Entities in the other side. */
	readonly predicted: number;
	/** Entities identical on both sides. */
	readonly correct: number;
	/** correct / predicted, 0..1 (0 when nothing was predicted). */
	readonly precision: number;
	/** correct / reference, 0..1 (0 when the reference has none). */
	readonly recall: number;
	/** Harmonic mean of precision and recall, 0..1. */
	readonly f1: number;
};

export type TypeScore = Score & {readonly type: string};

/**
One cell of the confusion table: entities of type `ours` in the corpus paired with entities of type
`theirs` on the other side ('' for no entity: `ours` '' is a missing entity, `theirs` '' an extra one).
*/
export type ConfusionEntry = {
	readonly ours: string;
	readonly theirs: string;
	/** Paired over the same tokens (for ours === theirs: agreements; otherwise type differences; for '' sides: the count). */
	readonly sameTokens: number;
	/** Paired by overlap, with other boundaries (ours === theirs: boundary-only differences). */
	readonly otherBoundaries: number;
};

export type CorpusComparison = {
	readonly sentences: number;
	readonly tokens: number;
	/** Sentences where the two sides' entities differ. */
	readonly disagreeingSentences: number;
	/**
	The differences by kind, named as the scores read them (the corpus is the reference, the other side
	is compared): an entity only the reference has is one the compared side missed (a false negative),
	one only the compared side has is extra there (a false positive). The pairing's own names are the
	edited file's view ('missing' from the file, the other side has it), the opposite.
	*/
	readonly differences: {readonly type: number; readonly boundary: number; readonly onlyInReference: number; readonly onlyInCompared: number};
	readonly overall: Score;
	/** Every type either side uses, by name (as conlleval sorts them). */
	readonly types: readonly TypeScore[];
	/** Non-empty cells, most entities first. */
	readonly confusion: readonly ConfusionEntry[];
};

type Counts = {reference: number; predicted: number; correct: number};

function score(counts: Counts): Score {
	const precision = counts.predicted === 0 ? 0 : counts.correct / counts.predicted;
	const recall = counts.reference === 0 ? 0 : counts.correct / counts.reference;
	const f1 = precision + recall === 0 ? 0 : 2 * precision * recall / (precision + recall);
	return {...counts, precision, recall, f1};
}

/** Compares every sentence; the layer must be complete. */
export function compareCorpus(corpus: Corpus, layer: TagLayer): CorpusComparison {
	const byType = new Map<string, Counts>();
	const counts = (type: string) => {
		let entry = byType.get(type);
		if (entry === undefined) {
			entry = {reference: 0, predicted: 0, correct: 0};
			byType.set(type, entry);
		}

		return entry;
	};

	const confusion = new Map<string, {ours: string; theirs: string; sameTokens: number; otherBoundaries: number}>();
	const confuse = (ours: string, theirs: string, sameTokens: boolean) => {
		const key = `${ours}\u0000${theirs}`;
		let entry = confusion.get(key);
		if (entry === undefined) {
			entry = {ours, theirs, sameTokens: 0, otherBoundaries: 0};
			confusion.set(key, entry);
		}

		if (sameTokens) {
			entry.sameTokens++;
		} else {
			entry.otherBoundaries++;
		}
	};

	const differences = {type: 0, boundary: 0, onlyInReference: 0, onlyInCompared: 0};
	const key = {type: 'type', boundary: 'boundary', extra: 'onlyInReference', missing: 'onlyInCompared'} as const satisfies Record<DifferenceKind, keyof typeof differences>;
	let disagreeingSentences = 0;
	const sameTags = new SameTags(corpus, layer);
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		const ours = corpus.decode(sentence).spans;
		if (sameTags.in(sentence)) {
			// Most sentences: the same tags, so every entity agrees.
			for (const span of ours) {
				const entry = counts(span.type);
				entry.reference++;
				entry.predicted++;
				entry.correct++;
				confuse(span.type, span.type, true);
			}

			continue;
		}

		const theirs = layer.decode(sentence).spans;
		for (const span of ours) {
			counts(span.type).reference++;
		}

		for (const span of theirs) {
			counts(span.type).predicted++;
		}

		const pairing = pairSpans(ours, theirs);
		for (const span of pairing.agreed) {
			counts(span.type).correct++;
			confuse(span.type, span.type, true);
		}

		for (const difference of pairing.differences) {
			differences[key[difference.kind]]++;
			confuse(difference.ours?.type ?? '', difference.theirs?.type ?? '', difference.kind !== 'boundary');
		}

		if (pairing.differences.length > 0) {
			disagreeingSentences++;
		}
	}

	const total: Counts = {reference: 0, predicted: 0, correct: 0};
	for (const entry of byType.values()) {
		total.reference += entry.reference;
		total.predicted += entry.predicted;
		total.correct += entry.correct;
	}

	return {
		sentences: corpus.sentenceCount,
		tokens: corpus.tokenCount,
		disagreeingSentences,
		differences,
		overall: score(total),
		types: [...byType].sort(([a], [b]) => (a < b ? -1 : (a > b ? 1 : 0))).map(([type, entry]) => ({type, ...score(entry)})),
		confusion: [...confusion.values()].sort((a, b) => (b.sameTokens + b.otherBoundaries) - (a.sameTokens + a.otherBoundaries) || a.ours.localeCompare(b.ours) || a.theirs.localeCompare(b.theirs)),
	};
}

const percent = (value: number) => `${(100 * value).toFixed(2)}%`;

/** The comparison as plain-text tables: scores as conlleval prints them (percentages, 2 decimals), then the differences. */
export function formatComparison(comparison: CorpusComparison, reference: string, other: string): string {
	const scoreRow = (name: string, entry: Score) => [name, entry.reference, entry.predicted, entry.correct, percent(entry.precision), percent(entry.recall), (100 * entry.f1).toFixed(2)];
	const {differences} = comparison;
	const differenceCount = differences.type + differences.boundary + differences.onlyInReference + differences.onlyInCompared;
	const confusion = comparison.confusion.filter(entry => entry.ours !== entry.theirs || entry.otherBoundaries > 0);
	const none = '(none)';
	return [
		`${inert(other)} against ${inert(reference)}: ${plural(comparison.sentences, 'sentence')}, ${plural(comparison.tokens, 'token')}`,
		'',
		...table(['type', 'reference', 'compared', 'correct', 'precision', 'recall', 'F1'], [...comparison.types.map(entry => scoreRow(entry.type, entry)), scoreRow('all', comparison.overall)]),
		'',
		`disagreeing sentences: ${comparison.sentences === 0 ? 0 : comparison.disagreeingSentences} of ${comparison.sentences}; differences: ${differenceCount} (${differences.type} type, ${differences.boundary} boundary, ${differences.onlyInReference} only in the reference, ${differences.onlyInCompared} only in the compared)`,
		...(confusion.length === 0 ? [] : [
			'',
			...table(['reference', 'compared', 'same tokens', 'other boundaries'], confusion.map(entry => [entry.ours || none, entry.theirs || none, entry.sameTokens, entry.otherBoundaries])),
		]),
	].join('\n');
}

/** Rows under a header: the first two columns left-aligned when text, numbers right-aligned. */
function table(header: string[], rows: Array<Array<string | number>>): string[] {
	const cells = [header, ...rows.map(row => row.map(String))];
	const widths = header.map((_, column) => Math.max(...cells.map(row => row[column]!.length)));
	const leftAligned = (column: number) => rows.every(row => typeof row[column] === 'string' && !/^[\d.]+%?$/.test(row[column]));
	return cells.map(row => row.map((cell, column) => (leftAligned(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
}
