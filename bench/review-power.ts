/**
The review-power benchmark of issue 12: how many of a file's truly wrong sentences the ranked
queue puts in front of the reviewer, and how long the tagger takes to train.

For each data set: the queue's sentences, each once, in queue order (what `e` walks); recall at
10% is the share of truly wrong sentences among the first ceil(10% x the file's sentences) of
them, precision is the share of those that are truly wrong. Also given at 10% of the queue's own
length, for the cheap checks alone (no tagger), and for the file-order queue of today.

  - real errors: CleanCoNLL's corrections of the CoNLL-2003 dev set (the original opened, the
    training set as reference; the corrected file is only the answer key);
  - injected errors: 5% of the sentences of clean corpora corrupted in memory (bench/inject-errors.ts).

  npm run bench:review                 every data set
  npm run bench:review -- NAME...      only those (e.g. cleanconll-dev wikiser-dev)

Prints a table and writes bench/out/review-power.json.
*/
import fs from 'node:fs';
import path from 'node:path';
import type {Corpus} from '../source/corpus/corpus.js';
import {loadCorpusFile} from '../source/corpus/load.js';
import {CorpusAnalysis} from '../source/review/corpus-analysis.js';
import type {QueueEntry} from '../source/review/queue/entry.js';
import {queueSentences, rankQueue} from '../source/review/queue/rank.js';
import {crossValidate} from '../source/review/tagger/cross-validate.js';
import type {TaggerResult} from '../source/review/tagger/result.js';
import {injectErrors} from './inject-errors.js';

const root = path.resolve(import.meta.dirname, '..');
const corpora = path.resolve(root, '../shared/corpora');
const conll = (name: string) => path.join(corpora, 'conll2003-conllpp', name);

type DataSet = {
	readonly name: string;
	readonly errors: 'real' | 'injected';
	/** The file opened for review, the truly wrong sentences, and the references. */
	load(): {main: Corpus; wrong: ReadonlySet<number>; references: Corpus[]; answer?: Corpus};
};

const dataSets: DataSet[] = [
	{
		name: 'cleanconll-dev',
		errors: 'real',
		load() {
			const main = loadCorpusFile(conll('conllpp_dev.txt'));
			const answer = loadCorpusFile(path.join(corpora, 'cleanconll-dev', 'dev.clean.txt'));
			return {main, answer, wrong: differingSentences(main, answer), references: [loadCorpusFile(conll('conllpp_train.txt'))]};
		},
	},
	{
		name: 'cleanconll-dev-alone',
		errors: 'real',
		load() {
			const main = loadCorpusFile(conll('conllpp_dev.txt'));
			const answer = loadCorpusFile(path.join(corpora, 'cleanconll-dev', 'dev.clean.txt'));
			return {main, answer, wrong: differingSentences(main, answer), references: []};
		},
	},
	injected('conllpp-train', conll('conllpp_train.txt'), []),
	injected('conllpp-test', conll('conllpp_test.txt'), [conll('conllpp_train.txt')]),
	injected('wikiser-dev', path.join(corpora, 'wikiser', 'wikiser-small', 'dev.txt'), []),
];

function injected(name: string, file: string, references: string[]): DataSet {
	return {
		name,
		errors: 'injected',
		load() {
			const clean = loadCorpusFile(file);
			const {corpus, wrong} = injectErrors(clean);
			return {main: corpus, answer: clean, wrong, references: references.map(reference => loadCorpusFile(reference))};
		},
	};
}

/** Sentences whose tags differ between two line-for-line versions of a file. */
function differingSentences(a: Corpus, b: Corpus): Set<number> {
	if (a.sentenceCount !== b.sentenceCount) {
		throw new Error('the answer key does not have the same sentences');
	}

	const wrong = new Set<number>();
	for (let sentence = 0; sentence < a.sentenceCount; sentence++) {
		const [first, end] = a.sentenceTokens(sentence);
		for (let token = first; token < end; token++) {
			if (a.tags.text(a.tagIds[token]!) !== b.tags.text(b.tagIds[token]!)) {
				wrong.add(sentence);
				break;
			}
		}
	}

	return wrong;
}

type Power = {recall: number; precision: number; found: number; inspected: number};

/** Recall and precision of the first `budget` sentences of `order`. */
function powerAt(order: ArrayLike<number>, wrong: ReadonlySet<number>, budget: number): Power {
	const inspected = Math.min(budget, order.length);
	let found = 0;
	for (let i = 0; i < inspected; i++) {
		if (wrong.has(order[i]!)) {
			found++;
		}
	}

	return {recall: wrong.size === 0 ? 0 : found / wrong.size, precision: inspected === 0 ? 0 : found / inspected, found, inspected};
}

/** How often the tagger's suggestion is the answer key's reading of its tokens, by its confidence. */
function suggestionAccuracy(queue: readonly QueueEntry[], answer: Corpus | undefined): Array<{bin: string; suggestions: number; right: number}> {
	const bins = [[0.5, 0.7], [0.7, 0.9], [0.9, 1.01]] as const;
	const rows = bins.map(([low, high]) => ({bin: `${low.toFixed(1)}-${Math.min(high, 1).toFixed(1)}`, suggestions: 0, right: 0}));
	if (answer === undefined) {
		return rows;
	}

	for (const entry of queue) {
		const {suggestion} = entry;
		if (suggestion?.source !== 'model') {
			continue;
		}

		const index = bins.findIndex(([low, high]) => suggestion.confidence >= low && suggestion.confidence < high);
		if (index === -1) {
			continue;
		}

		const truth = answer.decode(entry.sentence).spans.filter(span => span.start < suggestion.end && suggestion.start < span.end);
		const same = truth.length === suggestion.to.length && truth.every(span => suggestion.to.some(other => other.start === span.start && other.end === span.end && other.type === span.type));
		rows[index]!.suggestions++;
		rows[index]!.right += same ? 1 : 0;
	}

	return rows;
}

type Row = {
	name: string;
	errors: string;
	sentences: number;
	tokens: number;
	referenceTokens: number;
	wrong: number;
	queueSentences: number;
	budget: number;
	ranked: Power;
	rankedAtQueueTenth: Power;
	checksOnly: Power;
	fileOrder: Power;
	trainingSeconds: number;
	trainingCpuSeconds: number;
	phases: TaggerResult['phaseMilliseconds'];
	folds: number;
	trainingTokensPerModel: number;
	heldOutAccuracy: number;
	temperature: number;
	suggestions: ReturnType<typeof suggestionAccuracy>;
};

function measure(dataSet: DataSet): Row {
	const {main, wrong, references, answer} = dataSet.load();
	const analysis = new CorpusAnalysis(main).run();
	const problems = [...analysis.problems()];
	const indexes = [analysis, ...references.map(reference => new CorpusAnalysis(reference).run())];
	// CPU time as well as wall time: on a machine shared with other work, wall time is inflated.
	const cpuBefore = process.cpuUsage();
	const tagger = crossValidate(main, references);
	const cpu = process.cpuUsage(cpuBefore);
	const queue = rankQueue(main, problems, {tagger, indexes});
	const order = queueSentences(queue);
	const budget = Math.ceil(main.sentenceCount * 0.1);
	const checksOnly = queueSentences(rankQueue(main, problems, {indexes}));
	const fileOrder = queueSentences(rankQueue(main, problems, {indexes, order: 'file'}));
	return {
		name: dataSet.name,
		errors: dataSet.errors,
		sentences: main.sentenceCount,
		tokens: main.tokenCount,
		referenceTokens: references.reduce((total, reference) => total + reference.tokenCount, 0),
		wrong: wrong.size,
		queueSentences: order.length,
		budget,
		ranked: powerAt(order, wrong, budget),
		rankedAtQueueTenth: powerAt(order, wrong, Math.ceil(order.length * 0.1)),
		checksOnly: powerAt(checksOnly, wrong, budget),
		fileOrder: powerAt(fileOrder, wrong, budget),
		trainingSeconds: tagger.milliseconds / 1000,
		trainingCpuSeconds: (cpu.user + cpu.system) / 1e6,
		phases: tagger.phaseMilliseconds,
		folds: tagger.folds,
		trainingTokensPerModel: tagger.trainingTokens,
		heldOutAccuracy: tagger.heldOutAccuracy,
		temperature: tagger.temperature,
		suggestions: suggestionAccuracy(queue, answer),
	};
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function printTable(rows: readonly Row[]) {
	const header = ['data set', 'errors', 'sentences', 'wrong', 'recall@10%', 'precision@10%', 'checks only', 'file order', 'recall@10% of queue', 'training'];
	const lines = rows.map(row => [
		row.name,
		row.errors,
		String(row.sentences),
		String(row.wrong),
		`${percent(row.ranked.recall)} (${row.ranked.found}/${row.wrong})`,
		percent(row.ranked.precision),
		percent(row.checksOnly.recall),
		percent(row.fileOrder.recall),
		`${percent(row.rankedAtQueueTenth.recall)} of ${row.rankedAtQueueTenth.inspected}`,
		`${row.trainingSeconds.toFixed(1)} s (CPU ${row.trainingCpuSeconds.toFixed(1)} s; ${row.folds} folds, ${Math.round(row.trainingTokensPerModel / 1000)}k tokens/model)`,
	]);
	console.log(`| ${header.join(' | ')} |`);
	console.log(`| ${header.map(() => '---').join(' | ')} |`);
	for (const line of lines) {
		console.log(`| ${line.join(' | ')} |`);
	}
}

const wanted = process.argv.slice(2).filter(argument => !argument.startsWith('-'));
if (!fs.existsSync(corpora)) {
	console.log(`skipped: the shared corpora are not at ${corpora}`);
	process.exit(0);
}

const rows: Row[] = [];
const load = (await import('node:os')).loadavg()[0]!;
for (const dataSet of dataSets) {
	if (wanted.length > 0 && !wanted.includes(dataSet.name)) {
		continue;
	}

	const row = measure(dataSet);
	rows.push(row);
	console.error(`${row.name}: recall@10% ${percent(row.ranked.recall)}, precision ${percent(row.ranked.precision)}, checks only ${percent(row.checksOnly.recall)}, held-out accuracy ${percent(row.heldOutAccuracy)}, T ${row.temperature.toFixed(2)}, ${row.trainingSeconds.toFixed(1)} s, suggestions ${JSON.stringify(row.suggestions)}`);
}

printTable(rows);
console.log(`\nLoad average at the start: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores (wall times are inflated when it exceeds 1).`);
fs.mkdirSync(path.join(root, 'bench', 'out'), {recursive: true});
fs.writeFileSync(path.join(root, 'bench', 'out', 'review-power.json'), JSON.stringify({machine: {cpus: (await import('node:os')).cpus().length, node: process.version}, rows}, undefined, '\t') + '\n');
