/**
The entry of the UI libraries' bundle (dist/chunks/ui-libraries.cjs, built by scripts/libraries.mjs):
Ink, React, Yoga and the rest of what draws the screen, about 850 KB of JavaScript that the app
loads through a V8 code cache (load.ts) instead of compiling it at every start.

`modules` holds, by import specifier, what the app's UI code imports: in the app's bundle each of
these specifiers resolves to a module that re-exports the loaded one's names (ui-loaded.ts), so there
is one React, and the one Ink uses. ui-loaded.ts awaits `yogaReady` before anything draws.
*/
import chalk from 'chalk';
import * as ink from 'ink';
import * as react from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as stringWidth from 'string-width';

export {yogaReady} from './yoga.js';

export const modules: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
	ink,
	react,
	'react/jsx-runtime': jsxRuntime,
	chalk: {default: chalk},
	'string-width': stringWidth,
};
