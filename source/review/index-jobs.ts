/**
The messages between the screen and the index worker (parallel-index.ts, index-worker.ts).
*/
import type {BuiltIndex, Format} from '../corpus/index.js';

/** To the worker: first the file's format and size and where its part starts, then the part's bytes in windows that end at line ends, in order. */
export type IndexJob =
	| {readonly type: 'start'; readonly format: Format; readonly fileLength: number; readonly start: number}
	| {readonly type: 'window'; readonly bytes: Uint8Array<ArrayBuffer>};

/** From the worker: a window was read (send another), the whole index, or why it stopped. */
export type IndexReply =
	| {readonly type: 'read'}
	| {readonly type: 'built'; readonly built: BuiltIndex}
	| {readonly type: 'failed'; readonly error: string};
