/**
The search syntax of `/`, with vim's habits:

- `word` finds a whole token: `linux` finds `Linux` and `LINUX`, not `Linuxes`.
- Smart case: a query in lower case ignores case; an upper-case letter in its text (not in a
  label name) makes it exact: `Linux` finds `Linux` only.
- Several parts separated by spaces match consecutive tokens: `New York`, `the Linux kernel`.
- `*` inside a part stands for any characters: `Linux*` finds `Linux` and `Linuxes`, `*ing` any
  token ending in "ing", `*` alone any token.
- `/regex/` is a JavaScript regular expression tested against each token on its own, so anchors
  are per token: `/^Linux$/`, `/^[A-Z]{2,}$/`. Smart case applies. It may hold spaces.
- `part@TYPE` is a token matching `part` inside an entity of type TYPE: `Java@Island`,
  `/^[A-Z]/@ORG`. `@TYPE` alone is any token inside a TYPE entity, `@O` any token outside
  entities: `the @ORG` finds every token tagged ORG that follows "the". A label name in lower
  case matches whatever its case (`@org`).
- `\` makes the next character plain: `\*`, `\@`, `\/`, `\\`, `\ ` (a space inside a part).
  `@NAME` when NAME is no label of the file is plain text too, so WNUT's `@user` handles and
  `a@b.com` are found as they are written.
- A token that holds spaces (WikiSER's `Windows 95`) is found by its words, as if they were
  tokens: `Windows 95` finds it as it finds the two tokens `Windows` `95`.
*/

/** What a part says of the token's label: any label, outside entities, or inside an entity of one of these types. */
export type LabelConstraint = {readonly kind: 'any'} | {readonly kind: 'outside'} | {readonly kind: 'types'; readonly types: ReadonlySet<string>};

export type QueryPart =
	/** A word of a token (a whole token unless the token holds spaces), with `*` wildcards. */
	| {readonly kind: 'word'; readonly pattern: RegExp; readonly text: string; readonly label: LabelConstraint}
	/** A whole token tested by a regular expression. */
	| {readonly kind: 'regex'; readonly pattern: RegExp; readonly label: LabelConstraint}
	/** Any whole token, for `@TYPE` alone. */
	| {readonly kind: 'any'; readonly label: LabelConstraint};

export type ParsedQuery = {
	/** The query as typed. */
	readonly source: string;
	readonly parts: readonly QueryPart[];
	/** Smart case: false when the text has an upper-case letter. */
	readonly ignoreCase: boolean;
	/**
	Byte strings one of which every matching sentence holds, for a native search before anything is
	decoded (empty: no such strings, every sentence is read). `folded` says they are ASCII lower case
	and must be searched ignoring ASCII case.
	*/
	readonly needle: Uint8Array;
	readonly folded: boolean;
};

/** A query that cannot be read: the message names what is wrong. */
export class QuerySyntaxError extends Error {}

type RawPart = {kind: 'word' | 'regex'; text: string; label?: string};

/**
Reads a query. `labels` are the entity types of the file (and of the label bar): `@NAME` names one
of them (or `O`), else it is text. Throws QuerySyntaxError for an invalid regular expression.
*/
export function parseQuery(source: string, labels: Iterable<string> = []): ParsedQuery {
	const known = [...labels];
	const raw = splitParts(source, known);
	const ignoreCase = !raw.some(part => (part.kind === 'regex' ? regexHasUpperCase(part.text) : /\p{Lu}/u.test(part.text)));
	const parts: QueryPart[] = raw.map(part => {
		const label = labelConstraint(part.label, known);
		if (part.kind === 'regex') {
			return {kind: 'regex', pattern: compileRegex(part.text, ignoreCase), label};
		}

		if (part.text === '' && part.label !== undefined) {
			return {kind: 'any', label};
		}

		return {kind: 'word', pattern: wordPattern(part.text, ignoreCase), text: part.text, label};
	});
	const {needle, folded} = chooseNeedle(raw, ignoreCase);
	return {source, parts, ignoreCase, needle, folded};
}

/** Splits at unescaped spaces; `/.../` is one part up to the `/` before a space, an `@` or the end. */
function splitParts(source: string, labels: readonly string[]): RawPart[] {
	const parts: RawPart[] = [];
	let i = 0;
	while (i < source.length) {
		if (source[i] === ' ') {
			i++;
			continue;
		}

		if (source[i] === '/') {
			const close = regexEnd(source, i + 1);
			if (close !== -1) {
				const part: RawPart = {kind: 'regex', text: source.slice(i + 1, close)};
				i = close + 1;
				if (source[i] === '@') {
					const end = source.indexOf(' ', i);
					const stop = end === -1 ? source.length : end;
					part.label = source.slice(i + 1, stop);
					i = stop;
				}

				parts.push(part);
				continue;
			}
		}

		// A plain part: up to an unescaped space; its last unescaped `@` followed by a label name is the label.
		let text = '';
		let labelAt = -1;
		while (i < source.length && source[i] !== ' ') {
			if (source[i] === '\\' && i + 1 < source.length) {
				text += source[i + 1] === '*' ? '\\*' : source[i + 1];
				i += 2;
				continue;
			}

			if (source[i] === '@') {
				labelAt = text.length;
			}

			text += source[i];
			i++;
		}

		if (labelAt !== -1 && isLabelName(text.slice(labelAt + 1), labels)) {
			parts.push({kind: 'word', text: text.slice(0, labelAt), label: text.slice(labelAt + 1)});
		} else {
			parts.push({kind: 'word', text});
		}
	}

	return parts;
}

/** Index of the `/` closing a regular expression opened before `from`: unescaped, and followed by the end, a space or `@`. */
function regexEnd(source: string, from: number): number {
	for (let i = from; i < source.length; i++) {
		if (source[i] === '\\') {
			i++;
			continue;
		}

		if (source[i] === '/' && i > from && (i + 1 === source.length || source[i + 1] === ' ' || source[i + 1] === '@')) {
			return i;
		}
	}

	return -1;
}

function isLabelName(name: string, labels: readonly string[]): boolean {
	return name === 'O' || name === 'o' || resolveLabel(name, labels).length > 0;
}

/** The labels `name` stands for: itself if it is one; in lower case, every label equal to it ignoring case. */
function resolveLabel(name: string, labels: readonly string[]): string[] {
	if (labels.includes(name)) {
		return [name];
	}

	if (name !== '' && name === name.toLowerCase()) {
		return labels.filter(label => label.toLowerCase() === name);
	}

	return [];
}

function labelConstraint(name: string | undefined, labels: readonly string[]): LabelConstraint {
	if (name === undefined) {
		return {kind: 'any'};
	}

	const types = resolveLabel(name, labels);
	if (types.length === 0 && (name === 'O' || name === 'o')) {
		return {kind: 'outside'};
	}

	if (types.length === 0) {
		// An unknown label finds nothing (a regex part's `@NAME` is a label whatever NAME is).
		return {kind: 'types', types: new Set()};
	}

	return {kind: 'types', types: new Set(types)};
}

/** Whether a regular expression's own letters (not `\W`, `\S`, `\p{Lu}` and the like) hold an upper-case one. */
function regexHasUpperCase(source: string): boolean {
	for (let i = 0; i < source.length; i++) {
		if (source[i] === '\\') {
			if ((source[i + 1] === 'p' || source[i + 1] === 'P') && source[i + 2] === '{') {
				i = source.indexOf('}', i);
				if (i === -1) {
					return false;
				}
			} else {
				i++;
			}

			continue;
		}

		if (/\p{Lu}/u.test(source[i]!)) {
			return true;
		}
	}

	return false;
}

function compileRegex(text: string, ignoreCase: boolean): RegExp {
	try {
		return new RegExp(text, ignoreCase ? 'i' : '');
	} catch (error) {
		const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '');
		throw new QuerySyntaxError(`invalid regular expression /${text}/: ${reason}`);
	}
}

/** The pieces of a word part between its wildcards (`\*` is a plain star). */
function wildcardPieces(text: string): string[] {
	const pieces = [''];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\' && text[i + 1] === '*') {
			pieces[pieces.length - 1] += '*';
			i++;
		} else if (text[i] === '*') {
			pieces.push('');
		} else {
			pieces[pieces.length - 1] += text[i];
		}
	}

	return pieces;
}

/**
A word part as an anchored regular expression. Ignoring case without the `u` flag, as JavaScript
does it, a letter below 128 matches only letters below 128 (the Kelvin sign is not a `k`), which
keeps the byte search before it exact.
*/
function wordPattern(text: string, ignoreCase: boolean): RegExp {
	const body = wildcardPieces(text).map(piece => piece.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
	return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

/**
The longest piece of text that every match holds as bytes in the file: taken from the word parts'
text between wildcards; ignoring case, only ASCII and characters without case can be searched as
bytes. U+FFFD is left out (it stands for invalid bytes as often as for itself).
*/
function chooseNeedle(parts: readonly RawPart[], ignoreCase: boolean): {needle: Uint8Array; folded: boolean} {
	let best = '';
	for (const part of parts) {
		if (part.kind !== 'word') {
			continue;
		}

		for (const piece of wildcardPieces(part.text)) {
			let run = '';
			for (const character of [...piece, '\uFFFD']) {
				const searchable = character !== '\uFFFD' && (!ignoreCase || character.codePointAt(0)! < 0x80 || isCaseless(character));
				if (searchable) {
					run += character;
				} else {
					if (Buffer.byteLength(run) > Buffer.byteLength(best)) {
						best = run;
					}

					run = '';
				}
			}
		}
	}

	const needle = Buffer.from(ignoreCase ? asciiLower(best) : best);
	return {needle, folded: ignoreCase && /[A-Za-z]/.test(best)};
}

/** A character that ignoring case matches only itself (Han, digits, most symbols). */
export function isCaseless(character: string): boolean {
	return character.toUpperCase() === character && character.toLowerCase() === character;
}

function asciiLower(text: string): string {
	return text.replaceAll(/[A-Z]/g, letter => letter.toLowerCase());
}
