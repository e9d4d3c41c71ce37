import {textWidth, truncate, wrapWords} from '../display-text.js';
import {describeKeys, normalBindings, pageScrollBindings, type Binding} from './keymap.js';

/**
The key table as screen lines, descriptions word-wrapped beside the keys: the main view's keys, then
the keys that page through this help and the statistics.
*/
export function helpLines(width: number): string[] {
	const entriesOf = (bindings: readonly Binding[]) => bindings.map(binding => ({keys: describeKeys(binding).replaceAll('`', ''), description: binding.description}));
	const main = entriesOf(normalBindings);
	const paging = entriesOf(pageScrollBindings);
	const keyWidth = Math.min(16, Math.max(...[...main, ...paging].map(entry => textWidth(entry.keys))));
	return [...entryLines(main, keyWidth, width), '', truncate('In this help and in the statistics (%):', width), ...entryLines(paging, keyWidth, width)];
}

function entryLines(entries: ReadonlyArray<{keys: string; description: string}>, keyWidth: number, width: number): string[] {
	const descriptionWidth = Math.max(10, width - keyWidth - 2);
	const lines: string[] = [];
	for (const entry of entries) {
		const wrapped = wrapWords(entry.description, descriptionWidth);
		const keys = textWidth(entry.keys) > keyWidth ? [entry.keys, ''] : [entry.keys];
		for (let i = 0; i < Math.max(wrapped.length, keys.length); i++) {
			lines.push(truncate(`${(keys[i] ?? '').padEnd(keyWidth)}  ${wrapped[i] ?? ''}`.trimEnd(), width));
		}
	}

	return lines;
}
