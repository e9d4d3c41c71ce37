/**
The flag table: one parser and one validation for every subcommand, each bad value a UsageError
(one line, exit 2 in the CLI).
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import meow from 'meow';
import {flagDefinitions, meowFlags, parseCommandLine, typedFlags, UsageError} from '../source/cli/flags.js';
import {flagsOf, helpText} from '../source/cli/help.js';

/** Parses argv the way cli.tsx does: meow with the flag table, then the checks of parseCommandLine. */
function parse(...argv: string[]) {
	const cli = meow('', {importMeta: import.meta, argv, flags: meowFlags(), description: false, autoHelp: false, autoVersion: false});
	return parseCommandLine(cli.input, cli.flags, typedFlags(argv));
}

const rejects = (pattern: RegExp, ...argv: string[]) => {
	assert.throws(() => parse(...argv), (error: unknown) => error instanceof UsageError && pattern.test(error.message) && !error.message.includes('\n'), argv.join(' '));
};

describe('--tag-column is checked the same for every command', () => {
	for (const command of [[], ['check'], ['stats']]) {
		test(`${command[0] ?? 'review'}: 0, -1, abc, 1.5 and 1 are refused; 3 is taken`, () => {
			for (const value of ['0', '-1', 'abc', '1.5', '1', '']) {
				rejects(/--tag-column takes a column number of 2 or more/, ...command, '--tag-column', value, 'file.conll');
			}

			assert.equal(parse(...command, '--tag-column', '3', 'file.conll').options.tagColumn, 3);
		});
	}

	test('typedFlags reads `--tag-column -1` as a flag and its value, not as two flags', () => {
		assert.deepEqual([...typedFlags(['--tag-column', '-1', 'x'])], [['tag-column', '--tag-column']]);
		assert.deepEqual([...typedFlags(['--tag-column=3', '--no-backup', '-q'])], [['tag-column', '--tag-column'], ['backup', '--no-backup'], ['q', '-q']]);
	});
});

describe('every flag reaches its option as typed (meow reads them by their camel-case names)', () => {
	test('--reference, repeated, in both spellings', () => {
		assert.deepEqual(parse('check', '--reference', 'train.conll', '--reference=dev.conll', 'test.conll').options.references, ['train.conll', 'dev.conll']);
		assert.deepEqual(parse('check', 'test.conll').options.references, []);
	});

	test('each string flag\'s value is the one typed', () => {
		const values: Record<string, [string, unknown]> = {'tag-column': ['3', 3], scheme: ['BIOES', 'BIOES'], 'misc-key': ['NE', 'NE'], labels: ['PER,LOC', ['PER', 'LOC']], output: ['out.conll', 'out.conll'], compare: ['other.conll', 'other.conll'], 'compare-column': ['4', 4]};
		for (const flag of flagDefinitions.filter(each => each.type === 'string' && each.commands.includes('review') && each.multiple !== true)) {
			const [typed, expected] = values[flag.name] ?? assert.fail(`no test value for --${flag.name}`);
			assert.deepEqual(parse(`--${flag.name}`, typed, 'file.conll').options[flag.key], expected, flag.name);
		}
	});

	test('a reference named twice, or the checked file itself as one, counts once', () => {
		assert.deepEqual(parse('check', '--reference', 'train.conll', '--reference', './train.conll', '--reference', 'test.conll', 'test.conll').options.references, ['train.conll']);
	});

	test('a flag that takes one value given twice is refused in one line, naming it as typed', () => {
		rejects(/^--tag-column is given 2 times: give it once$/, 'check', '--tag-column', '3', '--tag-column', '4', 'x');
		rejects(/^--no-backup does not apply to ner-review check$/, 'check', '--no-backup', 'x');
	});
});

describe('values are checked where they enter', () => {
	test('--labels refuses names with spaces, line breaks, prefixes, O or invisible characters', () => {
		rejects(/space/, '--labels', 'PER,New York', 'x');
		rejects(/space or a line break/, '--labels', 'AB\nCD', 'x');
		rejects(/prefix/, '--labels', 'B-PER', 'x');
		rejects(/outside/, '--labels', 'O', 'x');
		rejects(/invisible/, '--labels', 'PER\u200B', 'x');
		rejects(/invisible/, '--labels', '\u3164', 'x');
		assert.deepEqual(parse('--labels', 'PER, LOC,,PER', 'x').options.labels, ['PER', 'LOC']);
	});

	test('--scheme takes a known scheme in any case', () => {
		assert.equal(parse('--scheme', 'bioes', 'x').options.scheme, 'BIOES');
		rejects(/unknown --scheme "BIOX"/, '--scheme', 'BIOX', 'x');
	});

	test('a flag of another command, an unknown flag and a wrong number of files are usage errors', () => {
		rejects(/--output does not apply to ner-review check/, 'check', '--output', 'o', 'x');
		rejects(/--json does not apply to the interactive review/, '--json', 'x');
		rejects(/unknown flag --bogus/, '--bogus', 'x');
		rejects(/usage: ner-review check FILE/, 'check');
		rejects(/one FILE at most/, 'a', 'b');
		rejects(/--output needs a file name/, '--output', ' ', 'x');
	});

	test('diff takes ORIGINAL EDITED or one FILE, and --unified or --json, not both', () => {
		assert.deepEqual(parse('diff', 'a', 'b').files, ['a', 'b']);
		assert.equal(parse('diff', '--unified', 'x').options.unified, true);
		rejects(/usage: ner-review diff \[ORIGINAL\] EDITED/, 'diff');
		rejects(/usage: ner-review diff/, 'diff', 'a', 'b', 'c');
		rejects(/give --unified or --json, not both/, 'diff', '--unified', '--json', 'a', 'b');
		rejects(/--unified does not apply to ner-review check/, 'check', '--unified', 'x');
	});

	test('defaults: backup on, json off; --no-backup turns backup off', () => {
		assert.deepEqual(parse('x').options, {tagColumn: undefined, scheme: undefined, miscKey: undefined, compare: undefined, compareColumn: undefined, column: undefined, labels: undefined, output: undefined, backup: true, json: false, references: [], fileOrder: false, unified: false, unsaved: false});
		assert.equal(parse('--no-backup', 'x').options.backup, false);
	});
});

test('--help documents every flag of every command', () => {
	const help = helpText('keys');
	for (const command of ['review', 'check', 'stats', 'compare', 'diff'] as const) {
		for (const flag of flagsOf(command)) {
			assert.ok(help.includes(flag.display ?? `--${flag.name}`), `--help lacks ${flag.name}`);
			assert.ok(help.includes(flag.description), `--help lacks the description of ${flag.name}`);
		}
	}
});
