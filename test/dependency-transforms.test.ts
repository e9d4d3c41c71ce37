/**
The build-time transforms of dependency code (scripts/dependency-transforms.mjs): each still finds
its text in the dependency versions installed here (so a dependency update that moves a line fails
here and in the build), a missing text fails the build with the package, version and file named,
and each transformed function does what the original does. The originals are the installed files
themselves: node_modules is never changed, and the transformed code exists only in small bundles
built by the test with the same plugin as the real build.
*/
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';
import {applyTransform, dependencyTransforms, inkDevtoolsStub, transforms, TransformNotFoundError, type Transform} from '../scripts/dependency-transforms.mjs';
import {repoRoot} from './helpers/tmux.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-transforms-'));
after(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

const transform = (name: string): Transform => {
	const found = transforms.find(candidate => candidate.name === name);
	assert.ok(found, `no transform named ${name}`);
	return found;
};

let bundles = 0;

/** Bundles `entry` (module source resolved from `resolveDir`) with the given transforms, as the build does; returns the file. */
async function bundle(entry: string, only: readonly Transform[], resolveDir = repoRoot): Promise<string> {
	const outfile = path.join(work, `bundle-${++bundles}.mjs`);
	await esbuild.build({
		stdin: {contents: entry, resolveDir, loader: 'js'},
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		banner: {js: 'import {createRequire as __testCreateRequire} from \'node:module\'; const require = __testCreateRequire(import.meta.url);'},
		define: {'process.env.NODE_ENV': '"production"'},
		// Ink's devtools module needs packages that are not installed; the real build stubs it too.
		plugins: [inkDevtoolsStub, dependencyTransforms({only})],
		logLevel: 'silent',
	});
	return outfile;
}

/** A deterministic random source (LCG), so that a failure can be replayed. */
function randomSource(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state % below;
	};
}

/** The characters the transforms treat as narrow and their own grapheme (their `narrowGraphemes`), as code point ranges. */
const narrowRanges: ReadonlyArray<readonly [number, number]> = [[0x20, 0x7E], [0xA1, 0xAC], [0xAE, 0x2FF], [0x20_10, 0x20_27], [0x20_30, 0x20_5E], [0x21_90, 0x21_FF], [0x25_00, 0x25_7F]];

const charactersOf = (ranges: ReadonlyArray<readonly [number, number]>) => ranges.flatMap(([first, last]) => Array.from({length: last - first + 1}, (_, index) => String.fromCodePoint(first + index)));

const installedFile = (packageName: string, file: string) => path.join(repoRoot, 'node_modules', ...packageName.split('/'), ...file.split('/'));

test('every transform finds its text exactly once in the installed version of its dependency', () => {
	for (const each of transforms) {
		const file = installedFile(each.package, each.file);
		const source = fs.readFileSync(file, 'utf8');
		const version = (JSON.parse(fs.readFileSync(installedFile(each.package, 'package.json'), 'utf8')) as {version: string}).version;
		const result = applyTransform(source, each);
		// A replacement may keep its text and add to it (string-width's new fast path follows its own).
		assert.ok(result.includes(each.to) && !result.replace(each.to, '').includes(each.from), `${each.name} on ${each.package}@${version}`);
		assert.equal(result.length, source.length - each.from.length + each.to.length, `${each.name} changed more than its text`);
	}
});

test('the whole build applies every transform, and node_modules is left as installed', async () => {
	const before = new Map(transforms.map(each => [`${each.package}/${each.file}`, fs.readFileSync(installedFile(each.package, each.file), 'utf8')]));
	const applied = new Set<string>();
	const result = await esbuild.build({
		entryPoints: [path.join(repoRoot, 'cli.tsx')],
		bundle: true,
		write: false,
		outdir: path.join(work, 'whole'),
		splitting: true,
		format: 'esm',
		platform: 'node',
		jsx: 'automatic',
		define: {'process.env.NODE_ENV': '"production"'},
		plugins: [inkDevtoolsStub, dependencyTransforms({applied})],
		logLevel: 'silent',
	});
	assert.equal(result.errors.length, 0);
	assert.deepEqual([...applied].sort(), transforms.map(each => each.name).sort());
	for (const each of transforms) {
		assert.equal(fs.readFileSync(installedFile(each.package, each.file), 'utf8'), before.get(`${each.package}/${each.file}`), `${each.package}/${each.file} was changed on disk`);
	}
});

test('applyTransform replaces its text once, keeps the rest, and refuses a file without it or with it twice', () => {
	const each = transform('meow-normalize-package-data-on-first-use');
	assert.equal(applyTransform(`// first\n${each.from}\n// last\n`, each), `// first\n${each.to}\n// last\n`);
	// `$&` in a replacement must not be expanded.
	assert.equal(applyTransform('a b c', {...each, from: 'b', to: '$&$&'}), 'a $&$& c');
	assert.throws(() => applyTransform('// meow moved this elsewhere\n', each, 'meow@99.0.0 build/dependencies.js'), (error: unknown) => error instanceof TransformNotFoundError && /is not in meow@99\.0\.0 build\/dependencies\.js/.test(error.message));
	assert.throws(() => applyTransform(`${each.from}\n${each.from}\n`, each), /is 2 times \(not once\)/);
});

/** A fake package `name`@`version` in its own node_modules folder, whose `file` holds `content`; returns the folder to resolve from. */
function fakePackage(name: string, version: string, file: string, content: string): string {
	const root = fs.mkdtempSync(path.join(work, 'fake-'));
	const folder = path.join(root, 'node_modules', ...name.split('/'));
	fs.mkdirSync(path.dirname(path.join(folder, file)), {recursive: true});
	fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({name, version, type: 'module', main: file}));
	fs.writeFileSync(path.join(folder, file), content);
	return root;
}

test('the build fails, naming the package, its version and the file, when a transform\'s text is not found', async () => {
	const each = transform('meow-normalize-package-data-on-first-use');
	const root = fakePackage('meow', '99.0.0', 'build/dependencies.js', 'export const normalizePackageData = data => data;\n');
	await assert.rejects(bundle('import * as meow from \'meow\'; console.log(meow);', [each], root), (error: esbuild.BuildFailure) => {
		assert.equal(error.errors.length, 1);
		assert.match(error.errors[0]!.text, /meow-normalize-package-data-on-first-use.*is not in meow@99\.0\.0 build\/dependencies\.js/);
		return true;
	});
});

test('the build fails when a transform\'s file is no longer part of the bundle', async () => {
	const each = transform('meow-normalize-package-data-on-first-use');
	const root = fakePackage('meow', '99.0.0', 'build/index.js', 'export default () => {};\n');
	await assert.rejects(bundle('import meow from \'meow\'; console.log(meow);', [each], root), (error: esbuild.BuildFailure) => {
		assert.match(error.errors[0]!.text, /meow\/build\/dependencies\.js was not part of the bundle/);
		return true;
	});
});

test('the transformed styledCharsToString joins styled characters exactly as the original does', async () => {
	const original = await import('@alcalzone/ansi-tokenize');
	const transformed = await import(pathToFileURL(await bundle('export * from \'@alcalzone/ansi-tokenize\';', [transform('ansi-tokenize-skip-unchanged-styles')])).href) as typeof original;
	const codes = ['\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[4m', '\u001B[24m', '\u001B[7m', '\u001B[27m', '\u001B[0m', '\u001B[2m', '\u001B[38;5;208m', '\u001B]8;;https://example.com\u0007', '\u001B]8;;\u0007'];
	const random = randomSource(7);
	for (let run = 0; run < 2000; run++) {
		let line = '';
		for (let piece = random(12); piece > 0; piece--) {
			line += random(3) === 0 ? codes[random(codes.length)]! : 'ab c漢字'.slice(random(6));
		}

		const chars = original.styledCharsFromTokens(original.tokenize(line));
		assert.equal(transformed.styledCharsToString(chars), original.styledCharsToString(chars), JSON.stringify(line));
	}
});

type OutputClass = new (options: {width: number; height: number}) => {
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
};

test('Ink\'s Output with caches kept across frames, one shared blank cell and rows remembered draws every frame as the original', async () => {
	const outputFile = installedFile('ink', 'build/output.js');
	const {default: Original} = await import(pathToFileURL(outputFile).href) as {default: OutputClass};
	const {default: Transformed} = await import(pathToFileURL(await bundle(`export {default} from ${JSON.stringify(outputFile)};`, [transform('ink-output-caches-outlive-the-frame'), transform('ink-one-shared-blank-cell'), transform('ink-output-rows-remembered')])).href) as {default: OutputClass};
	assert.notEqual(Transformed, Original);
	// Lines that come back frame after frame (the cache's hits), with styles, wide characters and newlines.
	const pieces = ['Ada', 'Lovelace', '\u001B[1mbold\u001B[22m', '\u001B[31mred\u001B[39m text', '漢字', '😀 ok', '[Linux]Operating_System', 'two\nlines', '\u001B[7m inverse \u001B[27m', ' '];
	const random = randomSource(11);
	const upper = (line: string) => line.toUpperCase();
	for (let frame = 0; frame < 1500; frame++) {
		const width = 1 + random(40);
		const height = 1 + random(12);
		// The same writes on a wider screen too: a remembered row must not be taken for a row of another width.
		const wider = width + 1 + random(3);
		const outputs = [new Original({width, height}), new Transformed({width, height}), new Original({width: wider, height}), new Transformed({width: wider, height})];
		for (let operation = random(10); operation > 0; operation--) {
			const kind = random(6);
			// Past the right edge too: the cells between are missing, not blank, so the row depends on the width.
			const x = random(width + 4) - 1;
			const y = random(height + 2) - 1;
			let text = pieces[random(pieces.length)]!;
			// A line never seen before now and then, so that the caches also fill up and start over.
			if (random(4) === 0) {
				text += String(random(1000));
			}

			const transformers = random(5) === 0 ? [upper] : [];
			const clip = {x1: random(width), x2: random(width + 1), y1: random(height), y2: random(height + 1)};
			for (const output of outputs) {
				if (kind === 0) {
					output.clip(clip);
				} else if (kind === 1) {
					output.unclip();
				} else {
					output.write(x, y, text, {transformers});
				}
			}
		}

		const [expected, actual, expectedWider, actualWider] = outputs.map(output => output.get());
		assert.deepEqual(actual, expected, `frame ${frame}`);
		assert.deepEqual(actualWider, expectedWider, `frame ${frame}, ${wider} wide`);
	}
});

/** Lays out a small Yoga tree with `module` (a file URL) in a fresh Node process; prints the layout and whether undici was loaded. */
function yogaLayout(module: string): {layout: number[]; undici: boolean} {
	return runModule(`const {default: Yoga} = await import(${JSON.stringify(module)});
const root = Yoga.Node.create(); root.setWidth(80); root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
const a = Yoga.Node.create(); a.setFlexGrow(1); const b = Yoga.Node.create(); b.setWidth(12); b.setHeight(3);
root.insertChild(a, 0); root.insertChild(b, 1); root.calculateLayout();
console.log(JSON.stringify({layout: [a.getComputedWidth(), a.getComputedHeight(), b.getComputedLeft(), root.getComputedHeight()], undici: process.moduleLoadList.some(name => name.includes('undici'))}));`) as {layout: number[]; undici: boolean};
}

/** Runs `script` (an ES module) in a child Node from the repository; returns its stdout, parsed as JSON. */
function runModule(script: string, env: NodeJS.ProcessEnv = {}): unknown {
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {cwd: repoRoot, env: {...process.env, ...env}, encoding: 'utf8'});
	assert.equal(result.status, 0, result.stderr);
	return JSON.parse(result.stdout);
}

test('Yoga decoding its inline wasm without fetch and with Buffer lays out as the original, and does not load Node\'s HTTP client', async () => {
	const original = yogaLayout(pathToFileURL(path.join(repoRoot, 'node_modules', 'yoga-layout', 'dist', 'src', 'index.js')).href);
	const transformed = yogaLayout(pathToFileURL(await bundle('export {default} from \'yoga-layout\';', [transform('yoga-decode-inline-wasm-without-fetch'), transform('yoga-decode-inline-wasm-with-buffer')])).href);
	assert.deepEqual(original.layout, [68, 3, 68, 3]);
	assert.deepEqual(transformed.layout, original.layout);
	// What the transform is for: the original fetches its data: URI, which loads undici.
	assert.equal(original.undici, true);
	assert.equal(transformed.undici, false);
});

test('meow normalizing the package data on first use parses and normalizes as the original', async () => {
	type Meow = (help: string, options: Record<string, unknown>) => {input: string[]; flags: Record<string, unknown>; help: string; pkg: Record<string, unknown>};
	const {default: original} = await import('meow') as unknown as {default: Meow};
	const {default: transformed} = await import(pathToFileURL(await bundle('export {default} from \'meow\';', [transform('meow-normalize-package-data-on-first-use')])).href) as {default: Meow};
	const options = {
		importMeta: import.meta,
		argv: ['check', 'file.txt', '--tag-column', '4', '--no-backup'],
		flags: {tagColumn: {type: 'number'}, backup: {type: 'boolean', default: true}},
		pkg: {name: 'ner-review', version: '0.1.0', description: 'A tool', license: 'MIT', repository: 'github:someone/ner-review', bin: {'ner-review': 'dist/cli.js'}},
	};
	const title = process.title;
	try {
		// A fresh copy of pkg for each: normalize-package-data changes the object it is given.
		const expected = original('\n\tUsage\n\t  $ ner-review FILE\n', {...options, pkg: structuredClone(options.pkg)});
		const actual = transformed('\n\tUsage\n\t  $ ner-review FILE\n', {...options, pkg: structuredClone(options.pkg)});
		assert.deepEqual(actual.input, expected.input);
		assert.deepEqual(actual.flags, expected.flags);
		assert.equal(actual.help, expected.help);
		assert.deepEqual(actual.pkg, expected.pkg);
		// The normalization did run: it adds fields.
		assert.equal((actual.pkg['repository'] as {url: string}).url, 'git+https://github.com/someone/ner-review.git');
	} finally {
		process.title = title;
	}
});

test('Ink in the bundle ignores DEV=true: it draws as without it, where it crashed looking for its package.json and React DevTools', async () => {
	const entry = 'import React from \'react\'; import {renderToString, Box, Text} from \'ink\'; console.log(renderToString(React.createElement(Box, {borderStyle: \'single\'}, React.createElement(Text, null, \'hello\'))));';
	const draw = (bundleFile: string, env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [bundleFile], {cwd: work, env: {...process.env, ...env}, encoding: 'utf8'});
	const transformed = await bundle(entry, [transform('ink-no-react-devtools')]);
	const expected = draw(transformed, {DEV: 'false'});
	assert.equal(expected.status, 0, expected.stderr);
	assert.match(expected.stdout, /│hello +│/);
	const withDev = draw(transformed, {DEV: 'true'});
	assert.equal(withDev.status, 0, withDev.stderr);
	assert.equal(withDev.stdout, expected.stdout);
	assert.equal(withDev.stderr, '');
	// Why the transform: the same bundle without it.
	const untransformed = draw(await bundle(entry, []), {DEV: 'true'});
	assert.notEqual(untransformed.status, 0);
	assert.match(untransformed.stderr, /ENOENT.*package\.json/);
});

test('Yoga\'s inline wasm decoded with Buffer gives the same bytes as its own atob loop', async () => {
	const source = fs.readFileSync(installedFile('yoga-layout', 'dist/binaries/yoga-wasm-base64-esm.js'), 'utf8');
	const base64 = /"data:application\/octet-stream;base64,([A-Za-z\d+/=]+)"/.exec(source)?.[1];
	assert.ok(base64 !== undefined && base64.length > 50_000, 'the inline wasm was not found');
	// The loader's code before and after the transform, run on the same string (`a` is the data: URI less its 37-character prefix).
	const each = transform('yoga-decode-inline-wasm-with-buffer');
	const run = (code: string) => new Function('a', 'xa', `${code.slice(0, -1)}; return d;`)(`data:application/octet-stream;base64,${base64}`, atob) as Uint8Array;
	const expected = run(each.from);
	const actual = run(each.to);
	assert.equal(actual.constructor, Uint8Array);
	assert.equal(actual.length, expected.length);
	assert.ok(Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(Buffer.from(expected)), 'the bytes differ');
	// A WebAssembly module: it starts with \0asm.
	assert.deepEqual([...actual.subarray(0, 4)], [0, 0x61, 0x73, 0x6D]);
});

test('Ink drawing text widths from its measure cache draws what it draws without it: wide characters, wrapping, truncation, colors', async () => {
	// Texts whose width is not their length (the widths the transform takes from the cache decide wrapping and truncation).
	const entry = `import React from 'react'; import {renderToString, Box, Text} from 'ink';
const texts = ['────────────────────────────────────────', 'sentence 3/42  ·  token 1/9  ·  reviewed 2/42', '✓ 1  Die [Berliner] lädt ein', '漢字かな交じり文 and ASCII', '😀 ok 👍🏽 done', 'a\\u0301e\\u0301 combining', 'plain ascii that is long enough to wrap around the box twice over at least'];
const frames = [];
for (const width of [12, 20, 33]) {
	for (const wrap of ['wrap', 'truncate', 'truncate-middle']) {
		frames.push(renderToString(React.createElement(Box, {flexDirection: 'column', width}, ...texts.map((text, index) => React.createElement(Text, {key: index, wrap, color: index % 2 === 0 ? 'green' : undefined}, text))), {columns: 80}));
	}
}
console.log(JSON.stringify(frames));`;
	const draw = (bundleFile: string) => {
		const result = spawnSync(process.execPath, [bundleFile], {cwd: work, env: {...process.env, FORCE_COLOR: '1'}, encoding: 'utf8'});
		assert.equal(result.status, 0, result.stderr);
		return JSON.parse(result.stdout) as string[];
	};

	const expected = draw(await bundle(entry, []));
	const actual = draw(await bundle(entry, [transform('ink-text-width-from-measure-cache')]));
	assert.ok(expected.some(frame => frame.includes('…')), 'some texts are truncated');
	assert.deepEqual(actual, expected);
});

test('string-width measuring narrow texts by their length gives the original\'s width for every such character and text, and leaves other texts to it', async () => {
	type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;
	const {default: original} = await import('string-width') as {default: StringWidth};
	const {default: transformed} = await import(pathToFileURL(await bundle('export {default} from \'string-width\';', [transform('string-width-narrow-text-without-segmenter')])).href) as {default: StringWidth};
	const narrow = charactersOf(narrowRanges);
	for (const char of narrow) {
		assert.equal(original(char), 1, `U+${char.codePointAt(0)!.toString(16)} is one column for the original`);
		assert.equal(transformed(char), 1);
		assert.equal(original(`${char}${char}a`), 3, `U+${char.codePointAt(0)!.toString(16)} joins no neighbour into one grapheme`);
	}

	// Random texts of those characters and of others (marks, wide, emoji, format characters, ANSI): the same widths, either way of counting ambiguous ones.
	const others = ['\u0301', '漢', '😀', '\u200B', '\uFE0F', '\u001B[31m', '\u00AD', '\u2028', '\u25FD', '가', '\u1100\u1161', 'é'];
	const random = randomSource(11);
	for (let run = 0; run < 3000; run++) {
		let text = '';
		for (let piece = random(10); piece > 0; piece--) {
			text += random(5) === 0 ? others[random(others.length)]! : narrow[random(narrow.length)]!;
		}

		assert.equal(transformed(text), original(text), JSON.stringify(text));
		assert.equal(transformed(text, {ambiguousIsNarrow: false}), original(text, {ambiguousIsNarrow: false}), JSON.stringify(text));
	}

	assert.equal(transformed('ner-review  ·  s.txt  ·  sentence 1/3433'), 40);
	assert.equal(transformed('─'.repeat(119)), 119);
});

/** Counts the Intl.Segmenter objects made while `run` runs (the first one starts ICU's segmentation data: 10-15 ms). */
async function segmentersMade(run: () => unknown): Promise<number> {
	const intl = Intl as {Segmenter: typeof Intl.Segmenter};
	const original = intl.Segmenter;
	let made = 0;
	// The bundles read the global when they make one, so a stand-in seen by them counts them.
	intl.Segmenter = class extends original {
		constructor(...options: ConstructorParameters<typeof Intl.Segmenter>) {
			super(...options);
			made++;
		}
	};
	try {
		await run();
	} finally {
		intl.Segmenter = original;
	}

	return made;
}

/** Texts for the segmenter transforms: each narrow character of the fast paths, and random lines mixing them with escape codes, links and characters that join or are wide. */
function outputLines(): string[] {
	// The control characters but CR, then the narrow ones (printable ASCII among them).
	const plain = charactersOf([[0x00, 0x0C], [0x0E, 0x1F], ...narrowRanges]);
	const codes = ['\u001B[31m', '\u001B[1m', '\u001B[39m', '\u001B[22m', '\u001B[0m', '\u001B[38;5;204m', '\u001B[48;2;1;2;3m', '\u001B]8;;https://example.com\u0007', '\u001B]8;;\u0007'];
	const others = ['\u0301', '漢', '😀', '👩‍💻', '\u200B', '\u200D', '\uFE0F', '\u00AD', '\u2028', '가', '\u1100\u1161', '\r\n', '\r', '🇫🇷', '\u0915\u094D\u0937', '\u009B31m'];
	const random = randomSource(17);
	const lines = plain.map(char => `a${char}${char}b`);
	for (let run = 0; run < 3000; run++) {
		let line = '';
		for (let piece = random(24); piece > 0; piece--) {
			const kind = random(10);
			line += kind === 0 ? others[random(others.length)]! : (kind === 1 ? codes[random(codes.length)]! : plain[random(plain.length)]!);
		}

		lines.push(line);
	}

	return lines;
}

test('ansi-tokenize splitting plain lines into characters without Intl.Segmenter tokenizes every line as the original, and makes no segmenter for plain ones', async () => {
	type Tokenize = (text: string, endChar?: number) => unknown[];
	const {tokenize: original} = await import('@alcalzone/ansi-tokenize') as {tokenize: Tokenize};
	const file = await bundle('export {tokenize} from \'@alcalzone/ansi-tokenize\';', [transform('ansi-tokenize-plain-text-without-segmenter')]);
	let transformed: Tokenize | undefined;
	const plainLine = '\u001B[1m>  1  \u001B[34m[Ross]PER\u001B[39m said · it → “so” ─── café naïve\u001B[22m';
	assert.equal(await segmentersMade(async () => {
		({tokenize: transformed} = await import(pathToFileURL(file).href) as {tokenize: Tokenize});
		assert.deepEqual(transformed(plainLine), original(plainLine));
	}), 0, 'no segmenter for a plain line, nor when the module loads');
	assert.ok(transformed);
	assert.equal(await segmentersMade(() => transformed!('漢字 and e\u0301')), 1, 'other lines still go through the segmenter');
	for (const line of outputLines()) {
		assert.deepEqual(transformed(line), original(line), JSON.stringify(line));
		assert.deepEqual(transformed(line, 5), original(line, 5), JSON.stringify(line));
	}
});

test('string-width (both copies) and slice-ansi making their segmenter on first use measure and slice as the originals', async () => {
	type StringWidth = (text: string) => number;
	type SliceAnsi = (text: string, start: number, end?: number) => string;
	const {default: width8} = await import('string-width') as {default: StringWidth};
	const {default: width7} = await import(pathToFileURL(installedFile('wrap-ansi', 'node_modules/string-width/index.js')).href) as {default: StringWidth};
	const {default: slice} = await import('slice-ansi') as {default: SliceAnsi};
	const entry = `export {default as width8} from 'string-width'; export {default as width7} from ${JSON.stringify(installedFile('wrap-ansi', 'node_modules/string-width/index.js'))}; export {default as slice} from 'slice-ansi';`;
	const file = await bundle(entry, [transform('string-width-segmenter-on-first-use'), transform('slice-ansi-segmenter-on-first-use')]);
	let transformed: {width8: StringWidth; width7: StringWidth; slice: SliceAnsi} | undefined;
	assert.equal(await segmentersMade(async () => {
		transformed = await import(pathToFileURL(file).href) as typeof transformed;
	}), 0, 'no segmenter made when the modules load');
	assert.ok(transformed);
	assert.equal(await segmentersMade(() => transformed!.width8('abc')), 0, 'printable ASCII needs none');
	for (const [index, line] of outputLines().entries()) {
		assert.equal(transformed.width8(line), width8(line), JSON.stringify(line));
		assert.equal(transformed.width7(line), width7(line), JSON.stringify(line));
		assert.equal(transformed.slice(line, index % 7, 3 + (index % 11)), slice(line, index % 7, 3 + (index % 11)), JSON.stringify(line));
	}
});

/** Counts the regexes made with `source` in them while `run` runs: the bundles lower `v`-flag literals to `new RegExp`, which reads the global. */
async function regexesMade(source: string, run: () => unknown): Promise<number> {
	const global = globalThis as {RegExp: RegExpConstructor};
	const original = global.RegExp;
	let made = 0;
	global.RegExp = new Proxy(original, {
		construct(target, parameters: [string | RegExp, string?]) {
			if (String(parameters[0]).includes(source)) {
				made++;
			}

			return Reflect.construct(target, parameters);
		},
	});
	try {
		await run();
	} finally {
		global.RegExp = original;
	}

	return made;
}

test('string-width making its RGI_Emoji regex on first use measures as the original, and makes none when it loads or for plain text', async () => {
	type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;
	const {default: original} = await import('string-width') as {default: StringWidth};
	const file = await bundle('export {default} from \'string-width\';', [transform('string-width-emoji-regex-on-first-use')]);
	let transformed: StringWidth | undefined;
	assert.equal(await regexesMade('RGI_Emoji', async () => {
		({default: transformed} = await import(pathToFileURL(file).href) as {default: StringWidth});
		assert.equal(transformed('plain text'), 10);
	}), 0, 'none when the module loads, nor for printable ASCII');
	assert.ok(transformed);
	assert.equal(await regexesMade('RGI_Emoji', () => transformed!('😀 and 👩‍💻')), 1, 'a text with emoji makes it');
	assert.equal(await regexesMade('RGI_Emoji', () => transformed!('🇫🇷 again')), 0, 'once');
	const emoji = ['😀', '👩‍💻', '🇫🇷', '1\uFE0F\u20E3', '#\u20E3', '☺', '☺\uFE0F', '👍🏽', '🏳️‍🌈', '\u{1F9D1}\u200D\u{1F91D}\u200D\u{1F9D1}', '©\uFE0F', '↔\uFE0F'];
	for (const line of [...emoji, ...outputLines()]) {
		assert.equal(transformed(line), original(line), JSON.stringify(line));
		assert.equal(transformed(line, {ambiguousIsNarrow: false}), original(line, {ambiguousIsNarrow: false}), JSON.stringify(line));
	}
});

const childProcessLoaded = 'process.moduleLoadList.includes(\'NativeModule child_process\')';

test('meow without its dropped promisify(execFile) parses as the original, and does not load node:child_process', async () => {
	const file = await bundle('export {default} from \'meow\';', [transform('meow-normalize-package-data-on-first-use'), transform('meow-no-child-process-import'), transform('meow-no-dropped-promisify')]);
	const parse = (module: string) => `const {default: meow} = await import(${JSON.stringify(module)}); const loadedAtImport = ${childProcessLoaded};
const cli = meow('help', {importMeta: import.meta, argv: ['check', 'a.txt', '--scheme', 'IOB2', '--no-backup'], flags: {scheme: {type: 'string'}, backup: {type: 'boolean', default: true}}});
console.log(JSON.stringify({input: cli.input, flags: cli.flags, loadedAtImport}));`;
	const original = runModule(parse('meow')) as {loadedAtImport: boolean};
	const transformed = runModule(parse(pathToFileURL(file).href)) as {loadedAtImport: boolean};
	assert.equal(original.loadedAtImport, true, 'the original loads it: the transform is for that');
	assert.deepEqual(transformed, {...original, loadedAtImport: false});
});

test('terminal-size loading node:child_process on first use gives the original\'s size, from the environment and from its command fallbacks', async () => {
	const file = await bundle('export {default} from \'terminal-size\';', [transform('terminal-size-child-process-on-first-use')]);
	const measure = (module: string) => `const loadedBefore = ${childProcessLoaded}; const {default: terminalSize} = await import(${JSON.stringify(module)}); const loadedAtImport = ${childProcessLoaded};
console.log(JSON.stringify({size: terminalSize(), loadedBefore, loadedAtImport, loadedAfter: ${childProcessLoaded}}));`;
	for (const env of [{COLUMNS: '133', LINES: '41'}, {COLUMNS: '', LINES: ''}]) {
		// No terminal on stdout here: without COLUMNS and LINES the module runs its commands (tput, resize), which load node:child_process.
		const original = runModule(measure('terminal-size'), env) as {size: unknown; loadedAtImport: boolean};
		const transformed = runModule(measure(pathToFileURL(file).href), env) as {size: unknown; loadedBefore: boolean; loadedAtImport: boolean};
		assert.deepEqual(transformed.size, original.size, JSON.stringify(env));
		assert.equal(original.loadedAtImport, true);
		assert.equal(transformed.loadedBefore, false);
		assert.equal(transformed.loadedAtImport, false, 'not loaded when the module loads');
	}
});

test('restore-cursor shows the cursor on the terminal at exit, never in a redirected stderr', async () => {
	const file = await bundle('export {default} from \'cli-cursor\';', [transform('restore-cursor-on-the-terminal')]);
	const showCursor = '\u001B[?25h';
	/** Ink hides the cursor on a terminal stdout; the process then ends. What reached stdout and stderr (pipes here: a redirection). */
	const exitAfterHiding = (module: string, stdoutIsTerminal: boolean) => {
		const script = `const {default: cliCursor} = await import(${JSON.stringify(module)});
${stdoutIsTerminal ? 'Object.defineProperty(process.stdout, \'isTTY\', {value: true});' : ''}
cliCursor.hide({isTTY: true, write() {}});`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {cwd: repoRoot, encoding: 'utf8'});
		assert.equal(result.status, 0, result.stderr);
		return {stdout: result.stdout, stderr: result.stderr};
	};

	// What the transform is for: the original writes it to stderr, whatever stderr is.
	assert.deepEqual(exitAfterHiding('cli-cursor', true), {stdout: '', stderr: showCursor});
	const transformed = pathToFileURL(file).href;
	assert.deepEqual(exitAfterHiding(transformed, true), {stdout: showCursor, stderr: ''}, 'on the terminal, as Ink hid it there');
	assert.deepEqual(exitAfterHiding(transformed, false), {stdout: '', stderr: ''}, 'no terminal on stdout: nowhere');
});

test('Ink\'s sanitizeAnsi keeping texts whose only escape codes are colours gives the original\'s text for every line, colours or not', async () => {
	type Sanitize = (text: string) => string;
	const sanitizeFile = installedFile('ink', 'build/sanitize-ansi.js');
	const {default: original} = await import(pathToFileURL(sanitizeFile).href) as {default: Sanitize};
	// A relative path: Ink's package exports do not name the module.
	const file = await bundle(`export {default} from ${JSON.stringify(`./${path.relative(repoRoot, sanitizeFile)}`)};`, [transform('ink-sanitize-ansi-colours-only')]);
	const {default: transformed} = await import(pathToFileURL(file).href) as {default: Sanitize};
	// Codes beside plain colours, which the original strips or keeps by its own rules: cursor moves, private and intermediate CSI, 8-bit CSI, ST and C1, ESC sequences, OSC and DCS strings, malformed codes, and SGR edge cases (`;m`, `:m`, `m`).
	const stripped = ['\u001B[2J', '\u001B[?25l', '\u001B[1;2H', '\u001B[1 q', '\u001B[<1m', '\u001B[31;1!m', '\u001B(B', '\u001B7', '\u001B[', '\u001B', '\u009B2K', '\u009B31m', '\u009C', '\u0085', '\u001B]0;title\u0007', '\u001BP1$r\u001B\\', '\u001B[31;m', '\u001B[:m', '\u001B[m'];
	const random = randomSource(29);
	const lines = [...outputLines(), ...stripped.map(code => `a${code}b`), ...stripped];
	for (let run = 0; run < 2000; run++) {
		let line = '';
		for (let piece = random(12); piece > 0; piece--) {
			line += random(3) === 0 ? stripped[random(stripped.length)]! : lines[random(lines.length)]!;
		}

		lines.push(line);
	}

	let kept = 0;
	for (const line of lines) {
		const expected = original(line);
		assert.equal(transformed(line), expected, JSON.stringify(line));
		kept += line.includes('\u001B') && expected === line ? 1 : 0;
	}

	assert.ok(kept > 100, `lines with colours kept whole: ${kept}`);
});
