/**
The warm-up renders (source/ui/hooks/use-warm-up.ts): a few renders of the same screen after the
first frame, stopped by the first key. Timers are mocked (setTimeout only: React's scheduler and
Ink use setImmediate and microtasks), so the gaps are stepped through, not waited for.
*/
import assert from 'node:assert/strict';
import {afterEach, beforeEach, mock, test} from 'node:test';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {useWarmUp, warmUpGapMs, warmUpRenders} from '../source/ui/hooks/use-warm-up.js';

beforeEach(() => {
	mock.timers.enable({apis: ['setTimeout']});
});

afterEach(() => {
	mock.timers.reset();
});

/** Lets React and Ink finish what the last timer started (a render takes two turns of immediates here; three to be safe). */
async function settle() {
	for (let turn = 0; turn < 3; turn++) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
}

/** A component that counts its renders and warms up until `typed.value` is true. */
function probe(typed: {value: boolean}) {
	const counts = {renders: 0};
	function Probe() {
		counts.renders++;
		useWarmUp(() => typed.value);
		return <Text>same screen</Text>;
	}

	return {counts, Probe};
}

async function stepThroughWarmUp() {
	// Twice the renders' gaps: none comes after the last one.
	for (let step = 0; step < 2 * (warmUpRenders + 1); step++) {
		mock.timers.tick(warmUpGapMs);
		// eslint-disable-next-line no-await-in-loop
		await settle();
	}
}

test(`nobody typing: the component renders ${warmUpRenders} more times, ${warmUpGapMs} ms apart, each a frame of Ink's`, async () => {
	const typed = {value: false};
	const {counts, Probe} = probe(typed);
	const app = render(<Probe />);
	try {
		await settle();
		assert.equal(counts.renders, 1);
		mock.timers.tick(warmUpGapMs - 1);
		await settle();
		assert.equal(counts.renders, 1, 'no render before the first gap has passed');
		mock.timers.tick(1);
		await settle();
		assert.equal(counts.renders, 2);
		await stepThroughWarmUp();
		assert.equal(counts.renders, 1 + warmUpRenders);
		// ink-testing-library writes every render (debug mode): the renders reached Ink's output.
		assert.equal(app.frames.length, 1 + warmUpRenders);
	} finally {
		app.unmount();
	}
});

test('a key stops the warm-up: no render after it', async () => {
	const typed = {value: false};
	const {counts, Probe} = probe(typed);
	const app = render(<Probe />);
	try {
		await settle();
		mock.timers.tick(warmUpGapMs);
		await settle();
		assert.equal(counts.renders, 2);
		typed.value = true;
		await stepThroughWarmUp();
		assert.equal(counts.renders, 2);
	} finally {
		app.unmount();
	}
});
