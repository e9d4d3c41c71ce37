/**
The screen's store: the state, a dispatch that runs the pure reducer once per action and hands its
effects to the runner, and subscriptions for React (useSyncExternalStore). An effect's outcome is
dispatched back while the store is busy: it is queued and reduced after the current action, in
order, so keys typed faster than a frame are neither lost nor reordered.
*/
import type {Action, Effect} from './state/actions.js';
import {reduce} from './state/reducer.js';
import type {State} from './state/state.js';
import type {World} from './state/world.js';

export type EffectHandler = {run(effect: Effect): void; followState?(state: State): void};

export class Store {
	private state: State;
	private readonly listeners = new Set<() => void>();
	private readonly queue: Action[] = [];
	private busy = false;

	constructor(
		initial: State,
		private readonly world: World,
		private readonly effects: EffectHandler,
	) {
		this.state = initial;
	}

	readonly getState = (): State => this.state;

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	readonly dispatch = (action: Action): void => {
		this.queue.push(action);
		if (this.busy) {
			return;
		}

		this.busy = true;
		const before = this.state;
		try {
			for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
				const reduced = reduce(this.state, next, this.world);
				this.state = reduced.state;
				for (const effect of reduced.effects) {
					this.effects.run(effect);
				}
			}
		} finally {
			this.busy = false;
		}

		if (this.state !== before) {
			this.effects.followState?.(this.state);
			for (const listener of this.listeners) {
				listener();
			}
		}
	};
}
