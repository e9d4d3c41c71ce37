/**
What the app knows of its own loading: whether its scripts ran with their code cache (app-scripts.ts
keeps it where any module can read it). Undefined when the app runs from source (tsx).
*/
import type {CodeCacheUse} from './code-cache.js';

/** app-scripts.ts's key (not imported from it: the app would then bundle a second loader). */
const appScriptsKey = Symbol.for('ner-review.app-scripts');

export function appScriptsCodeCache(): Record<string, CodeCacheUse> | undefined {
	const report = (globalThis as Record<symbol, unknown>)[appScriptsKey];
	return typeof report === 'function' ? (report as () => Record<string, CodeCacheUse>)() : undefined;
}
