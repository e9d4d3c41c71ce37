/**
The benchmark rows of issue 17 that need no screen, on corpora generated from a real corpus's
label distribution (bench/generate.ts): `check` and `stats` against the indexing floor (a Node
process that only reads and indexes the same file, with the same code), the analysis's ready time
and peak memory, and what the screen's answers cost once it is ready: `e`, `c` (counts, first
slice of places, all places), `%`, one relabel and its undo, a bulk relabel and its undo, and
searches that go all the way round. Each measured in its own process on bundled code (the engines bundled by esbuild as the app is).

	node --import tsx bench/analysis.ts                        seed and conll, 10M tokens, 3 runs
	node --import tsx bench/analysis.ts --quick                seed, 1M tokens, 1 run
	node --import tsx bench/analysis.ts --sizes 1000000 --kinds seed,conll --runs 1

`npm run bench` adds these rows to its table (bench/run.ts calls analysisRows).
*/
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {generateCorpus, type CorpusKind} from './generate.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const probe = path.join(root, 'bench', 'analysis-probe.mjs');
let engine: string | undefined;

/**
The corpus and review engines bundled as the app bundles them (esbuild, ESM for Node 20, one shared
chunk so both use the same classes), into a temporary folder the probe imports from
(NER_REVIEW_ENGINE). Built once per benchmark run.
*/
function engineBundle(): string {
	if (engine === undefined) {
		engine = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-bench-engine-'));
		const built = spawnSync(process.execPath, ['-e', `require('esbuild').buildSync(${JSON.stringify({
			entryPoints: {'corpus/index': path.join(root, 'source/corpus/index.ts'), 'review/index': path.join(root, 'source/review/index.ts')},
			bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', outdir: engine, logLevel: 'error',
		})})`], {cwd: root, stdio: 'inherit'});
		if (built.status !== 0) {
			throw new Error('could not bundle the engines for the analysis probe');
		}

		process.on('exit', () => {
			fs.rmSync(engine!, {recursive: true, force: true});
		});
	}

	return engine;
}

/** `ok` is undefined where the target does not apply (memory ratio of small files, dominated by Node itself). */
export type Row = {corpus: string; measure: string; value: number; unit: string; floor?: number; ratio?: number; target: string; ok?: boolean};

type Probe = Record<string, number> & {problems: Record<string, number>};

export const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Wall time of a child process, in milliseconds, with its output thrown away (as `> /dev/null`). */
function timeProcess(args: string[]): {ms: number; status: number | null; stdout: string} {
	const started = performance.now();
	const result = spawnSync(process.execPath, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30, env: {...process.env, NER_REVIEW_ENGINE: engineBundle()}});
	return {ms: performance.now() - started, status: result.status, stdout: result.stdout};
}

/** Runs the probe and parses its JSON line. */
function runProbe(file: string, ...flags: string[]): {ms: number; probe: Probe} {
	const {ms, status, stdout} = timeProcess([probe, file, ...flags]);
	if (status !== 0) {
		throw new Error(`the analysis probe failed on ${file} (exit ${status})`);
	}

	return {ms, probe: JSON.parse(stdout.trim().split('\n').at(-1)!) as Probe};
}

/** The rows for one generated corpus: `runs` runs of each process, medians. */
export function measureCorpus(file: string, name: string, runs: number): Row[] {
	const bytes = fs.statSync(file).size;
	const floors: number[] = [];
	/** The same, from the process's own clock (from its start to the end of indexing), for the in-process times. */
	const indexedFloors: number[] = [];
	const checks: number[] = [];
	const fileOrderChecks: number[] = [];
	const stats: number[] = [];
	/** Up to this many tokens `check` also trains the tagger to rank its problems (source/cli/check.ts). */
	const ranksWithTagger = bytes < 30e6;
	const probes: Probe[] = [];
	for (let run = 0; run < runs; run++) {
		const indexOnly = runProbe(file, '--index-only');
		floors.push(indexOnly.ms);
		indexedFloors.push(indexOnly.probe['indexed']!);
		const check = timeProcess([cli, 'check', file]);
		if (check.status !== 0 && check.status !== 1) {
			throw new Error(`ner-review check exited ${check.status} on ${file}`);
		}

		checks.push(check.ms);
		fileOrderChecks.push(timeProcess([cli, 'check', '--file-order', file]).ms);
		stats.push(timeProcess([cli, 'stats', file]).ms);
		probes.push(runProbe(file).probe);
	}

	const floor = median(floors);
	const indexedFloor = median(indexedFloors);
	/** The memory ratio is the issue's for 100 MB files; a small file's is Node's own size. */
	const atScale = bytes >= 50e6;
	const of = (key: string) => median(probes.map(result => result[key]!));
	const check = median(checks);
	const fileOrderCheck = median(fileOrderChecks);
	const stat = median(stats);
	const ready = of('ready');
	const within = (value: number, limit: number) => value <= limit;
	const rows: Row[] = [
		{corpus: name, measure: 'index only (floor: a process that reads and indexes the file)', value: floor, unit: 'ms', target: 'floor'},
		{corpus: name, measure: '  its indexing, from its own start', value: indexedFloor, unit: 'ms', target: 'floor'},
		ranksWithTagger
			? {corpus: name, measure: '`check`, ranked with the tagger (5 folds; process, output to /dev/null)', value: check, unit: 'ms', floor, ratio: check / floor, target: 'report'}
			: {corpus: name, measure: '`check` (process, output to /dev/null)', value: check, unit: 'ms', floor, ratio: check / floor, target: '<= 3x floor', ok: check / floor <= 3},
		{corpus: name, measure: '`check --file-order` (streamed, no ranking)', value: fileOrderCheck, unit: 'ms', floor, ratio: fileOrderCheck / floor, target: '<= 3x floor', ok: fileOrderCheck / floor <= 3},
		{corpus: name, measure: '`stats` (process)', value: stat, unit: 'ms', floor, ratio: stat / floor, target: '<= 3x floor', ok: stat / floor <= 3},
		{corpus: name, measure: 'analysis ready, from process start (observing the indexer, then 8 ms slices)', value: ready, unit: 'ms', floor: indexedFloor, ratio: ready / indexedFloor, target: '<= 3x indexing', ok: ready / indexedFloor <= 3},
		{corpus: name, measure: '  of which indexing with the first pass riding on it', value: of('indexed'), unit: 'ms', floor: indexedFloor, ratio: of('indexed') / indexedFloor, target: 'report'},
		{corpus: name, measure: '  slices of the analysis (asked for 8 ms): p95', value: of('sliceP95'), unit: 'ms', target: '<= 16 ms', ok: within(of('sliceP95'), 16)},
		{corpus: name, measure: '  longest slice', value: of('longestSlice'), unit: 'ms', target: 'report'},
		{corpus: name, measure: 'peak RSS / file, analysis built (no screen)', value: of('rssReady') / bytes, unit: 'x', target: '<= 2.5x', ok: atScale ? of('rssReady') / bytes <= 2.5 : undefined},
		{corpus: name, measure: 'peak RSS / file, after every answer below', value: of('maxRss') / bytes, unit: 'x', target: '<= 2.5x', ok: atScale ? of('maxRss') / bytes <= 2.5 : undefined},
		{corpus: name, measure: '`e`: next sentence with a problem and its problems', value: of('nextProblemMs'), unit: 'ms', target: '<= 100 ms', ok: within(of('nextProblemMs'), 100)},
		{corpus: name, measure: `\`c\` on the most frequent string (${Math.round(of('consistencyFrequentPlaces')).toLocaleString('en')} places): counts and first slice`, value: of('consistencyFrequentFirstMs'), unit: 'ms', target: '<= 100 ms', ok: within(of('consistencyFrequentFirstMs'), 100)},
		{corpus: name, measure: '  all its places, in slices', value: of('consistencyFrequentAllMs'), unit: 'ms', target: 'in slices'},
		{corpus: name, measure: '`c` on a string of median frequency, all places', value: of('consistencyTypicalAllMs'), unit: 'ms', target: '<= 100 ms', ok: within(of('consistencyTypicalAllMs'), 100)},
		{corpus: name, measure: '`%`: statistics', value: of('statisticsMs'), unit: 'ms', target: '<= 100 ms', ok: within(of('statisticsMs'), 100)},
		{corpus: name, measure: 'one relabel where a problem is, problems updated', value: of('relabelMs'), unit: 'ms', target: '<= 100 ms', ok: within(of('relabelMs'), 100)},
		{corpus: name, measure: '  its undo', value: of('undoMs'), unit: 'ms', target: '<= 100 ms', ok: within(of('undoMs'), 100)},
		{corpus: name, measure: `bulk relabel of the most inconsistent string (${Math.round(of('bulkMentions'))} mentions): plan`, value: of('bulkPlanMs'), unit: 'ms', target: 'report'},
		{corpus: name, measure: '  problems updated after it', value: of('bulkMs'), unit: 'ms', target: '<= 1000 ms', ok: within(of('bulkMs'), 1000)},
		{corpus: name, measure: '  after its undo', value: of('bulkUndoMs'), unit: 'ms', target: '<= 1000 ms', ok: within(of('bulkUndoMs'), 1000)},
		{corpus: name, measure: '`/` exact text found nowhere (a full round)', value: of('searchExactMs'), unit: 'ms', target: '<= 1000 ms', ok: within(of('searchExactMs'), 1000)},
		{corpus: name, measure: '`/` lower-case text found nowhere (ignoring case)', value: of('searchIgnoringCaseMs'), unit: 'ms', target: '<= 1000 ms', ok: within(of('searchIgnoringCaseMs'), 1000)},
		{corpus: name, measure: '`/` text@TYPE found nowhere', value: of('searchLabelMs'), unit: 'ms', target: '<= 1000 ms', ok: within(of('searchLabelMs'), 1000)},
		{corpus: name, measure: '`/` @TYPE from the last sentence', value: of('searchLabelOnlyMs'), unit: 'ms', target: '<= 100 ms', ok: within(of('searchLabelOnlyMs'), 100)},
	];
	return rows;
}

/** Generates each corpus in a temporary folder, measures it, removes it. */
export function analysisRows(sizes: readonly number[], kinds: readonly CorpusKind[], runs: number): Row[] {
	if (!fs.existsSync(cli)) {
		throw new Error('dist/cli.js is missing: run npm run build');
	}

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-bench-analysis-'));
	const rows: Row[] = [];
	try {
		for (const size of sizes) {
			for (const kind of kinds) {
				const file = path.join(work, `${kind}-${size}.txt`);
				generateCorpus(file, kind, size);
				const name = `${kind} ${size.toLocaleString('en')} tokens (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`;
				rows.push(...measureCorpus(file, name, runs));
				fs.rmSync(file, {force: true});
			}
		}
	} finally {
		fs.rmSync(work, {recursive: true, force: true});
	}

	return rows;
}

export function printRows(rows: readonly Row[]): void {
	const format = (value: number | undefined, digits = 0) => (value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits));
	console.log('| corpus | measure | value | floor | ratio | target | met |');
	console.log('| --- | --- | ---: | ---: | ---: | --- | --- |');
	for (const row of rows) {
		const value = `${format(row.value, row.unit === 'x' ? 2 : 1)} ${row.unit}`;
		console.log(`| ${row.corpus} | ${row.measure} | ${value} | ${row.floor === undefined ? '' : `${format(row.floor)} ms`} | ${format(row.ratio, 2)} | ${row.target} | ${row.ok === undefined ? 'n/a' : (row.ok ? 'yes' : 'NO')} |`);
	}
}

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

if (process.argv[1] !== undefined && import.meta.filename === fs.realpathSync(process.argv[1])) {
	const quick = process.argv.includes('--quick');
	const sizes = (option('--sizes') ?? (quick ? '1000000' : '10000000')).split(',').map(Number);
	const kinds = (option('--kinds') ?? (quick ? 'seed' : 'seed,conll')).split(',') as CorpusKind[];
	const runs = Number(option('--runs') ?? (quick ? 1 : 3));
	printRows(analysisRows(sizes, kinds, runs));
	console.log(`\n${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; median of ${runs} run${runs === 1 ? '' : 's'}`);
}
