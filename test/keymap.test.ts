/**
The keymap: how Ink's `(input, key)` becomes key names, and the one table of bindings that the key
handler, the help overlay and the readme share.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createElement, useState} from 'react';
import {Text, useInput} from 'ink';
import {render} from 'ink-testing-library';
import {actionFor, describeKeys, keyNames, keyTableMarkdown, normalBindings, pageScrollBindings, type KeyPress} from '../source/ui/state/keymap.js';
import {helpLines} from '../source/ui/state/help-lines.js';

/** The KeyPress that Ink 6.8 reports for each named special key. */
const specialKeys: Record<string, [string, KeyPress]> = {
	up: ['', {upArrow: true}],
	down: ['', {downArrow: true}],
	left: ['', {leftArrow: true}],
	right: ['', {rightArrow: true}],
	pageup: ['', {pageUp: true}],
	pagedown: ['', {pageDown: true}],
	home: ['', {home: true}],
	end: ['', {end: true}],
	return: ['\r', {return: true}],
	tab: ['', {tab: true}],
	delete: ['', {delete: true}],
	escape: ['', {escape: true, meta: true}],
	'ctrl+r': ['r', {ctrl: true}],
	'ctrl+c': ['c', {ctrl: true}],
};

/** The key press that produces a key name: a special key, or the character itself. */
function pressFor(name: string): [string, KeyPress] {
	return specialKeys[name] ?? [name, name === name.toLowerCase() ? {} : {shift: true}];
}

describe('keyNames', () => {
	test('several printable keys in one read are one key each', () => {
		assert.deepEqual(keyNames('jjj', {}), ['j', 'j', 'j']);
		assert.deepEqual(keyNames(':12', {}), [':', '1', '2']);
	});

	test('Alt+key is the Esc then the key, Alt+Enter too (QA: Esc then Enter in a prompt applied what was meant to be cancelled); Alt+arrows stay arrows', () => {
		assert.deepEqual(keyNames('b', {meta: true}), ['escape', 'b']);
		assert.deepEqual(keyNames('\r', {return: true, meta: true}), ['escape', 'return']);
		assert.deepEqual(keyNames('', {upArrow: true, meta: true}), ['up']);
	});

	test('a character outside the BMP is one key, not two halves', () => {
		assert.deepEqual(keyNames('😀j', {}), ['😀', 'j']);
		// Control keys in a burst come raw from Ink: each is named as it would be alone.
		assert.deepEqual(keyNames('\u0001x\u0005\u0017\u0012\t', {}), ['ctrl+a', 'x', 'ctrl+e', 'ctrl+w', 'ctrl+r', 'tab']);
	});

	test('arrows, paging and Home/End have names', () => {
		assert.deepEqual(keyNames('', {upArrow: true}), ['up']);
		assert.deepEqual(keyNames('', {downArrow: true}), ['down']);
		assert.deepEqual(keyNames('', {leftArrow: true}), ['left']);
		assert.deepEqual(keyNames('', {rightArrow: true}), ['right']);
		assert.deepEqual(keyNames('', {pageUp: true}), ['pageup']);
		assert.deepEqual(keyNames('', {pageDown: true}), ['pagedown']);
		assert.deepEqual(keyNames('', {home: true}), ['home']);
		assert.deepEqual(keyNames('', {end: true}), ['end']);
	});

	test('an arrow with Shift or Ctrl is still the arrow', () => {
		assert.deepEqual(keyNames('', {downArrow: true, shift: true}), ['down']);
		assert.deepEqual(keyNames('', {upArrow: true, ctrl: true}), ['up']);
	});

	test('Ctrl with a letter is ctrl+letter', () => {
		assert.deepEqual(keyNames('r', {ctrl: true}), ['ctrl+r']);
		assert.deepEqual(keyNames('c', {ctrl: true}), ['ctrl+c']);
	});

	test('Backspace (reported as key.delete) and Delete are both delete', () => {
		assert.deepEqual(keyNames('', {delete: true}), ['delete']);
		assert.deepEqual(keyNames('', {backspace: true}), ['delete']);
	});

	test('Escape (key.escape with key.meta) is escape', () => {
		assert.deepEqual(keyNames('', {escape: true, meta: true}), ['escape']);
	});

	test('Enter and Tab, and Shift-Tab', () => {
		assert.deepEqual(keyNames('\r', {return: true}), ['return']);
		assert.deepEqual(keyNames('', {tab: true}), ['tab']);
		assert.deepEqual(keyNames('', {tab: true, shift: true}), ['shift+tab']);
	});

	test('control characters inside a burst are named too', () => {
		assert.deepEqual(keyNames('12\r', {}), ['1', '2', 'return']);
		assert.deepEqual(keyNames('a\u007Fb', {}), ['a', 'delete', 'b']);
	});

	test('an uppercase letter is itself', () => {
		assert.deepEqual(keyNames('G', {shift: true}), ['G']);
	});

	test('what Ink 6.8 really reports for terminal key sequences gives the expected names', async () => {
		const sequences: Array<[string, string[]]> = [
			['jjj', ['j', 'j', 'j']],
			['\u001B[B', ['down']],
			['\u001B[A', ['up']],
			['\u001B[6~', ['pagedown']],
			['\u001B[5~', ['pageup']],
			['\r', ['return']],
			['\t', ['tab']],
			['\u007F', ['delete']],
			['\u0012', ['ctrl+r']],
			['\u0003', ['ctrl+c']],
			['G', ['G']],
			['\u001B', ['escape']],
			// Esc and the next key in one read (fast typing, a paste, a laggy SSH link): Ink reads Alt+key. No
			// key is bound to Alt: it is the Esc, then the key (QA: `Esc 3` labelled the selection Esc cancelled).
			['\u001B3', ['escape', '3']],
			['\u001Bu', ['escape', 'u']],
			['\u001B\r', ['escape', 'return']],
			// Before a punctuation key Ink drops the Esc without a word (no meta): not told apart from the key alone.
			['\u001B%', ['%']],
		];
		const seen: string[][] = [];
		function Recorder() {
			const [count, setCount] = useState(0);
			useInput((input, key) => {
				seen.push(keyNames(input, key));
				setCount(value => value + 1);
			});
			return createElement(Text, null, `keys ${count}`);
		}

		const {stdin, lastFrame, unmount} = render(createElement(Recorder));
		try {
			for (const [index, [sequence]] of sequences.entries()) {
				stdin.write(sequence);
				const deadline = Date.now() + 2000;
				while (lastFrame() !== `keys ${index + 1}` && Date.now() < deadline) {
					await new Promise(resolve => { // eslint-disable-line no-await-in-loop
						setImmediate(resolve);
					});
				}
			}
		} finally {
			unmount();
		}

		assert.deepEqual(seen, sequences.map(([, names]) => names));
	});
});

describe('the bindings table', () => {
	test('every binding has keys and a description', () => {
		assert.ok(normalBindings.length > 10);
		for (const binding of normalBindings) {
			assert.ok(binding.keys.length > 0, `a binding without keys: ${binding.description}`);
			assert.ok(binding.description.trim().length > 3, `no description for ${binding.keys.join(', ')}`);
		}
	});

	test('no key is bound twice in the main view', () => {
		const seen = new Map<string, string>();
		for (const binding of normalBindings) {
			for (const key of binding.keys) {
				assert.equal(seen.get(key), undefined, `${key} is bound to "${seen.get(key)}" and to "${binding.description}"`);
				seen.set(key, binding.description);
			}
		}
	});

	test('every bound key is a name keyNames can produce', () => {
		for (const binding of normalBindings) {
			for (const key of binding.keys) {
				const [input, press] = pressFor(key);
				assert.deepEqual(keyNames(input, press), [key], `no key press gives "${key}"`);
			}
		}
	});

	test('each key runs its own binding\'s action in the main view', () => {
		for (const binding of normalBindings) {
			for (const key of binding.keys) {
				assert.deepEqual(actionFor('normal', key), binding.action(key), key);
			}
		}
	});

	test('the number keys apply the label of their number', () => {
		for (let number = 1; number <= 9; number++) {
			assert.deepEqual(actionFor('normal', String(number)), {type: 'apply-label-number', number});
		}

		assert.equal(actionFor('normal', '0'), undefined);
	});

	test('an unbound key does nothing', () => {
		assert.equal(actionFor('normal', 'z'), undefined);
		assert.equal(actionFor('normal', 'tab'), undefined);
	});

	test('the quit question answers y, n and c (Esc and Ctrl-C cancel) and nothing else', () => {
		assert.deepEqual(actionFor('quit', 'y'), {type: 'quit-answer', answer: 'yes'});
		assert.deepEqual(actionFor('quit', 'n'), {type: 'quit-answer', answer: 'no'});
		assert.deepEqual(actionFor('quit', 'c'), {type: 'quit-answer', answer: 'cancel'});
		assert.deepEqual(actionFor('quit', 'escape'), {type: 'quit-answer', answer: 'cancel'});
		assert.deepEqual(actionFor('quit', 'ctrl+c'), {type: 'quit-answer', answer: 'cancel'});
		for (const key of ['q', 'j', 'x', 'u', 's']) {
			assert.equal(actionFor('quit', key), undefined, key);
		}
	});

	test('in the help ?, Esc and q close it and j/k scroll', () => {
		for (const key of ['?', 'escape', 'q']) {
			assert.deepEqual(actionFor('help', key), {type: 'toggle-help'}, key);
		}

		assert.deepEqual(actionFor('help', 'j'), {type: 'scroll-page', step: 'line', direction: 1});
		assert.deepEqual(actionFor('help', 'up'), {type: 'scroll-page', step: 'line', direction: -1});
		assert.equal(actionFor('help', 'x'), undefined);
	});

	test('the help and the statistics page as a pager does: PageDown or Space, PageUp, g or Home, G or End', () => {
		for (const mode of ['help', 'stats'] as const) {
			for (const key of ['pagedown', ' ']) {
				assert.deepEqual(actionFor(mode, key), {type: 'scroll-page', step: 'page', direction: 1}, `${mode} ${key}`);
			}

			assert.deepEqual(actionFor(mode, 'pageup'), {type: 'scroll-page', step: 'page', direction: -1}, mode);
			for (const key of ['g', 'home']) {
				assert.deepEqual(actionFor(mode, key), {type: 'scroll-page', step: 'end', direction: -1}, `${mode} ${key}`);
			}

			for (const key of ['G', 'end']) {
				assert.deepEqual(actionFor(mode, key), {type: 'scroll-page', step: 'end', direction: 1}, `${mode} ${key}`);
			}
		}
	});

	test('the ? help lists the keys that page through it, after the main view\'s', () => {
		const lines = helpLines(99);
		const heading = lines.indexOf('In this help and in the statistics (%):');
		assert.ok(heading > lines.findIndex(line => line.startsWith('?')), lines.join('\n'));
		const paging = lines.slice(heading + 1).join('\n');
		for (const binding of pageScrollBindings) {
			assert.match(paging, new RegExp(`^${describeKeys(binding).replaceAll('`', '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${binding.description}$`, 'm'));
		}
	});

	test('in a prompt only Esc, Ctrl-C, Tab and Enter are commands', () => {
		assert.deepEqual(actionFor('prompt', 'escape'), {type: 'prompt-cancel'});
		assert.deepEqual(actionFor('prompt', 'ctrl+c'), {type: 'prompt-cancel'});
		assert.deepEqual(actionFor('prompt', 'tab'), {type: 'prompt-complete'});
		assert.deepEqual(actionFor('prompt', 'return'), {type: 'prompt-submit'});
		for (const key of ['j', 'q', '1', 'x']) {
			assert.equal(actionFor('prompt', key), undefined, key);
		}
	});
});

describe('keyTableMarkdown', () => {
	test('has a header and one row per binding, in the table\'s order', () => {
		const lines = keyTableMarkdown().split('\n');
		assert.deepEqual(lines.slice(0, 2), ['| key | action |', '| --- | --- |']);
		assert.equal(lines.length, 2 + normalBindings.length);
		for (const [index, binding] of normalBindings.entries()) {
			assert.equal(lines[index + 2], `| ${describeKeys(binding)} | ${binding.description} |`);
		}
	});

	test('names every key of every binding', () => {
		const table = keyTableMarkdown();
		const shown: Record<string, string> = {
			up: 'Up', down: 'Down', left: 'Left', right: 'Right', pageup: 'PageUp', pagedown: 'PageDown', home: 'Home', end: 'End',
			escape: 'Esc', delete: 'Delete', return: 'Enter', 'ctrl+r': 'Ctrl-R', 'ctrl+c': 'Ctrl-C',
		};
		for (const binding of normalBindings) {
			if (binding.display !== undefined) {
				assert.ok(table.includes(binding.display), binding.display);
				continue;
			}

			for (const key of binding.keys) {
				assert.ok(table.includes(shown[key] ?? `\`${key}\``), `the table does not show ${key}`);
			}
		}
	});

	test('describeKeys writes keys for people', () => {
		const down = normalBindings.find(binding => binding.keys.includes('j'))!;
		assert.equal(describeKeys(down), '`j` / Down');
		const redo = normalBindings.find(binding => binding.keys.includes('ctrl+r'))!;
		assert.equal(describeKeys(redo), 'Ctrl-R');
	});

	test('a custom display covers the keys it stands for', () => {
		const numbers = normalBindings.find(binding => binding.keys.includes('1'))!;
		assert.equal(describeKeys(numbers), '`1`..`9`');
		assert.deepEqual(numbers.keys, ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
	});
});
