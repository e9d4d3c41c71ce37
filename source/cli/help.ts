/**
The `--help` text and the readme's command-line section, generated from the command and flag
tables (and the key hint from the keymap), so they never say something the parser does not do.
*/
import {commands, flagDefinitions, type CommandName, type FlagDefinition} from './flags.js';

/** `--tag-column N`, as --help and the readme write a flag. */
export function flagUsage(flag: FlagDefinition): string {
	return flag.display ?? `--${flag.name}${flag.valueName === undefined ? '' : ` ${flag.valueName}`}`;
}

function appliesTo(flag: FlagDefinition): string {
	const names = flag.commands.map(command => (command === 'review' ? 'review' : command));
	return names.length === commands.length ? '' : ` [${names.join(', ')}]`;
}

/** The usage lines and the flag list, as both --help and the readme show them. */
export function commandLineSummary(): string[] {
	const usageWidth = Math.max(...commands.map(command => command.usage.length));
	const flagWidth = Math.max(...flagDefinitions.map(flag => flagUsage(flag).length));
	return [
		...commands.map(command => `${command.usage.padEnd(usageWidth)}  ${command.summary}`),
		...flagDefinitions.map(flag => `  ${flagUsage(flag).padEnd(flagWidth)}  ${flag.description}${appliesTo(flag)}`),
	];
}

/** Which commands a flag belongs to, for a test that every command's flags are documented. */
export function flagsOf(command: CommandName): FlagDefinition[] {
	return flagDefinitions.filter(flag => flag.commands.includes(command));
}

/** The whole --help text (meow prints it, indented, after the package description). */
export function helpText(keyHint: string): string {
	return [
		'Usage',
		...commandLineSummary().map(line => `  ${line}`),
		'  --help, --version',
		'',
		'Opens FILE (a token-per-line NER corpus: CoNLL columns or WikiSER <s>/</s>) to review and fix its',
		'entity labels with the keyboard, and saves back to the same file, changing only the edited tags.',
		'Without FILE, opens a copy of a small demo corpus. Flags marked [...] apply to those commands only.',
		'',
		'Keys',
		`  ${keyHint}`,
		'',
		'Exit codes',
		'  0 success (check: no problems; diff: the files are identical),',
		'  1 check found problems, diff found differences,',
		'  2 usage or input error (a one-line message names the file and line),',
		'  70 internal error (a bug: the terminal is restored, unsaved edits are kept)',
		'',
		'Examples',
		'  $ ner-review train.conll',
		'  $ ner-review --tag-column 4 --scheme IOB1 eng.testa',
		'  $ ner-review --labels PER,ORG,LOC,MISC --output fixed.conll train.conll',
		'  $ ner-review check train.conll && echo clean',
		'  $ ner-review stats --json train.conll > stats.json',
		'  $ ner-review compare gold.conll predicted.conll',
		'  $ ner-review diff train.conll.bak train.conll',
		'  $ ner-review diff --unified train.conll > labels.patch',
		'  $ ner-review diff --unsaved train.conll',
	].join('\n');
}
