/** Label names typed at the `t` and `F` prompts: matching a known label, and Tab completion. */

/** A known label by exact name, else by a unique case-insensitive match, else the text as a new label. */
export function resolveLabel(text: string, labels: readonly string[]): string {
	if (labels.includes(text)) {
		return text;
	}

	const matches = labels.filter(label => label.toLowerCase() === text.toLowerCase());
	return matches.length === 1 ? matches[0]! : text;
}

/**
Tab completion: the longest common prefix of the labels that start with the text; at that prefix,
the first match; at a whole label, the next label of the closest group sharing a prefix with it,
so repeated Tabs cycle (p, PER, PERSON, PERIOD, PERSON ...).
*/
export function completeLabel(text: string, labels: readonly string[]): string {
	const startingWith = (prefix: string) => labels.filter(label => label.toLowerCase().startsWith(prefix.toLowerCase()));
	const matches = startingWith(text);
	if (matches.length === 0) {
		return text;
	}

	if (labels.includes(text)) {
		for (let length = text.length; length > 0; length--) {
			const group = startingWith(text.slice(0, length));
			if (group.length > 1) {
				return group[(group.indexOf(text) + 1) % group.length]!;
			}
		}

		return text;
	}

	let prefix = matches[0]!;
	for (const match of matches) {
		while (!match.toLowerCase().startsWith(prefix.toLowerCase())) {
			prefix = prefix.slice(0, -1);
		}
	}

	return prefix.length > text.length ? prefix : matches[0]!;
}
