/**
Timing marks for the benchmark. With NER_REVIEW_TRACE=FILE the app appends one JSON object a
line: the first frame, the end of indexing, each key press and the frame that answered it, each
save, and the peak memory at exit. Times are milliseconds since the process started
(performance.now()), so start-up cost is included. Without the variable every call is a no-op.
*/
import fs from 'node:fs';
import {PerformanceObserver} from 'node:perf_hooks';
import {youngGenerationBytes} from './young-generation.js';

const file = process.env['NER_REVIEW_TRACE'];
let pendingKey: {at: number; name: string} | undefined;
let framesSeen = 0;
/** When the last write to stdout returned: a frame is on the terminal then (writes to a terminal are synchronous). */
let lastWriteAt = Number.NEGATIVE_INFINITY;

if (file !== undefined) {
	const {stdout} = process;
	const writeToStdout = stdout.write;
	stdout.write = function (this: typeof stdout, ...parts: Parameters<typeof stdout.write>) {
		const written = Reflect.apply(writeToStdout, this, parts) as boolean;
		lastWriteAt = performance.now();
		return written;
	} as typeof stdout.write;

	// Garbage collections, so that a slow key can be told from a collection that paused the thread
	// (kind: 1 young generation, 2 full, 4 incremental marking, 8 weak callbacks). Reported in a later
	// turn of the event loop: a trace file gone meanwhile must not crash the app.
	new PerformanceObserver(list => {
		for (const entry of list.getEntries()) {
			const {kind} = (entry as PerformanceEntry & {detail: {kind: number}}).detail;
			try {
				write({event: 'gc', kind, ms: Math.round(entry.duration * 100) / 100}, entry.startTime);
			} catch {}
		}
	}).observe({entryTypes: ['gc']});
}

function write(event: Record<string, unknown>, at = performance.now()) {
	if (file !== undefined) {
		fs.appendFileSync(file, `${JSON.stringify({...event, at: Math.round(at * 100) / 100, rss: Math.round(process.memoryUsage.rss() / 1e6)})}\n`);
	}
}

export const trace = {
	enabled: file !== undefined,
	mark(event: string, details: Record<string, unknown> = {}) {
		write({event, ...details});
	},
	/** A key arrived; the next frame answers it. */
	key(name: string) {
		if (file !== undefined) {
			pendingKey = {at: performance.now(), name};
		}
	},
	/**
	Ink drew a frame (its onRender, with the time its own render of the tree took). Ink calls onRender
	before it writes the frame to the terminal, in one write or several (synchronized output), so
	the frame is counted in a microtask, at the time its last write returned. Not at the microtask's
	own time: React's passive effects (the background work the first frame starts) run between the
	write and the microtask, 6-21 ms after the first frame was on the terminal. A frame Ink did not
	write (the same output as before) is counted at the microtask.
	*/
	frame(metrics?: {renderTime: number}) {
		if (file !== undefined) {
			const renderedAt = performance.now();
			queueMicrotask(() => {
				frameWritten(metrics, lastWriteAt >= renderedAt ? lastWriteAt : performance.now());
			});
		}
	},
	/** Peak resident memory in bytes, as the kernel counted it. */
	exit() {
		const {heapUsed, external, arrayBuffers} = process.memoryUsage();
		write({event: 'exit', maxRss: process.resourceUsage().maxRSS * 1024, heapUsed, external, arrayBuffers, youngGeneration: youngGenerationBytes()});
	},
};

/** The frame was on the terminal at `at`: the first one, and the answer to a pending key. */
function frameWritten(metrics: {renderTime: number} | undefined, at: number) {
	framesSeen++;
	if (framesSeen === 1) {
		// `wall` (ms since the epoch) lets the benchmark time the frame from its own launch of the process too;
		// `cpu` (ms of CPU all threads used so far) is steadier than either on a busy machine.
		const {user, system} = process.cpuUsage();
		write({event: 'first-frame', wall: performance.timeOrigin + at, cpu: Math.round((user + system) / 100) / 10}, at);
	}

	if (pendingKey !== undefined) {
		write({event: 'key-frame', key: pendingKey.name, latency: Math.round((at - pendingKey.at) * 100) / 100, inkRender: Math.round((metrics?.renderTime ?? 0) * 100) / 100}, at);
		pendingKey = undefined;
	}
}
