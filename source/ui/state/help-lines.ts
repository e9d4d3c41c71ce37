import {textWidth, truncate} from '../display-text.js';
import {describeKeys, normalBindings} from './keymap.js';

/** The key table as screen lines, descriptions word-wrapped beside the keys. */
export function helpLines(width: number): string[] {
	const entries = normalBindings.map(binding => ({keys: describeKeys(binding).replaceAll('`', ''), description: binding.description}));
	const keyWidth = Math.min(16, Math.max(...entries.map(entry => textWidth(entry.keys))));
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

function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line !== '' && textWidth(`${line} ${word}`) > width) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	lines.push(line);
	return lines;
}
