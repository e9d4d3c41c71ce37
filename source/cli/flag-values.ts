/**
The values of the command line's flags, each checked where it enters: a bad one is a UsageError,
printed as one line with exit code 2.
*/
import {schemeNames, typeNameProblem, type SchemeName} from '../corpus/index.js';

/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

/** `--tag-column`: a whole number of 2 or more (column 1 is the token). */
export function parseTagColumn(value: string): number {
	return parseColumn(value, '--tag-column');
}

/** A column number of 2 or more for `flag` (column 1 is the token); one past what a number holds exactly is no column either. */
export function parseColumn(value: string, flag: string): number {
	if (!/^\d+$/.test(value.trim()) || Number(value) < 2 || !Number.isSafeInteger(Number(value))) {
		throw new UsageError(`${flag} takes a column number of 2 or more (column 1 is the token), not "${value}"`);
	}

	return Number(value);
}

/** `--misc-key`: a MISC key as CoNLL-U writes them, a word without `=`, `|` or spaces. */
export function parseMiscKey(value: string): string {
	if (!/^[^\s=|]+$/u.test(value)) {
		throw new UsageError(`--misc-key takes a key like name or NE (no spaces, = or |), not "${value}"`);
	}

	return value;
}

export function parseFileName(value: string, flag: string): string {
	if (value.trim() === '') {
		throw new UsageError(`${flag} needs a file name`);
	}

	return value;
}

export function parseScheme(value: string): SchemeName {
	const scheme = schemeNames.find(name => name.toLowerCase() === value.trim().toLowerCase());
	if (scheme === undefined) {
		throw new UsageError(`unknown --scheme "${value}" (one of ${schemeNames.join(', ')})`);
	}

	return scheme;
}

/** `--labels A,B,C`: entity type names, each valid as a tag's type (no spaces, no prefix, nothing invisible). */
export function parseLabels(value: string): string[] {
	const labels = value.split(',').map(label => label.trim()).filter(label => label !== '');
	for (const label of labels) {
		const problem = typeNameProblem(label);
		if (problem !== undefined) {
			throw new UsageError(`--labels: ${problem}`);
		}
	}

	return [...new Set(labels)];
}
