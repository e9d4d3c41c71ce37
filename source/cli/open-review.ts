/**
Opening a corpus for the interactive review, in two steps around the terminal check: `loadForReview`
reads the file (what `--output` means included), indexes its first slice and aligns the other side
of a comparison; `startReview` then claims the corpus (one writer), and makes the Session and the
Review. Every refusal is a CorpusError or an OpenRefusal: one line, before the screen opens.
*/
import path from 'node:path';
import {ContentHasher, CorpusError, Session, openCompareFile, openIndexer, openTagColumn, readCorpusBytesAsync, readCorpusFileAsync, sameFile, type FormatOverrides, type Indexer, type LayerReader} from '../corpus/index.js';
import {type Claim, claimCorpus, describeOwner, journalOfLiveSession, journalScope, otherLayerOf, Review} from '../review/index.js';
import {trace} from '../trace.js';
import type {Options} from './flags.js';
import {settleOutput, type Document} from './open-document.js';

/**
How much to index before the first frame (some 90 sentences of WikiSER, more than a screen shows);
the rest is indexed in slices between frames, so even a 50k-token file shows its first screen
without waiting for its whole index.
*/
export const firstSliceBytes = 16 * 1024;

export type LoadedForReview = {
	readonly file: string;
	readonly document: Document;
	readonly indexer: Indexer;
	/** Compare mode's other side, aligned as far as the file is indexed. */
	readonly compare?: LayerReader;
	/** `--reference` corpora, read and format-checked, indexed in the background after the first frame. */
	readonly references: readonly Reference[];
	/** Lines for the status line at start (the file opened on another tag layer). */
	readonly notices: readonly string[];
};

/** A read-only corpus beside the file: it counts for consistency and trains the tagger. */
export type Reference = {readonly file: string; readonly indexer: Indexer};

/**
Reads and indexes the file's first slice (all of it with `whole`: without a terminal there is no
screen, and a malformed file must still get its one line), reading the other side of a
comparison meanwhile.
*/
export async function loadForReview(file: string, options: Options, whole: boolean): Promise<LoadedForReview> {
	const {tagColumn, scheme, miscKey} = options;
	// Not into shared memory: V8 reads a SharedArrayBuffer's bytes through Buffer's methods several
	// times slower (indexOf per line: 3x), which would slow indexing and the analysis by half.
	const fileRead = readCorpusFileAsync(file);
	const otherRead = options.compare === undefined ? undefined : readCorpusBytesAsync(options.compare);
	otherRead?.catch(() => undefined);
	const referenceReads = options.references.map(reference => readCorpusBytesAsync(reference));
	for (const read of referenceReads) {
		read.catch(() => undefined);
	}
	let document: Document | undefined;
	try {
		const input = await fileRead;
		trace.mark('read', {bytes: input.bytes.length});
		document = settleOutput(file, input, options.output, {tagColumn, scheme, miscKey});
		const budget = whole ? Number.POSITIVE_INFINITY : firstSliceBytes;
		const firstSlice = (overrides: FormatOverrides) => {
			const opened = openIndexer(document!.loaded.bytes, overrides);
			// Index at least until the first sentence exists.
			while (!opened.step(budget) && opened.corpus.sentenceCount === 0) {}
			if (opened.corpus.complete && opened.corpus.tokenCount === 0) {
				throw new CorpusError('the file has no tokens');
			}

			return opened;
		};

		let indexer = firstSlice({tagColumn, scheme, miscKey});
		const layer = placeOfUnsavedEdits(file, indexer, options);
		if (layer !== undefined) {
			indexer = firstSlice({tagColumn: layer.tagColumn, scheme, miscKey});
		}

		const compare = await openOtherSide(file, indexer, options, otherRead);
		const references = await openReferences(options, referenceReads);
		trace.mark('first-slice', {sentences: indexer.corpus.sentenceCount});
		if (indexer.corpus.complete) {
			trace.mark('indexed', {sentences: indexer.corpus.sentenceCount, tokens: indexer.corpus.tokenCount});
		}

		return {file, document, indexer, compare, references, notices: layer === undefined ? [] : [layer.notice]};
	} catch (error) {
		// A problem in OUT's bytes (when the session continues from it) names OUT.
		throw error instanceof CorpusError && error.file === undefined ? new CorpusError(error.message, error.line, document?.continuesOutput ? document.output : file) : error;
	}
}

/**
Where the last session's unsaved edits belong, checked before anything of them is offered. The
journal is the file's, but its edits belong to one tag column (`L` switches) and, in an `--output
OUT` session, to OUT's tags: replayed elsewhere they change the wrong layer, or write an OUT
session's edits into FILE. A file with two tag layers opens on the journal's layer when
--tag-column does not say; every other mismatch is refused in one line that says how to recover
them, so that they are neither replayed in the wrong place nor set aside unseen.
*/
function placeOfUnsavedEdits(file: string, indexer: Indexer, options: Options): {tagColumn: number; notice: string} | undefined {
	const scope = journalScope(file);
	// A journal of an older build names neither (its edits were checked as before); a live session's is its own.
	if (scope?.tagColumn === undefined || journalOfLiveSession(file)) {
		return undefined;
	}

	const drop = 'or remove its review journal to drop them';
	const output = options.output === undefined ? undefined : path.resolve(options.output);
	if (scope.output !== output && (scope.output === undefined || output === undefined || !sameFile(scope.output, output))) {
		const how = scope.output === undefined ? 'open the file without --output to recover them' : `open the file with --output ${scope.output} to recover them`;
		throw new CorpusError(`the last session's unsaved edits were made ${scope.output === undefined ? 'on the file itself' : `for --output ${scope.output}`}: ${how} (${drop})`);
	}

	const tagColumn = otherLayerOf(scope, indexer.corpus.format);
	if (tagColumn === undefined) {
		return undefined;
	}

	if (options.tagColumn !== undefined) {
		throw new CorpusError(`the last session's unsaved edits are in the tags of column ${tagColumn}: open the file with --tag-column ${tagColumn} to recover them (${drop})`);
	}

	return {tagColumn, notice: `opened on the tags of column ${tagColumn}: the last session's unsaved edits are in that layer (L switches once they are saved or dropped)`};
}

/** The `--reference` corpora: read now (a missing one is one line before the screen), indexed later. */
async function openReferences(options: Options, reads: ReadonlyArray<Promise<Buffer>>): Promise<Reference[]> {
	const references: Reference[] = [];
	for (const [index, read] of reads.entries()) {
		const file = options.references[index]!;
		try {
			// eslint-disable-next-line no-await-in-loop
			references.push({file, indexer: openIndexer(await read, {miscKey: options.miscKey})});
		} catch (error) {
			throw error instanceof CorpusError ? new CorpusError(error.message, error.line, file) : error;
		}
	}

	return references;
}

/** The other side of a comparison (`--compare`, `--compare-column`), aligned with the file as far as it is indexed. */
async function openOtherSide(file: string, indexer: Indexer, options: Options, otherRead: Promise<Buffer> | undefined): Promise<LayerReader | undefined> {
	let compare: LayerReader | undefined;
	if (options.compare !== undefined && otherRead !== undefined) {
		if (sameFile(options.compare, file)) {
			// Saving would write "the other side", which compare mode promises never to write.
			throw new CorpusError('--compare names the file itself: give another file (--compare-column N compares another column of it)');
		}

		if (options.output !== undefined && sameFile(options.compare, options.output)) {
			throw new CorpusError('--compare names the --output file, which a save writes: give another file');
		}

		const otherBytes = await otherRead.catch((error: unknown) => {
			throw error instanceof CorpusError ? new CorpusError(error.message, error.line, options.compare) : error;
		});
		compare = openCompareFile(indexer.corpus, otherBytes, options.compare, {miscKey: options.miscKey});
	} else if (options.compareColumn !== undefined) {
		compare = openTagColumn(indexer.corpus, options.compareColumn - 1);
	}

	if (compare !== undefined) {
		const started = performance.now();
		compare.step(indexer.corpus.complete ? Number.POSITIVE_INFINITY : firstSliceBytes);
		trace.mark('compare-slice', {tokens: compare.layer.tokenCount, complete: compare.layer.complete, took: Math.round(performance.now() - started)});
	}

	return compare;
}

export type OpenedReview = LoadedForReview & {
	readonly session: Session;
	readonly review: Review;
	readonly claim: Claim;
	/** Lines for the status line at start (read-only, a lock taken over, --output continuing, a review file set aside). */
	readonly notices: readonly string[];
};

/** One writer per corpus: the lock decides whether this session may keep a journal and save. */
export function startReview(loaded: LoadedForReview, options: Options): OpenedReview {
	const {file, document, indexer} = loaded;
	const claim = claimCorpus(file, {
		onLost(by) {
			// Saves are refused from now on, as the message says (QA: `s` still saved, and the other session's save was
			// then refused), and the journal is the other session's now.
			const who = by === undefined ? 'another ner-review' : `another ner-review (${describeOwner(by)})`;
			session.loseClaim(`${who} holds this file now`);
			review.stopJournal(`${who} holds this file now: edits are not journaled; W writes them to another file`);
			review.addNotice(`${who} holds this file now (its lock replaced this one's): s no longer saves it; W writes your edits to another file`);
		},
	});
	const session = new Session(indexer.corpus, {
		file,
		output: document.output,
		backup: options.backup,
		identity: document.loaded.identity,
		continuesOutput: document.continuesOutput,
		readOnly: claim.readOnly,
	});
	const hasher = new ContentHasher(document.loaded.bytes);
	const review = new Review(session, file, {claim, hasher, loadedFrom: document.continuesOutput ? document.output : file});
	session.checkClaim = () => claim.lock?.check();
	// A session read-only for the lock says so already; one whose file cannot be written says it now.
	const unwritable = claim.readOnly === undefined ? session.unwritable : undefined;
	return {...loaded, session, review, claim, notices: [...document.notices, ...loaded.notices, ...claim.notices, ...review.takeNotices(), ...(unwritable === undefined ? [] : [unwritable])]};
}
