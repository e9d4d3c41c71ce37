/**
One measured session of the analysis engine without a screen, run by bench/analysis.ts in its
own Node process on the engines bundled as the app bundles them (NER_REVIEW_ENGINE, a folder
bench/analysis.ts builds), as the app would run it: read and index a corpus,
build the analysis in 8 ms slices, then time the answers and edits the screen needs. Prints one
JSON object. Plain JavaScript so it runs without a compiler in the way.

	node bench/analysis-probe.mjs FILE [--index-only]
*/
import path from 'node:path';

const dist = process.env.NER_REVIEW_ENGINE ?? path.resolve(import.meta.dirname, '../dist/source');
const {loadCorpusFile, openIndexer, readCorpusBytes, Session} = await import(`${dist}/corpus/index.js`);
const file = process.argv[2];

if (process.argv.includes('--index-only')) {
	const corpus = loadCorpusFile(file);
	console.log(JSON.stringify({indexed: performance.now(), maxRss: process.resourceUsage().maxRSS * 1024, bytes: corpus.bytes.length}));
	process.exit(0);
}

// As the screen would: the analysis observes the indexer, whose slices read the file (1 MB each here).
const {analysisFor, planBulkRelabel, searchTokens} = await import(`${dist}/review/index.js`);
const indexer = openIndexer(readCorpusBytes(file));
const {corpus} = indexer;
const session = new Session(corpus, {file: '/nonexistent/bench.txt', backup: false});
const analysis = analysisFor(session);
analysis.observe(indexer);
while (!indexer.step(1 << 20)) {
	// A frame would be drawn between slices.
}

const indexed = performance.now();
const slices = [];
while (true) {
	const start = performance.now();
	const done = analysis.step(start + 8);
	slices.push(performance.now() - start);
	if (done) {
		break;
	}
}

slices.sort((a, b) => a - b);

const ready = performance.now();
const rssReady = process.resourceUsage().maxRSS * 1024;

/** Milliseconds `run` takes. */
function time(run) {
	const start = performance.now();
	const result = run();
	return {ms: performance.now() - start, result};
}

// `e`: the sentences with a problem, and the next one's problems, from the middle of the corpus.
const middle = Math.floor(corpus.sentenceCount / 2);
const next = time(() => {
	const sentences = analysis.problemSentences();
	const sentence = sentences.find(candidate => candidate > middle) ?? sentences[0];
	return sentence === undefined ? [] : analysis.problemsOf(sentence);
});

// `c`: the most mentioned string (its places are found by a byte search), and a string of median frequency.
const strings = [...analysis.labelledStrings()].sort((a, b) => (b.labelled + b.unlabelled) - (a.labelled + a.unlabelled));
const frequent = strings[0];
const typical = strings[Math.floor(strings.length / 2)];
/** The consistency view of a string: its counts, then its places in 8 ms slices; the time to the first slice (what the screen shows first) and to the last. */
function consistency(text) {
	const start = performance.now();
	const counts = analysis.countsOf(text);
	const places = analysis.placesOf(text);
	places.step(performance.now() + 8);
	const firstSlice = performance.now() - start;
	while (!places.step(performance.now() + 8)) {
		// The screen would draw a frame between slices.
	}

	return {firstSlice, all: performance.now() - start, places: places.count, labelled: counts.labelled};
}

const consistencyFrequent = consistency(frequent.text);
const consistencyTypical = consistency(typical.text);

// `%`.
const statistics = time(() => analysis.statistics());

// One relabel where a problem is, then its undo; each answered as `e` would ask after it.
const problem = [...analysis.problemsOf(next.result[0]?.sentence ?? 0)][0] ?? {sentence: 0, token: 0};
const relabel = time(() => {
	session.relabel(problem.sentence, problem.token - corpus.sentenceStart[problem.sentence], undefined, problem.evidence?.rival ?? 'X');
	return analysis.problemsOf(problem.sentence);
});
const undo = time(() => {
	session.undo();
	return analysis.problemsOf(problem.sentence);
});

// A bulk relabel of every mention of the most inconsistent string (the consistency view's number key), then its undo.
const inconsistent = strings.filter(counts => counts.types.length > 1).sort((a, b) => b.labelled - a.labelled)[0] ?? frequent;
const plan = time(() => planBulkRelabel(corpus, inconsistent.text, inconsistent.types[0].type));
const bulk = time(() => {
	session.apply({changes: plan.result.changes, sentence: 0, token: 0, description: 'bulk'});
	return analysis.problemSentences().length;
});
const bulkUndo = time(() => {
	session.undo();
	return analysis.problemSentences().length;
});

// Searches that go all the way round (nothing matches): the worst case of `/`.
const from = {sentence: 0, token: 0};
const searchExact = time(() => searchTokens(corpus, 'Nosuchtoken', from, 1));
const searchIgnoringCase = time(() => searchTokens(corpus, 'nosuchtoken', from, 1));
const label = analysis.statistics().types[0]?.type ?? 'X';
const searchLabel = time(() => searchTokens(corpus, `nosuchtoken @${label}`, from, 1));
const searchLabelOnly = time(() => searchTokens(corpus, `@${label}`, {sentence: corpus.sentenceCount - 1, token: 0}, 1));
const searchRegex = process.argv.includes('--regex') ? time(() => searchTokens(corpus, '/^nosuchtoken$/', from, 1)) : undefined;

console.log(JSON.stringify({
	bytes: corpus.bytes.length,
	tokens: corpus.tokenCount,
	indexed,
	ready,
	analysisMs: ready - indexed,
	slices: slices.length,
	sliceP95: slices[Math.min(slices.length - 1, Math.ceil(0.95 * slices.length) - 1)],
	longestSlice: slices.at(-1),
	rssReady,
	maxRss: process.resourceUsage().maxRSS * 1024,
	problems: analysis.problemCounts(),
	strings: strings.length,
	nextProblemMs: next.ms,
	consistencyFrequentFirstMs: consistencyFrequent.firstSlice,
	consistencyFrequentAllMs: consistencyFrequent.all,
	consistencyFrequentPlaces: consistencyFrequent.places,
	consistencyTypicalFirstMs: consistencyTypical.firstSlice,
	consistencyTypicalAllMs: consistencyTypical.all,
	statisticsMs: statistics.ms,
	relabelMs: relabel.ms,
	undoMs: undo.ms,
	bulkPlanMs: plan.ms,
	bulkMentions: plan.result.mentions,
	bulkMs: bulk.ms,
	bulkUndoMs: bulkUndo.ms,
	searchExactMs: searchExact.ms,
	searchIgnoringCaseMs: searchIgnoringCase.ms,
	searchLabelMs: searchLabel.ms,
	searchLabelOnlyMs: searchLabelOnly.ms,
	searchRegexMs: searchRegex?.ms,
}));
