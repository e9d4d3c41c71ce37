/**
The review-power benchmark of issue 12: how many of a file's truly wrong sentences the ranked
queue puts in front of the reviewer, and how long the tagger takes to train.

For each data set: the queue's sentences, each once, in queue order (what `e` walks); recall at
10% is the share of truly wrong sentences among the first ceil(10% x the file's sentences) of
them, precision is the share of those that are truly wrong. Also given at 10% of the queue's own
length, for the cheap checks alone (no tagger), and for the file-order queue of today; and the
recall of the whole queue, the most that any order of it could reach at 10%.

  - real errors: CleanCoNLL's corrections of the CoNLL-2003 dev set (the original opened, the
    training set as reference; the corrected file is only the answer key). The issue's other real
    pair, CoNLL-2003 test against CoNLL++, cannot be built here: ../shared has CoNLL++'s corrected
    test labels (conllpp_test.txt) but not the original ones. For a real pair the table also says
    how many wrong sentences have a correction the data attests (the corrected type, or no entity,
    given to the same string somewhere in the file or the references): a ranking that learns from
    the data can hardly find a correction that follows a convention the data never uses;
  - injected errors: 5% of the sentences of clean corpora corrupted in memory (bench/inject-errors.ts),
    with the recall per kind of error. Two more data sets, left out unless named, check what was
    measured on the others on files nobody looked at while tuning: wikiser-test (injected) and
    conllpp-dev (injected, the training set as reference).

Also: how often the number shown with a suggestion (the tagger's probability, or the share of the
corpus's labels) is right, by bins of that number.

  npm run bench:review                 every data set but the optional ones
  npm run bench:review -- NAME...      only those (e.g. cleanconll-dev wikiser-dev wikiser-test)
  npm run bench:review -- --audit NAME also prints a sample of the first 10%'s sentences that the
                                       answer key does not count as wrong, to judge by hand (audit-sample.ts)

Prints a table and writes bench/out/review-power.json.
*/
import fs from 'node:fs';
import path from 'node:path';
import type {Corpus} from '../source/corpus/corpus.js';
import {loadCorpusFile} from '../source/corpus/load.js';
import {CorpusAnalysis} from '../source/review/corpus-analysis.js';
import type {QueueEntry} from '../source/review/queue/entry.js';
import {countsOf, type CountSource} from '../source/review/queue/evidence.js';
import {rankQueue} from '../source/review/queue/rank.js';
import {queueSentences} from '../source/review/queue/walk.js';
import {crossValidate} from '../source/review/tagger/cross-validate.js';
import type {TaggerResult} from '../source/review/tagger/result.js';
import {auditSample} from './audit-sample.js';
import {errorMix, injectErrors, type ErrorKind} from './inject-errors.js';

const root = path.resolve(import.meta.dirname, '..');
const corpora = path.resolve(root, '../shared/corpora');
const conll = (name: string) => path.join(corpora, 'conll2003-conllpp', name);

type DataSet = {
	readonly name: string;
	readonly errors: 'real' | 'injected';
	/** Measured only when named on the command line. */
	readonly optional?: boolean;
	/** The file opened for review, the truly wrong sentences, and the references. */
	load(): {main: Corpus; wrong: ReadonlySet<number>; references: Corpus[]; answer?: Corpus; kindOf?: ReadonlyMap<number, ErrorKind>};
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
	injected('wikiser-test', path.join(corpora, 'wikiser', 'wikiser-small', 'test.txt'), [], true),
	injected('conllpp-dev', conll('conllpp_dev.txt'), [conll('conllpp_train.txt')], true),
];

function injected(name: string, file: string, references: string[], optional = false): DataSet {
	return {
		name,
		errors: 'injected',
		optional,
		load() {
			const clean = loadCorpusFile(file);
			const {corpus, wrong, kindOf} = injectErrors(clean);
			return {main: corpus, answer: clean, wrong, kindOf, references: references.map(reference => loadCorpusFile(reference))};
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

/**
How often the number shown with a suggestion is right, by bins of that number: the share of those
suggestions that are the answer key's reading of their tokens (`right`), and the share whose tokens
the answer key labels otherwise than the file at all (`wrongPlace`). On injected errors the file's
own mistakes count as right labels, so a noisy corpus shows its suggestions as wrong more often
than a real audit would.
*/
function suggestionAccuracy(queue: Iterable<QueueEntry>, main: Corpus, answer: Corpus | undefined): Array<{bin: string; suggestions: number; right: number; wrongPlace: number}> {
	const bins = [[0.5, 0.7], [0.7, 0.9], [0.9, 0.95], [0.95, 1.01]] as const;
	const rows = bins.map(([low, high]) => ({bin: `${low.toFixed(2)}-${Math.min(high, 1).toFixed(2)}`, suggestions: 0, right: 0, wrongPlace: 0}));
	if (answer === undefined) {
		return rows;
	}

	for (const entry of queue) {
		const {suggestion} = entry;
		if (suggestion === undefined || suggestion.source === 'scheme') {
			continue;
		}

		const index = bins.findIndex(([low, high]) => suggestion.confidence >= low && suggestion.confidence < high);
		if (index === -1) {
			continue;
		}

		const truth = answer.decode(entry.sentence).spans.filter(span => span.start < suggestion.end && suggestion.start < span.end);
		const same = truth.length === suggestion.to.length && truth.every(span => suggestion.to.some(other => other.start === span.start && other.end === span.end && other.type === span.type));
		let differs = false;
		for (let token = entry.token; token < entry.end; token++) {
			differs ||= main.tags.text(main.tagIds[token]!) !== answer.tags.text(answer.tagIds[token]!);
		}

		rows[index]!.suggestions++;
		rows[index]!.right += same ? 1 : 0;
		rows[index]!.wrongPlace += differs ? 1 : 0;
	}

	return rows;
}

/**
Wrong sentences of a real pair whose correction the data attests: some entity the answer key adds
or retypes has its corrected type somewhere in the file or the references, or some entity it
removes is left unlabelled somewhere.
*/
function attestedCorrections(main: Corpus, answer: Corpus, wrong: ReadonlySet<number>, indexes: readonly CountSource[]): number {
	let attested = 0;
	const key = (span: {start: number; end: number; type: string}) => `${span.start}:${span.end}:${span.type}`;
	for (const sentence of wrong) {
		const file = main.decode(sentence).spans;
		const truth = answer.decode(sentence).spans;
		const texts = main.sentenceTexts(sentence);
		const inFile = new Set(file.map(span => key(span)));
		const inTruth = new Set(truth.map(span => key(span)));
		const text = (span: {start: number; end: number}) => texts.slice(span.start, span.end).join(' ');
		const corrected = truth.some(span => !inFile.has(key(span)) && (countsOf(text(span), indexes).byType.get(span.type) ?? 0) > 0);
		const removed = file.some(span => !inTruth.has(key(span)) && !truth.some(other => other.start < span.end && span.start < other.end) && countsOf(text(span), indexes).unlabelled > 0);
		attested += corrected || removed ? 1 : 0;
	}

	return attested;
}

/** Recall at the budget for each kind of injected error. */
function recallByKind(order: ArrayLike<number>, kindOf: ReadonlyMap<number, ErrorKind> | undefined, budget: number): Partial<Record<ErrorKind, {found: number; wrong: number}>> {
	if (kindOf === undefined) {
		return {};
	}

	const byKind: Partial<Record<ErrorKind, {found: number; wrong: number}>> = {};
	for (const [kind] of errorMix) {
		byKind[kind] = {found: 0, wrong: 0};
	}

	for (const kind of kindOf.values()) {
		byKind[kind]!.wrong++;
	}

	for (let i = 0; i < Math.min(budget, order.length); i++) {
		const kind = kindOf.get(order[i]!);
		if (kind !== undefined) {
			byKind[kind]!.found++;
		}
	}

	return byKind;
}

type Row = {
	name: string;
	errors: string;
	sentences: number;
	tokens: number;
	referenceTokens: number;
	wrong: number;
	queueSentences: number;
	/** The whole queue's recall: no order of the queue finds more (the ceiling of recall@10%). */
	inQueue: Power;
	budget: number;
	ranked: Power;
	rankedAtQueueTenth: Power;
	checksOnly: Power;
	fileOrder: Power;
	byKind: ReturnType<typeof recallByKind>;
	/** Real pairs: wrong sentences whose correction the data attests (see attestedCorrections). */
	attested?: number;
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
	const {main, wrong, references, answer, kindOf} = dataSet.load();
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
	if (process.argv.includes('--audit')) {
		console.log(`\n${dataSet.name}\n${auditSample(queue, main, wrong, budget).join('\n')}\n`);
	}

	return {
		name: dataSet.name,
		errors: dataSet.errors,
		sentences: main.sentenceCount,
		tokens: main.tokenCount,
		referenceTokens: references.reduce((total, reference) => total + reference.tokenCount, 0),
		wrong: wrong.size,
		queueSentences: order.length,
		inQueue: powerAt(order, wrong, order.length),
		budget,
		ranked: powerAt(order, wrong, budget),
		rankedAtQueueTenth: powerAt(order, wrong, Math.ceil(order.length * 0.1)),
		checksOnly: powerAt(checksOnly, wrong, budget),
		fileOrder: powerAt(fileOrder, wrong, budget),
		byKind: recallByKind(order, kindOf, budget),
		attested: dataSet.errors === 'real' && answer !== undefined ? attestedCorrections(main, answer, wrong, indexes) : undefined,
		trainingSeconds: tagger.milliseconds / 1000,
		trainingCpuSeconds: (cpu.user + cpu.system) / 1e6,
		phases: tagger.phaseMilliseconds,
		folds: tagger.folds,
		trainingTokensPerModel: tagger.trainingTokens,
		heldOutAccuracy: tagger.heldOutAccuracy,
		temperature: tagger.temperature,
		suggestions: suggestionAccuracy(queue, main, answer),
	};
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function printTable(rows: readonly Row[]) {
	const header = ['data set', 'errors', 'sentences', 'wrong', 'recall@10%', 'precision@10%', 'checks only', 'file order', 'recall@10% of queue', 'in the whole queue', 'found by kind (or: attested)', 'training'];
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
		`${percent(row.inQueue.recall)} (${row.inQueue.found} in ${row.queueSentences})`,
		row.attested === undefined ? Object.entries(row.byKind).map(([kind, {found, wrong}]) => `${kind} ${found}/${wrong}`).join(', ') : `${row.attested} of ${row.wrong} attested`,
		`${row.trainingSeconds.toFixed(1)} s (CPU ${row.trainingCpuSeconds.toFixed(1)} s; ${row.folds} folds, ${Math.round(row.trainingTokensPerModel / 1000)}k tokens/model)`,
	]);
	console.log(`| ${header.join(' | ')} |`);
	console.log(`| ${header.map(() => '---').join(' | ')} |`);
	for (const line of lines) {
		console.log(`| ${line.join(' | ')} |`);
	}

	console.log('\nThe number shown with a suggestion, by bins: suggestions, share that are the answer key\'s reading, share at places the answer key labels otherwise.\n');
	const bins = rows[0]?.suggestions.map(each => each.bin) ?? [];
	console.log(`| data set | ${bins.join(' | ')} |`);
	console.log(`| --- | ${bins.map(() => '---').join(' | ')} |`);
	for (const row of rows) {
		console.log(`| ${row.name} | ${row.suggestions.map(each => each.suggestions === 0 ? '-' : `${each.suggestions}: ${percent(each.right / each.suggestions)} / ${percent(each.wrongPlace / each.suggestions)}`).join(' | ')} |`);
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
	if (wanted.length > 0 ? !wanted.includes(dataSet.name) : dataSet.optional === true) {
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
