/**
Loading the UI hides `fetch` (so Yoga does not load Node's HTTP client for its inline wasm) and
puts it back exactly as it was, even for a caller that looks at it while the load is under way.
*/
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadUi} from '../source/ui/load.js';

test('the UI loads, Yoga lays out, and fetch is put back as it was', async () => {
	const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	assert.ok(before !== undefined, 'Node 20 has a global fetch');
	const loading = loadUi();
	assert.equal(globalThis.fetch, undefined, 'fetch is hidden while the UI loads');
	const ui = await loading;
	assert.equal(typeof ui.runApp, 'function');
	assert.deepEqual(Object.getOwnPropertyDescriptor(globalThis, 'fetch'), before);
	// Yoga loaded from its inline wasm without fetch: a node lays out.
	const {default: Yoga} = await import('yoga-layout');
	const node = Yoga.Node.create();
	node.setWidth(12);
	node.calculateLayout(undefined, undefined);
	assert.equal(node.getComputedWidth(), 12);
	node.free();
});
