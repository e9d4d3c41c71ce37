/**
The readme's screenshot, from a real terminal session: the built CLI (dist/cli.js) runs in tmux at
120x32 with colors, is driven to a sentence with several entity types and a problem, and the
screen (`tmux capture-pane -e -p`) is rendered to an SVG image, docs/screenshot.svg.

	npm ci && npm run build && node --import tsx scripts/screenshot.ts

Uses the real corpus ../shared/corpora/wikiser/wikiser-small/dev.txt when it is there, else the
demo corpus. Both are copied to a temporary folder first: the app keeps its review sidecar beside
the file it opens. Needs tmux; nothing else beyond the project's own dependencies.

The ANSI-to-SVG renderer (`parseAnsi`, `ansiToSvg`) is exported for the tests; importing this
module does not start tmux.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout} from 'node:timers/promises';
import stringWidth from 'string-width';

// ---------------------------------------------------------------------------------------------
// ANSI SGR parsing

export type Style = {
	/** Foreground color as `#rrggbb`, or undefined for the default. */
	readonly fg?: string;
	/** Background color as `#rrggbb`, or undefined for the default. */
	readonly bg?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly italic?: boolean;
	readonly underline?: boolean;
	readonly inverse?: boolean;
	readonly strike?: boolean;
};

/** A run of text in one style on one screen line, at a column (0-based), `width` columns wide. */
export type Span = {
	readonly text: string;
	readonly column: number;
	readonly width: number;
	readonly style: Style;
};

/** The 16 basic colors (0-7 normal, 8-15 bright), close to a common dark terminal theme. */
export const basicColors: readonly string[] = [
	'#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
	'#767676', '#ff6e6e', '#69ff94', '#ffffa5', '#82aaff', '#ff92df', '#a4ffff', '#ffffff',
];

export const defaultForeground = '#d4d4d4';
export const defaultBackground = '#1e1e1e';

function hex(red: number, green: number, blue: number): string {
	const part = (value: number) => Math.max(0, Math.min(255, Math.round(value))).toString(16).padStart(2, '0');
	return `#${part(red)}${part(green)}${part(blue)}`;
}

/** The color of an xterm 256-color index: 16 basic, a 6x6x6 cube, 24 grays. */
export function color256(index: number): string | undefined {
	if (!Number.isInteger(index) || index < 0 || index > 255) {
		return undefined;
	}

	if (index < 16) {
		return basicColors[index];
	}

	if (index < 232) {
		const levels = [0, 95, 135, 175, 215, 255];
		const cube = index - 16;
		return hex(levels[Math.floor(cube / 36)]!, levels[Math.floor(cube / 6) % 6]!, levels[cube % 6]!);
	}

	const gray = 8 + ((index - 232) * 10);
	return hex(gray, gray, gray);
}

type MutableStyle = {-readonly [Key in keyof Style]: Style[Key]};

/**
Reads an extended color (38/48) from `params` at `index` (the 38 or 48 itself): `;5;N`, `;2;R;G;B`,
or the colon forms `38:5:N`, `38:2:R:G:B`, `38:2::R:G:B`. Returns the color and how many params it used.
*/
function extendedColor(params: readonly string[], index: number): {color?: string; used: number} {
	const parameter = params[index]!;
	if (parameter.includes(':')) {
		const parts = parameter.split(':').map(part => (part === '' ? Number.NaN : Number(part)));
		if (parts[1] === 5) {
			return {color: color256(parts[2]!), used: 1};
		}

		if (parts[1] === 2) {
			// 38:2:R:G:B or 38:2:COLORSPACE:R:G:B
			const rgb = parts.length >= 6 ? parts.slice(3, 6) : parts.slice(2, 5);
			return {color: rgb.length === 3 && rgb.every(value => Number.isFinite(value)) ? hex(rgb[0]!, rgb[1]!, rgb[2]!) : undefined, used: 1};
		}

		return {used: 1};
	}

	const mode = Number(params[index + 1]);
	if (mode === 5) {
		return {color: color256(Number(params[index + 2])), used: 3};
	}

	if (mode === 2) {
		const rgb = [params[index + 2], params[index + 3], params[index + 4]].map(Number);
		return {color: rgb.every(value => Number.isFinite(value)) ? hex(rgb[0]!, rgb[1]!, rgb[2]!) : undefined, used: 5};
	}

	return {used: 2};
}

/** Applies the parameters of one SGR sequence (`ESC [ params m`) to a style. */
export function applySgr(style: Style, parameterText: string): Style {
	const next: MutableStyle = {...style};
	const params = parameterText === '' ? ['0'] : parameterText.split(';');
	for (let index = 0; index < params.length; index++) {
		const parameter = params[index]!;
		const code = Number(parameter.split(':')[0] || '0');
		if (code === 38 || code === 48) {
			const {color, used} = extendedColor(params, index);
			if (code === 38) {
				next.fg = color;
			} else {
				next.bg = color;
			}

			index += used - 1;
			continue;
		}

		switch (true) {
			case code === 0: {
				for (const key of Object.keys(next) as Array<keyof MutableStyle>) {
					delete next[key];
				}

				break;
			}

			case code === 1: {
				next.bold = true;
				break;
			}

			case code === 2: {
				next.dim = true;
				break;
			}

			case code === 3: {
				next.italic = true;
				break;
			}

			case code === 4: {
				// 4:0 turns underline off; 4, 4:1..4:5 are kinds of underline.
				next.underline = parameter !== '4:0';
				break;
			}

			case code === 7: {
				next.inverse = true;
				break;
			}

			case code === 9: {
				next.strike = true;
				break;
			}

			case code === 22: {
				next.bold = false;
				next.dim = false;
				break;
			}

			case code === 23: {
				next.italic = false;
				break;
			}

			case code === 24: {
				next.underline = false;
				break;
			}

			case code === 27: {
				next.inverse = false;
				break;
			}

			case code === 29: {
				next.strike = false;
				break;
			}

			case code >= 30 && code <= 37: {
				next.fg = basicColors[code - 30];
				break;
			}

			case code === 39: {
				next.fg = undefined;
				break;
			}

			case code >= 40 && code <= 47: {
				next.bg = basicColors[code - 40];
				break;
			}

			case code === 49: {
				next.bg = undefined;
				break;
			}

			case code >= 90 && code <= 97: {
				next.fg = basicColors[code - 90 + 8];
				break;
			}

			case code >= 100 && code <= 107: {
				next.bg = basicColors[code - 100 + 8];
				break;
			}

			default: {
				// Blink, fonts, overline and the rest: not drawn.
			}
		}
	}

	return next;
}

function sameStyle(a: Style, b: Style): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof Style>);
	for (const key of keys) {
		// An absent flag and a false one are the same.
		if ((a[key] ?? false) !== (b[key] ?? false)) {
			return false;
		}
	}

	return true;
}

const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'});

/**
Splits terminal output (text with ANSI escape sequences, lines separated by `\n`) into lines of
styled spans with their columns. The style carries over from one line to the next, as it does in a
terminal and in `tmux capture-pane -e`, which only emits changes. Escape sequences other than SGR
(cursor movement, OSC titles and links) are skipped; other control characters are dropped, a TAB
moves to the next multiple of 8.
*/
export function parseAnsi(text: string): Span[][] {
	const lines: Span[][] = [];
	let style: Style = {};
	let line: Span[] = [];
	let column = 0;
	let pending = '';
	let pendingColumn = 0;
	let pendingWidth = 0;

	const flush = () => {
		if (pending !== '') {
			line.push({text: pending, column: pendingColumn, width: pendingWidth, style});
		}

		pending = '';
		pendingColumn = column;
		pendingWidth = 0;
	};

	const append = (chunk: string, width: number) => {
		if (pending === '') {
			pendingColumn = column;
		}

		pending += chunk;
		pendingWidth += width;
		column += width;
	};

	let index = 0;
	while (index < text.length) {
		const char = text[index]!;
		if (char === '\u001B' || char === '\u009B') {
			// CSI: ESC [ params intermediates final
			const csi = char === '\u009B' ? /^\u009B([0-?]*)([ -/]*)([@-~])/.exec(text.slice(index, index + 64)) : /^\u001B\[([0-?]*)([ -/]*)([@-~])/.exec(text.slice(index, index + 256));
			if (csi !== null) {
				if (csi[3] === 'm' && csi[2] === '') {
					const next = applySgr(style, csi[1]!);
					if (!sameStyle(next, style)) {
						flush();
						style = next;
					}
				}

				index += csi[0].length;
				continue;
			}

			// OSC: ESC ] ... BEL or ESC \ (titles, hyperlinks)
			if (text[index + 1] === ']') {
				const end = /\u0007|\u001B\\/.exec(text.slice(index + 2));
				index = end === null ? text.length : index + 2 + end.index + end[0].length;
				continue;
			}

			// Any other escape: ESC and one character.
			index += 2;
			continue;
		}

		if (char === '\n') {
			flush();
			lines.push(line);
			line = [];
			column = 0;
			pendingColumn = 0;
			index++;
			continue;
		}

		if (char === '\t') {
			const spaces = 8 - (column % 8);
			append(' '.repeat(spaces), spaces);
			index++;
			continue;
		}

		// The text up to the next escape or newline, by grapheme.
		let end = index;
		while (end < text.length && !/[\u001B\u009B\n\t]/.test(text[end]!)) {
			end++;
		}

		for (const {segment} of segmenter.segment(text.slice(index, end))) {
			// eslint-disable-next-line no-control-regex
			if (/^[\u0000-\u001F\u007F-\u009F]$/.test(segment)) {
				continue;
			}

			append(segment, stringWidth(segment));
		}

		index = end;
	}

	flush();
	if (line.length > 0) {
		lines.push(line);
	}

	return lines;
}

// ---------------------------------------------------------------------------------------------
// SVG

/** Escapes text for XML content and attribute values; characters XML cannot hold become U+FFFD. */
export function escapeXml(text: string): string {
	return text
		// eslint-disable-next-line no-control-regex
		.replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll('\'', '&apos;');
}

export type SvgOptions = {
	/** Terminal width in columns (default: the widest line). */
	readonly columns?: number;
	/** Terminal height in rows (default: the number of lines). */
	readonly rows?: number;
	readonly fontSize?: number;
	/** A title drawn in a window bar above the screen; no bar when undefined. */
	readonly title?: string;
};

/** The colors a span is drawn with, after inverse; `bg` undefined means the screen's background. */
export function resolvedColors(style: Style): {fg: string; bg: string | undefined} {
	if (style.inverse) {
		return {fg: style.bg ?? defaultBackground, bg: style.fg ?? defaultForeground};
	}

	return {fg: style.fg ?? defaultForeground, bg: style.bg};
}

function format(value: number): string {
	return String(Math.round(value * 100) / 100);
}

/**
Renders terminal output with ANSI SGR codes (as `tmux capture-pane -e -p` prints it) to an SVG
image: monospace text on a dark background, one row per line, colors as tspan fills, backgrounds
as rectangles. Each span is placed at its column and stretched to its cell width (`textLength`),
so columns line up whatever monospace font the viewer picks.
*/
export function ansiToSvg(ansi: string, options: SvgOptions = {}): string {
	const lines = parseAnsi(ansi.replace(/\n$/, ''));
	const fontSize = options.fontSize ?? 14;
	const cellWidth = fontSize * 0.6;
	const lineHeight = Math.round(fontSize * 1.3);
	const columns = options.columns ?? Math.max(1, ...lines.map(line => line.reduce((width, span) => Math.max(width, span.column + span.width), 0)));
	const rows = options.rows ?? Math.max(1, lines.length);
	const padding = 14;
	const barHeight = options.title === undefined ? 0 : 30;
	const width = Math.ceil((padding * 2) + (columns * cellWidth));
	const height = Math.ceil((padding * 2) + barHeight + (rows * lineHeight));

	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"${options.title === undefined ? '' : ` aria-label="${escapeXml(options.title)}"`}>`,
		'<style>',
		`.screen{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:${fontSize}px;white-space:pre}`,
		'.b{font-weight:bold}.d{opacity:0.6}.i{font-style:italic}.u{text-decoration:underline}.s{text-decoration:line-through}.u.s{text-decoration:underline line-through}',
		'</style>',
		`<rect width="${width}" height="${height}" rx="8" fill="${defaultBackground}"/>`,
	);
	if (options.title !== undefined) {
		out.push(
			`<rect width="${width}" height="${barHeight}" rx="8" fill="#323233"/>`,
			`<rect y="${barHeight - 8}" width="${width}" height="8" fill="#323233"/>`,
			...['#ff5f57', '#febc2e', '#28c840'].map((fill, index) => `<circle cx="${padding + 6 + (index * 20)}" cy="${barHeight / 2}" r="6" fill="${fill}"/>`),
			`<text x="${format(width / 2)}" y="${format(barHeight / 2)}" fill="#a0a0a0" text-anchor="middle" dominant-baseline="central" font-family="sans-serif" font-size="13">${escapeXml(options.title)}</text>`,
		);
	}

	const top = padding + barHeight;
	out.push(`<g class="screen" xml:space="preserve">`);
	for (const [row, line] of lines.slice(0, rows).entries()) {
		const y = top + (row * lineHeight);
		for (const span of line) {
			const {bg} = resolvedColors(span.style);
			if (bg !== undefined && span.width > 0) {
				out.push(`<rect x="${format(padding + (span.column * cellWidth))}" y="${y}" width="${format(span.width * cellWidth)}" height="${lineHeight}" fill="${bg}"/>`);
			}
		}

		const tspans: string[] = [];
		for (const span of line) {
			const {fg} = resolvedColors(span.style);
			const visible = span.text.trim() !== '' || span.style.underline || span.style.strike;
			if (!visible || span.width === 0) {
				continue;
			}

			const classes = [span.style.bold && 'b', span.style.dim && 'd', span.style.italic && 'i', span.style.underline && 'u', span.style.strike && 's'].filter(Boolean).join(' ');
			tspans.push(`<tspan x="${format(padding + (span.column * cellWidth))}" textLength="${format(span.width * cellWidth)}" lengthAdjust="spacingAndGlyphs" fill="${fg}"${classes === '' ? '' : ` class="${classes}"`}>${escapeXml(span.text)}</tspan>`);
		}

		if (tspans.length > 0) {
			// The baseline sits about 0.8 of a line below the row's top.
			out.push(`<text y="${format(y + (lineHeight * 0.78))}">${tspans.join('')}</text>`);
		}
	}

	out.push('</g>', '</svg>', '');
	return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The screenshot

const columns = 120;
const rows = 32;

type Plan = {
	readonly corpus: string;
	/** Sentence to go to with `:` (1-based), then `e` goes to the next sentence with a problem: `problem`. */
	readonly sentence: number;
	readonly problem: number;
};

function planFor(repoRoot: string): Plan {
	const real = path.resolve(repoRoot, '..', 'shared', 'corpora', 'wikiser', 'wikiser-small', 'dev.txt');
	if (fs.existsSync(real)) {
		// Sentence 48: General_Concept, Device, Protocol and Architecture entities, and "hard drive"
		// left O though labelled in most of its other occurrences (the problem `e` stops at).
		return {corpus: real, sentence: 47, problem: 48};
	}

	// Sentence 4 of the demo: three entities and the invalid I-Library on NumPy.
	return {corpus: path.join(repoRoot, 'demo', 'software.txt'), sentence: 3, problem: 4};
}

async function main(): Promise<void> {
	const {repoRoot, tmuxAvailable, TmuxSession} = await import('../test/helpers/tmux.js');
	if (!tmuxAvailable()) {
		throw new Error('tmux is needed to take the screenshot (apt-get install tmux, brew install tmux)');
	}

	const plan = planFor(repoRoot);
	// A copy: the app writes its review sidecar beside the file it opens.
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-screenshot-'));
	const corpus = path.join(folder, path.basename(plan.corpus));
	fs.copyFileSync(plan.corpus, corpus);
	const output = path.join(repoRoot, 'docs', 'screenshot.svg');
	// No CI variable at all (as in a user's terminal), colors forced: tmux is not what chalk looks for.
	const session = new TmuxSession({args: [corpus], cwd: folder, cols: columns, rows, env: {CI: undefined, NO_COLOR: undefined, FORCE_COLOR: '1', TERM: 'xterm-256color'}});
	try {
		const name = path.basename(corpus);
		await session.waitFor(screen => screen.includes(name) && /sentence 1\/\d+/.test(screen), 30_000);
		// One key at a time, each waited for: keys typed while the prompt opens can be lost.
		session.press(':');
		await session.waitFor(/go to sentence: *$/m);
		session.press(String(plan.sentence));
		await session.waitFor(new RegExp(`go to sentence: ${plan.sentence} *$`, 'm'));
		session.press('Enter');
		await session.waitFor(`sentence ${plan.sentence}/`);
		// The consistency analysis of a large corpus takes a moment before `e` answers.
		session.press('e');
		await session.waitFor(screen => screen.includes(`sentence ${plan.problem}/`) && /^problem /m.test(screen), 30_000);

		// Settled: the same screen on three polls in a row, 50 ms apart.
		let ansi = session.screenWithEscapes();
		for (let same = 0, polls = 0; same < 3 && polls < 100; polls++) {
			await setTimeout(50);
			const next = session.screenWithEscapes();
			same = next === ansi ? same + 1 : 0;
			ansi = next;
		}

		fs.mkdirSync(path.dirname(output), {recursive: true});
		fs.writeFileSync(output, ansiToSvg(ansi, {columns, rows, title: `ner-review ${name}`}));
		process.stdout.write(`wrote ${path.relative(process.cwd(), output)} (${name}, sentence ${plan.problem})\n`);
		// Quit cleanly (no edits were made), so the app is not writing its sidecar while the folder is removed.
		session.press('q');
		await session.waitForExit();
	} finally {
		session.kill();
		fs.rmSync(folder, {recursive: true, force: true, maxRetries: 5});
	}
}

if (process.argv[1] !== undefined && import.meta.filename === path.resolve(process.argv[1])) {
	await main();
}
