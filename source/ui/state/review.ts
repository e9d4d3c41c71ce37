/**
The reducer's review commands: marks and flags, problem navigation and repair, the consistency
view and its bulk relabel, search, filters, and the recovery of a session that died. Each returns
the next state and the effects that change the world; the whole-corpus analysis is ready whenever
one of these runs (the reducer waits for it first).
*/
import {type Analysis, buildFilter, describeFilter, type FilterKind, filterNames, flaggedBit, inFilter, isNote, maxNoteLength, mentionText, type Place, planBulkRelabel, repairInvalid, reviewedBit, type SearchQuery, searchTokens, stepInFilter} from '../../review/index.js';
import {mergedRuns, planRelabel} from '../../corpus/index.js';
import {plural} from '../../text/plural.js';
import type {PendingRecovery, Step} from './actions.js';
import {consistencyRows, groupOf} from './consistency-rows.js';
import {resolveLabel} from './label-names.js';
import {error, info, step} from './messages.js';
import {goToSentence, moveSentences, withFreshFilter} from './navigation.js';
import {problemSentences} from './queue.js';
import type {ConfirmChoice, ConsistencyMode, State} from './state.js';
import {remember} from './undo.js';
import type {World} from './world.js';

/** Enter: mark the sentence reviewed and go to the next (of the filter, when one is set). */
export function markReviewed(state: State, world: World): Step<State> {
	const {marks} = world;
	const newMark = marks !== undefined && !marks.has(state.sentence, reviewedBit);
	const effects = newMark ? [{type: 'set-mark', sentence: state.sentence, mark: 'reviewed', on: true} as const] : [];
	const marked = newMark ? remember(state, {kind: 'mark', sentence: state.sentence, mark: 'reviewed', on: true}) : state;
	const moved = moveSentences(marked, world, 1);
	const last = moved.sentence === state.sentence;
	if (!last) {
		return step({...moved, revision: state.revision + 1}, ...effects);
	}

	const reviewed = marks === undefined ? '' : ` (${marks.reviewedCount + (newMark ? 1 : 0)} reviewed)`;
	const where = state.filter === undefined ? 'this is the last sentence' : 'this is the last sentence of the filter';
	return step({...moved, revision: state.revision + 1, message: info(`marked reviewed; ${where}${reviewed}`)}, ...effects);
}

/** `f`: unflag a flagged sentence (its reason kept for an undo), or ask for a reason and flag it. */
export function toggleFlag(state: State, world: World): Step<State> {
	if (world.marks === undefined) {
		return step(state);
	}

	if (!world.marks.has(state.sentence, flaggedBit)) {
		return step({...state, mode: {kind: 'prompt', prompt: 'flag', text: '', cursor: 0, selected: false}});
	}

	const note = world.marks.noteOf(state.sentence);
	const remembered = remember(state, {kind: 'mark', sentence: state.sentence, mark: 'flagged', on: false, ...(note === undefined ? {} : {note})});
	return step({...remembered, revision: state.revision + 1, message: info('flag removed')}, {type: 'set-mark', sentence: state.sentence, mark: 'flagged', on: false});
}

/** The `f` prompt's Enter: flag the sentence, with the reason typed (none when empty). */
export function flagWithNote(state: State, text: string): Step<State> {
	if (!isNote(text)) {
		// The prompt stays open with the note, to be shortened or mended: closing it lost what was typed.
		const length = [...text].length;
		const problem = length > maxNoteLength ? `a note has ${maxNoteLength} characters at most (this one has ${length})` : 'a flag\'s note cannot hold invisible or control characters';
		return step({...state, mode: {kind: 'prompt', prompt: 'flag', text, cursor: length, selected: false}, message: error(`${problem}: mend it, or Esc`)});
	}

	const note = text === '' ? undefined : text;
	const remembered = remember(state, {kind: 'mark', sentence: state.sentence, mark: 'flagged', on: true, ...(note === undefined ? {} : {note})});
	return step(
		{...remembered, revision: state.revision + 1, message: info(note === undefined ? 'flagged' : `flagged: ${note}`)},
		{type: 'set-mark', sentence: state.sentence, mark: 'flagged', on: true, ...(note === undefined ? {} : {note})},
	);
}

/** `r`: mark the sentence reviewed, or take the mark back, without moving. */
export function toggleReviewed(state: State, world: World): Step<State> {
	if (world.marks === undefined) {
		return step(state);
	}

	const on = !world.marks.has(state.sentence, reviewedBit);
	const remembered = remember(state, {kind: 'mark', sentence: state.sentence, mark: 'reviewed', on});
	return step({...remembered, revision: state.revision + 1, message: info(on ? 'marked reviewed' : 'reviewed mark removed')}, {type: 'set-mark', sentence: state.sentence, mark: 'reviewed', on});
}

/** The review state came back (sidecar, journal), once the corpus is indexed. */
export function restoreReview(state: State, action: {position?: {sentence: number; token: number}; message?: string; pending?: PendingRecovery; labels?: readonly string[]}): State {
	// A large file is restored once it is indexed, a second or so after the first frame: a
	// reviewer who has moved by then, or acted (an edit, a mark, a prompt or question open, whose
	// answer is for the token on screen, a search or a filter, which go on from the cursor), keeps
	// their place instead of being pulled away (a search typed at sentence 1 ran from the old place).
	const moved = state.sentence !== 0 || state.token !== 0 || state.revision > 0 || state.mode.kind !== 'normal' || state.search !== undefined || state.filter !== undefined;
	const saved = action.position;
	const position = saved === undefined || moved ? {sentence: state.sentence, token: state.token} : saved;
	const keptPlace = moved && saved !== undefined && saved.sentence !== state.sentence
		? `kept your place; the last review stopped at sentence ${saved.sentence + 1} (:${saved.sentence + 1} Enter goes there)`
		: undefined;
	const text = [action.message, keptPlace].filter(part => part !== undefined).join('; ');
	// The label bar of the last session, the file's new types after it: a number key means what it
	// meant yesterday (the order of a large file's first slice, or of the whole file, depended on when
	// the first key came). Not once a key that reads the bar (a number, a page) has come: the bar on screen is the one in use.
	const labels = action.labels === undefined || state.keyed === true ? state.labels : [...action.labels, ...state.labels.filter(label => !action.labels!.includes(label))];
	const restored = {...state, labels, keyed: state.keyed === true || action.labels !== undefined, sentence: position.sentence, token: position.token, revision: state.revision + 1, message: text === '' ? state.message : info(text)};
	return action.pending === undefined ? restored : {...restored, mode: {kind: 'recover', pending: action.pending}};
}

export function answerRecovery(state: State, world: World, answer: 'yes' | 'no' | 'later'): Step<State> {
	const normal = {...state, mode: {kind: 'normal'} as const};
	if (answer === 'later') {
		// The journal stays as it is (with what this session did meanwhile added to it): the next open asks again.
		return step({...normal, exit: true}, {type: 'exit'});
	}

	if (world.marks === undefined) {
		return step(normal);
	}

	return answer === 'no'
		? step({...normal, message: info('unsaved edits of the previous session discarded')}, {type: 'discard-recovery'})
		: step(normal, {type: 'recover'});
}

export function recovered(state: State, message: string): State {
	return {...state, revision: state.revision + 1, message: info(message)};
}

/** `e` / `E`: the next or previous sentence with a problem; the status line says what it is. */
export function goToProblem(state: State, world: World, analysis: Analysis, direction: 1 | -1): State {
	const {sentences, bySentence} = analysis;
	// With a filter set, only the problem sentences it shows.
	const {filter} = withFreshFilter(state, world);
	const shown = (sentence: number) => filter === undefined || inFilter(filter, sentence);
	const index = direction > 0 ? sentences.findIndex(sentence => sentence > state.sentence && shown(sentence)) : sentences.findLastIndex(sentence => sentence < state.sentence && shown(sentence));
	if (index === -1) {
		return {...state, message: info(sentences.length === 0 ? 'no problems found in the corpus' : `no problem ${direction > 0 ? 'after' : 'before'} this sentence (${plural(sentences.length, 'sentence')} ${sentences.length === 1 ? 'has' : 'have'} problems)`)};
	}

	const sentence = sentences[index]!;
	const problems = bySentence.get(sentence)!;
	const [first] = world.corpus.sentenceTokens(sentence);
	const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
	return {
		...state,
		sentence,
		token: problems[0]!.token - first,
		anchor: undefined,
		message: info(`problem sentence ${index + 1}/${sentences.length}, line ${problems[0]!.line}: ${problems[0]!.message}${more}`),
	};
}

/** `R`: the repair of the sentence's invalid tags, previewed before and after. */
export function proposeRepair(state: State, world: World): State {
	const {corpus} = world;
	const changes = repairInvalid(corpus, state.sentence);
	if (changes.length === 0) {
		return {...state, message: info('the tags of this sentence are valid: nothing to repair')};
	}

	const shown = changes.slice(0, 3).map(change => `${corpus.tokenDisplayText(change.token, 40)} ${corpus.tags.text(change.before)}→${corpus.tags.text(change.after)}`);
	const more = changes.length > 3 ? ` (+${changes.length - 3} more)` : '';
	return {
		...state,
		mode: {
			kind: 'confirm',
			question: `repair ${shown.join(', ')}${more}? (y)es (n)o`,
			choices: [{key: 'y', edit: {changes, sentence: state.sentence, token: state.token, description: `repair ${plural(changes.length, 'tag')}`}}],
		},
	};
}

/** `c`: the consistency view for the entity under the cursor (or the token, when it is outside entities). */
export function openConsistency(state: State, world: World, text = mentionAtCursor(state, world)): State {
	return {...state, mode: {kind: 'consistency', text, selected: 0}, windows: {...state.windows, consistency: 0}};
}

/** The entity under the cursor (or its token) as the consistency view names it. */
export function mentionAtCursor(state: State, world: World): string {
	const {corpus} = world;
	const {spans} = corpus.decode(state.sentence);
	const span = spans.find(candidate => candidate.start <= state.token && state.token < candidate.end) ?? {start: state.token, end: state.token + 1};
	return mentionText(corpus.sentenceTexts(state.sentence), span.start, span.end);
}

export function moveInConsistency(state: State, analysis: Analysis, delta: number): State {
	if (state.mode.kind !== 'consistency') {
		return state;
	}

	const rows = consistencyRows(analysis.index.occurrences(state.mode.text));
	return {...state, mode: {...state.mode, selected: Math.max(0, Math.min(rows.length - 1, state.mode.selected + delta))}};
}

/** Enter on a place: close the view and go there, with the occurrence selected. */
export function jumpFromConsistency(state: State, analysis: Analysis): State {
	if (state.mode.kind !== 'consistency') {
		return state;
	}

	const row = consistencyRows(analysis.index.occurrences(state.mode.text))[state.mode.selected];
	if (row?.kind !== 'place') {
		return {...state, message: info('select an occurrence (j/k) to jump to it, or press a number to relabel this group')};
	}

	const {place} = row;
	return {...state, mode: {kind: 'normal'}, sentence: place.sentence, token: place.start, anchor: place.end - 1 > place.start ? place.end - 1 : undefined};
}

/**
A number key in the view. On a group row (all mentions, one type, the unlabelled ones): that group,
after a preview. On one occurrence: a choice between that occurrence alone, every occurrence with
its label, and every mention. Either way `n` or Esc goes back to the view, at the same row.
*/
export function proposeBulkRelabel(state: State, world: World, analysis: Analysis, label: string | undefined): State {
	if (state.mode.kind !== 'consistency') {
		return state;
	}

	if (label === undefined) {
		return {...state, message: error('no such label in the label bar')};
	}

	const back = state.mode;
	const {text} = back;
	const row = consistencyRows(analysis.index.occurrences(text))[back.selected];
	const at = {sentence: state.sentence, token: state.token};
	if (row?.kind === 'place') {
		return chooseForOccurrence(state, world, back, row.place, label);
	}

	const onlyType = groupOf(row);
	const plan = planBulkRelabel(world.corpus, text, label, onlyType);
	if (plan.changes.length === 0) {
		return {...state, message: info(`nothing to change: those mentions of "${text}" are already ${label}`)};
	}

	return {
		...state,
		mode: {
			kind: 'confirm',
			question: `relabel ${plural(plan.mentions, describeGroup(onlyType))} of "${text}" in ${plural(plan.sentences, 'sentence')} as ${label}${joining(world, plan.changes, label)}? (y)es (n)o`,
			choices: [{key: 'y', edit: {changes: plan.changes, ...at, description: `relabel ${plan.mentions} "${text}" as ${label}`}}],
			back,
		},
	};
}

/** In an IO file, the mentions a relabel would merge with an entity of the type beside them, said in its question. */
function joining(world: World, changes: Parameters<typeof mergedRuns>[1], label: string): string {
	const merged = mergedRuns(world.corpus, changes);
	return merged === 0 ? '' : ` (${merged} of them join${merged === 1 ? 's' : ''} a ${label} beside ${merged === 1 ? 'it' : 'them'}: IO cannot keep two apart)`;
}

function chooseForOccurrence(state: State, world: World, back: ConsistencyMode, place: Place, label: string): State {
	const {corpus} = world;
	const {text} = back;
	const at = {sentence: state.sentence, token: state.token};
	// The occurrence alone: a selection over its tokens takes the label (an unlabelled one becomes an entity).
	const one = planRelabel(corpus, place.sentence, place.start, {start: place.start, end: place.end}, label);
	const group = place.type ?? 'O';
	const same = planBulkRelabel(corpus, text, label, group);
	const all = planBulkRelabel(corpus, text, label);
	const choices: ConfirmChoice[] = [];
	const parts: string[] = [];
	if (one.length > 0) {
		choices.push({key: 'o', edit: {changes: one, sentence: place.sentence, token: place.start, description: `relabel "${text}" in sentence ${place.sentence + 1} as ${label}`}});
		parts.push(`(o)nly this one in sentence ${place.sentence + 1}`);
	}

	if (same.mentions > 1) {
		choices.push({key: 't', edit: {changes: same.changes, ...at, description: `relabel ${same.mentions} "${text}" as ${label}`}});
		parts.push(`(t) all ${plural(same.mentions, describeGroup(group))}`);
	}

	if (all.mentions > 0 && all.changes.length !== same.changes.length) {
		choices.push({key: 'a', edit: {changes: all.changes, ...at, description: `relabel ${all.mentions} "${text}" as ${label}`}});
		parts.push(all.mentions === 1 ? '(a) the 1 labelled mention' : `(a)ll ${all.mentions} labelled mentions`);
	}

	if (choices.length === 0) {
		return {...state, message: info(`nothing to change: this "${text}" is already ${label}`)};
	}

	return {...state, mode: {kind: 'confirm', question: `relabel "${text}" as ${label}: ${parts.join(', ')}? (n)o`, choices, back}};
}

/** The noun of a group of mentions, for `plural`. */
function describeGroup(onlyType: string | undefined): string {
	return onlyType === undefined ? 'mention' : (onlyType === 'O' ? 'unlabelled occurrence' : `${onlyType} mention`);
}

/** Submitting `/`: text, or a regular expression written between slashes. */
export function startSearch(state: State, world: World, text: string): Step<State> {
	if (text === '') {
		return step(state);
	}

	const regex = text.length > 2 && text.startsWith('/') && text.endsWith('/');
	const query: SearchQuery = {text: regex ? text.slice(1, -1) : text, regex};
	return searchAgain({...state, search: query}, world, 1);
}

/**
`n` / `N`, and a search just submitted: the next or previous match of the last search. As in vim,
a search starts after the cursor (before it, going back), and finds the cursor's own token only by
wrapping around, when nothing else matches (a new search once started on it, so `/` for the word
under the cursor stayed there). While a large file is still being indexed, the search reads the
sentences indexed so far; when it finds nothing there, or only by wrapping around, a match may
still be in the rest of the file: it waits for the whole index and then runs again from the cursor
(`await`), rather than say "not found" of a token that is there.
*/
export function searchAgain(state: State, world: World, direction: 1 | -1): Step<State> {
	if (state.search === undefined) {
		return step({...state, message: info('no search yet: / starts one')});
	}

	let match;
	try {
		match = searchTokens(world.corpus, state.search, {sentence: state.sentence, token: state.token}, direction);
	} catch (searchError) {
		return step({...state, message: error((searchError as Error).message)});
	}

	if (!world.corpus.complete && (match === undefined || match.wrapped)) {
		// The header shows how far the indexing is; the message says what the key waits for.
		return step({...state, message: info(`searching for "${state.search.text}": the rest of the file is still being indexed; the match is shown when it is`)}, {type: 'await', until: 'index', then: {type: 'search-again', direction}});
	}

	if (match === undefined) {
		return step({...state, message: error(`not found: ${state.search.text}`)});
	}

	const wrapped = match.wrapped ? ' (wrapped around)' : '';
	return step({
		...state,
		sentence: match.sentence,
		token: match.token,
		// A match of several tokens is selected, so a number key labels it at once.
		anchor: match.length > 1 ? match.token + match.length - 1 : undefined,
		message: info(`"${state.search.text}" in sentence ${match.sentence + 1}${wrapped}  (n next, N previous)`),
	});
}

/** Whether the `F` prompt's text names the problems filter, which needs the analysis. */
export function filterNeedsAnalysis(text: string): boolean {
	return text.trim() === 'problems';
}

/** `F` NAME: flagged, unreviewed, problems, a label, or empty/all to show every sentence again. */
export function applyFilter(state: State, world: World, text: string): State {
	if (text === '' || text === 'all') {
		return {...state, filter: undefined, message: info('filter cleared: all sentences')};
	}

	const named = (filterNames as readonly string[]).includes(text) ? text as FilterKind : undefined;
	const label = named === undefined ? resolveLabel(text, state.labels) : undefined;
	if (named === undefined && !state.labels.includes(label!)) {
		return {...state, message: error(`no filter "${text}": flagged, unreviewed, problems, all, or a label`)};
	}

	const problems = named === 'problems' ? problemSentences(world) : undefined;
	const filter = {...buildFilter(world.corpus, world.marks, named ?? 'label', label, problems), revision: state.revision};
	if (filter.sentences.length === 0 && world.corpus.complete) {
		return {...state, message: info(`no sentence matches filter ${filter.kind === 'label' ? filter.label : filter.kind}`)};
	}

	if (filter.sentences.length === 0) {
		// None in the part of a large file read so far: the filter is set, and takes in the rest as it is read.
		return {...state, filter, message: info(`${describeFilter(filter, false)} so far: the rest of the file is still being indexed (F, Enter shows all)`)};
	}

	const first = stepInFilter(filter, state.sentence, 0) ?? filter.sentences[0]!;
	return {...goToSentence({...state, filter}, world, first), message: info(`${describeFilter(filter, world.corpus.complete)} (F, Enter shows all)`)};
}
