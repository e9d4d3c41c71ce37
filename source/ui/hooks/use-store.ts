import {useCallback, useRef, useState} from 'react';
import type {Session} from '../../corpus/index.js';
import type {Review} from '../../review/review.js';
import {reduce, type Action} from '../reducer.js';
import type {State} from '../state.js';

/**
The screen state with a dispatch that runs the reducer exactly once per action, synchronously.
React's useReducer may run a reducer twice (eagerly, then again at render), which would repeat
the Session's edits; here the reducer runs once and React only re-renders with the result.
*/
export function useStore(session: Session, review: Review | undefined, initial: () => State): [State, (action: Action) => void, () => State] {
	const stateRef = useRef<State | undefined>(undefined);
	stateRef.current ??= initial();
	const [state, setState] = useState(stateRef.current);
	const dispatch = useCallback((action: Action) => {
		let next = reduce(stateRef.current!, action, session, review);
		// What the review had to say meanwhile (the journal stopped on a full disk, a lock lost) wins the status line.
		const notices = review?.takeNotices() ?? [];
		if (notices.length > 0) {
			next = {...next, message: {text: notices.join('; '), tone: 'error'}};
		}

		if (next !== stateRef.current) {
			stateRef.current = next;
			setState(next);
		}
	}, [session, review]);
	const current = useCallback(() => stateRef.current!, []);
	return [state, dispatch, current];
}
