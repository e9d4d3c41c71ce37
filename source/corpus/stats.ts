/**
Counts over the whole corpus, from the tag ids alone (no text is decoded).
*/
import type {Corpus} from './corpus.js';

/** Tokens per tag id. */
export function tagCounts(corpus: Corpus): Uint32Array {
	const counts = new Uint32Array(corpus.tags.size);
	const {tagIds, tokenCount} = corpus;
	for (let i = 0; i < tokenCount; i++) {
		counts[tagIds[i]!]++;
	}

	return counts;
}

/** Entity types ordered by how many tokens carry them, most frequent first (ties by name). */
export function typesByFrequency(corpus: Corpus): string[] {
	const counts = tagCounts(corpus);
	const byType = new Map<string, number>();
	for (let id = 0; id < counts.length; id++) {
		const {type} = corpus.tags.get(id);
		if (type !== '' && counts[id]! > 0) {
			byType.set(type, (byType.get(type) ?? 0) + counts[id]!);
		}
	}

	return [...byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type]) => type);
}
