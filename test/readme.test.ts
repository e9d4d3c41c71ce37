import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {readmePath, withGeneratedSections} from '../scripts/readme.js';
import {commandLineSummary} from '../source/cli/help.js';
import {describeKeys, normalBindings, pageScrollBindings} from '../source/ui/state/keymap.js';

test('the readme key table and command line are the ones generated from the keymap and the flag table', () => {
	const readme = fs.readFileSync(readmePath, 'utf8');
	assert.equal(readme, withGeneratedSections(readme), 'readme.md is stale: run `npm run readme`');
	for (const line of commandLineSummary()) {
		assert.ok(readme.includes(line), `readme lacks ${line}`);
	}

	for (const binding of [...normalBindings, ...pageScrollBindings]) {
		assert.ok(readme.includes(`| ${describeKeys(binding)} | ${binding.description} |`), `readme lacks ${describeKeys(binding)}`);
	}
});

test('the readme starts with the two set-up commands of a fresh clone', () => {
	const readme = fs.readFileSync(readmePath, 'utf8');
	const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
	assert.match(firstBlock, /npm install && npm start/);
	assert.match(firstBlock, /^npm test/m);
	const ci = fs.readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
	assert.match(ci, /npm ci/);
	assert.match(ci, /^npm test$/m);
});
