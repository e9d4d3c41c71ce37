/** What crosses between the main thread and the tagger's worker. */
import type {CorpusSnapshot} from '../../corpus/index.js';
import type {TaggerOptions, TrainingProgress} from './cross-validate.js';
import type {TypingFlag} from './key-gate.js';
import type {TaggerResult} from './result.js';
import type {WindowChannel} from './window-channel.js';

/** The worker's input (its workerData). Options are plain data: no callbacks cross threads. */
export type TrainingRequest = {
	/** The indexes of the open file and its references, without their bytes and tag ids. */
	readonly main: CorpusSnapshot;
	readonly references: readonly CorpusSnapshot[];
	/** Where the worker asks for the bytes and tag ids, and how many bytes at a time for each corpus (main first). */
	readonly windows: WindowChannel;
	readonly windowBytes: readonly number[];
	/** 1 while the reviewer types: the worker waits between sentences (key-gate.ts). */
	readonly typing: TypingFlag;
	readonly options: Omit<TaggerOptions, 'onProgress' | 'betweenSentences' | 'observer'>;
};

export type WorkerMessage =
	| {readonly kind: 'progress'; readonly progress: TrainingProgress}
	| {readonly kind: 'result'; readonly result: TaggerResult}
	/** A corpus was edited while the worker read it: no result. */
	| {readonly kind: 'stale'}
	| {readonly kind: 'error'; readonly message: string};
