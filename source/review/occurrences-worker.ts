/**
The worker thread that matches unlabelled occurrences for `check` and `stats` on a second core
(parallel-occurrences.ts starts it and waits for it). It is sent copies of the corpus's last
sentences and of its strings, runs the occurrence half of pass 2 on those sentences, and posts
what it found, numbered as in the whole corpus. `status[0]` says where it is (the main thread
waits on it with Atomics.wait: it has no event loop turning meanwhile); `status[1]` moves every
1024 sentences, so a worker that stopped moving can be told from a slow one.
*/
import {type MessagePort, workerData} from 'node:worker_threads';
import {corpusFromTail} from '../corpus/index.js';
import {AnalysisPasses} from './analysis-passes.js';
import {MentionCounts} from './mention-counts.js';
import {type OccurrenceJob, type OccurrenceReply, foundBuffers, helperState} from './occurrence-jobs.js';
import {PendingEdits} from './sentence-reader.js';

const {status, port} = workerData as {status: Int32Array; port: MessagePort};

const settle = (state: number) => {
	Atomics.store(status, 0, state);
	Atomics.notify(status, 0);
};

port.on('message', (job: OccurrenceJob) => {
	try {
		const corpus = corpusFromTail(job.tail);
		const counts = new MentionCounts(corpus);
		counts.strings.loadMatcherTables(job.strings);
		counts.roles.refresh();
		const passes = new AnalysisPasses(corpus, counts, new PendingEdits());
		for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
			passes.matchOccurrences(sentence, 'occurrences');
			if ((sentence & 1023) === 0) {
				Atomics.add(status, 1, 1);
			}
		}

		const found = passes.occurrencesFound(job.tail.firstToken, job.tail.firstSentence);
		port.postMessage({found} satisfies OccurrenceReply, foundBuffers(found));
		settle(helperState.done);
	} catch (error) {
		port.postMessage({error: error instanceof Error ? error.stack ?? error.message : String(error)} satisfies OccurrenceReply);
		settle(helperState.failed);
	}
});

settle(helperState.ready);
