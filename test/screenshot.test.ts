/**
The screenshot's ANSI-to-SVG renderer (scripts/screenshot.ts) on small samples: SGR colors (16,
bright, 256, truecolor), bold, dim, underline, inverse, reset, style carried across lines, columns
of wide characters, and XML escaping. Importing the script must not start tmux.
*/
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {ansiToSvg, basicColors, color256, defaultBackground, defaultForeground, escapeXml, parseAnsi, type Span} from '../scripts/screenshot.js';

const esc = '\u001B[';

/** The spans of a line as `text:fg` (and flags), for compact comparisons. */
function describeSpans(spans: readonly Span[]): string[] {
	return spans.map(span => {
		const flags = (['bold', 'dim', 'italic', 'underline', 'inverse', 'strike'] as const).filter(flag => span.style[flag]).join('+');
		return `${span.column}:${span.text}:${span.style.fg ?? '-'}/${span.style.bg ?? '-'}${flags === '' ? '' : `:${flags}`}`;
	});
}

/** The `<tspan>` that draws `text` exactly, or undefined. */
function tspanOf(svg: string, text: string): string | undefined {
	return svg.match(/<tspan [^>]*>[^<]*<\/tspan>/g)?.find(tspan => tspan.endsWith(`>${text}</tspan>`));
}

describe('parseAnsi', () => {
	test('16 colors, bright colors, backgrounds and resets', () => {
		const [line] = parseAnsi(`${esc}31mred${esc}39m plain ${esc}91mbright${esc}0m ${esc}42mbg${esc}49m ${esc}103;30mboth${esc}m end`);
		assert.deepEqual(describeSpans(line!), [
			`0:red:${basicColors[1]}/-`,
			'3: plain :-/-',
			`10:bright:${basicColors[9]}/-`,
			'16: :-/-',
			`17:bg:-/${basicColors[2]}`,
			'19: :-/-',
			`20:both:${basicColors[0]}/${basicColors[11]}`,
			'24: end:-/-',
		]);
	});

	test('256-color and truecolor codes, in ; and : forms', () => {
		const [line] = parseAnsi(`${esc}38;5;196ma${esc}38;5;46mb${esc}38;5;244mc${esc}38;2;1;2;3md${esc}48;2;255;128;0me${esc}38:5:21mf${esc}38:2::10:20:30mg`);
		assert.deepEqual(describeSpans(line!), [
			'0:a:#ff0000/-',
			'1:b:#00ff00/-',
			'2:c:#808080/-',
			'3:d:#010203/-',
			'4:e:#010203/#ff8000',
			'5:f:#0000ff/#ff8000',
			'6:g:#0a141e/#ff8000',
		]);
		assert.equal(color256(16), '#000000');
		assert.equal(color256(231), '#ffffff');
		assert.equal(color256(232), '#080808');
		assert.equal(color256(256), undefined);
	});

	test('bold, dim, underline, inverse and their resets; 22 ends both bold and dim', () => {
		const [line] = parseAnsi(`${esc}1mB${esc}2mD${esc}22mn${esc}4mU${esc}24m${esc}7mI${esc}27mx${esc}1;7;33mall${esc}0mz`);
		assert.deepEqual(describeSpans(line!), [
			'0:B:-/-:bold',
			'1:D:-/-:bold+dim',
			'2:n:-/-',
			'3:U:-/-:underline',
			'4:I:-/-:inverse',
			'5:x:-/-',
			`6:all:${basicColors[3]}/-:bold+inverse`,
			'9:z:-/-',
		]);
	});

	test('the style carries over to the next line (capture-pane -e emits only changes); columns count wide characters as 2', () => {
		const lines = parseAnsi(`a${esc}34mb\nc${esc}0md\n漢字x\n\tt`);
		assert.equal(lines.length, 4);
		assert.deepEqual(describeSpans(lines[0]!), ['0:a:-/-', `1:b:${basicColors[4]}/-`]);
		assert.deepEqual(describeSpans(lines[1]!), [`0:c:${basicColors[4]}/-`, '1:d:-/-']);
		assert.deepEqual(describeSpans(lines[2]!), ['0:漢字x:-/-']);
		assert.equal(lines[2]![0]!.width, 5);
		assert.deepEqual(describeSpans(lines[3]!), ['0:        t:-/-'], 'a TAB moves to column 8');
	});

	test('non-SGR escape sequences (cursor moves, OSC titles and links, private modes) are skipped', () => {
		const [line] = parseAnsi(`${esc}?25l${esc}2Ja\u001B]0;title\u0007b\u001B]8;;https://x.org\u001B\\c\u001B]8;;\u001B\\${esc}1;1Hd\u0007`);
		assert.deepEqual(describeSpans(line!), ['0:abcd:-/-']);
	});
});

describe('ansiToSvg', () => {
	const sample = `${esc}1mner-review${esc}0m  ${esc}33m[Linux]${esc}2mOS${esc}0m ${esc}34m[x & <y>]${esc}39m "q" 'a'\n${esc}7mcursor${esc}27m ${esc}91;4mbright${esc}0m`;
	const svg = ansiToSvg(sample, {columns: 40, rows: 3, title: 'a <title> & more'});

	test('an SVG document of the terminal\'s size in cells on a dark background', () => {
		assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="(\d+)"/);
		const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg)!;
		// 40 columns of 0.6 em at 14 px plus padding; 3 rows of 1.3 em plus padding and the title bar.
		assert.equal(Number(width), Math.ceil(28 + (40 * 8.4)));
		assert.equal(Number(height), Math.ceil(28 + 30 + (3 * 18)));
		assert.match(svg, new RegExp(`<rect width="${width}" height="${height}" rx="8" fill="${defaultBackground}"/>`));
		assert.ok(svg.trimEnd().endsWith('</svg>'));
		assert.equal(svg.match(/<tspan/g)?.length, svg.match(/<\/tspan>/g)?.length);
		assert.equal(svg.match(/<text/g)?.length, svg.match(/<\/text>/g)?.length);
	});

	test('colors become tspan fills, bold and dim and underline become classes', () => {
		assert.match(tspanOf(svg, '[Linux]') ?? '', new RegExp(`fill="${basicColors[3]}"`));
		assert.match(tspanOf(svg, 'OS') ?? '', new RegExp(`fill="${basicColors[3]}" class="d"`));
		assert.match(tspanOf(svg, 'ner-review') ?? '', new RegExp(`fill="${defaultForeground}" class="b"`));
		assert.match(tspanOf(svg, 'bright') ?? '', new RegExp(`fill="${basicColors[9]}" class="u"`));
		// Columns: `[Linux]` starts at column 12: x = padding 14 + 12 * 8.4.
		assert.match(tspanOf(svg, '[Linux]') ?? '', /x="114.8" textLength="58.8"/);
	});

	test('inverse swaps the colors: a background rectangle in the text color, the text in the background color', () => {
		assert.match(tspanOf(svg, 'cursor') ?? '', new RegExp(`fill="${defaultBackground}"`));
		// Row 2 (y = 14 + 30 + 18), columns 0-5.
		assert.match(svg, new RegExp(`<rect x="14" y="62" width="50.4" height="18" fill="${defaultForeground}"/>`));
		assert.equal(svg.match(/<rect x=/g)?.length, 1, 'only the inverse span has a background');
	});

	test('text is XML-escaped: &, <, >, quotes; control characters XML cannot hold become U+FFFD', () => {
		assert.ok(tspanOf(svg, '[x &amp; &lt;y&gt;]'), `no escaped tspan in:\n${svg}`);
		assert.ok(tspanOf(svg, ' &quot;q&quot; &apos;a&apos;'), `quotes not escaped in:\n${svg}`);
		assert.match(svg, /aria-label="a &lt;title&gt; &amp; more"/);
		assert.match(svg, />a &lt;title&gt; &amp; more<\/text>/);
		assert.doesNotMatch(svg, /<y>|& |\u001B/);
		assert.equal(escapeXml('a\u0001b\u0008c\ud800d'), 'a\uFFFDb\uFFFDc\uFFFDd');
		assert.equal(escapeXml('😀 ok'), '😀 ok', 'a surrogate pair is kept');
		// A control character in a captured line never reaches the SVG.
		assert.doesNotMatch(ansiToSvg('a\u0001b\u0002'), /[\u0000-\u0008]/);
	});

	test('without options the size follows the text: widest line, number of lines', () => {
		const small = ansiToSvg('ab\nabcd\n');
		assert.match(small, new RegExp(`width="${Math.ceil(28 + (4 * 8.4))}" height="${Math.ceil(28 + (2 * 18))}"`));
		assert.doesNotMatch(small, /<circle/, 'no title bar without a title');
	});
});
