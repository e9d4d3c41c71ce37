/**
How the tagger's worker gets windows of the corpora (the bytes of whole sentences and their tag ids)
from the main thread, which holds the only whole copy of them. The worker's cross-validation is one
synchronous computation, so it asks and waits: it posts a request on a MessagePort and sleeps on a
shared counter (Atomics.wait) until the main thread has posted a copy and bumped the counter; it
then takes the reply off the port with receiveMessageOnPort, without going back to its event loop.
The main thread copies a few megabytes per request (about a millisecond) whenever its event loop
is free, into shared memory that the worker copies out of and gives back with its next request, to
be filled again, so a pass over a 100 MB file allocates nothing. Shared, not moved (transferred):
a thread that has moved a buffer away runs every later loop over typed arrays slower (V8 can no
longer assume no typed array's memory goes away; see review/part-windows.ts): the screen's thread
for the rest of the session, and the worker's training (5 folds on WikiSER dev, 300k tokens, took
29.3 and 30.3 s with the windows moved, 25.2 to 26.0 s shared). Copied out, not read in place: Node's indexOf over shared memory,
which the worker makes at every line, is much slower.

Why not let the worker read the file itself: the bytes in memory are those of the load, and they
stay so across saves (a save writes them patched with the edited tags, shifting every offset after
an edit), so after a save the file on disk no longer matches the index the worker reads by. The
main thread's bytes always do, whatever happens to the file.

The tag ids are those of the moment a window is asked for. An edit in between would mix two
versions of the labels in one training, so a corpus edited since the training started is refused
(`stale`): the worker stops and the training has no result, as when cancelled.
*/
import {MessageChannel, receiveMessageOnPort, type MessagePort} from 'node:worker_threads';
import type {Corpus} from '../../corpus/index.js';
import type {Window} from './sentence-windows.js';

type WindowRequest = {
	readonly source: number;
	/** Sentences `[first, end)`. */
	readonly first: number;
	readonly end: number;
	/** The previous window's memory, to fill again when large enough. */
	readonly bytes?: SharedArrayBuffer;
	readonly tags?: SharedArrayBuffer;
};

type WindowReply =
	| {readonly bytes: SharedArrayBuffer; readonly byteLength: number; readonly tags: SharedArrayBuffer; readonly tagCount: number; readonly tagWidth: 1 | 2}
	| {readonly stale: true}
	| {readonly error: string};

/** The worker's end of the channel (it goes in the worker's workerData, the port in its transfer list). */
export type WindowChannel = {
	readonly port: MessagePort;
	/** A counter the main thread bumps after each reply. */
	readonly signal: Int32Array<SharedArrayBuffer>;
};

/** The main thread's end: answers requests for `corpora[i]`'s windows until closed. */
export type WindowServer = {
	readonly channel: WindowChannel;
	/** Stops answering, and wakes the worker if it waits (it is being ended). */
	close(): void;
};

/** Thrown in the worker when a corpus was edited after the training started. */
export class StaleCorpusError extends Error {
	constructor() {
		super('the corpus was edited while the tagger read it');
	}
}

export function serveWindows(corpora: readonly Corpus[]): WindowServer {
	const {port1: port, port2: workerPort} = new MessageChannel();
	const signal = new Int32Array(new SharedArrayBuffer(4));
	const editsAtStart = corpora.map(corpus => corpus.editCount);
	const wake = () => {
		Atomics.add(signal, 0, 1);
		Atomics.notify(signal, 0);
	};

	port.on('message', (request: WindowRequest) => {
		port.postMessage(answer(request, corpora, editsAtStart));
		wake();
	});
	// A training must not keep a quitting app alive.
	port.unref();
	return {
		channel: {port: workerPort, signal},
		close() {
			port.close();
			wake();
		},
	};
}

function answer(request: WindowRequest, corpora: readonly Corpus[], editsAtStart: readonly number[]): WindowReply {
	const {source, first, end} = request;
	const corpus = corpora[source];
	if (corpus === undefined || !Number.isInteger(first) || !Number.isInteger(end) || first < 0 || first >= end || end > corpus.sentenceCount) {
		return {error: `no sentences [${first}, ${end}) in corpus ${source}`};
	}

	if (corpus.editCount !== editsAtStart[source]) {
		return {stale: true};
	}

	const byteStart = corpus.sentenceOffset[first]!;
	const byteEnd = end < corpus.sentenceCount ? corpus.sentenceOffset[end]! : corpus.bytes.length;
	const bytes = reuse(request.bytes, byteEnd - byteStart);
	new Uint8Array(bytes).set(corpus.bytes.subarray(byteStart, byteEnd));
	const {tagIds} = corpus;
	const tokenStart = corpus.sentenceStart[first]!;
	const tokenEnd = corpus.sentenceStart[end]!;
	const tagWidth = tagIds.BYTES_PER_ELEMENT as 1 | 2;
	const tags = reuse(request.tags, (tokenEnd - tokenStart) * tagWidth);
	(tagWidth === 1 ? new Uint8Array(tags) : new Uint16Array(tags)).set(tagIds.subarray(tokenStart, tokenEnd));
	return {bytes, byteLength: byteEnd - byteStart, tags, tagCount: tokenEnd - tokenStart, tagWidth};
}

function reuse(buffer: SharedArrayBuffer | undefined, length: number): SharedArrayBuffer {
	return buffer !== undefined && buffer.byteLength >= length ? buffer : new SharedArrayBuffer(length);
}

/** The worker's end: asks for windows and waits for them. */
export class WindowClient {
	/** The shared memory of the last reply, copied out of already: given back with the next request. */
	private slots: {readonly bytes: SharedArrayBuffer; readonly tags: SharedArrayBuffer} | undefined;

	constructor(
		private readonly channel: WindowChannel,
		/** Windows of at most this many bytes are filled again; a larger one (a very long sentence) is dropped. */
		private readonly recycleBytes: number,
	) {}

	/** Sentences `[first, end)` of corpus `source`: a copy of its own, in `recycled`'s memory when it is large enough. */
	fetch(source: number, first: number, end: number, recycled: Window | undefined): Window {
		const {slots} = this;
		const giveBack = slots !== undefined && slots.bytes.byteLength <= this.recycleBytes;
		this.channel.port.postMessage({source, first, end, bytes: giveBack ? slots.bytes : undefined, tags: giveBack ? slots.tags : undefined} satisfies WindowRequest);
		this.slots = undefined;
		const reply = this.receive();
		if ('stale' in reply) {
			throw new StaleCorpusError();
		}

		if ('error' in reply) {
			throw new Error(reply.error);
		}

		this.slots = {bytes: reply.bytes, tags: reply.tags};
		const {byteLength, tagCount, tagWidth} = reply;
		const fits = (buffer: ArrayBufferLike | undefined, length: number): buffer is ArrayBuffer => buffer instanceof ArrayBuffer && buffer.byteLength >= length && buffer.byteLength <= this.recycleBytes;
		const bytesMemory = recycled?.bytes.buffer;
		const bytes = fits(bytesMemory, byteLength) ? Buffer.from(bytesMemory, 0, byteLength) : Buffer.allocUnsafeSlow(byteLength);
		bytes.set(new Uint8Array(reply.bytes, 0, byteLength));
		const tagsMemory = recycled?.tagIds.buffer;
		const tagBytes = tagCount * tagWidth;
		const tagBuffer = fits(tagsMemory, tagBytes) ? tagsMemory : new ArrayBuffer(tagBytes);
		const tagIds = tagWidth === 1 ? new Uint8Array(tagBuffer, 0, tagCount) : new Uint16Array(tagBuffer, 0, tagCount);
		tagIds.set(tagWidth === 1 ? new Uint8Array(reply.tags, 0, tagCount) : new Uint16Array(reply.tags, 0, tagCount));
		return {bytes, tagIds};
	}

	private receive(): WindowReply {
		const {port, signal} = this.channel;
		for (;;) {
			// Read the counter before looking at the port: a reply posted in between changes it, and the wait returns at once.
			const seen = Atomics.load(signal, 0);
			const message = receiveMessageOnPort(port);
			if (message !== undefined) {
				return message.message as WindowReply;
			}

			// Bounded, so a worker being terminated never sleeps on.
			Atomics.wait(signal, 0, seen, 1000);
		}
	}
}
