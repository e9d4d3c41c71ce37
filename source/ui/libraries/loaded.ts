/**
The UI libraries, loaded once, when the UI chunk loads (load.ts says how and why). In the app's
bundle `ink`, `react`, `react/jsx-runtime`, `chalk` and `string-width` resolve to modules that
re-export `uiModules[specifier]` (scripts/build.mjs); run from source (tsx, the tests), the UI
imports those packages directly and this module is not used.
*/
import {fileURLToPath} from 'node:url';
import {trace} from '../../trace.js';
import {librariesFileName, loadLibraries} from './load.js';

// The build writes the bundle beside the chunk this module ends up in.
const {libraries, cache} = loadLibraries(fileURLToPath(new URL(librariesFileName, import.meta.url)));
await libraries.yogaReady();
trace.mark('ui-libraries', {codeCache: cache});

export const uiModules = libraries.modules;
