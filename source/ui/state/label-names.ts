/** Label names typed at the `t` and `F` prompts: matching a known label, and Tab completion. */

/** A known label by exact name, else by a unique case-insensitive match, else the text as a new label. */
export function resolveLabel(text: string, labels: readonly string[]): string {
	if (labels.includes(text)) {
		return text;
	}

	const matches = labels.filter(label => label.toLowerCase() === text.toLowerCase());
	return matches.length === 1 ? matches[0]! : text;
}

/** What a Tab made: the text, and the text typed before the Tabs, whose matches the next Tab cycles through. */
export type Completion = {readonly text: string; readonly typed?: string};

/**
Tab completion as a shell does it: the longest common prefix of the labels that start with the
text; at that prefix, the first match other than the text itself; then each Tab the next match of
what was typed (`typed`, kept by the prompt), round and round (p, PER, PERSON, PERIOD, PERSON ...).
Remembering what was typed is what lets every match come: worked out from the shown label alone,
the cycle from `a` went all, Algorithm, all, never Application.
*/
export function completeLabel(text: string, labels: readonly string[], typed?: string): Completion {
	const startingWith = (prefix: string) => labels.filter(label => label.toLowerCase().startsWith(prefix.toLowerCase()));
	if (typed !== undefined) {
		const cycle = startingWith(typed);
		const at = cycle.indexOf(text);
		if (at !== -1) {
			return {text: cycle[(at + 1) % cycle.length]!, typed};
		}
	}

	const matches = startingWith(text);
	if (matches.length === 0) {
		return {text};
	}

	let prefix = matches[0]!;
	for (const match of matches) {
		while (!match.toLowerCase().startsWith(prefix.toLowerCase())) {
			prefix = prefix.slice(0, -1);
		}
	}

	if (prefix.length > text.length) {
		return {text: prefix};
	}

	const first = matches.find(match => match !== text) ?? matches[0]!;
	return {text: first, typed: text};
}
