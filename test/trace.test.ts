/**
The benchmark's trace (source/trace.ts): a frame is stamped when its last write to the terminal
returned, not after the work that follows it in the same task (React's passive effects), and a
key's latency runs to that stamp. Garbage collections are traced too, to tell a slow key from a
collection that paused the thread.
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-trace-'));
const traceFile = path.join(folder, 'trace.jsonl');
process.env['NER_REVIEW_TRACE'] = traceFile;
// Read at load: imported once the variable is set.
const {trace} = await import('../source/trace.js');

type Event = {event: string; at: number; latency?: number; wall?: number; kind?: number; ms?: number};
const allEvents = (): Event[] => fs.readFileSync(traceFile, 'utf8').trim().split('\n').map(line => JSON.parse(line) as Event);
/** The frames and keys (a collection may come between them at any time). */
const events = (): Event[] => allEvents().filter(event => event.event !== 'gc');

function busy(ms: number) {
	const until = performance.now() + ms;
	while (performance.now() < until) {}
}

test('a frame counts from its last write to the terminal, not from the work after it in the same task; a key\'s latency runs to that write', async () => {
	trace.key('j');
	busy(5);
	// As Ink does: onRender, then the frame's writes, then (same task) React's passive effects.
	trace.frame({renderTime: 1});
	process.stdout.write('');
	const writtenBy = performance.now();
	busy(40);
	await Promise.resolve();
	const [first, key] = events();
	assert.equal(first?.event, 'first-frame');
	assert.ok(first.at <= writtenBy + 0.01, `stamped at ${first.at}, written by ${writtenBy}`);
	assert.ok(Math.abs(first.wall! - (performance.timeOrigin + first.at)) < 0.01);
	assert.equal(key?.event, 'key-frame');
	assert.ok(key.latency! >= 5 && key.latency! < 40, `latency ${key.latency}`);
	fs.rmSync(folder, {recursive: true, force: true});
});

test('a frame Ink did not write (its output had not changed) counts when its task is done', async () => {
	fs.mkdirSync(folder, {recursive: true});
	trace.key('k');
	trace.frame({renderTime: 1});
	busy(20);
	await Promise.resolve();
	const [key] = events();
	assert.equal(key?.event, 'key-frame');
	assert.ok(key.latency! >= 20, `latency ${key.latency}`);
	fs.rmSync(folder, {recursive: true, force: true});
});

test('a garbage collection is traced with its kind and how long it paused the thread', async () => {
	fs.mkdirSync(folder, {recursive: true});
	const started = performance.now();
	let kept: unknown[] = [];
	const collected = () => fs.existsSync(traceFile) ? allEvents().find(event => event.event === 'gc' && event.at >= started) : undefined;
	for (let round = 0; round < 200 && collected() === undefined; round++) {
		// Enough short-lived garbage for a young-generation collection; the observer reports it in a later turn.
		kept = Array.from({length: 100_000}, (_, index) => ({index}));
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 1);
		});
	}

	assert.ok(kept.length > 0);
	const gc = collected();
	assert.ok(gc !== undefined, 'no gc event');
	assert.equal(typeof gc.kind, 'number');
	assert.ok(gc.ms! >= 0 && gc.ms! < 1000, `ms ${gc.ms}`);
	assert.ok(gc.at <= performance.now(), `at ${gc.at}`);
	fs.rmSync(folder, {recursive: true, force: true});
});
