/**
`npm run bench:review -- --audit NAME...`: what the first 10% of a data set's queue holds besides the
errors its answer key knows of, for a person to judge. With injected errors the answer key is the
file as it was before they were injected, so on a corpus whose own labels are noisy (WikiSER) the
queue is marked wrong for every label error the file already had. The sample shows whether those
"false positives" are the file's own errors (the tool doing its job) or labels that are right.

Evenly spaced among those sentences, in queue order: the entry's reason, then its tokens in
brackets with their tags, and a few tokens on each side (`token/TAG`, O tags left out).
*/
import type {Corpus} from '../source/corpus/corpus.js';
import type {QueueEntry} from '../source/review/queue/entry.js';
import type {RankedQueue} from '../source/review/queue/ranked-queue.js';
import {queueSentences} from '../source/review/queue/walk.js';

const context = 8;

export function auditSample(queue: RankedQueue, main: Corpus, wrong: ReadonlySet<number>, budget: number, size = 40): string[] {
	// The first 10% exactly as recall and precision count it (queueSentences), each with its first entry.
	const firstEntry = new Map<number, QueueEntry>();
	for (const entry of queue) {
		if (!firstEntry.has(entry.sentence)) {
			firstEntry.set(entry.sentence, entry);
		}
	}

	const unknown = [...queueSentences(queue).subarray(0, budget)].filter(sentence => !wrong.has(sentence)).map(sentence => firstEntry.get(sentence)!);
	const lines = [`${unknown.length} of the first ${budget} sentences are not among the answer key's errors; ${Math.min(size, unknown.length)} of them, evenly spaced:`];
	const step = Math.max(1, Math.floor(unknown.length / size));
	for (let i = 0; i < Math.min(size, unknown.length); i++) {
		const entry = unknown[i * step]!;
		const texts = main.sentenceTexts(entry.sentence);
		const first = main.sentenceStart[entry.sentence]!;
		const start = entry.token - first;
		const end = entry.end - first;
		const words: string[] = [];
		for (let index = Math.max(0, start - context); index < Math.min(texts.length, end + context); index++) {
			const tag = main.tags.text(main.tagIds[first + index]!);
			words.push(index >= start && index < end ? `[${texts[index]}/${tag}]` : (tag === 'O' ? texts[index]! : `${texts[index]}/${tag}`));
		}

		lines.push(`${i + 1}. ${entry.reason}`, `     ${words.join(' ')}`);
	}

	return lines;
}
