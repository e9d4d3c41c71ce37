/**
dist/cli.js: starts the app's scripts with their code cache (app-scripts.ts). The build bundles this
file alone, with the loader and nothing of the app, so that the app's modules are loaded once.
*/
import {fileURLToPath} from 'node:url';
import {requireAppScript} from './app-scripts.js';

requireAppScript(fileURLToPath(new URL('app.cjs', import.meta.url)));
