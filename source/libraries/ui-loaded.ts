/**
The UI libraries, loaded once, when the UI chunk loads (load.ts says how and why). In the app's
bundle `ink`, `react`, `react/jsx-runtime`, `chalk` and `string-width` resolve to modules that
re-export `uiModules[specifier]` (scripts/libraries.mjs); run from source (tsx, the tests), the UI
imports those packages directly and this module is not used.
*/
import {trace} from '../trace.js';
import {bundledLibrariesFile, loadLibraries, uiLibrariesFileName, type Libraries} from './load.js';

const file = bundledLibrariesFile(uiLibrariesFileName);
if (file === undefined) {
	throw new Error(`${uiLibrariesFileName} is not in this build's dist/chunks/: is the build complete?`);
}

const {exports: libraries, cache} = loadLibraries<Libraries & {yogaReady(): Promise<void>}>(file);
// Nothing may draw before Yoga's WebAssembly is in.
await libraries.yogaReady();
trace.mark('ui-libraries', {codeCache: cache});

export const uiModules = libraries.modules;
