/** What crosses between the main thread and the tagger's worker. */
import type {CorpusSnapshot} from '../../corpus/snapshot.js';
import type {TaggerOptions, TrainingProgress} from './cross-validate.js';
import type {TaggerResult} from './result.js';

/** The worker's input (its workerData). Options are plain data: no callbacks cross threads. */
export type TrainingRequest = {
	readonly main: CorpusSnapshot;
	readonly references: readonly CorpusSnapshot[];
	readonly options: Omit<TaggerOptions, 'onProgress' | 'observer'>;
};

export type WorkerMessage =
	| {readonly kind: 'progress'; readonly progress: TrainingProgress}
	| {readonly kind: 'result'; readonly result: TaggerResult}
	| {readonly kind: 'error'; readonly message: string};
