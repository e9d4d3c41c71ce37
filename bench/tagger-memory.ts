/**
The tagger at scale (issue 12), measured on the built code: generates a corpus (bench/generate.ts,
10M tokens by default) into a temporary folder, bundles bench/tagger-memory-run.ts and the
tagger's worker with the real build's configuration (scripts/build.mjs) into bench/out/, and runs
it with plain node: the corpus read into ordinary memory as the app reads it, trained on a bounded
sample in the worker thread and predicted in full. Prints its JSON: the peak RSS of the whole
process as a multiple of the file (target: 2.5x), the time, and how long the main thread's event
loop was held up meanwhile.

  node --import tsx bench/tagger-memory.ts [TOKENS] [seed|conll] [--file CORPUS]

--file measures an existing corpus instead of generating one.
*/
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {build, entryPoints} from '../scripts/build.mjs';
import type {CorpusKind} from './generate.js';

const arguments_ = process.argv.slice(2);
const fileFlag = arguments_.indexOf('--file');
const given = fileFlag === -1 ? undefined : arguments_.splice(fileFlag, 2)[1];
const tokens = Number(arguments_[0] ?? 10_000_000);
const kind = (arguments_[1] ?? 'seed') as CorpusKind;
const outdir = path.join(import.meta.dirname, 'out', 'tagger-memory');
const worker = entryPoints.find(entry => typeof entry === 'object' && entry.in.endsWith('tagger/worker.ts'))!;
// Without the dependency transforms: they insist on Ink being in the bundle, and the run does not use it.
await build({outdir, entryPoints: [{in: 'bench/tagger-memory-run.ts', out: 'run'}, worker], plugins: []});

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-tagger-'));
try {
	let file = given;
	if (file === undefined) {
		file = path.join(folder, `corpus-${kind}.txt`);
		// In another process, so its strings do not count in the measured one.
		execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'generate.ts'), file, kind, String(tokens)]);
	}

	execFileSync(process.execPath, [path.join(outdir, 'run.js'), file], {stdio: 'inherit'});
} finally {
	fs.rmSync(folder, {recursive: true, force: true});
}
