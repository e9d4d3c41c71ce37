/**
Changing the tags and the files: labels, removal, undo and redo, bulk edits after a preview, save,
write elsewhere and quit. The reducer plans each edit from the corpus as it is and asks the effect
runner to apply it; it never changes the corpus itself.
*/
import {mergedRuns, planRelabel, planRemove, planSpans, type SaveResult, type Span} from '../../corpus/index.js';
import {mentionText} from '../../review/index.js';
import {formatBytes} from '../../text/inert.js';
import {plural} from '../../text/plural.js';
import type {Step} from './actions.js';
import {error, info, step} from './messages.js';
import {selectionOf, type State} from './state.js';
import {remember} from './undo.js';
import type {World} from './world.js';

/** A number key or `t`: the label on the selection, the entity under the cursor, or the token. */
export function applyLabel(state: State, world: World, label: string): Step<State> {
	const labels = state.labels.includes(label) ? state.labels : [...state.labels, label];
	const changes = planRelabel(world.corpus, state.sentence, state.token, selectionOf(state), label);
	if (changes.length === 0) {
		return step({...state, labels, anchor: undefined, message: info(`already ${label}`)});
	}

	// Nothing to read in any scheme but IO, which cannot keep two entities of one type side by side apart.
	const note = mergedRuns(world.corpus, changes) === 0 ? '' : `; it joins the ${label} beside it (IO cannot keep two ${label} entities side by side apart: --scheme IOB1 can)`;
	return step(
		remember({...state, labels, anchor: undefined, revision: state.revision + 1, message: info(`${label}: ${describeCount(changes.length)}${note}${replacedOutside(state, world)}`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit: {changes, sentence: state.sentence, token: state.token, description: `label ${label}`}},
	);
}

/**
What a selection's label does to the entities it overlaps beyond it: they are replaced whole, and
their tokens outside the selection become O; said by name, as `<` and `>` say what they take (QA:
the status line gave only a count, and "pm for 50 %" lost its PERCENT unseen).
*/
function replacedOutside(state: State, world: World): string {
	const selection = selectionOf(state);
	if (selection === undefined) {
		return '';
	}

	const {corpus} = world;
	const texts = corpus.sentenceTexts(state.sentence);
	const cut = corpus.decode(state.sentence).spans.filter(span => span.start < selection.end && selection.start < span.end && (span.start < selection.start || span.end > selection.end));
	return cut.length === 0 ? '' : `; replaced ${cut.map(span => `the ${span.type} entity "${mentionText(texts, span.start, span.end)}"`).join(' and ')}, whose tokens outside the selection are O now`;
}

/** A type the label bar does not have: `y` adds it and applies it (one undo takes both back), anything else cancels. */
export function askNewType(state: State, world: World, label: string, note?: string): State {
	const changes = planRelabel(world.corpus, state.sentence, state.token, selectionOf(state), label);
	const question = `${note === undefined ? '' : `${note}. `}new type ${label}? (y)es (n)o`;
	return {...state, mode: {kind: 'confirm', question, choices: [{key: 'y', edit: {changes, sentence: state.sentence, token: state.token, description: `label ${label}`}, addsLabel: label}]}};
}

export function removeEntity(state: State, world: World): Step<State> {
	const changes = planRemove(world.corpus, state.sentence, state.token, selectionOf(state));
	if (changes.length === 0) {
		return step({...state, message: info('no entity here to remove')});
	}

	return step(
		remember({...state, anchor: undefined, revision: state.revision + 1, message: info(`removed: ${describeCount(changes.length)}`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit: {changes, sentence: state.sentence, token: state.token, description: 'remove entity'}},
	);
}

/**
`<` `>` grow the entity under the cursor by a token on the left or right, `,` `.` shrink it there,
without selecting it again; a neighbouring entity gives up the token it loses. The tags are
written in the file's scheme like any edit.
*/
export function resizeEntity(state: State, world: World, side: 'left' | 'right', change: 'grow' | 'shrink'): Step<State> {
	const {corpus} = world;
	const {spans} = corpus.decode(state.sentence);
	const under = spans.find(span => span.start <= state.token && state.token < span.end);
	if (under === undefined) {
		return step({...state, message: info('no entity under the cursor to grow or shrink (v selects tokens to make one)')});
	}

	const length = corpus.sentenceLength(state.sentence);
	const delta = change === 'grow' ? 1 : -1;
	const start = side === 'left' ? under.start - delta : under.start;
	const end = side === 'right' ? under.end + delta : under.end;
	if (start < 0 || end > length) {
		return step({...state, message: info(`the entity already ${side === 'left' ? 'starts' : 'ends'} the sentence`)});
	}

	if (end - start < 1) {
		return step({...state, message: info('the entity is one token: x removes it')});
	}

	const resized = {start, end, type: under.type};
	const desired = spans.filter(span => span !== under).flatMap(span => {
		if (span.end <= start || span.start >= end) {
			return [span];
		}

		// The neighbour keeps what the resized entity does not take.
		const kept = span.start < start ? {...span, end: start} : {...span, start: end};
		return kept.end > kept.start ? [kept] : [];
	});
	// A neighbour that gives up a token is written again whole: in BIOES its new last token is its E- (or S-).
	const touched = {start: Math.min(start, under.start), end: Math.max(end, under.end)};
	for (const span of spans) {
		if (span !== under && span.start < end && start < span.end) {
			touched.start = Math.min(touched.start, span.start);
			touched.end = Math.max(touched.end, span.end);
		}
	}

	const changes = planSpans(corpus, state.sentence, [...desired, resized], touched);
	const description = `${change} ${under.type} on the ${side}`;
	return step(
		remember({...state, token: clampToken(state.token, start, end), anchor: undefined, revision: state.revision + 1, message: info(`${description}: ${describeCount(changes.length)}${takenFrom(corpus, state.sentence, spans, under, change === 'grow' ? (side === 'left' ? start : end - 1) : -1)}`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit: {changes, sentence: state.sentence, token: state.token, description}},
	);
}

/**
What a grow took from a neighbouring entity, said with the count: the token it gave up, or the whole
entity when that was its only token (QA: `>` cut [John Smith] in half, and the status line said
only how many tags changed).
*/
function takenFrom(corpus: World['corpus'], sentence: number, spans: readonly Span[], under: Span, token: number): string {
	const neighbour = spans.find(span => span !== under && span.start <= token && token < span.end);
	if (neighbour === undefined) {
		return '';
	}

	const texts = corpus.sentenceTexts(sentence);
	const taken = texts[token] ?? '';
	return neighbour.end - neighbour.start === 1
		? `; the ${neighbour.type} entity "${taken}" is now part of it`
		: `; "${taken}" taken from the ${neighbour.type} entity "${mentionText(texts, neighbour.start, neighbour.end)}"`;
}

/** The cursor stays on the entity it resized. */
function clampToken(token: number, start: number, end: number): number {
	return Math.max(start, Math.min(end - 1, token));
}

/** A key at a confirmation: the chosen edit, applied as one undoable step; `no` cancels. */
export function answerConfirm(state: State, answer: string): Step<State> {
	if (state.mode.kind !== 'confirm') {
		return step(state);
	}

	const {back} = state.mode;
	const after = {...state, mode: back ?? {kind: 'normal'} as const};
	const choice = state.mode.choices.find(candidate => candidate.key === answer);
	if (answer === 'no' || choice === undefined) {
		return step(answer === 'no' ? {...after, message: info('cancelled: nothing changed')} : state);
	}

	if ('write' in choice) {
		return step({...after, message: info(`writing over ${choice.write.path}`)}, {type: 'write', path: choice.write.path, replace: choice.write.replace});
	}

	const {edit, addsLabel} = choice;
	const labels = addsLabel === undefined || state.labels.includes(addsLabel) ? state.labels : [...state.labels, addsLabel];
	if (edit.changes.length === 0) {
		return step({...after, labels, message: info('nothing changed')});
	}

	const applied = remember({...after, labels, revision: state.revision + 1, message: info(`${edit.description}: ${describeCount(edit.changes.length)} (u undoes all of it)`)}, {kind: 'edit', addedLabel: addsLabel});
	return step(applied, {type: 'apply-edit', edit});
}

export function quit(state: State, world: World): Step<State> {
	return world.dirty ? step({...state, mode: {kind: 'quit'}}) : step({...state, exit: true}, {type: 'exit'});
}

export function answerQuit(state: State, answer: 'yes' | 'no' | 'cancel'): Step<State> {
	switch (answer) {
		case 'cancel': {
			return step({...state, mode: {kind: 'normal'}});
		}

		case 'no': {
			return step({...state, exit: true}, {type: 'exit'});
		}

		case 'yes': {
			return step({...state, mode: {kind: 'normal'}}, {type: 'save', then: 'exit'});
		}
	}
}

/** The save's outcome; after `y` at the quit question, a successful save also quits. */
export function saved(state: State, world: World, result: SaveResult, then: 'stay' | 'exit'): Step<State> {
	// The session's messages are complete: they name W where that is the way out.
	const next = {...state, revision: state.revision + 1, message: result.ok ? info(result.message) : error(result.message)};
	return then === 'exit' && result.ok && !world.dirty ? step({...next, exit: true}, {type: 'exit'}) : step(next);
}

/** `W`'s outcome; a file that exists is replaced only once the user says so, and only if it is still that version. */
export function written(state: State, result: SaveResult): Step<State> {
	const {existing} = result;
	if (result.status === 'exists' && existing !== undefined) {
		const question = `${existing.path} exists (${formatBytes(existing.identity.size)}): replace it with this corpus? (y)es (n)o`;
		return step({...state, mode: {kind: 'confirm', question, choices: [{key: 'y', write: {path: existing.path, replace: existing.identity}}]}});
	}

	return step({...state, message: result.ok ? info(result.message) : error(result.message)});
}

export function describeCount(count: number): string {
	return `${plural(count, 'tag')} changed`;
}
