/**
The reducer's review commands: problem navigation and repair, the consistency view and its bulk
relabel, search, and statistics. Each takes the state and returns the next one; edits go through
the Session as one undoable step.
*/
import type {Session} from '../corpus/index.js';
import {analysisOf} from '../review/analysis.js';
import {repairInvalid} from '../review/checks.js';
import {mentionText, planBulkRelabel} from '../review/consistency.js';
import {searchTokens, type SearchQuery} from '../review/search.js';
import {consistencyRows, groupOf} from './consistency-rows.js';
import {error, info} from './messages.js';
import type {State} from './state.js';

/** `e` / `E`: the next or previous sentence with a problem; the status line says what it is. */
export function goToProblem(state: State, session: Session, direction: 1 | -1): State {
	const {sentences, bySentence} = analysisOf(session);
	const index = direction > 0 ? sentences.findIndex(sentence => sentence > state.sentence) : sentences.findLastIndex(sentence => sentence < state.sentence);
	if (index === -1) {
		return {...state, message: info(sentences.length === 0 ? 'no problems found in the corpus' : `no problem ${direction > 0 ? 'after' : 'before'} this sentence (${sentences.length} sentences have problems)`)};
	}

	const sentence = sentences[index]!;
	const problems = bySentence.get(sentence)!;
	const [first] = session.corpus.sentenceTokens(sentence);
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
export function proposeRepair(state: State, session: Session): State {
	const {corpus} = session;
	const changes = repairInvalid(corpus, state.sentence);
	if (changes.length === 0) {
		return {...state, message: info('the tags of this sentence are valid: nothing to repair')};
	}

	const shown = changes.slice(0, 3).map(change => `${corpus.tokenText(change.token)} ${corpus.tags.text(change.before)}→${corpus.tags.text(change.after)}`);
	const more = changes.length > 3 ? ` (+${changes.length - 3} more)` : '';
	return {
		...state,
		mode: {
			kind: 'confirm',
			question: `repair ${shown.join(', ')}${more}? (y)es (n)o`,
			edit: {changes, sentence: state.sentence, token: state.token, description: `repair ${changes.length} tag${changes.length === 1 ? '' : 's'}`},
		},
	};
}

/** `c`: the consistency view for the entity under the cursor (or the token, when it is outside entities). */
export function openConsistency(state: State, session: Session): State {
	const {corpus} = session;
	const {spans} = corpus.decode(state.sentence);
	const span = spans.find(candidate => candidate.start <= state.token && state.token < candidate.end) ?? {start: state.token, end: state.token + 1};
	const text = mentionText(corpus.sentenceTexts(state.sentence), span.start, span.end);
	return {...state, mode: {kind: 'consistency', text, selected: 0}};
}

export function moveInConsistency(state: State, session: Session, delta: number): State {
	if (state.mode.kind !== 'consistency') {
		return state;
	}

	const rows = consistencyRows(analysisOf(session).index.occurrences(state.mode.text));
	return {...state, mode: {...state.mode, selected: Math.max(0, Math.min(rows.length - 1, state.mode.selected + delta))}};
}

/** Enter on a place: close the view and go there, with the occurrence selected. */
export function jumpFromConsistency(state: State, session: Session): State {
	if (state.mode.kind !== 'consistency') {
		return state;
	}

	const row = consistencyRows(analysisOf(session).index.occurrences(state.mode.text))[state.mode.selected];
	if (row?.kind !== 'place') {
		return {...state, message: info('select an occurrence (j/k) to jump to it, or press a number to relabel this group')};
	}

	const {place} = row;
	return {...state, mode: {kind: 'normal'}, sentence: place.sentence, token: place.start, anchor: place.end - 1 > place.start ? place.end - 1 : undefined};
}

/** A number key in the view: relabel the selected group (or every mention) after a preview. */
export function proposeBulkRelabel(state: State, session: Session, label: string | undefined): State {
	if (state.mode.kind !== 'consistency') {
		return state;
	}

	if (label === undefined) {
		return {...state, message: error('no such label in the label bar')};
	}

	const {text} = state.mode;
	const row = consistencyRows(analysisOf(session).index.occurrences(text))[state.mode.selected];
	const onlyType = groupOf(row);
	const plan = planBulkRelabel(session.corpus, text, label, onlyType);
	if (plan.changes.length === 0) {
		return {...state, message: info(`nothing to change: those mentions of "${text}" are already ${label}`)};
	}

	const which = onlyType === undefined ? 'mentions' : (onlyType === 'O' ? 'unlabelled occurrences' : `${onlyType} mentions`);
	return {
		...state,
		mode: {
			kind: 'confirm',
			question: `relabel ${plan.mentions} ${which} of "${text}" in ${plan.sentences} sentence${plan.sentences === 1 ? '' : 's'} as ${label}? (y)es (n)o`,
			edit: {changes: plan.changes, sentence: state.sentence, token: state.token, description: `relabel ${plan.mentions} "${text}" as ${label}`},
		},
	};
}

/** y in a confirmation: apply the previewed edit as one undoable step. */
export function confirmEdit(state: State, session: Session): State {
	if (state.mode.kind !== 'confirm') {
		return state;
	}

	const record = session.apply(state.mode.edit);
	return {
		...state,
		mode: {kind: 'normal'},
		revision: state.revision + 1,
		message: info(record === undefined ? 'nothing changed' : `${record.description}: ${record.changes.length} tags changed (u undoes all of it)`),
	};
}

/** Submitting `/`: text, or a regular expression written between slashes. */
export function startSearch(state: State, session: Session, text: string): State {
	if (text === '') {
		return state;
	}

	const regex = text.length > 2 && text.startsWith('/') && text.endsWith('/');
	const query: SearchQuery = {text: regex ? text.slice(1, -1) : text, regex};
	return searchAgain({...state, search: query}, session, 1, true);
}

/** `n` / `N`: the next or previous match of the last search. */
export function searchAgain(state: State, session: Session, direction: 1 | -1, fromCursor = false): State {
	if (state.search === undefined) {
		return {...state, message: info('no search yet: / starts one')};
	}

	let match;
	try {
		// A new search may match at the cursor itself; n and N move past it.
		const from = {sentence: state.sentence, token: fromCursor ? state.token - 1 : state.token};
		match = searchTokens(session.corpus, state.search, from, direction);
	} catch (searchError) {
		return {...state, message: error((searchError as Error).message)};
	}

	if (match === undefined) {
		return {...state, message: error(`not found: ${state.search.text}`)};
	}

	const wrapped = match.wrapped ? ' (wrapped around)' : '';
	return {
		...state,
		sentence: match.sentence,
		token: match.token,
		// A match of several tokens is selected, so a number key labels it at once.
		anchor: match.length > 1 ? match.token + match.length - 1 : undefined,
		message: info(`"${state.search.text}" in sentence ${match.sentence + 1}${wrapped}  (n next, N previous)`),
	};
}
