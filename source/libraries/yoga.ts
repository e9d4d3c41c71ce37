/**
Yoga for Ink in the UI libraries' bundle. Ink imports `yoga-layout`, whose module awaits the
WebAssembly at its top level, and a bundle run as a script (load.ts) cannot await there. The
bundle resolves Ink's `yoga-layout` to this module instead: the same object, filled in by
`yogaReady()` before anything draws (Ink only reads it while it lays out a frame).
*/
import {loadYoga} from 'yoga-layout/load';

type Yoga = Awaited<ReturnType<typeof loadYoga>>;

const yoga = {} as Yoga;
export default yoga;

let loading: Promise<void> | undefined;

/** Loads Yoga's WebAssembly into the object Ink holds; once. */
export async function yogaReady(): Promise<void> {
	loading ??= loadYoga().then(loaded => {
		Object.assign(yoga, loaded);
	});
	return loading;
}
