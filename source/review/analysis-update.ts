/**
The analysis kept up to date after edits, without reading the corpus again: the edited sentences
are read as they were and as they are, the counts of the strings they touch move, then the
problems are fixed. Those of the edited sentences are made again, and for a string whose verdict
changed (a type now outnumbered, unlabelled occurrences now worth reporting), its other places are
found by a byte search for it and added or dropped.
*/
import type {Corpus} from '../corpus/index.js';
import type {MentionCounts} from './mention-counts.js';
import {kindCode, RecordList} from './problem-records.js';
import type {PendingEdits} from './sentence-reader.js';

/** A string's state before an update, to see what the update changed about its verdicts. */
type Before = {labelled: number; unlabelled: number; reported: Set<number>; reportsUnlabelled: boolean};

/** Applies the edits noted in `pending` (cleared) to the counts, and returns the problem records after them. */
export function applyEdits(corpus: Corpus, counts: MentionCounts, pending: PendingEdits, records: RecordList): RecordList {
	counts.roles.refresh();
	const {reader, strings} = counts;
	const {spans, cells} = reader;
	const edited = [...pending.sentences].sort((a, b) => a - b);
	const editedSet = new Set(edited);
	const before = new Map<number, Before>();
	const touch = (id: number) => {
		if (!before.has(id)) {
			before.set(id, {labelled: strings.labelled[id]!, unlabelled: strings.unlabelled[id]!, reported: counts.reportedTypes(id), reportsUnlabelled: counts.reportsUnlabelled(id)});
		}
	};

	// The edited sentences as the counts know them: read them all before changing any count.
	const oldMentions: number[] = [];
	const oldUnlabelled: number[] = [];
	for (const sentence of edited) {
		const first = corpus.sentenceStart[sentence]!;
		counts.tagCounts = reader.countTags(sentence, counts.tagCounts, -1, pending);
		counts.tagCounts = reader.countTags(sentence, counts.tagCounts, 1);
		reader.decode(sentence, pending);
		cells.read(sentence);
		for (let span = 0; span < spans.count; span++) {
			const id = reader.mentionId(span);
			if (id === -1) {
				throw new Error(`internal error: a mention of sentence ${sentence} was never counted`);
			}

			oldMentions.push(id, spans.types[span]!, first + spans.starts[span]!, spans.ends[span]! - spans.starts[span]!);
		}

		reader.unlabelled(id => {
			oldUnlabelled.push(id);
		});
	}

	for (let i = 0; i < oldMentions.length; i += 4) {
		touch(oldMentions[i]!);
		counts.removeMention(oldMentions[i]!, oldMentions[i + 1]!, oldMentions[i + 2]!, oldMentions[i + 3]!);
	}

	for (const id of oldUnlabelled) {
		touch(id);
		strings.unlabelled[id]--;
	}

	pending.clear();
	// The edited sentences as they are now: mentions first, so the strings are final before matching.
	const added = new RecordList();
	// Per mention: string, type, first token, sentence, line, length (its place, as pass 2 records it).
	const newMentions: number[] = [];
	for (const sentence of edited) {
		const first = corpus.sentenceStart[sentence]!;
		reader.decode(sentence);
		for (const index of spans.invalidTokens(corpus.sentenceLength(sentence))) {
			added.push(first + index, sentence, kindCode['invalid-tag'], 0);
		}

		cells.read(sentence);
		for (let span = 0; span < spans.count; span++) {
			const id = reader.internMention(span);
			touch(id);
			counts.addMention(id, spans.types[span]!, first + spans.starts[span]!, spans.ends[span]! - spans.starts[span]!);
			const start = spans.starts[span]!;
			newMentions.push(id, spans.types[span]!, first + start, sentence, corpus.sentenceLine[sentence]! + cells.lines[start]!, spans.ends[span]! - start);
		}
	}

	// A string labelled again (or for the first time) has unlabelled occurrences all over the corpus;
	// one that lost its last mention has none that count.
	const revived = new Set<number>();
	for (const [id, state] of before) {
		if (state.labelled === 0 && strings.labelled[id]! > 0) {
			revived.add(id);
			let count = 0;
			counts.scan(id, (_sentence, _start, _end, type) => {
				count += type === -1 ? 1 : 0;
			});
			strings.unlabelled[id] = count;
		} else if (strings.labelled[id] === 0) {
			strings.unlabelled[id] = 0;
		}
	}

	// Per occurrence: string, first token, sentence, line, length.
	const newUnlabelled: number[] = [];
	for (const sentence of edited) {
		const first = corpus.sentenceStart[sentence]!;
		reader.decode(sentence);
		cells.read(sentence);
		reader.unlabelled((id, start, end) => {
			if (!revived.has(id)) {
				touch(id);
				strings.unlabelled[id]++;
			}

			newUnlabelled.push(id, first + start, sentence, corpus.sentenceLine[sentence]! + cells.lines[start]!, end - start);
		});
	}

	for (let i = 0; i < newMentions.length; i += 6) {
		if (counts.isReported(newMentions[i]!, newMentions[i + 1]!)) {
			added.push(newMentions[i + 2]!, newMentions[i + 3]!, kindCode['inconsistent-type'], newMentions[i]!, newMentions[i + 4]!, newMentions[i + 5]!);
		}
	}

	for (let i = 0; i < newUnlabelled.length; i += 5) {
		if (counts.reportsUnlabelled(newUnlabelled[i]!)) {
			added.push(newUnlabelled[i + 1]!, newUnlabelled[i + 2]!, kindCode['unlabelled-mention'], newUnlabelled[i]!, newUnlabelled[i + 3]!, newUnlabelled[i + 4]!);
		}
	}

	// What the edited sentences hold now, per string: places elsewhere are the rest of its counts.
	const mentionsHere = new Map<number, Map<number, number>>();
	for (let i = 0; i < newMentions.length; i += 6) {
		const types = mentionsHere.get(newMentions[i]!) ?? new Map<number, number>();
		types.set(newMentions[i + 1]!, (types.get(newMentions[i + 1]!) ?? 0) + 1);
		mentionsHere.set(newMentions[i]!, types);
	}

	const unlabelledHere = new Map<number, number>();
	for (let i = 0; i < newUnlabelled.length; i += 5) {
		unlabelledHere.set(newUnlabelled[i]!, (unlabelledHere.get(newUnlabelled[i]!) ?? 0) + 1);
	}

	// Strings whose verdict changed: their places elsewhere gain or lose their problems. Places are
	// searched for only when some are elsewhere (a bulk relabel undone has them all in its sentences).
	const droppedTypes = new Map<number, Set<number>>();
	const droppedUnlabelled = new Set<number>();
	for (const [id, state] of before) {
		const reported = counts.reportedTypes(id);
		const here = mentionsHere.get(id);
		const gainedTypes = [...reported].filter(type => !state.reported.has(type) && strings.typeCount(id, type) > (here?.get(type) ?? 0));
		const lostTypes = [...state.reported].filter(type => !reported.has(type));
		const reportsUnlabelled = counts.reportsUnlabelled(id);
		if (lostTypes.length > 0) {
			droppedTypes.set(id, new Set(lostTypes));
		}

		if (state.reportsUnlabelled && !reportsUnlabelled) {
			droppedUnlabelled.add(id);
		}

		const gainsUnlabelled = reportsUnlabelled && !state.reportsUnlabelled && strings.unlabelled[id]! > (unlabelledHere.get(id) ?? 0);
		if (gainedTypes.length > 0 || gainsUnlabelled) {
			counts.scan(id, (sentence, start, end, type) => {
				const token = corpus.sentenceStart[sentence]! + start;
				if (type === -1 ? gainsUnlabelled : gainedTypes.includes(type)) {
					// The scan knows the place's extent, not its line (read when the problem is made).
					added.push(token, sentence, type === -1 ? kindCode['unlabelled-mention'] : kindCode['inconsistent-type'], id, 0, end - start);
				}
			}, 0, editedSet);
		}
	}

	added.sort();
	const {tagIds} = corpus;
	const typeOfTag = counts.roles.type;
	return records.merged(index => {
		if (editedSet.has(records.sentences[index]!)) {
			return false;
		}

		const kind = records.kind(index);
		const id = records.string(index);
		if (kind === kindCode['inconsistent-type']) {
			return droppedTypes.get(id)?.has(typeOfTag[tagIds[records.tokens[index]!]!]!) !== true;
		}

		return kind !== kindCode['unlabelled-mention'] || !droppedUnlabelled.has(id);
	}, added);
}
