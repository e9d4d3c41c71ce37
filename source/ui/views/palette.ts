/**
One style per entity type, stable for the session: types take styles in label bar order, and a
label added later takes the next free one. Only the six basic ANSI colors, which every terminal
has and every theme keeps legible on its own background (bright cyan, bright green or bright
yellow vanish on a light one; white and black on one or the other); the seventh to twelfth types
take the same colors underlined, the next six bold, the next six bold and underlined, so 24 types
stay apart (WikiSER has 12; a 25th type shares the first one's style). The type name is always
written next to the entity too, so color is a help, never the only cue.
*/
const colors = ['blue', 'magenta', 'green', 'red', 'cyan', 'yellow'] as const;

export type TypeStyle = {
	readonly color: (typeof colors)[number];
	readonly underline: boolean;
	readonly bold: boolean;
};

/** Distinct styles before they repeat: each color plain, underlined, bold, bold and underlined. */
export const distinctStyles = colors.length * 4;

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
			const index = this.byType.size % distinctStyles;
			const variant = Math.floor(index / colors.length);
			style = {color: colors[index % colors.length]!, underline: variant % 2 === 1, bold: variant >= 2};
			this.byType.set(type, style);
		}

		return style;
	}

	color(type: string): string {
		return this.style(type).color;
	}

	/** Ink <Text> props for text of `type` (none in plain mode, or outside entities). */
	textProps(type: string | undefined, plain: boolean): {color?: string; underline?: boolean; bold?: boolean} {
		if (type === undefined || plain) {
			return {};
		}

		const {color, underline, bold} = this.style(type);
		return {color, underline, bold};
	}
}
