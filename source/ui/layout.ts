/**
How the terminal's rows are shared between the parts of the screen. The app is always at most
`rows - 1` lines tall: Ink 6.8 clears the whole screen on every frame when it is as tall as the
terminal (flicker and a wiped scrollback).
*/

export type TerminalSize = {readonly columns: number; readonly rows: number};

export type ScreenLayout = {
	/** Widest line the app may draw: one less than the terminal, since wide characters can overflow by one. */
	readonly width: number;
	/** Rows of the sentence list around the current sentence. */
	readonly listRows: number;
	/** Rows for the current sentence, wrapped. */
	readonly sentenceRows: number;
	/** The terminal cannot fit the layout; the app shows only a message. */
	readonly tooSmall: boolean;
};

export const minimumSize: TerminalSize = {columns: 40, rows: 10};

/** Rows the label bar takes: two, so that the nine number keys fit even with WikiSER's long type names at 80 columns. */
export const labelBarRows = 2;

/** Header, divider, token detail line, the label bar's two rows and the status line. */
const fixedRows = 6;

export function screenLayout(size: TerminalSize): ScreenLayout {
	const tooSmall = size.columns < minimumSize.columns || size.rows < minimumSize.rows;
	const available = Math.max(2, size.rows - 1 - fixedRows);
	const listRows = Math.max(1, Math.min(15, Math.floor(available * 0.5)));
	return {
		width: Math.max(10, size.columns - 1),
		listRows,
		sentenceRows: Math.max(1, available - listRows),
		tooSmall,
	};
}

/** Rows of a view that replaces everything between the header and the status line (help, statistics, consistency). */
export function overlayRows(layout: ScreenLayout): number {
	return layout.listRows + layout.sentenceRows + fixedRows - 2;
}

