import {useEffect, useState} from 'react';

/**
The first key of a session was the first time React's and Ink's update code ran (reconciling the
views, Ink laying out and drawing a changed screen): on the 10k-token seed file the session's
first `j` took 5 to 39 ms (median 23), the next ones 4 to 9. A few renders of the same screen
while nobody types run that code first: their output is the screen already drawn, so Ink writes
nothing, and the first `j` took 5 to 15 ms (median 11.5; 8 sessions each, interleaved). A key stops
them: typing warms the same code. A file indexed in the background does without: its header
redraws the progress every 150 ms, which runs that code, and the renders took 30 to 50 ms of the
thread from the indexing and the analysis of the 10M seed file (4 sessions each, interleaved).
*/
export const warmUpRenders = 4;
export const warmUpGapMs = 20;

/**
Renders the calling component `warmUpRenders` times, `warmUpGapMs` apart, from its first frame
on, until `stop()` says so (a key has come).
*/
export function useWarmUp(stop: () => boolean): void {
	const [, setRenders] = useState(0);
	useEffect(() => {
		let left = warmUpRenders;
		let timer: NodeJS.Timeout | undefined;
		const next = () => {
			if (left-- <= 0 || stop()) {
				return;
			}

			setRenders(count => count + 1);
			timer = setTimeout(next, warmUpGapMs);
		};

		timer = setTimeout(next, warmUpGapMs);
		return () => {
			clearTimeout(timer);
		};
	}, []);
}
