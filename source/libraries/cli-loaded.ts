/**
The command line's libraries (meow), loaded once, when cli.js starts (load.ts says how and why). In
the app's bundle `meow` resolves to a module that re-exports `cliModules.meow` (scripts/libraries.mjs);
run from source (tsx, the tests), cli.tsx imports meow directly and this module is not used.
*/
import {cliLibrariesFileName, loadBundledLibraries} from './load.js';

export const cliModules = loadBundledLibraries(cliLibrariesFileName).modules;
