/**
The command line as data: the subcommands and the flags, each flag with the commands it applies
to and the one function that checks its value. `cli.tsx` parses once with these tables for every
subcommand, `--help` and the readme's command-line section are generated from them, so a flag is
checked, documented and offered the same way everywhere. Every bad value is a UsageError: one line
and exit code 2.
*/
import {knownMiscKeys, sameFile, schemeNames, type SchemeName} from '../corpus/index.js';
import {parseColumn, parseFileName, parseLabels, parseMiscKey, parseScheme, parseTagColumn, UsageError} from './flag-values.js';

export {UsageError} from './flag-values.js';

export type CommandName = 'review' | 'check' | 'stats' | 'compare' | 'diff';

export type CommandDefinition = {
	readonly name: CommandName;
	/** How the command is written, for --help and the readme. */
	readonly usage: string;
	readonly summary: string;
	/** How many FILE arguments it takes. */
	readonly files: {readonly min: number; readonly max: number};
};

export const commands: readonly CommandDefinition[] = [
	{name: 'review', usage: 'ner-review [FILE]', summary: 'review and fix the labels of FILE in the terminal', files: {min: 0, max: 1}},
	{name: 'check', usage: 'ner-review check FILE...', summary: 'print every problem as FILE:LINE: message, most suspicious first (exit 1 if a check finds any: the tagger\'s doubts alone do not fail a CI run); several files are checked against each other', files: {min: 1, max: Number.POSITIVE_INFINITY}},
	{name: 'stats', usage: 'ner-review stats FILE', summary: 'print counts per type, tag and problem (--json for machines)', files: {min: 1, max: 1}},
	{name: 'compare', usage: 'ner-review compare A B', summary: 'score B against A (same tokens): precision, recall, F1 per type, differences', files: {min: 1, max: 2}},
	{name: 'diff', usage: 'ner-review diff [ORIGINAL] EDITED', summary: 'for a dataset pull request: EDITED\'s changed entities by sentence and line, its flagged sentences and notes (exit 1 if the files differ); ORIGINAL defaults to EDITED.bak', files: {min: 1, max: 2}},
];

/** What the flags give, checked and converted. */
export type Options = {
	/** 1-based, as typed. */
	readonly tagColumn?: number;
	readonly scheme?: SchemeName;
	readonly labels?: readonly string[];
	readonly output?: string;
	readonly backup: boolean;
	readonly json: boolean;
	/** The MISC key holding the tags in CoNLL-U. */
	readonly miscKey?: string;
	/** Review: the second file to compare with. */
	readonly compare?: string;
	/** Review: the second tag column to compare with, 1-based. */
	readonly compareColumn?: number;
	/** `compare --column N FILE`: the column scored against FILE's tag column, 1-based. */
	readonly column?: number;
	/** Read-only corpora that count for consistency and train the tagger (the training set while reviewing test). */
	readonly references: readonly string[];
	/** `check`: print the problems in file order rather than most suspicious first. */
	readonly fileOrder: boolean;
	/** `diff`: a unified diff of the files instead of the list of changed entities. */
	readonly unified: boolean;
	/** `diff --unsaved FILE`: the edits of FILE's journal, not saved yet. */
	readonly unsaved: boolean;
};

type FlagValue = string | boolean | readonly string[] | undefined;

export type FlagDefinition = {
	/** The flag as typed, without the dashes (`tag-column`). */
	readonly name: string;
	/** The key in Options and in meow's result. */
	readonly key: keyof Options;
	readonly type: 'string' | 'boolean';
	readonly default?: boolean;
	/** The flag may be given several times (`--reference train --reference dev`). */
	readonly multiple?: boolean;
	/** The value's placeholder in --help (`N`). */
	readonly valueName?: string;
	/** How --help writes the flag, when not `--name VALUE`. */
	readonly display?: string;
	readonly description: string;
	readonly commands: readonly CommandName[];
	/** Checks and converts the raw value; throws UsageError. */
	readonly parse: (value: FlagValue) => unknown;
};

const all: readonly CommandName[] = ['review', 'check', 'stats', 'compare', 'diff'];

export const flagDefinitions: readonly FlagDefinition[] = [
	{
		name: 'tag-column',
		key: 'tagColumn',
		type: 'string',
		valueName: 'N',
		description: '1-based column of the NER tags (default: the first column of entity tags, or MISC name= in CoNLL-U)',
		commands: all,
		parse: value => (value === undefined ? undefined : parseTagColumn(String(value))),
	},
	{
		name: 'scheme',
		key: 'scheme',
		type: 'string',
		valueName: 'NAME',
		description: `${schemeNames.join(', ')} (default: detected)`,
		commands: all,
		parse: value => (value === undefined ? undefined : parseScheme(String(value))),
	},
	{
		name: 'misc-key',
		key: 'miscKey',
		type: 'string',
		valueName: 'KEY',
		description: `the CoNLL-U MISC key holding the tags (default: ${knownMiscKeys.join(', ')}); also tried on the other file of a comparison`,
		commands: all,
		parse: value => (value === undefined ? undefined : parseMiscKey(String(value))),
	},
	{
		name: 'compare',
		key: 'compare',
		type: 'string',
		valueName: 'OTHER',
		description: 'show OTHER\'s labels beside FILE\'s (same tokens) and walk the differences; edits go to FILE',
		commands: ['review'],
		parse: value => (value === undefined ? undefined : parseFileName(String(value), '--compare')),
	},
	{
		name: 'compare-column',
		key: 'compareColumn',
		type: 'string',
		valueName: 'N',
		description: 'the same, with column N of FILE as the other side (a conlleval file\'s predictions)',
		commands: ['review'],
		parse: value => (value === undefined ? undefined : parseColumn(String(value), '--compare-column')),
	},
	{
		name: 'column',
		key: 'column',
		type: 'string',
		valueName: 'N',
		description: 'compare one FILE: score its column N against its tag column (ner-review compare --column N FILE)',
		commands: ['compare'],
		parse: value => (value === undefined ? undefined : parseColumn(String(value), '--column')),
	},
	{
		name: 'labels',
		key: 'labels',
		type: 'string',
		valueName: 'A,B,C',
		description: 'order of the label bar (keys 1..9); default: the file\'s types by frequency (a large file: in the part read for the first screen; types found later join the end), then the order of your last session (kept in FILE.review.json); the order never changes under a number key',
		commands: ['review'],
		parse: value => (value === undefined ? undefined : parseLabels(String(value))),
	},
	{
		name: 'output',
		key: 'output',
		type: 'string',
		valueName: 'OUT',
		description: 'save to OUT and leave FILE untouched',
		commands: ['review'],
		parse(value) {
			if (value === undefined) {
				return undefined;
			}

			if (String(value).trim() === '') {
				throw new UsageError('--output needs a file name');
			}

			return String(value);
		},
	},
	{
		name: 'backup',
		key: 'backup',
		type: 'boolean',
		default: true,
		display: '--no-backup',
		description: 'do not keep FILE.bak before the first save',
		commands: ['review'],
		parse: value => value !== false,
	},
	{
		name: 'json',
		key: 'json',
		type: 'boolean',
		default: false,
		description: 'print JSON',
		commands: ['check', 'stats', 'compare', 'diff'],
		parse: value => value === true,
	},
	{
		name: 'reference',
		key: 'references',
		type: 'string',
		multiple: true,
		valueName: 'FILE',
		description: 'a read-only corpus that counts for consistency and trains the tagger (repeatable: the training set while reviewing test)',
		commands: ['review', 'check', 'stats'],
		parse(value) {
			const files = value === undefined ? [] : (Array.isArray(value) ? value : [value]) as string[];
			if (files.some(file => file.trim() === '')) {
				throw new UsageError('--reference needs a file name');
			}

			return files;
		},
	},
	{
		name: 'file-order',
		key: 'fileOrder',
		type: 'boolean',
		default: false,
		description: 'check: every problem as it is found, streamed in file order, not most suspicious first (one line per token, a 1-against-1 tie from both sides; with --json, the queue\'s entries in file order; the tagger is not run in file order)',
		commands: ['check'],
		parse: value => value === true,
	},
	{
		name: 'unified',
		key: 'unified',
		type: 'boolean',
		default: false,
		description: 'diff: a unified diff of the files (raw bytes into a pipe, for patch or git apply; sanitised on a terminal)',
		commands: ['diff'],
		parse: value => value === true,
	},
	{
		name: 'unsaved',
		key: 'unsaved',
		type: 'boolean',
		default: false,
		description: 'diff FILE: the edits not saved yet (from its review journal, read only) instead of FILE.bak against FILE',
		commands: ['diff'],
		parse: value => value === true,
	},
];

export type CommandLine = {
	readonly command: CommandName;
	readonly files: readonly string[];
	readonly options: Options;
};

/** The key meow gives a flag's value under: the name as typed, in camel case (`tag-column` is `tagColumn`). */
export function meowKey(flag: Pick<FlagDefinition, 'name'>): string {
	return flag.name.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
The flags meow should parse: all of them as typed (values are checked by `parseCommandLine`). Every
string flag is a list to meow: it refuses a second value of any other by throwing an Error with a
stack and the flag's camel-case name, and `parseCommandLine` says it in one line instead.
*/
export function meowFlags(): Record<string, {type: 'string'; isMultiple: true} | {type: 'boolean'; default?: boolean}> {
	return Object.fromEntries(flagDefinitions.map(flag => [meowKey(flag), flag.type === 'string' ? {type: 'string', isMultiple: true} : {type: 'boolean', default: flag.default}]));
}

/**
Checks what meow parsed: the subcommand, its FILE arguments, and every flag's value and whether it
applies to that command. `given` holds the flags the user actually typed (meow fills in defaults).
*/
export function parseCommandLine(input: readonly string[], flags: Readonly<Record<string, FlagValue>>, given: ReadonlyMap<string, string>): CommandLine {
	for (const name of given.keys()) {
		if (!flagDefinitions.some(flag => flag.name === name) && name !== 'help' && name !== 'version') {
			throw new UsageError(`unknown flag ${name.length === 1 ? '-' : '--'}${name} (see --help)`);
		}
	}

	const named = commands.find(command => command.name !== 'review' && command.name === input[0]);
	const command = named ?? commands[0]!;
	const files = named === undefined ? input : input.slice(1);
	// The flags first: `--tag-column train.conll` (its number forgotten) is about the flag, not the files.
	const options: Record<string, unknown> = {};
	for (const flag of flagDefinitions) {
		if (given.has(flag.name) && !flag.commands.includes(command.name)) {
			throw new UsageError(`${given.get(flag.name)!} does not apply to ${command.name === 'review' ? 'the interactive review' : `ner-review ${command.name}`}`);
		}

		options[flag.key] = flag.parse(onlyValue(flag, flags[meowKey(flag)]));
	}

	if (files.length < command.files.min || files.length > command.files.max) {
		throw new UsageError(command.name === 'review' ? 'give one FILE at most (see --help)' : `usage: ${command.usage}`);
	}

	// A reference named twice, or the file itself as one, would count its mentions twice.
	const references = (options['references'] as string[]).filter((reference, index, all) => !files.some(file => sameFile(file, reference)) && all.findIndex(other => sameFile(other, reference)) === index);
	const checked = {...options, references} as unknown as Options;
	if (checked.compare !== undefined && checked.compareColumn !== undefined) {
		throw new UsageError('give --compare OTHER or --compare-column N, not both');
	}

	if (command.name === 'compare') {
		if (files.length === 1 && checked.column === undefined) {
			throw new UsageError('usage: ner-review compare A B, or ner-review compare --column N FILE');
		}

		if (files.length === 2 && checked.column !== undefined) {
			throw new UsageError('--column compares two columns of one FILE: give one file with it');
		}
	}

	if (checked.unsaved && files.length !== 1) {
		throw new UsageError('--unsaved shows the unsaved edits of one FILE: give one file with it');
	}

	if (checked.unified && checked.json) {
		throw new UsageError('give --unified or --json, not both');
	}

	return {command: command.name, files, options: checked};
}

/** A flag's value as its parser takes it: one value, unless the flag may be given several times. */
function onlyValue(flag: FlagDefinition, value: FlagValue): FlagValue {
	if (flag.multiple === true || !Array.isArray(value)) {
		return value;
	}

	if (value.length > 1) {
		throw new UsageError(`--${flag.name} is given ${value.length} times: give it once`);
	}

	return value[0];
}

/**
The flag names typed on the command line (`--tag-column=3`, `--no-backup` and `--json` all count;
`-x` is the one-letter flag `x`, which ner-review has none of), each with the way it was typed
(`backup` as `--no-backup`), for messages.
*/
export function typedFlags(argv: readonly string[]): Map<string, string> {
	const typed = new Map<string, string>();
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--') {
			break;
		}

		const match = /^--(?:no-)?([^=]+)(=?)/.exec(argument) ?? /^-([a-zA-Z])()/.exec(argument);
		if (match !== null) {
			typed.set(match[1]!, argument.split('=')[0]!);
			// `--tag-column -1`: the next argument is the value, however it looks.
			if (match[2] === '' && flagDefinitions.some(flag => flag.name === match[1] && flag.type === 'string')) {
				index++;
			}
		}
	}

	return typed;
}
