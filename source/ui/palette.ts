/**
One color per entity type, stable for the session: types take colors in label bar order, and a
label added later takes the next free one. The 16 basic ANSI colors only, so any terminal shows
them, and none that disappears on a light or a dark background (no white, black or bright yellow).
*/
const palette = ['cyan', 'magenta', 'green', 'yellow', 'blue', 'red', 'cyanBright', 'magentaBright', 'greenBright', 'blueBright', 'redBright', 'gray'] as const;

export type Color = (typeof palette)[number];

export class TypeColors {
	private readonly byType = new Map<string, Color>();

	constructor(types: readonly string[]) {
		for (const type of types) {
			this.color(type);
		}
	}

	color(type: string): Color {
		let color = this.byType.get(type);
		if (color === undefined) {
			color = palette[this.byType.size % palette.length]!;
			this.byType.set(type, color);
		}

		return color;
	}
}
