/**
One style per entity type, stable for the session: types take styles in label bar order, and a
label added later takes the next free one. Only the six basic ANSI colors, which every terminal
has and every theme keeps legible on its own background (bright cyan, bright green or bright
yellow vanish on a light one; white and black on one or the other); the seventh to twelfth types
take the same colors underlined, so twelve types stay apart. The type name is always written
next to the entity too, so color is a help, never the only cue.
*/
const colors = ['blue', 'magenta', 'green', 'red', 'cyan', 'yellow'] as const;

export type TypeStyle = {
	readonly color: (typeof colors)[number];
	readonly underline: boolean;
};

export class TypeColors {
	private readonly byType = new Map<string, TypeStyle>();

	constructor(types: readonly string[]) {
		for (const type of types) {
			this.style(type);
		}
	}

	style(type: string): TypeStyle {
		let style = this.byType.get(type);
		if (style === undefined) {
			const index = this.byType.size % (colors.length * 2);
			style = {color: colors[index % colors.length]!, underline: index >= colors.length};
			this.byType.set(type, style);
		}

		return style;
	}

	color(type: string): string {
		return this.style(type).color;
	}
}
