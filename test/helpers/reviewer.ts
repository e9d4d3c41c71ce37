/**
A reviewer driving the screen's store as the App does: keys by the names `keyNames` gives (`j`,
`pagedown`, `ctrl+r`), mapped by the keymap, reduced by the pure reducer, and the effects it asks
for performed by the real effect runner on the session (in memory, and on disk for saves). Tests
read like user steps; `effects` lists what the reducer asked for, for tests of the effects.
*/
import type {Session} from '../../source/corpus/index.js';
import type {Review} from '../../source/review/review.js';
import {EffectRunner} from '../../source/ui/effects.js';
import {worldOf} from '../../source/ui/live-world.js';
import type {QueueView} from '../../source/ui/problem-queue.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import type {Action, Effect} from '../../source/ui/state/actions.js';
import {keyAction} from '../../source/ui/state/keymap.js';
import {initialState, type State} from '../../source/ui/state/state.js';
import {Store} from '../../source/ui/store.js';
import {entitiesOf, sessionFrom} from './corpus.js';

export type ReviewerOptions = {
	readonly labels?: readonly string[];
	readonly size?: TerminalSize;
	/** Review marks and the journal, for the commands that use them. */
	readonly review?: Review;
	/** The file the session loaded. */
	readonly file?: string;
	/** The ranked problem queue the world offers (as the effect runner builds it in the app). */
	readonly queue?: () => QueueView | undefined;
};

export class Reviewer {
	readonly review?: Review;
	readonly file: string;
	/** Every effect the reducer asked for, in order. */
	readonly effects: Effect[] = [];
	/** Set when the app would have exited. */
	exited = false;
	private readonly store: Store;

	/** A reviewer at the start of the inline corpus `text`, saved to a temporary file. */
	static of(text: string, labels: readonly string[] = ['PER', 'LOC', 'ORG'], size?: TerminalSize): Reviewer {
		const {session, file} = sessionFrom(text);
		return new Reviewer(session, {labels, size, file});
	}

	constructor(readonly session: Session, {labels = ['PER', 'LOC', 'ORG'], size = {columns: 100, rows: 30}, review, file = session.options.file, queue}: ReviewerOptions = {}) {
		this.review = review;
		this.file = file;
		const runner = new EffectRunner(session, review, {
			dispatch: action => {
				this.store.dispatch(action);
			},
			exit: () => {
				this.exited = true;
			},
		});
		this.store = new Store(initialState(labels, size), worldOf(session, review, undefined, queue), {
			run: effect => {
				this.effects.push(effect);
				runner.run(effect);
			},
		});
	}

	get state(): State {
		return this.store.getState();
	}

	do(...actions: Action[]): this {
		for (const action of actions) {
			this.store.dispatch(action);
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
