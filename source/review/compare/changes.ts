/**
What an edit did to a corpus, entity by entity: the corpus is the edited version and the layer the
original (a second file with the same tokens), so line numbers are the edited file's. Built on the
same pairing as compare mode (pairSpans), read the other way round: an entity only the edited side
has was added, one only the original has was removed. A tag rewritten without changing any entity
(IOB1's `I-` made `B-`, an invalid tag repaired into the same span) is listed too, so every changed
tag cell of a dataset pull request is accounted for. For `ner-review diff`.
*/
import type {Corpus, Span, TagLayer} from '../../corpus/index.js';
import {overlap, pairSpans} from './match.js';
import {SameTags} from './same-tags.js';

/** `type`: same tokens, another type; `boundary`: other tokens (and maybe another type); `tag`: a tag text changed, no entity did. */
export type EntityChangeKind = 'type' | 'added' | 'removed' | 'boundary' | 'tag';

/** An entity as one side has it: tokens `[start, end)` (corpus-wide) and its type. */
export type ChangeSide = {readonly start: number; readonly end: number; readonly type: string};

export type EntityChange = {
	readonly kind: EntityChangeKind;
	/** The first token the change covers (corpus-wide). */
	readonly token: number;
	/** 1-based line of that token in the edited file. */
	readonly line: number;
	/** The original's entity; undefined when added (and for `tag`). */
	readonly before?: ChangeSide;
	/** The edited entity; undefined when removed (and for `tag`). */
	readonly after?: ChangeSide;
	/** For `tag`: the tag texts. */
	readonly tagBefore?: string;
	readonly tagAfter?: string;
};

export type SentenceChanges = {
	readonly sentence: number;
	/** By first token. */
	readonly changes: readonly EntityChange[];
};

export type ChangeCounts = Record<EntityChangeKind, number> & {sentences: number};

/** A sentence-relative span as a change names it, corpus-wide. */
const side = (span: Span | undefined, first: number): ChangeSide | undefined => (span === undefined ? undefined : {start: first + span.start, end: first + span.end, type: span.type});

/** The changes of one sentence; empty when it reads the same on both sides. */
export function sentenceChanges(corpus: Corpus, layer: TagLayer, sentence: number): EntityChange[] {
	const first = corpus.sentenceStart[sentence]!;
	const edited = corpus.decode(sentence).spans;
	const original = layer.decode(sentence).spans;
	const {differences} = pairSpans(edited, original);
	const changes: EntityChange[] = differences.map(difference => {
		// An entity split in two (or two merged) leaves a part the pairing pairs with nothing; its tokens were
		// not O (or are not now): a boundary change against the entity it overlaps most, not "O -> MISC" (QA).
		const {ours = mostOverlapping(difference.theirs!, edited), theirs = mostOverlapping(difference.ours!, original)} = difference;
		const kind = ours === undefined ? 'removed' : (theirs === undefined ? 'added' : (difference.kind === 'type' ? 'type' : 'boundary'));
		return {kind, token: first + difference.start, line: corpus.lineOf(first + difference.start), before: side(theirs, first), after: side(ours, first)};
	});
	const covered = (relative: number) => differences.some(difference => difference.start <= relative && relative < difference.end);
	for (let token = first; token < corpus.sentenceStart[sentence + 1]!; token++) {
		const tagAfter = corpus.tags.text(corpus.tagIds[token]!);
		const tagBefore = layer.tags.text(layer.tagIds[token]!);
		if (tagAfter !== tagBefore && !covered(token - first)) {
			changes.push({kind: 'tag', token, line: corpus.lineOf(token), tagBefore, tagAfter});
		}
	}

	return changes.sort((a, b) => a.token - b.token);
}

/** Of `spans`, the one sharing most tokens with `span` (the first of equals), undefined when none overlaps it. */
function mostOverlapping(span: Span, spans: readonly Span[]): Span | undefined {
	let best: Span | undefined;
	let bestOverlap = 0;
	for (const other of spans) {
		const shared = overlap(span, other);
		if (shared > bestOverlap) {
			best = other;
			bestOverlap = shared;
		}
	}

	return best;
}

/**
Every sentence with a change, in file order, one at a time (a 10M-token corpus's changes are never
held as a list). Sentences whose tags read the same on both sides are skipped without decoding.
*/
export function * corpusChanges(corpus: Corpus, layer: TagLayer): Generator<SentenceChanges> {
	const sameTags = new SameTags(corpus, layer);
	for (let sentence = 0; sentence < corpus.sentenceCount; sentence++) {
		if (!sameTags.in(sentence)) {
			const changes = sentenceChanges(corpus, layer, sentence);
			if (changes.length > 0) {
				yield {sentence, changes};
			}
		}
	}
}

export function emptyCounts(): ChangeCounts {
	return {type: 0, added: 0, removed: 0, boundary: 0, tag: 0, sentences: 0};
}

/** Adds a sentence's changes to `counts`. */
export function countChanges(counts: ChangeCounts, sentence: SentenceChanges): void {
	counts.sentences++;
	for (const change of sentence.changes) {
		counts[change.kind]++;
	}
}

/** Tokens of an entity or a sentence longer than this many characters are cut (`…`): a line stays a line. */
const maxTextChars = 80;

/** The text of tokens `[first, end)` (corpus-wide), each token capped, the whole cut after maxTextChars. Raw: print it through the sanitiser. */
export function tokensText(corpus: Corpus, first: number, end: number, maxChars = maxTextChars): string {
	let text = '';
	for (let token = first; token < end; token++) {
		text += (token === first ? '' : ' ') + corpus.tokenDisplayText(token, maxChars);
		if (text.length > maxChars) {
			return `${text.slice(0, maxChars)}…`;
		}
	}

	return text;
}

/**
One change as `ner-review diff` prints it (without the line): `[Barcelona] LOC -> ORG`, `[Paris] O -> LOC`,
`[New York] LOC -> [New York City] LOC`, `Paris: tag I-LOC -> B-LOC (same entities)`. Raw text.
*/
export function describeChange(corpus: Corpus, change: EntityChange): string {
	const entity = (entity: ChangeSide) => `[${tokensText(corpus, entity.start, entity.end)}]`;
	const {before, after} = change;
	switch (change.kind) {
		case 'type': {
			return `${entity(after!)} ${before!.type} -> ${after!.type}`;
		}

		case 'added': {
			return `${entity(after!)} O -> ${after!.type}`;
		}

		case 'removed': {
			return `${entity(before!)} ${before!.type} -> O`;
		}

		case 'boundary': {
			return `${entity(before!)} ${before!.type} -> ${entity(after!)} ${after!.type}`;
		}

		case 'tag': {
			return `${tokensText(corpus, change.token, change.token + 1)}: tag ${change.tagBefore!} -> ${change.tagAfter!} (same entities)`;
		}
	}
}
