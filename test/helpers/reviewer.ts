/**
A reviewer driving the reducer as the App does: keys by the names `keyNames` gives (`j`,
`pagedown`, `ctrl+r`), mapped by the keymap. Tests read like user steps.
*/
import type {Session} from '../../source/corpus/session.js';
import type {Review} from '../../source/review/review.js';
import {keyAction} from '../../source/ui/keymap.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import {reduce, type Action} from '../../source/ui/reducer.js';
import {initialState, type State} from '../../source/ui/state.js';
import {entitiesOf, sessionFrom} from './corpus.js';

export type ReviewerOptions = {
	readonly labels?: readonly string[];
	readonly size?: TerminalSize;
	/** Review marks and the journal, for the commands that use them. */
	readonly review?: Review;
	/** The file the session loaded. */
	readonly file?: string;
};

export class Reviewer {
	state: State;
	readonly review?: Review;
	readonly file: string;

	/** A reviewer at the start of the inline corpus `text`, saved to a temporary file. */
	static of(text: string, labels: readonly string[] = ['PER', 'LOC', 'ORG'], size?: TerminalSize): Reviewer {
		const {session, file} = sessionFrom(text);
		return new Reviewer(session, {labels, size, file});
	}

	constructor(readonly session: Session, {labels = ['PER', 'LOC', 'ORG'], size = {columns: 100, rows: 30}, review, file = session.options.file}: ReviewerOptions = {}) {
		this.state = initialState(labels, size);
		this.review = review;
		this.file = file;
	}

	do(...actions: Action[]): this {
		for (const action of actions) {
			this.state = reduce(this.state, action, this.session, this.review);
		}

		return this;
	}

	/** Keys by name; in a prompt, unbound single characters are typed into it. */
	press(...names: string[]): this {
		for (const name of names) {
			const action = keyAction(this.state.mode.kind, name);
			if (action !== undefined) {
				this.do(action);
			}
		}

		return this;
	}

	/** Types text into the open prompt, one key at a time. */
	type(text: string): this {
		return this.press(...text);
	}

	/** The mode's kind, as a plain string (so that asserting one does not narrow the next). */
	get mode(): string {
		return this.state.mode.kind;
	}

	get sentence() {
		return this.state.sentence;
	}

	get token() {
		return this.state.token;
	}

	get message() {
		return this.state.message?.text;
	}

	get tone() {
		return this.state.message?.tone;
	}

	entities(sentence = this.state.sentence) {
		return entitiesOf(this.session, sentence);
	}
}
