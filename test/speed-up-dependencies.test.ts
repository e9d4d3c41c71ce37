/**
The postinstall patches (scripts/speed-up-dependencies.mjs): each rewrites its line and nothing else,
running twice changes nothing more, and a file without the line is left as it is. The last test
checks this checkout's own node_modules, so a dependency update that moves a line shows up here.
*/
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {installedPackageFolder, patches, speedUpDependencies, type Patch} from '../scripts/speed-up-dependencies.mjs';
import {repoRoot} from './helpers/tmux.js';

/** A folder of fake packages, each file holding `content(patch)` between a first and a last line. */
function fakePackages(content: (patch: Patch) => string): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-speed-up-'));
	for (const patch of patches) {
		const file = fileIn(root, patch);
		fs.mkdirSync(path.dirname(file), {recursive: true});
		const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '// first line\n';
		fs.writeFileSync(file, `${before}${content(patch)}\n// last line\n`);
	}

	// What Ink's es-toolkit patch needs beside it.
	fs.mkdirSync(path.join(root, 'es-toolkit', 'compat'), {recursive: true});
	fs.writeFileSync(path.join(root, 'es-toolkit', 'compat', 'throttle.mjs'), '');
	return root;
}

const fileIn = (root: string, patch: Patch) => path.join(root, patch.package, patch.file);
const packagesIn = (root: string) => (name: string) => path.join(root, name);
const contents = (root: string) => patches.map(patch => fs.readFileSync(fileIn(root, patch), 'utf8'));

test('each patch replaces its line, keeps the rest of the file, and a second run changes nothing', () => {
	const root = fakePackages(patch => patch.from);
	try {
		assert.equal(speedUpDependencies(packagesIn(root)), patches.length);
		for (const patch of patches) {
			const source = fs.readFileSync(fileIn(root, patch), 'utf8');
			assert.ok(source.includes(patch.to), `${patch.file}: ${patch.to} is missing`);
			assert.ok(!source.includes(patch.from), `${patch.file}: ${patch.from} is still there`);
			assert.ok(source.startsWith('// first line\n') && source.endsWith('\n// last line\n'));
		}

		const after = contents(root);
		assert.equal(speedUpDependencies(packagesIn(root)), 0);
		assert.deepEqual(contents(root), after);
	} finally {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

test('a file without the line (another version) is left byte for byte', () => {
	const root = fakePackages(patch => `// ${patch.package} moved this import elsewhere`);
	try {
		const before = contents(root);
		assert.equal(speedUpDependencies(packagesIn(root)), 0);
		assert.deepEqual(contents(root), before);
	} finally {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

test('the es-toolkit patch waits for the single-function entry it points at', () => {
	const root = fakePackages(patch => patch.from);
	try {
		fs.rmSync(path.join(root, 'es-toolkit'), {recursive: true});
		assert.equal(speedUpDependencies(packagesIn(root)), patches.length - 1);
		assert.ok(fs.readFileSync(path.join(root, 'ink', 'build', 'ink.js'), 'utf8').includes("import { throttle } from 'es-toolkit/compat';"));
	} finally {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

test('npm install ran the patches on this checkout: every line of the installed versions was found', () => {
	for (const patch of patches) {
		const file = path.join(installedPackageFolder(patch.package), patch.file);
		const source = fs.readFileSync(file, 'utf8');
		assert.ok(source.includes(patch.to), `${file} is not patched: does it still hold ${JSON.stringify(patch.from)}? (run npm install)`);
	}
});

test('Yoga loads and lays out without loading Node\'s HTTP client', () => {
	const script = "const {default: Yoga} = await import('yoga-layout'); const node = Yoga.Node.create(); node.setWidth(12); node.calculateLayout(); console.log(node.getComputedWidth(), process.moduleLoadList.some(name => name.includes('undici')));";
	const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: repoRoot, encoding: 'utf8'});
	assert.equal(output.trim(), '12 false');
});

test('the patched styledCharsToString joins styled characters exactly as the original did', async () => {
	const {ansiCodesToString, diffAnsiCodes, styledCharsFromTokens, styledCharsToString, tokenize} = await import('@alcalzone/ansi-tokenize');
	type Chars = Parameters<typeof styledCharsToString>[0];
	// ansi-tokenize 0.2's own styledCharsToString, before the patch.
	const original = (chars: Chars) => {
		let result = '';
		for (let i = 0; i < chars.length; i++) {
			const char = chars[i]!;
			result += i === 0 ? ansiCodesToString(char.styles) : ansiCodesToString(diffAnsiCodes(chars[i - 1]!.styles, char.styles));
			result += char.value;
			if (i === chars.length - 1) {
				result += ansiCodesToString(diffAnsiCodes(char.styles, []));
			}
		}

		return result;
	};

	const codes = ['\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[4m', '\u001B[24m', '\u001B[7m', '\u001B[27m', '\u001B[0m', '\u001B[2m'];
	let state = 7;
	const random = (below: number) => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state % below;
	};

	for (let run = 0; run < 500; run++) {
		let line = '';
		for (let piece = random(12); piece > 0; piece--) {
			line += random(3) === 0 ? codes[random(codes.length)]! : 'ab c'.slice(random(4));
		}

		const chars = styledCharsFromTokens(tokenize(line));
		assert.equal(styledCharsToString(chars), original(chars), JSON.stringify(line));
	}
});
