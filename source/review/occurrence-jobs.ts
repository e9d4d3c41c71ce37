/** What the main thread and the occurrences worker say to each other (parallel-occurrences.ts, occurrences-worker.ts). */
import type {CorpusTail} from '../corpus/index.js';
import type {FoundOccurrences} from './analysis-passes.js';
import type {MatcherTables} from './mention-strings.js';

/** Match the unlabelled occurrences of the sentences of a corpus's tail. */
export type OccurrenceJob = {
	readonly tail: CorpusTail;
	readonly strings: MatcherTables;
};

export type OccurrenceReply = {readonly found: FoundOccurrences} | {readonly error: string};

/** `status[0]` of the worker. */
export const helperState = {starting: 0, ready: 1, done: 2, failed: 3} as const;

export function foundBuffers(found: FoundOccurrences): ArrayBuffer[] {
	return [found.unlabelled, found.tokens, found.sentences, found.strings, found.lines, found.lengths].map(array => array.buffer as ArrayBuffer);
}
