/**
Makes the libraries' code caches (load.ts), at build time: scripts/libraries.mjs runs this in a
plain `node` process (no flags, no CI variables: V8 takes a cache only under the same flags, and
Ink draws nothing under CI), as `node make-code-cache.mjs CLI_LIBRARIES UI_LIBRARIES`.

Each bundle is loaded without a cache and run as the app runs it, then V8's cache of the script is
written beside it: a cache made after running holds the functions that ran, so the app does not
compile them again.
- meow parses the app's own flags and help, for the command lines a user types.
- Ink draws frames of a screen built from the same parts as the app's (boxes, colored, bold, dim,
  inverse and truncated texts, memo, context, hooks, useInput) to a stand-in terminal, and
  answers a few keys.
*/
import fs from 'node:fs';
import type * as Ink from 'ink';
import type Meow from 'meow';
import type * as React from 'react';
import type * as JsxRuntime from 'react/jsx-runtime';
import {helpText} from '../cli/help.js';
import {meowFlags} from '../cli/flags.js';
import {codeCacheFileBytes, codeCacheFileOf, loadLibraries, type Libraries, type LoadedLibraries} from './load.js';
import {standInTerminal} from './stand-in-terminal.js';

const [cliLibrariesFile, uiLibrariesFile] = process.argv.slice(2);
if (cliLibrariesFile === undefined || uiLibrariesFile === undefined) {
	throw new Error('usage: make-code-cache CLI_LIBRARIES UI_LIBRARIES');
}

/** Loads `file` without a cache (the one made must not depend on an older one). */
const loadFresh = <Exports extends Libraries>(file: string) => loadLibraries<Exports>(file, `${file}.none`);

const writeCache = (file: string, loaded: LoadedLibraries) => {
	fs.writeFileSync(codeCacheFileOf(file), codeCacheFileBytes(loaded.script.createCachedData()));
};

const cliLibraries = loadFresh(cliLibrariesFile);
const meow = (cliLibraries.exports.modules as unknown as {meow: {default: typeof Meow}}).meow.default;
for (const argv of [[], ['corpus.txt'], ['corpus.txt', '--tag-column', '3', '--scheme', 'IOB2', '--no-backup'], ['check', '--json', '--reference', 'train.txt', 'test.txt'], ['stats', 'a.txt'], ['compare', 'a.txt', 'b.txt']]) {
	meow(helpText('?'), {importMeta: import.meta, flags: meowFlags(), description: false, argv});
}

writeCache(cliLibrariesFile, cliLibraries);

const uiLibraries = loadFresh<Libraries & {yogaReady(): Promise<void>}>(uiLibrariesFile);
await uiLibraries.exports.yogaReady();
const modules = uiLibraries.exports.modules as unknown as {ink: typeof Ink; react: typeof React; 'react/jsx-runtime': typeof JsxRuntime};
const {Box, Text, render, useApp, useInput, useStdout} = modules.ink;
const {createContext, memo, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore} = modules.react;
const {jsx, jsxs} = modules['react/jsx-runtime'];

// A terminal of 120x40: Ink draws to it as to a real one.
const {stdout, stdin} = standInTerminal();

const Colors = createContext({accent: 'cyan'});
let storeValue = 0;
const listeners = new Set<() => void>();
const store = {
	subscribe(listener: () => void) {
		listeners.add(listener);
		return () => listeners.delete(listener);
	},
	get: () => storeValue,
};

const Row = memo(({index, cursor}: {index: number; cursor: number}) => {
	const {accent} = useContext(Colors);
	const selected = index === cursor;
	return jsxs(Text, {wrap: 'truncate-end', children: [
		jsx(Text, {dimColor: true, children: `${String(index).padStart(4)} `}),
		jsx(Text, {color: accent, bold: selected, inverse: selected, children: `[Token ${index}]ORG`}),
		jsx(Text, {underline: index % 7 === 0, children: ` text · café → naïve “quoted” ─ ${'word '.repeat(index % 40)}`}),
	]});
});

function Screen() {
	const [cursor, setCursor] = useState(0);
	const version = useSyncExternalStore(store.subscribe, store.get);
	const {stdout: terminal} = useStdout();
	const {exit} = useApp();
	const rows = useMemo(() => Array.from({length: 34}, (_, index) => index), []);
	useInput(useCallback((input: string, key: Ink.Key) => {
		if (input === 'q') {
			exit();
		} else if (input === 'j' || key.downArrow) {
			setCursor(at => at + 1);
		} else if (input === 'k' || key.upArrow) {
			setCursor(at => Math.max(0, at - 1));
		}
	}, [exit]));
	useEffect(() => {
		storeValue++;
	}, [cursor]);
	return jsx(Colors.Provider, {value: {accent: cursor % 2 === 0 ? 'cyan' : 'magenta'}, children: jsxs(Box, {flexDirection: 'column', width: terminal.columns, height: 39, children: [
		jsx(Text, {bold: true, wrap: 'truncate', children: `ner-review  ·  corpus.txt  ·  sentence ${cursor + 1}/3433  ·  v${version}`}),
		jsx(Text, {dimColor: true, children: '─'.repeat(119)}),
		jsx(Box, {flexDirection: 'column', height: 34, children: rows.map(index => jsx(Row, {index, cursor}, index))}),
		jsx(Text, {wrap: 'truncate-end', children: '漢字 wide and 😀 emoji in the status line'}),
		jsx(Text, {inverse: true, children: ' PER  ORG  LOC  MISC  O '}),
	]})});
}

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

const instance = render(jsx(Screen, {}), {stdout, stdin, exitOnCtrlC: false, patchConsole: false});
await pause(50);
for (const key of ['j', 'j', '\u001B[B', 'k', 'jj', '\u001B[A']) {
	stdin.write(key);
	// eslint-disable-next-line no-await-in-loop
	await pause(40);
}

stdin.write('q');
await instance.waitUntilExit();
writeCache(uiLibrariesFile, uiLibraries);
process.exit(0);
