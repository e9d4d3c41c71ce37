/**
The benchmark's trace (source/trace.ts): a frame is stamped when its last write to the terminal
returned, not after the work that follows it in the same task (React's passive effects), and a
key's latency runs to that stamp.
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

type Event = {event: string; at: number; latency?: number; wall?: number};
const events = (): Event[] => fs.readFileSync(traceFile, 'utf8').trim().split('\n').map(line => JSON.parse(line) as Event);

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
