/**
The UI libraries, loaded once, when the UI chunk loads (load.ts says how and why). In the app's
bundle `ink`, `react`, `react/jsx-runtime`, `chalk` and `string-width` resolve to modules that
re-export `uiModules[specifier]` (scripts/libraries.mjs); run from source (tsx, the tests), the UI
imports those packages directly and this module is not used.
*/
import {loadBundledLibraries, uiLibrariesFileName, type Libraries} from './load.js';
import {drawAfter} from './ready.js';

const libraries = loadBundledLibraries<Libraries & {yogaReady(): Promise<void>}>(uiLibrariesFileName);
// Nothing may draw before Yoga's WebAssembly is in (run.tsx waits for it).
drawAfter(libraries.yogaReady());

export const uiModules = libraries.modules;
