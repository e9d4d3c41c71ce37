/**
The tagger's worker in the bundle (issue 12): the build has it as an entry point of its own, and the
built start-training code finds it and trains through it whether that code ends up in the entry
file (dist/cli.js) or in a chunk below it (dist/chunks/, the screen's case). Each case is bundled
with the real build's configuration (scripts/build.mjs, only the entry points differ) into a
temporary folder and run with plain node: no tsx, the built worker file.
*/
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {build, entryPoints} from '../scripts/build.mjs';
import {indexCorpus} from '../source/corpus/load.js';
import {crossValidate} from '../source/review/tagger/cross-validate.js';
import {builtWorkerUrl, workerFileName} from '../source/review/tagger/start-training.js';
import {repoRoot} from './helpers/tmux.js';
import {toySentences, toyText} from './helpers/toy-corpus.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-tagger-bundle-'));
after(() => {
	fs.rmSync(folder, {recursive: true, force: true});
});

const workerEntry = entryPoints.find(entry => typeof entry === 'object' && entry.in.endsWith('tagger/worker.ts'));

test('the build has the worker as an entry point, under the name start-training looks for', () => {
	assert.ok(typeof workerEntry === 'object', 'worker.ts is an entry point');
	assert.equal(`${workerEntry.out}.js`, workerFileName);
});

test('the worker is found beside the code or one folder above it, and nowhere else', () => {
	const root = fs.mkdtempSync(path.join(folder, 'layout-'));
	fs.mkdirSync(path.join(root, 'chunks'));
	const fromEntry = pathToFileURL(path.join(root, 'cli.js'));
	const fromChunk = pathToFileURL(path.join(root, 'chunks', 'chunk-X.js'));
	assert.equal(builtWorkerUrl(fromEntry), undefined);
	assert.equal(builtWorkerUrl(fromChunk), undefined);
	fs.writeFileSync(path.join(root, workerFileName), '');
	assert.equal(builtWorkerUrl(fromEntry)?.href, pathToFileURL(path.join(root, workerFileName)).href);
	assert.equal(builtWorkerUrl(fromChunk)?.href, pathToFileURL(path.join(root, workerFileName)).href);
});

describe('training through the built code', () => {
	const corpusFile = path.join(folder, 'toy.txt');
	fs.writeFileSync(corpusFile, toyText(toySentences(150, 5)));
	// Small windows: the built worker asks the built main-thread code for bytes many times.
	const options = {folds: 3, epochs: 2, windowBytes: 512};
	const here = crossValidate(indexCorpus(fs.readFileSync(corpusFile)), [], options);

	for (const [entry, place] of [['in-entry', '.'], ['in-chunk', 'chunks']] as const) {
		test(`with start-training in ${place === '.' ? 'the entry file' : 'a chunk'}`, async () => {
			const outdir = path.join(folder, entry);
			// Without the dependency transforms: they insist on Ink being in the bundle, and nothing here uses it.
			const {metafile} = await build({outdir, entryPoints: [{in: `test/fixtures/tagger-bundle/${entry}.ts`, out: entry}, workerEntry!], plugins: []});
			// The case is the one meant: where did esbuild put start-training's code?
			const output = Object.entries(metafile.outputs).find(([, each]) => Object.keys(each.inputs).some(input => input.endsWith('tagger/start-training.ts')));
			assert.ok(output !== undefined);
			assert.equal(path.relative(outdir, path.dirname(path.resolve(repoRoot, output[0]))), place === '.' ? '' : place);
			assert.ok(fs.existsSync(path.join(outdir, workerFileName)));

			const printed = execFileSync(process.execPath, [path.join(outdir, `${entry}.js`), corpusFile, JSON.stringify(options)], {encoding: 'utf8'});
			const built = JSON.parse(printed) as {goldProbability: number[]; temperature: number; disagreements: number[]; labels: number[]};
			assert.deepEqual(built.goldProbability, [...here.goldProbability]);
			assert.equal(built.temperature, here.temperature);
			assert.deepEqual(built.disagreements, [...here.disagreements.sentence.subarray(0, here.disagreements.count)]);
			assert.deepEqual(built.labels, [...here.disagreements.labels.subarray(0, here.disagreements.labelStart[here.disagreements.count])]);
		});
	}
});
