/**
The command line's libraries (meow), loaded once, when cli.js starts (load.ts says how and why). In
the app's bundle `meow` resolves to a module that re-exports `cliModules.meow` (scripts/libraries.mjs);
run from source (tsx, the tests), cli.tsx imports meow directly and this module is not used.
*/
import {trace} from '../trace.js';
import {bundledLibrariesFile, cliLibrariesFileName, loadLibraries} from './load.js';

const file = bundledLibrariesFile(cliLibrariesFileName);
if (file === undefined) {
	throw new Error(`${cliLibrariesFileName} is not in this build's dist/chunks/: is the build complete?`);
}

const {exports: libraries, cache} = loadLibraries(file);
trace.mark('cli-libraries', {codeCache: cache});

export const cliModules = libraries.modules;
