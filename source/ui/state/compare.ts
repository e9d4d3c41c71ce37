/**
Compare mode's keys: walking the differences between the file and the other side (`d`, `D`) and
taking the other side's answer for the entity at the cursor (`o`) or the whole sentence (`O`), as
one undoable edit of the file. The other side is never written.
*/
import {nextDifference, compareSentence, differencesAt, planTakeAt, planTakeSentence} from '../../review/compare/index.js';
import type {Span} from '../../corpus/index.js';
import {plural} from '../../text/plural.js';
import type {Step} from './actions.js';
import {describeCount} from './editing.js';
import {info, step} from './messages.js';
import type {State} from './state.js';
import {remember} from './undo.js';
import type {World} from './world.js';

const noComparison = 'no second opinion to compare with (open with --compare FILE or --compare-column N)';

/** `d` / `D`: the next or previous difference, in this sentence after the cursor, then in the next sentence that disagrees. */
export function goToDifference(state: State, world: World, direction: 1 | -1): State {
	const {second, corpus} = world;
	if (second?.kind !== 'compare') {
		return {...state, message: info(noComparison)};
	}

	if (second.layer.has(state.sentence)) {
		const here = nextDifference(compareSentence(corpus, second.layer, state.sentence), state.token, direction);
		if (here !== undefined) {
			return {...state, token: here.start, anchor: undefined, message: describeDifferences(world, state.sentence, here.start)};
		}
	}

	const sentence = second.disagreements.next(state.sentence, direction);
	if (sentence === undefined) {
		const settled = second.disagreements.complete ? '' : ' so far (still comparing)';
		return {...state, message: info(`no difference ${direction > 0 ? 'after' : 'before'} this one${settled}: ${plural(second.disagreements.count, 'sentence')} disagree${second.disagreements.count === 1 ? 's' : ''}`)};
	}

	const {differences} = compareSentence(corpus, second.layer, sentence);
	const target = direction > 0 ? differences[0] : differences.at(-1);
	const token = target?.start ?? 0;
	return {...state, sentence, token, anchor: undefined, message: describeDifferences(world, sentence, token)};
}

/** What the other side says where the cursor is, for the status line. */
function describeDifferences(world: World, sentence: number, token: number) {
	const {layer} = world.second!;
	const texts = world.corpus.sentenceDisplayTexts(sentence, 40);
	const differences = compareSentence(world.corpus, layer, sentence).differences.filter(difference => difference.start <= token && token < difference.end);
	// Every entity of each side over the tokens those differences cover: an entity split or merged on one side is
	// several differences, each pairing one entity (QA: "[Panamanian]MISC, theirs no entity" where theirs had
	// [Panamanian Boxing Association]ORG over it).
	if (differences.length === 0) {
		return info(`no difference under the cursor  (d goes to the next)`);
	}

	const start = Math.min(...differences.map(difference => difference.start));
	const end = Math.max(...differences.map(difference => difference.end));
	const side = (spans: readonly Span[]) => {
		const over = spans.filter(span => span.start < end && start < span.end);
		return over.length === 0 ? 'no entity' : over.map(span => `[${texts.slice(span.start, span.end).join(' ')}]${span.type}`).join(' ');
	};

	const ours = side(world.corpus.decode(sentence).spans);
	const theirs = side(layer.decode(sentence).spans);
	const kinds = [...new Set(differences.map(difference => difference.kind))];
	const kind = kinds.length === 1 ? kinds[0]! : (kinds.includes('boundary') ? 'boundary' : kinds.join(', '));
	return info(`${kind}: here ${ours}, ${layer.label} ${theirs}  (o takes ${layer.label}'s, d goes on)`);
}

/** `o` / `O`: the other side's entities at the cursor, or for the whole sentence, as one undoable edit. */
export function takeOtherSide(state: State, world: World, scope: 'cursor' | 'sentence'): Step<State> {
	const {second, corpus} = world;
	if (second?.kind !== 'compare') {
		return step({...state, message: info(noComparison)});
	}

	if (!second.layer.has(state.sentence)) {
		return step({...state, message: info('the other side of this sentence is not read yet')});
	}

	const changes = scope === 'cursor' ? planTakeAt(corpus, second.layer, state.sentence, state.token) : planTakeSentence(corpus, second.layer, state.sentence);
	if (changes.length === 0) {
		const comparison = compareSentence(corpus, second.layer, state.sentence);
		const differ = scope === 'cursor' ? differencesAt(comparison, state.token).length > 0 : comparison.differences.length > 0;
		if (differ) {
			// The planner found no tags of the file's scheme that give the other side's entities: IO cannot
			// keep two entities of one type side by side apart, which the other side does.
			const {scheme} = corpus.format;
			const hint = scheme === 'IO' ? ': two entities of one type side by side need a B- (open the file with --scheme IOB1 to write them)' : '';
			return step({...state, message: info(`the file's scheme (${scheme}) cannot write what ${second.layer.label} has here${hint}`)});
		}

		return step({...state, message: info(scope === 'cursor' ? 'both sides agree here' : 'both sides agree on this sentence')});
	}

	const description = `take ${second.layer.label}'s ${scope === 'cursor' ? 'entity' : 'sentence'}`;
	return step(
		remember({...state, anchor: undefined, revision: state.revision + 1, message: info(`${description}: ${describeCount(changes.length)}`)}, {kind: 'edit'}),
		{type: 'apply-edit', edit: {changes, sentence: state.sentence, token: state.token, description}},
	);
}

/**
`L`: edit the next of the file's tag layers (GermEval's outer and nested entities). The tag ids,
the journal and the undo history all belong to one column, so the file is opened again on the
other one: only when there is nothing unsaved, which would otherwise be written to one column and
journaled for another.
*/
export function switchLayer(state: State, world: World): Step<State> {
	const {tagColumn, tagColumns} = world.corpus.format;
	if (world.second?.kind === 'compare') {
		return step({...state, message: info('compare mode edits one column: open the file again with --column N to edit another')});
	}

	if (tagColumns.length < 2 || !tagColumns.includes(tagColumn)) {
		return step({...state, message: info(`one tag layer only: this file has no other column of entity tags (editing column ${tagColumn + 1})`)});
	}

	if (!world.corpus.complete) {
		return step({...state, message: info('still reading the file: switch layers when it is indexed')});
	}

	if (world.dirty) {
		return step({...state, message: info('save first (s) or undo (u): the other layer opens from the file as saved')});
	}

	const next = tagColumns[(tagColumns.indexOf(tagColumn) + 1) % tagColumns.length]!;
	return step({...state, exit: true, message: info(`opening column ${next + 1}...`)}, {type: 'exit', reopen: {tagColumn: next + 1}});
}
