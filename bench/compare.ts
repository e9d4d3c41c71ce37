/**
Compare mode at scale, on the engine (the screen is measured by bench/run.ts): a CoNLL corpus of
N tokens and a second file with the same tokens and 5% of its entity types changed. Each measure
runs in a fresh process so that its peak RSS is its own, beside a floor measured in the same run
(a Node process reading both files and scanning their newlines).

  node --import tsx bench/compare.ts             1M tokens
  node --import tsx bench/compare.ts 10000000    10M tokens

- sliced: the corpus and the other file read as the screen reads them, 256 KB of the file and
  128 KB of the other per slice (the first slice before the first frame, the rest between frames),
  then the disagreeing
  sentences settled in slices: the longest slice, and the peak RSS against both files' sizes.
- headless: `ner-review compare A B` as a function: load, align, score.
*/
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {generateCorpus} from './generate.js';

const [mode, fileA, fileB] = process.argv.slice(2);

function peakRss(): number {
	return process.resourceUsage().maxRSS * 1024;
}

async function measure(): Promise<void> {
	const {indexCorpus, openCompareFile, openIndexer, readLayer} = await import('../source/corpus/index.js');
	const {compareCorpus, Disagreements} = await import('../source/review/compare/index.js');
	const started = performance.now();
	const a = fs.readFileSync(fileA!);
	const b = fs.readFileSync(fileB!);
	const result: Record<string, number> = {};
	if (mode === 'floor') {
		let lines = 0;
		for (const bytes of [a, b]) {
			for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) {
				lines++;
			}
		}

		result['lines'] = lines;
	} else if (mode === 'sliced') {
		// The screen's indexing slice, and half of it for the other file (which is indexed and aligned too).
		const slice = 256 * 1024;
		const compareSlice = 128 * 1024;
		const indexer = openIndexer(a);
		const reader = openCompareFile(indexer.corpus, b, 'b');
		const indexing: number[] = [];
		const reading: number[] = [];
		let first = 0;
		for (let done = false; !done;) {
			const before = performance.now();
			if (!indexer.corpus.complete) {
				indexer.step(slice);
			}

			const between = performance.now();
			done = reader.step(compareSlice) && indexer.corpus.complete;
			indexing.push(between - before);
			reading.push(performance.now() - between);
			if (first === 0) {
				first = performance.now() - started;
			}
		}

		const p95 = (values: number[]) => [...values].sort((x, y) => x - y)[Math.ceil(values.length * 0.95) - 1]!;

		const disagreements = new Disagreements(indexer.corpus, reader.layer);
		let longestSettle = 0;
		for (let done = false; !done;) {
			const before = performance.now();
			done = disagreements.step(2000);
			longestSettle = Math.max(longestSettle, performance.now() - before);
		}

		Object.assign(result, {firstSliceMs: first, slices: indexing.length, indexSliceP95Ms: p95(indexing), compareSliceP95Ms: p95(reading), compareSliceMaxMs: Math.max(...reading), longestSettleMs: longestSettle, disagreeing: disagreements.count, sentences: indexer.corpus.sentenceCount});
	} else {
		const corpus = indexCorpus(a);
		const layer = readLayer(openCompareFile(corpus, b, 'b'));
		const comparison = compareCorpus(corpus, layer);
		result['f1'] = comparison.overall.f1;
	}

	result['totalMs'] = performance.now() - started;
	result['peakRssOverBothFiles'] = peakRss() / (a.length + b.length);
	process.stdout.write(JSON.stringify(result));
}

if (mode === undefined || /^\d+$/.test(mode)) {
	const tokens = Number(mode ?? 1_000_000);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-bench-compare-'));
	try {
		const a = path.join(work, 'a.conll');
		const b = path.join(work, 'b.conll');
		generateCorpus(a, 'conll', tokens);
		// The same tokens; every 20th entity another type.
		let entities = 0;
		fs.writeFileSync(b, fs.readFileSync(a, 'utf8').replaceAll(/ B-(\w+)\n/g, (match: string, type: string) => (++entities % 20 === 0 ? ` B-${type === 'Library' ? 'License' : 'Library'}\n` : match)));
		const size = fs.statSync(a).size + fs.statSync(b).size;
		console.log(`${tokens} tokens, both files ${(size / 1e6).toFixed(1)} MB (a loaded machine: compare ratios, not times)`);
		for (const measured of ['floor', 'sliced', 'headless']) {
			const run = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, measured, a, b], {encoding: 'utf8', maxBuffer: 1 << 20});
			console.log(measured, run.status === 0 ? run.stdout : run.stderr);
		}
	} finally {
		fs.rmSync(work, {recursive: true, force: true});
	}
} else {
	await measure();
}
