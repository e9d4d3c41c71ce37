/**
The house rules a newcomer relies on (issue 14), checked on the source tree: small files, and one
front door per room (the UI and the command line reach the review engine only through
source/review/index.ts, or its compare room's own source/review/compare/index.ts, and everything outside source/corpus/ reaches the corpus engine only through
source/corpus/index.ts).
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const maxLines = 400;

function sourceFiles(folder: string): string[] {
	return fs.readdirSync(folder, {withFileTypes: true, recursive: true})
		.filter(entry => entry.isFile() && /\.tsx?$/.test(entry.name))
		.map(entry => path.join(entry.parentPath, entry.name));
}

const files = [...sourceFiles(path.join(root, 'source')), path.join(root, 'cli.tsx')];

/** The modules a file imports (static and dynamic), resolved to paths under the repository. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(match => match[1]!);
	return specifiers.map(specifier => path.relative(root, path.resolve(path.dirname(file), specifier)).replace(/\.js$/, ''));
}

test(`no source file is over ${maxLines} lines`, () => {
	assert.ok(files.length > 50, `found only ${files.length} source files: the walk is wrong`);
	const long = files
		.map(file => ({file: path.relative(root, file), lines: fs.readFileSync(file, 'utf8').split('\n').length - 1}))
		.filter(each => each.lines > maxLines);
	assert.deepEqual(long, []);
});

test('the UI and the command line import the review engine only through its front door', () => {
	const outside = files.filter(file => !file.includes(`${path.sep}source${path.sep}review${path.sep}`));
	const trespass = outside.flatMap(file => importsOf(file)
		.filter(target => target.startsWith('source/review/') && target !== 'source/review/index' && target !== 'source/review/compare/index')
		.map(target => `${path.relative(root, file)} -> ${target}`));
	assert.deepEqual(trespass, []);
});

test('everything outside the corpus engine imports it only through its front door', () => {
	const outside = files.filter(file => !file.includes(`${path.sep}source${path.sep}corpus${path.sep}`));
	const trespass = outside.flatMap(file => importsOf(file)
		.filter(target => target.startsWith('source/corpus/') && target !== 'source/corpus/index')
		.map(target => `${path.relative(root, file)} -> ${target}`));
	assert.deepEqual(trespass, []);
});

test('the corpus engine imports nothing from the review engine or the UI', () => {
	const corpus = files.filter(file => file.includes(`${path.sep}source${path.sep}corpus${path.sep}`));
	const upward = corpus.flatMap(file => importsOf(file)
		.filter(target => target.startsWith('source/review/') || target.startsWith('source/ui/') || target.startsWith('source/cli/'))
		.map(target => `${path.relative(root, file)} -> ${target}`));
	assert.deepEqual(upward, []);
});
