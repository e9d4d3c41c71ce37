/**
Queue entries in words: the reason on the status line, and the suggestion as the sentence view
shows it next to the file's label (`[Barcelona]LOC → ORG 0.94`).
*/
import type {Span, TagTable, Words} from '../../corpus/index.js';
import type {Suggestion} from './entry.js';

/** `"Sri Lanka"`: the tokens of a range, quoted. */
export function quote(texts: Words, start: number, end: number): string {
	// Plain quotes, as every other message quotes a token: JSON's escapes showed a control character as \u001b
	// here and as its stand-in in the rest of the line, and reached --json escaped twice.
	return `"${texts.slice(start, end).join(' ')}"`;
}

/** `"Sri Lanka" as LOC and "Australia" as ORG`, or `no entity` when there is none. */
export function describeSpans(spans: readonly Span[], texts: Words): string {
	if (spans.length === 0) {
		return 'no entity';
	}

	return spans.map(span => `${quote(texts, span.start, span.end)} as ${span.type}`).join(' and ');
}

/** Two decimals, the way the screen shows a probability. */
export function probability(value: number): string {
	return value.toFixed(2);
}

/**
The suggestion next to the file's label: `[Barcelona]LOC → ORG 0.94` when only the type changes;
otherwise both sides with their tokens (`[New York]LOC → [New York Times]ORG 0.80`,
`[Sri Lanka]O → LOC 0.91`, `[Baseball]MISC → O 0.77`). A repair of invalid tags, given the tag
table, shows the tags (`I-PER → B-PER`).
*/
export function suggestionLabel(suggestion: Suggestion, texts: Words, tags?: TagTable): string {
	const {from, to, start, end} = suggestion;
	if (suggestion.source === 'scheme' && tags !== undefined) {
		// The same entities written validly: the tags say it better than the spans (`I-PER → B-PER`).
		return suggestion.changes.map(change => `${tags.text(change.before)} → ${tags.text(change.after)}`).join(', ');
	}

	const known = suggestion.text;
	const bracket = (span: {start: number; end: number}) => `[${known !== undefined && span.start === start && span.end === end ? known : texts.slice(span.start, span.end).join(' ')}]`;
	const left = from.length === 0 ? `${bracket({start, end})}O` : from.map(span => `${bracket(span)}${span.type}`).join(' ');
	let right: string;
	if (to.length === 0) {
		right = 'O';
	} else if (to.length === 1 && (from.length === 0 ? to[0]!.start === start && to[0]!.end === end : from.length === 1 && from[0]!.start === to[0]!.start && from[0]!.end === to[0]!.end)) {
		right = to[0]!.type;
	} else {
		right = to.map(span => `${bracket(span)}${span.type}`).join(' ');
	}

	return `${left} → ${right} ${probability(suggestion.confidence)}`;
}
