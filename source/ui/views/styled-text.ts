/**
A text with the styles of an Ink `<Text>` applied, as one string: what Ink's Text does to its
children (ink/build/components/Text.js, its `transform`), in the same order, with the same chalk.
A row of many colored pieces is then one Text, not one per piece: a tenth of the React elements,
Ink nodes and layout work per row, for the same bytes on the terminal (test/styled-text.test.tsx
compares every style with Ink's own).
*/
import chalk from 'chalk';

export type TextStyle = {
	readonly color?: string;
	readonly dimColor?: boolean;
	readonly bold?: boolean;
	readonly underline?: boolean;
	readonly inverse?: boolean;
};

/** `text` as `<Text {...style}>` draws it. Only named colors (the palette's): Ink's hex, rgb and ansi256 forms are not needed. */
export function styledText(text: string, {color, dimColor, bold, underline, inverse}: TextStyle): string {
	let styled = text;
	if (dimColor === true) {
		styled = chalk.dim(styled);
	}

	// Ink leaves a name chalk does not know as it is (after trying hex, rgb and ansi256 forms, which the palette never uses).
	const paint = color === undefined || color === '' ? undefined : (chalk as unknown as Record<string, unknown>)[color];
	if (typeof paint === 'function') {
		styled = (paint as (text: string) => string)(styled);
	}

	if (bold === true) {
		styled = chalk.bold(styled);
	}

	if (underline === true) {
		styled = chalk.underline(styled);
	}

	if (inverse === true) {
		styled = chalk.inverse(styled);
	}

	return styled;
}
