/**
Build-time fixes of dependency code (an esbuild plugin, used by scripts/build.mjs). A few lines in
Ink 6.8, ansi-tokenize, string-width, slice-ansi, Yoga 3.2 and meow 14 cost far more time than the work they do. While the
bundle is built, each is rewritten to do the same work a cheaper way; what the code computes is
unchanged, and node_modules is never written to (the installed files are read, changed in memory).

Each transform matches its exact source text. When the text is not there (a new version of the
dependency) the BUILD FAILS and names the package, its version and the file: the new version must
be looked at, not silently left slower.

Frames (gains measured before the bundle, with the same code):
- Ink: each frame turns every line of text into an array of styled characters, with caches that
  live for one frame only. Between two frames most lines are the same strings (a key changes a few
  rows), so the caches now outlive the frame. They hold at most a few hundred lines and start over
  when full. The cached arrays are only read, never changed, by Ink's output code.
- Ink: each frame made a new object for every blank cell of the screen (4,800 at 120x40); they
  now share one frozen blank cell, which nothing writes to.
- ansi-tokenize (Ink's): joining a line's characters back into a string compared the styles of
  every pair of neighbours with three new Sets (and a fourth, and arrays, to print the difference),
  even when neither has a style, or both the same. That comparison is now skipped when both have
  none, the case of nearly every cell, and when both have the same codes in the same order (a
  run of one colour: the difference is empty); the string is the same. With the two Ink changes,
  Ink's own time to draw a frame went from about 7 to 3.5 ms (median), and the key-to-frame p95
  from about 15.5 to 11 ms, on a 120x40 screen. Skipping equal neighbours too: a frame made some
  2 MB of short-lived objects (a young-generation collection every second key), a quarter of them
  these Sets.
- Ink: each frame placed every row's characters on a blank row and joined them back into a string
  (ansi-tokenize's styledCharsToString, one step per cell: 4,800 at 120x40), though a key changes
  a few rows (33 of 39 rows were the same as in the frame before, on a 10M-token file). A row is
  a function of the screen's width and its writes (where, which text, in that order), so each
  frame now notes every row's writes first and draws a row only when that list is new; the rows
  drawn are kept with the caches above, and start over with them past 400. Early in a session this loop is not yet optimized (or V8 has
  just thrown its optimized code away: deopts logged in it at 1.06 and 1.17 s): it took 9-15 ms
  of some of those frames. The first ten keys of a session on the 10M-token file (8 sessions each,
  interleaved): median 16.3 to 8.6 ms, mean 18.9 to 11.9, p95 37.8 to 29.8 (what is left is the
  rest of React and Ink running cold, spread over many functions, beside the indexing worker).
- Ink: drawing a text node measures its width again with widest-line (string-width over every
  grapheme of a line that is not plain ASCII: the separator rule, `·`, `✓`), every frame, for text
  whose width Ink's own measureText has already cached when Yoga laid it out. It now reads that
  cache: the same width (measureText is widestLine, memoized). In a profile of 40 keys on a
  120x40 screen, string-width took a quarter of the main thread's time.
- Ink: every text node Yoga measures goes through sanitizeAnsi, which strips the escape codes
  that would move the cursor. A text with any escape code was split into tokens one character at
  a time and joined again, and every row of ner-review's screen is coloured: in a CPU profile of
  the first key of a session (10k-token CoNLL file), 14 of its 35 ms were that tokenizer, still
  cold. A text whose only escape codes are colours (SGR: ESC [ digits, `;` and `:` only, then
  `m`) is what sanitizeAnsi returns unchanged, and it is now returned at once after one regular
  expression; any other goes the original way. The first `j` of a session on that file went from
  15-19 ms to 8-13 ms (3 sessions each); the test compares the original on lines of colours,
  links, cursor moves, 8-bit codes and malformed ones.

Start-up:
- Yoga: its Emscripten loader fetches its own inline WebAssembly (a `data:` URI) with `fetch`, and
  on Node 20 the first touch of `fetch` loads Node's HTTP client, undici (some 15-20 ms). It now
  decodes the URI in place, as the same loader already does when it instantiates the module.
- Yoga: the same loader then decodes the 96 KB of base64 with `atob` and copies the result into
  bytes one character at a time (some 20 ms on a loaded machine); `Buffer.from(..., 'base64')`
  gives the same bytes in well under a millisecond.
- string-width: a text that is not plain ASCII goes through Intl.Segmenter and, on the first
  such call, the compilation of its Unicode-property regular expressions (RGI_Emoji among them):
  26-33 ms in a bare Node process, 7.5-8.6 ms of the first frame's CPU profile (gone with the
  transform), for the separator rule (`─`) and the header's `·`. A text made only
  of characters that are each one column wide and a grapheme of their own (Latin letters and
  signs, general punctuation, arrows, box drawing: no marks, no format characters, no emoji, no
  wide ones) has its length as its width, which is what the original computes for it; the test
  compares every such character and random texts of them with the original.
- Intl.Segmenter: string-width (Ink's copy and wrap-ansi's), slice-ansi and ansi-tokenize each make
  one when they load, and the first one made starts ICU's segmentation data: 10-15 ms of the UI
  chunk's loading, on the way to the first frame. They are now made on first use. ansi-tokenize
  splits every line Ink draws into graphemes (Intl's iterator, 90-140 us for a 140-character line,
  every changed line of every frame): a line made only of characters that are each a grapheme of
  their own whatever their neighbours (the narrow ones above, and control characters but CR, so its
  escape codes too) is split into its characters, which is what the segmenter gives for it; the
  test compares every such character and random lines with escape codes, links, marks, joiners,
  emoji and CR LF with the original. With both, no segmenter is made for the first frame (the
  analysis's first localeCompare starts ICU later), and the UI chunk's loading takes 15-20 ms less
  CPU (12 interleaved runs).
- Ink's reconciler awaits at its top level twice, on paths taken only when `isDev()` (React
  DevTools, false in the bundle: see above). A module with a top-level await cannot be part of a
  script, and the UI libraries are loaded as one, with V8's code cache (source/libraries/load.ts:
  25-40 ms of compiling at every start). Both awaits are dropped; the code they were in never runs.
- string-width 8 (Ink's) builds its RGI_Emoji regex when it loads: a `v`-flag property of emoji
  sequences, 19-28 ms to construct on this machine, every time the UI chunk loads, for a regex that
  only a text with a wide or joined grapheme ever reaches (the narrow fast path above skips it). It
  is now made on first use; it only ever `test`s, and without the g flag a test keeps no state.
- node:child_process (4-5 ms to load, on every command): meow's bundle loads it for a
  `promisify(execFile)` whose result it drops, and terminal-size (Ink's) for a fallback it runs only
  when the terminal does not say its size. The first is removed, the second loads it on first use.
- meow: its bundle runs normalize-package-data (with the SPDX license list) when it loads (some
  12 ms, on every `--version` and `check` too), for `cli.pkg`, which ner-review never reads. It now
  runs on first use.

Bundling:
- Ink: with DEV=true in the environment (a common variable), Ink loads React DevTools (an optional
  package, not bundled) and reads its own package.json beside its module, which in the bundle is
  not there: the app crashed at start. React DevTools is not supported in the bundle, so Ink's
  `isDev()` is false; `inkDevtoolsStub` replaces the module that would load it by an empty one.

The terminal:
- restore-cursor (cli-cursor's, Ink's): once Ink has hidden the cursor on a terminal stdout, it
  writes ESC[?25h to process.stderr at exit, whatever stderr is: `ner-review FILE 2>err.txt`
  collected it in err.txt, one per session. It now writes it to stdout when stdout is a terminal
  (where Ink hid it, and where ner-review's own restore writes it too; in this bundle nothing else
  hides the cursor), else nowhere. It still runs on the signals ner-review does not handle.

No longer needed once bundled (they were install-time rewrites before): Ink's
`import {throttle} from 'es-toolkit/compat'` (esbuild keeps only the 3 modules it uses, not the
~400 of the compat index), and Ink's `import` of react-reconciler and scheduler (Node scanned the
CommonJS development builds for export names; in the bundle the production build is chosen at build
time and nothing is scanned).
*/
import fs from 'node:fs/promises';
import path from 'node:path';

/**
Each transform: a name, the package and the file in it (as published), the exact text as the
package writes it, and its replacement; `major`, when given, limits it to that major version.
*/
/**
Characters that are each a grapheme of their own whatever their neighbours, and one column wide:
printable ASCII, Latin letters and signs, general punctuation, arrows, box drawing. No marks, no
format characters, no joiners, no emoji, nothing wide, no CR (CR LF is one grapheme). As the
source text of a regular expression's character class.
*/
const narrowGraphemes = '\\u0020-\\u007E\\u00A1-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u257F';

/** The same, and the C0 control characters but CR (each its own grapheme): a line of terminal output with its escape codes. */
const plainOutput = `\\u0000-\\u000C\\u000E-\\u001F${narrowGraphemes}`;

/**
A stand-in for `const NAME = new Intl.Segmenter(OPTIONS);` that makes the segmenter at its first
`segment` call: the first one made starts ICU's segmentation data (10-15 ms).
*/
function segmenterOnFirstUse(name, options) {
	return `// ner-review: the segmenter is made on first use, see scripts/dependency-transforms.mjs
let ${name}Instance;
const ${name} = {segment: text => (${name}Instance ??= new Intl.Segmenter(${options})).segment(text)};`;
}

/** Ink 6.8's loop that places one line's characters on a row of the screen (build/output.js), without its indentation. */
const inkPlacesLine = `const characters = this.caches.getStyledChars(line);
let offsetX = x;
for (const character of characters) {
    currentLine[offsetX] = character;
    // Determine printed width using string-width to align with measurement
    const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
    // For multi-column characters, clear following cells to avoid stray spaces/artifacts
    if (characterWidth > 1) {
        for (let index = 1; index < characterWidth; index++) {
            currentLine[offsetX + index] = {
                type: 'char',
                value: '',
                fullWidth: false,
                styles: character.styles,
            };
        }
    }
    offsetX += characterWidth;
}`;

/** `text` with every line indented by `spaces` spaces. */
const indented = (text, spaces) => text.split('\n').map(line => ' '.repeat(spaces) + line).join('\n');

export const transforms = [
	{
		name: 'ink-output-caches-outlive-the-frame',
		package: 'ink',
		file: 'build/output.js',
		from: 'export default class Output {\n    width;\n    height;\n    operations = [];\n    caches = new OutputCaches();',
		to: `// ner-review: caches kept from frame to frame, see scripts/dependency-transforms.mjs
let sharedCaches;
function framesCaches() {
    if (sharedCaches === undefined || sharedCaches.styledChars.size > 400 || sharedCaches.widths.size > 4000 || sharedCaches.blockWidths.size > 400 || sharedCaches.drawnRows?.size > 400) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
}
export default class Output {
    width;
    height;
    operations = [];
    caches = framesCaches();`,
	},
	{
		name: 'ink-one-shared-blank-cell',
		package: 'ink',
		file: 'build/output.js',
		from: `            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }`,
		to: `            // ner-review: one shared blank cell, see scripts/dependency-transforms.mjs
            Output.blankCell ??= Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
            const row = new Array(this.width).fill(Output.blankCell);`,
	},
	{
		name: 'ink-output-rows-remembered',
		package: 'ink',
		file: 'build/output.js',
		from: `${indented(inkPlacesLine, 20)}
                    offsetY++;
                }
            }
        }
        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');
        return {
            output: generatedOutput,
            height: output.length,
        };
    }
}
`,
		to: `                    // ner-review: each row is drawn once its writes are all known, and remembered, see scripts/dependency-transforms.mjs
                    ((this.rowWrites ??= [])[y + offsetY] ??= []).push(x, line);
                    offsetY++;
                }
            }
        }
        const rowWrites = this.rowWrites ?? [];
        this.rowWrites = undefined;
        // The rows drawn are kept with Ink's other caches (and start over with them: see framesCaches).
        const drawnRows = this.caches.drawnRows ??= new Map();
        const generatedOutput = output
            .map((row, rowIndex) => {
            // A row is what its writes (where, which text, in order) make of a blank row of this width.
            const writes = rowWrites[rowIndex];
            let key = String(this.width);
            for (let index = 0; writes !== undefined && index < writes.length; index += 2) {
                key += ',' + writes[index] + ',' + writes[index + 1].length + ',' + writes[index + 1];
            }
            let drawn = drawnRows.get(key);
            if (drawn === undefined) {
                for (let index = 0; writes !== undefined && index < writes.length; index += 2) {
                    placeLine.call(this, row, writes[index], writes[index + 1]);
                }
                // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
                const lineWithoutEmptyItems = row.filter(item => item !== undefined);
                drawn = styledCharsToString(lineWithoutEmptyItems).trimEnd();
                drawnRows.set(key, drawn);
            }
            return drawn;
        })
            .join('\\n');
        return {
            output: generatedOutput,
            height: output.length,
        };
    }
}
// ner-review: Ink's own loop, moved here unchanged (\`this\` is the Output)
function placeLine(currentLine, x, line) {
${indented(inkPlacesLine, 4)}
}
`,
	},
	{
		name: 'ansi-tokenize-skip-unchanged-styles',
		package: '@alcalzone/ansi-tokenize',
		file: 'build/styledChars.js',
		from: `        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }
        ret += char.value;
        // reset active styles at the end of the string
        if (i === chars.length - 1) {`,
		to: `        else if (chars[i - 1].styles.length !== 0 || char.styles.length !== 0) { // ner-review: see scripts/dependency-transforms.mjs
            const before = chars[i - 1].styles;
            const now = char.styles;
            let same = before.length === now.length;
            for (let k = 0; same && k < now.length; k++) {
                same = before[k].code === now[k].code && before[k].endCode === now[k].endCode;
            }
            if (!same) {
                ret += ansiCodesToString(diffAnsiCodes(before, now));
            }
        }
        ret += char.value;
        // reset active styles at the end of the string
        if (i === chars.length - 1 && char.styles.length !== 0) {`,
	},
	{
		name: 'ink-text-width-from-measure-cache',
		package: 'ink',
		file: 'build/render-node-to-output.js',
		from: 'import widestLine from \'widest-line\';',
		to: 'import measureText from \'./measure-text.js\'; // ner-review: see scripts/dependency-transforms.mjs\nconst widestLine = text => measureText(text).width;',
	},
	{
		// Every text node Yoga measures goes through sanitizeAnsi, and the screen's rows are coloured: each was tokenized in full.
		name: 'ink-sanitize-ansi-colours-only',
		package: 'ink',
		file: 'build/sanitize-ansi.js',
		from: `const sanitizeAnsi = (text) => {
    if (!hasAnsiControlCharacters(text)) {
        return text;
    }`,
		to: `// ner-review: a text whose only escape codes are colours is kept whole, see scripts/dependency-transforms.mjs
const plainOrColours = /^[^\\u001B\\u0080-\\u009F]*(?:\\u001B\\[[\\d:;]*m[^\\u001B\\u0080-\\u009F]*)*$/;
const sanitizeAnsi = (text) => {
    if (plainOrColours.test(text)) {
        return text;
    }
    if (!hasAnsiControlCharacters(text)) {
        return text;
    }`,
	},
	{
		name: 'ink-no-react-devtools',
		package: 'ink',
		file: 'build/utils.js',
		from: "const isDev = () => process.env['DEV'] === 'true';",
		to: "const isDev = () => false; // ner-review: React DevTools is not bundled, see scripts/dependency-transforms.mjs",
	},
	{
		// Ink's isDev() is false in the bundle (above): this import never runs, and its await kept the UI libraries from being a script (source/libraries/load.ts).
		name: 'ink-devtools-import-without-top-level-await',
		package: 'ink',
		file: 'build/reconciler.js',
		from: "        await import('./devtools.js');",
		to: "        import('./devtools.js'); // ner-review: never runs (isDev() is false), see scripts/dependency-transforms.mjs",
	},
	{
		name: 'ink-package-json-without-top-level-await',
		package: 'ink',
		file: 'build/reconciler.js',
		from: '    ? await loadPackageJson()\n',
		to: '    ? undefined // ner-review: never taken (isDev() is false), see scripts/dependency-transforms.mjs\n',
	},
	{
		name: 'yoga-decode-inline-wasm-without-fetch',
		package: 'yoga-layout',
		file: 'dist/binaries/yoga-wasm-base64-esm.js',
		from: 'function ya(){return w||"function"!=typeof fetch?',
		to: 'function ya(){return w||"function"!=typeof fetch||ua(H)?/* ner-review: a data: URI is decoded, not fetched */',
	},
	{
		name: 'yoga-decode-inline-wasm-with-buffer',
		package: 'yoga-layout',
		file: 'dist/binaries/yoga-wasm-base64-esm.js',
		from: 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c}',
		to: 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))/* ner-review: see scripts/dependency-transforms.mjs */}',
	},
	{
		name: 'string-width-narrow-text-without-segmenter',
		package: 'string-width',
		major: 8,
		file: 'index.js',
		from: `	if (/^[\\u0020-\\u007E]*$/.test(string)) {
		return string.length;
	}`,
		to: `	if (/^[\\u0020-\\u007E]*$/.test(string)) {
		return string.length;
	}

	// ner-review: narrow letters, punctuation, arrows and box drawing, one column each, see scripts/dependency-transforms.mjs
	if (ambiguousIsNarrow && /^[${narrowGraphemes}]*$/.test(string)) {
		return string.length;
	}`,
	},
	{
		name: 'ansi-tokenize-plain-text-without-segmenter',
		package: '@alcalzone/ansi-tokenize',
		file: 'build/tokenize.js',
		from: 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
		// A line of plain text is split into its characters; any other goes to the segmenter, made on first use.
		to: `${segmenterOnFirstUse('graphemes', 'undefined, { granularity: "grapheme" }')}
const plainOutput = /^[${plainOutput}]*$/;
const segmenter = {
    segment(str) {
        if (!plainOutput.test(str)) {
            return graphemes.segment(str);
        }
        const segments = new Array(str.length);
        for (let index = 0; index < str.length; index++) {
            segments[index] = { segment: str[index], index };
        }
        return segments;
    },
};`,
	},
	{
		name: 'string-width-emoji-regex-on-first-use',
		package: 'string-width',
		major: 8,
		file: 'index.js',
		from: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
		// Only `test` is called, and without the g flag a test keeps no state: one regex made on first use tests the same.
		to: 'let rgiEmojiRegexMade; // ner-review: made on first use, see scripts/dependency-transforms.mjs\nconst rgiEmojiRegex = {test: segment => (rgiEmojiRegexMade ??= /^\\p{RGI_Emoji}$/v).test(segment)};',
	},
	{
		// Both copies: Ink's string-width 8 and wrap-ansi's 7 write the same line.
		name: 'string-width-segmenter-on-first-use',
		package: 'string-width',
		file: 'index.js',
		from: 'const segmenter = new Intl.Segmenter();',
		to: segmenterOnFirstUse('segmenter', ''),
	},
	{
		name: 'slice-ansi-segmenter-on-first-use',
		package: 'slice-ansi',
		file: 'tokenize-ansi.js',
		from: 'const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: \'grapheme\'});',
		to: segmenterOnFirstUse('GRAPHEME_SEGMENTER', 'undefined, {granularity: \'grapheme\'}'),
	},
	{
		name: 'meow-normalize-package-data-on-first-use',
		package: 'meow',
		file: 'build/dependencies.js',
		from: 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
		to: '// ner-review: loaded on first use, see scripts/dependency-transforms.mjs\nconst normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
	},
	{
		// With the next one: meow loads node:child_process (4-5 ms) for a statement whose result it drops.
		name: 'meow-no-child-process-import',
		package: 'meow',
		file: 'build/dependencies.js',
		from: "import { execFile } from 'node:child_process';\n",
		to: '// ner-review: node:child_process is not loaded for a dropped result, see scripts/dependency-transforms.mjs\n',
	},
	{
		name: 'meow-no-dropped-promisify',
		package: 'meow',
		file: 'build/dependencies.js',
		from: '\npromisify(execFile);\n',
		to: '\n// ner-review: promisify(execFile) was here, its result dropped\n',
	},
	{
		// Only when the terminal does not say its size; ner-review's screen runs on one that does.
		name: 'terminal-size-child-process-on-first-use',
		package: 'terminal-size',
		file: 'index.js',
		from: "import {execFileSync} from 'node:child_process';\n",
		to: "import {createRequire} from 'node:module';\n// ner-review: node:child_process loaded on first use, see scripts/dependency-transforms.mjs\nconst execFileSync = (...parameters) => createRequire(import.meta.url)('node:child_process').execFileSync(...parameters);\n",
	},
	{
		name: 'restore-cursor-on-the-terminal',
		package: 'restore-cursor',
		file: 'index.js',
		from: "\t\tprocess.stderr.write('\\u001B[?25h');\n",
		to: "\t\t// ner-review: on the terminal Ink hid it on, never into a redirected stderr, see scripts/dependency-transforms.mjs\n\t\tif (process.stdout.isTTY) {\n\t\t\tprocess.stdout.write('\\u001B[?25h');\n\t\t}\n",
	},
];

/**
Replaces Ink's devtools module (imported only when Ink's `isDev()`, which the transform above makes
false) by an empty one: it needs react-devtools-core and ws, which are not bundled.
*/
export const inkDevtoolsStub = {
	name: 'ner-review-ink-devtools-stub',
	setup(build) {
		build.onResolve({filter: /^\.\/devtools\.js$/}, args => (packageOf(args.importer)?.name === 'ink' ? {path: 'ink-devtools', namespace: 'ner-review-stub'} : undefined));
		build.onLoad({filter: /.*/, namespace: 'ner-review-stub'}, () => ({contents: '// React DevTools is not supported in the ner-review bundle.\n', loader: 'js'}));
	},
};

/** The text of a transform is not in the file: the dependency changed and the transform must be looked at. */
export class TransformNotFoundError extends Error {
	constructor(transform, where, count) {
		super(`dependency transform "${transform.name}": its text ${count === 0 ? 'is not' : `is ${count} times (not once)`} in ${where}. A new version of ${transform.package}? Look at the file and update or drop the transform in scripts/dependency-transforms.mjs. The text:\n${transform.from}`);
		this.name = 'TransformNotFoundError';
	}
}

/** `source` with the transform applied; throws TransformNotFoundError unless its text is there exactly once. `where` names the file in the message. */
export function applyTransform(source, transform, where = `${transform.package}/${transform.file}`) {
	const count = source.split(transform.from).length - 1;
	if (count !== 1) {
		throw new TransformNotFoundError(transform, where, count);
	}

	return source.replace(transform.from, () => transform.to);
}

/** The folder of the package that `file` (an absolute path) belongs to, its name and its file path inside it, or undefined outside node_modules. */
export function packageOf(file) {
	const parts = file.split(/[\\/]/);
	const at = parts.lastIndexOf('node_modules');
	if (at === -1 || at + 1 >= parts.length) {
		return undefined;
	}

	const nameParts = parts[at + 1].startsWith('@') ? 2 : 1;
	return {
		folder: parts.slice(0, at + 1 + nameParts).join(path.sep),
		name: parts.slice(at + 1, at + 1 + nameParts).join('/'),
		file: parts.slice(at + 1 + nameParts).join('/'),
	};
}

async function versionOf(packageFolder) {
	try {
		return JSON.parse(await fs.readFile(path.join(packageFolder, 'package.json'), 'utf8')).version ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

/**
The esbuild plugin: applies `only` (all transforms by default) to the files they name while
bundling, and fails the build when a transform's text is missing or its file was never bundled.
`applied` (optional) receives the name of each transform applied. With `requireAll` false a
transform whose file is not in this bundle is no error: scripts/build.mjs makes two bundles and
checks that each transform applied in one of them.
*/
export function dependencyTransforms({only = transforms, applied = new Set(), requireAll = true} = {}) {
	const escape = text => text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
	const anySeparator = String.raw`[\\/]`;
	const targets = [...new Set(only.map(transform => `${transform.package}/${transform.file}`))];
	const filter = new RegExp(`${anySeparator}node_modules${anySeparator}(?:${targets.map(target => target.split('/').map(part => escape(part)).join(anySeparator)).join('|')})$`);
	return {
		name: 'ner-review-dependency-transforms',
		setup(build) {
			build.onStart(() => {
				applied.clear();
			});
			build.onLoad({filter}, async args => {
				const owner = packageOf(args.path);
				const version = await versionOf(owner.folder);
				// A transform made for one major version leaves another copy of the package alone (wrap-ansi bundles string-width 7 beside Ink's 8).
				const list = only.filter(transform => transform.package === owner?.name && transform.file === owner.file && (transform.major === undefined || version.split('.')[0] === String(transform.major)));
				let contents = await fs.readFile(args.path, 'utf8');
				const where = `${owner.name}@${version} ${owner.file} (${args.path})`;
				try {
					for (const transform of list) {
						contents = applyTransform(contents, transform, where);
						applied.add(transform.name);
					}
				} catch (error) {
					return {errors: [{text: error.message}]};
				}

				return {contents, loader: 'js', resolveDir: path.dirname(args.path)};
			});
			build.onEnd(result => {
				if (result.errors.length > 0 || !requireAll) {
					return;
				}

				const missing = unapplied(only, applied);
				if (missing.length > 0) {
					return {errors: missing};
				}
			});
		},
	};
}

/** An esbuild error for each of `only` that is not in `applied`: its file was not part of the bundle. */
export function unapplied(only, applied) {
	return only.filter(transform => !applied.has(transform.name)).map(transform => ({text: `dependency transform "${transform.name}": ${transform.package}/${transform.file} was not part of the bundle. Did ${transform.package} move or drop that file? Look at it and update or drop the transform in scripts/dependency-transforms.mjs.`}));
}
