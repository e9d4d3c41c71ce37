/**
Postinstall: a few lines in Ink 6.8, ansi-tokenize, Yoga 3.2 and meow 14 cost far more time than
the work they do. Each is rewritten to do the same work a cheaper way; what the code computes is
unchanged. Together they take some 200 ms off the time to the first frame and half of Ink's time
to draw a frame.

Start-up:
- Ink: `import { throttle } from 'es-toolkit/compat'` loads the compat index, about 400 modules
  (some 140 ms). It now imports es-toolkit's own single-function entry, `es-toolkit/compat/throttle`.
- Ink: `import createReconciler from 'react-reconciler'` and `import * as Scheduler from 'scheduler'`
  import CommonJS packages from an ES module, so Node first scans their source for export names.
  Their index.js picks the production or the development build at run time, and the scan follows
  the last `require` it sees: the 750 KB development build of the reconciler, read and scanned on
  every start (some 30 ms) though it never runs. `require` loads the same index.js without the scan.
- Yoga: its Emscripten loader fetches its own inline WebAssembly (a `data:` URI) with `fetch`, and
  on Node 20 the first touch of `fetch` loads Node's HTTP client, undici (some 15 ms). It now
  decodes the URI in place, as the same loader already does when it instantiates the module.
- meow: its bundle runs normalize-package-data (with the SPDX license list) when it loads (some
  12 ms), for `cli.pkg`, which ner-review never reads. It now runs on first use.

Frames:
- Ink: each frame turns every line of text into an array of styled characters, with caches that
  live for one frame only. Between two frames most lines are the same strings (a key changes a few
  rows), so the caches now outlive the frame. They hold at most a few hundred lines and start over
  when full. The cached arrays are only read, never changed, by Ink's output code.
- Ink: each frame made a new object for every blank cell of the screen (4,800 at 120x40); they
  now share one frozen blank cell, which nothing writes to.
- ansi-tokenize (Ink's): joining a line's characters back into a string compared the styles of
  every pair of neighbours with three new Sets, even when neither has a style. That comparison
  is now skipped when both have none, the case of nearly every cell; the string is the same.
  With the two Ink changes, Ink's own time to draw a frame went from about 7 to 3.5 ms (median),
  and the key-to-frame p95 from about 15.5 to 11 ms, on a 120x40 screen.

A line that is not there (another version, or already rewritten) is left alone.
*/
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Loads CommonJS package `name` with `require`, as a line that replaces an `import`. */
const requireOf = (local, name) => `import { createRequire as ${local}Require } from 'node:module'; const ${local} = ${local}Require(import.meta.url)('${name}'); // ner-review: see scripts/speed-up-dependencies.mjs`;

/**
Each patch: the package, the file in it, the line as the package writes it, its replacement, and
optionally a check (given the package folder) that the replacement can load.
*/
export const patches = [
	{
		package: 'ink',
		file: 'build/ink.js',
		from: "import { throttle } from 'es-toolkit/compat';",
		to: "import throttle from 'es-toolkit/compat/throttle'; // ner-review: the compat index loads ~400 modules",
		// es-toolkit sits beside ink (hoisted) or inside it.
		canLoad: inkFolder => [path.join(inkFolder, '..'), path.join(inkFolder, 'node_modules')].some(parent => fs.existsSync(path.join(parent, 'es-toolkit', 'compat', 'throttle.mjs'))),
	},
	{
		package: 'ink',
		file: 'build/reconciler.js',
		from: "import createReconciler from 'react-reconciler';",
		to: requireOf('createReconciler', 'react-reconciler'),
	},
	{
		package: 'ink',
		file: 'build/reconciler.js',
		from: "import * as Scheduler from 'scheduler';",
		to: requireOf('Scheduler', 'scheduler'),
	},
	{
		package: 'ink',
		file: 'build/output.js',
		from: 'export default class Output {\n    width;\n    height;\n    operations = [];\n    caches = new OutputCaches();',
		to: `// ner-review: caches kept from frame to frame, see scripts/speed-up-dependencies.mjs
let sharedCaches;
function framesCaches() {
    if (sharedCaches === undefined || sharedCaches.styledChars.size > 400 || sharedCaches.widths.size > 4000 || sharedCaches.blockWidths.size > 400) {
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
		to: `            // ner-review: one shared blank cell, see scripts/speed-up-dependencies.mjs
            Output.blankCell ??= Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
            const row = new Array(this.width).fill(Output.blankCell);`,
	},
	{
		package: '@alcalzone/ansi-tokenize',
		file: 'build/styledChars.js',
		from: `        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }
        ret += char.value;
        // reset active styles at the end of the string
        if (i === chars.length - 1) {`,
		to: `        else if (chars[i - 1].styles.length !== 0 || char.styles.length !== 0) { // ner-review: see scripts/speed-up-dependencies.mjs
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }
        ret += char.value;
        // reset active styles at the end of the string
        if (i === chars.length - 1 && char.styles.length !== 0) {`,
	},
	{
		package: 'yoga-layout',
		file: 'dist/binaries/yoga-wasm-base64-esm.js',
		from: 'function ya(){return w||"function"!=typeof fetch?',
		to: 'function ya(){return w||"function"!=typeof fetch||ua(H)?/* ner-review: a data: URI is decoded, not fetched */',
	},
	{
		package: 'meow',
		file: 'build/dependencies.js',
		from: 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
		to: '// ner-review: loaded on first use, see scripts/speed-up-dependencies.mjs\nconst normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
	},
];

/**
The folder of an installed package, found from its entry point (some packages' exports hide their
package.json). Resolved from this script's folder, as npm installs the package's dependencies.
*/
export function installedPackageFolder(name) {
	const entry = fileURLToPath(import.meta.resolve(name));
	const marker = `${path.sep}node_modules${path.sep}${name.replaceAll('/', path.sep)}${path.sep}`;
	return entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
}

/** Applies the patches whose line is found; `packageFolder(name)` gives a package's folder. Returns how many were applied. */
export function speedUpDependencies(packageFolder) {
	let applied = 0;
	for (const patch of patches) {
		try {
			const folder = packageFolder(patch.package);
			const file = path.join(folder, patch.file);
			const source = fs.readFileSync(file, 'utf8');
			if (source.includes(patch.from) && (patch.canLoad === undefined || patch.canLoad(folder))) {
				fs.writeFileSync(file, source.replace(patch.from, patch.to));
				applied++;
			}
		} catch {
			// Optional: without this patch everything works unchanged, only slower.
		}
	}

	return applied;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	speedUpDependencies(installedPackageFolder);
}
