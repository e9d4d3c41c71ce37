/**
The messages between the index worker (index-worker.ts) and the screen (parallel-index.ts) or
`check` and `stats` (pumped-index.ts).
*/
import type {BuiltIndex, Format} from '../corpus/index.js';
import type {PartMentions} from './part-mentions.js';

/**
To the worker: first the file's format and size, where its part starts, and whether it reads the
part's mentions too (part-first-pass.ts); then the part's bytes in windows that end at line ends
(at sentence starts when it reads the mentions, but for a sentence too long for a window), in order.
*/
export type IndexJob =
	| {readonly type: 'start'; readonly format: Format; readonly fileLength: number; readonly start: number; readonly firstPass: boolean}
	| {readonly type: 'window'; readonly bytes: Uint8Array<SharedArrayBuffer>};

/** From the worker: a window was read (send another), the whole index with the part's mentions (unless it could not read them), or why it stopped. */
export type IndexReply =
	| {readonly type: 'read'}
	| {readonly type: 'built'; readonly built: BuiltIndex; readonly mentions: PartMentions | undefined}
	| {readonly type: 'failed'; readonly error: string};
