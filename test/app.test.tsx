/**
The App as a reviewer sees it: keys typed into the terminal, the screen checked after each step.
*/
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {describeKeys, normalBindings} from '../source/ui/state/keymap.js';
import {initialState} from '../source/ui/state/state.js';
import {worldOf} from '../source/ui/live-world.js';
import {screenModel} from '../source/ui/view-model/index.js';
import {seed, sessionFrom, entitiesOf} from './helpers/corpus.js';
import {frameLines, frameWidth, headerPosition, keys, renderApp, type RenderedApp} from './helpers/render.js';

const news = seed(
	'John/B-PER Smith/I-PER lives in Paris/B-LOC',
	'Acme/B-ORG hired Mary/B-PER yesterday',
	'Nothing to see here',
);

function numbered(count: number): string {
	return seed(...Array.from({length: count}, (_, index) => `Sentence number ${index + 1} in/B-LOC Oslo/I-LOC`));
}

const labels = ['PER', 'LOC', 'ORG'];

let current: RenderedApp | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

function open(text: string, options: Parameters<typeof renderApp>[1] = {}) {
	const corpus = sessionFrom(text);
	current = renderApp(corpus.session, {labels, ...options});
	return {...corpus, app: current};
}

/** The screen's header line. */
const header = (screen: string) => screen.split('\n')[0] ?? '';
/** The current sentence as the sentence view draws it: the line after the divider. */
function sentenceLine(screen: string): string {
	const lines = screen.split('\n');
	const divider = lines.findIndex(line => line.startsWith('───'));
	return lines[divider + 1] ?? '';
}

const statusLine = (screen: string) => screen.split('\n').at(-1) ?? '';
const atSentence = (number: number) => (screen: string) => headerPosition(screen)?.sentence === number;

describe('moving around', () => {
	test('j, k, the arrows, g, G and PageDown move the header\'s sentence N/M', async () => {
		const {app} = open(numbered(30));
		await app.waitForFrame(atSentence(1));
		assert.deepEqual(headerPosition(app.screen()), {sentence: 1, of: 30});
		await app.press('j');
		await app.waitForFrame(atSentence(2));
		await app.press(keys.down);
		await app.waitForFrame(atSentence(3));
		await app.press('k');
		await app.waitForFrame(atSentence(2));
		await app.press(keys.up);
		await app.waitForFrame(atSentence(1));
		await app.press('G');
		await app.waitForFrame(atSentence(30));
		await app.press('g');
		await app.waitForFrame(atSentence(1));
		await app.press(keys.pageDown);
		// 100x30: 23 rows besides the fixed lines, half of them (11) for the sentence list.
		await app.waitForFrame(atSentence(12));
		await app.press(keys.pageDown, keys.pageDown, keys.pageDown, keys.pageDown);
		await app.waitForFrame(atSentence(30));
	});

	test('the sentence list marks the current sentence', async () => {
		const {app} = open(news);
		await app.press('j');
		const screen = await app.waitForFrame(atSentence(2));
		const lines = screen.split('\n');
		assert.ok(lines.some(line => line.startsWith('> 2  [Acme] hired [Mary] yesterday')), screen);
		assert.ok(lines.some(line => line.startsWith('  1  [John Smith] lives in [Paris]')), screen);
	});

	test('jjj typed as one burst moves three sentences', async () => {
		const {app} = open(numbered(30));
		await app.waitForFrame(atSentence(1));
		await app.type('jjj');
		await app.waitForFrame(atSentence(4));
	});

	test(':12 Enter typed as one burst goes to sentence 12', async () => {
		const {app} = open(numbered(30));
		await app.waitForFrame(atSentence(1));
		await app.type(':12\r');
		const screen = await app.waitForFrame(atSentence(12));
		assert.doesNotMatch(statusLine(screen), /go to sentence/, 'the prompt is closed');
	});

	test(': then the number typed key by key, then Enter, goes there too', async () => {
		const {app} = open(numbered(30));
		await app.press(':');
		await app.waitForFrame(screen => /^go to sentence:/.test(statusLine(screen)));
		await app.press('2', '5');
		await app.waitForFrame(screen => statusLine(screen).startsWith('go to sentence: 25'));
		await app.press(keys.enter);
		await app.waitForFrame(atSentence(25));
	});

	test('with the prompt already open, a number and Enter arriving in one read go there', async () => {
		const {app} = open(numbered(30));
		await app.press(':');
		await app.waitForFrame(screen => /^go to sentence:/.test(statusLine(screen)));
		await app.type('12\r');
		const screen = await app.waitForFrame(atSentence(12), 1000);
		assert.doesNotMatch(statusLine(screen), /go to sentence/);
	});

	test('an invalid sentence number shows the range in the status line', async () => {
		const {app} = open(numbered(30));
		await app.type(':99\r');
		const screen = await app.waitForFrame(screen => /no sentence "99": enter a number from 1 to 30/.test(statusLine(screen)));
		assert.deepEqual(headerPosition(screen), {sentence: 1, of: 30});
	});

	test('l moves the cursor along the sentence and the header counts tokens', async () => {
		const {app} = open(news);
		await app.press('l', 'l');
		const screen = await app.waitForFrame(screen => header(screen).includes('token 3/5'));
		assert.match(screen, /"lives"\s+tag O\s+line 4/);
	});
});

describe('editing labels', () => {
	test('a number key relabels the entity under the cursor and marks the file modified', async () => {
		const {app, session} = open(news);
		await app.waitForFrame(screen => sentenceLine(screen).includes('[John Smith]PER'));
		assert.doesNotMatch(header(app.screen()), /\[modified\]/);
		await app.press('3');
		const screen = await app.waitForFrame(screen => sentenceLine(screen).includes('[John Smith]ORG'));
		assert.match(header(screen), /\[modified\]$/);
		assert.match(statusLine(screen), /ORG: 2 tags changed/);
		assert.deepEqual(entitiesOf(session, 0), ['John Smith=ORG', 'Paris=LOC']);
	});

	test('a number key on an O token makes it a one-token entity', async () => {
		const {app} = open(news);
		await app.press('l', 'l', '2');
		const screen = await app.waitForFrame(screen => sentenceLine(screen).includes('[lives]LOC'));
		assert.ok(sentenceLine(screen).includes('[John Smith]PER [lives]LOC in [Paris]LOC'), sentenceLine(screen));
		assert.match(header(screen), /\[modified\]/);
	});

	test('x removes the entity under the cursor', async () => {
		const {app} = open(news);
		await app.press('l', 'x');
		const screen = await app.waitForFrame(screen => sentenceLine(screen).includes('John Smith lives in [Paris]LOC'));
		assert.match(statusLine(screen), /removed: 2 tags changed/);
	});

	test('Backspace removes the entity too', async () => {
		const {app} = open(news);
		await app.press(keys.backspace);
		await app.waitForFrame(screen => sentenceLine(screen).includes('John Smith lives in [Paris]LOC'));
	});

	test('v, l, l and a number label the selection as one entity', async () => {
		const {app} = open(news);
		await app.press('l', 'l', 'v', 'l', 'l');
		const selecting = await app.waitForFrame(screen => screen.includes('selected tokens 3-5'));
		assert.match(header(selecting), /token 5\/5/);
		await app.press('3');
		const screen = await app.waitForFrame(screen => sentenceLine(screen).includes('[lives in Paris]ORG'));
		assert.doesNotMatch(screen, /selected tokens/, 'the selection ends with the edit');
	});

	test('u undoes and Ctrl-R redoes, and the modified mark follows', async () => {
		const {app} = open(news);
		await app.press('x');
		await app.waitForFrame(screen => sentenceLine(screen).includes('John Smith lives'));
		await app.press('j', 'u');
		let screen = await app.waitForFrame(screen => sentenceLine(screen).includes('[John Smith]PER'));
		assert.deepEqual(headerPosition(screen), {sentence: 1, of: 3}, 'undo goes back to the edit');
		assert.doesNotMatch(header(screen), /\[modified\]/);
		assert.match(statusLine(screen), /undid remove entity/);
		await app.press(keys.ctrlR);
		screen = await app.waitForFrame(screen => sentenceLine(screen).includes('John Smith lives'));
		assert.match(header(screen), /\[modified\]/);
		assert.match(statusLine(screen), /redid remove entity/);
	});

	test('t, a new name and Enter ask first; y adds it to the bar and applies it', async () => {
		const {app} = open(news);
		await app.press('l', 'l', 't');
		await app.waitForFrame(screen => /^label:/.test(statusLine(screen)));
		await app.press('M', 'I', 'S', 'C');
		await app.waitForFrame(screen => statusLine(screen).includes('label: MISC') && statusLine(screen).includes('(new label)'));
		await app.press(keys.enter);
		await app.waitForFrame(screen => statusLine(screen) === 'new type MISC? (y)es (n)o');
		await app.press('y');
		const screen = await app.waitForFrame(screen => sentenceLine(screen).includes('[lives]MISC'));
		assert.ok(screen.split('\n').some(line => line.includes('1 PER  2 LOC  3 ORG  4 MISC')), screen);
	});

	test('Tab in the label prompt completes a known name', async () => {
		const {app} = open(news);
		await app.press('t', 'o');
		await app.waitForFrame(screen => statusLine(screen).startsWith('label: o'));
		await app.press(keys.tab);
		await app.waitForFrame(screen => statusLine(screen).startsWith('label: ORG'));
		await app.press(keys.enter);
		await app.waitForFrame(screen => sentenceLine(screen).includes('[John Smith]ORG'));
	});

	test('Esc closes a prompt without doing anything', async () => {
		const {app, session} = open(news);
		await app.press('t', 'x');
		await app.waitForFrame(screen => statusLine(screen).startsWith('label: x'));
		await app.press(keys.escape);
		await app.waitForFrame(screen => statusLine(screen).startsWith('j/k sentence'));
		assert.equal(session.dirty, false);
	});

	test('s saves and says so; the modified mark goes away', async () => {
		const {app, read} = open(news);
		await app.press('x', 's');
		const screen = await app.waitForFrame(screen => statusLine(screen).startsWith('saved corpus.tsv'));
		assert.doesNotMatch(header(screen), /\[modified\]/);
		assert.match(read(), /^John\tO$/m);
	});
});

describe('the help', () => {
	test('? lists every key of the main view, and Esc closes it', async () => {
		const {app} = open(news);
		await app.press('?');
		let screen = await app.waitForFrame(screen => screen.includes('Keys: ? or Esc closes'));
		const seen = new Set(screen.split('\n'));
		// Scroll through the whole help when it is taller than the screen.
		for (let step = 0; step < 60; step++) {
			const more = /lines \d+-(\d+) of (\d+)/.exec(screen);
			if (more === null || more[1] === more[2]) {
				break;
			}

			await app.press('j'); // eslint-disable-line no-await-in-loop
			screen = await app.waitForFrame(next => next !== screen); // eslint-disable-line no-await-in-loop
			for (const line of screen.split('\n')) {
				seen.add(line);
			}
		}

		const help = [...seen].join('\n');
		for (const binding of normalBindings) {
			assert.ok(help.includes(describeKeys(binding).replaceAll('`', '')), `the help does not show ${describeKeys(binding)}:\n${help}`);
			assert.ok(help.includes(binding.description.split(' ').slice(0, 3).join(' ')), `the help does not describe ${describeKeys(binding)}`);
		}

		await app.press(keys.escape);
		screen = await app.waitForFrame(screen => !screen.includes('Keys: ? or Esc closes'));
		assert.ok(sentenceLine(screen).includes('[John Smith]PER'), screen);
	});

	test('? again closes the help, and q in the help does not quit', async () => {
		const {app} = open(news);
		await app.press('?');
		await app.waitForFrame(screen => screen.includes('Keys: ? or Esc closes'));
		await app.press('q');
		await app.waitForFrame(screen => !screen.includes('Keys: ? or Esc closes'));
		assert.equal(app.exited(), false);
		await app.press('?');
		await app.waitForFrame(screen => screen.includes('Keys: ? or Esc closes'));
		await app.press('?');
		await app.waitForFrame(screen => !screen.includes('Keys: ? or Esc closes'));
	});
});

describe('quitting', () => {
	const question = 'Save changes? (y)es (n)o (c)ancel';

	test('with no edits q exits at once', async () => {
		const {app} = open(news);
		await app.press('q');
		await app.waitForExit();
	});

	test('with unsaved edits q asks first, and c goes back to the corpus', async () => {
		const {app} = open(news);
		await app.press('x', 'q');
		await app.waitForFrame(screen => statusLine(screen) === question);
		assert.equal(app.exited(), false);
		await app.press('c');
		await app.waitForFrame(screen => statusLine(screen).startsWith('j/k sentence'));
		assert.equal(app.exited(), false);
		assert.match(header(app.screen()), /\[modified\]/);
	});

	test('with unsaved edits, q then n exits and leaves the file as it was', async () => {
		const {app, read} = open(news);
		await app.press('x', 'q');
		await app.waitForFrame(screen => statusLine(screen) === question);
		await app.press('n');
		await app.waitForExit();
		assert.equal(read(), news);
	});

	test('with unsaved edits, q then y saves and exits', async () => {
		const {app, read} = open(news);
		await app.press('x', 'q');
		await app.waitForFrame(screen => statusLine(screen) === question);
		await app.press('y');
		await app.waitForExit();
		assert.match(read(), /^John\tO\nSmith\tO$/m);
	});

	test('Ctrl-C asks too, and Esc goes back', async () => {
		const {app} = open(news);
		await app.press('x', keys.ctrlC);
		await app.waitForFrame(screen => statusLine(screen) === question);
		await app.press(keys.escape);
		await app.waitForFrame(screen => statusLine(screen).startsWith('j/k sentence'));
		assert.equal(app.exited(), false);
	});
});

describe('plain mode', () => {
	test('draws the cursor as ‹token› and entities as [text]TYPE', async () => {
		const {app} = open(news, {plain: true});
		await app.press('l', 'l');
		const screen = await app.waitForFrame(screen => sentenceLine(screen).includes('‹lives›'));
		assert.ok(sentenceLine(screen).includes('[John Smith]PER‹lives›in [Paris]LOC'), sentenceLine(screen));
	});

	test('marks the selection with « »', async () => {
		const {app} = open(news, {plain: true});
		await app.press('l', 'l', 'v', 'l', 'l', 'h');
		const screen = await app.waitForFrame(screen => screen.includes('selected tokens 3-4'));
		// The selection is closed (») even where the cursor sits at its end; the cursor keeps its left mark.
		assert.ok(sentenceLine(screen).includes('«lives‹in»[Paris]LOC'), sentenceLine(screen));
		await app.press('h', 'h');
		const reversed = await app.waitForFrame(screen => screen.includes('selected tokens 2-3'));
		assert.ok(sentenceLine(reversed).includes('[John«Smith]PER›lives»in'), sentenceLine(reversed));
	});

	test('without plain mode the cursor has no marks', async () => {
		const {app} = open(news);
		await app.press('l', 'l');
		const screen = await app.waitForFrame(screen => header(screen).includes('token 3/5'));
		assert.ok(sentenceLine(screen).includes('[John Smith]PER lives in [Paris]LOC'), sentenceLine(screen));
		assert.doesNotMatch(screen, /[‹›]/);
	});
});

describe('untrusted text', () => {
	test('control characters in a token are shown as symbols and never reach the terminal', async () => {
		const {app} = open(seed('a\u001B[2Jb/B-PER bell\u0007 \u202Eevil plain'), {plain: true});
		const screen = await app.waitForFrame(screen => sentenceLine(screen).includes('a␛[2Jb'));
		assert.ok(sentenceLine(screen).includes('bell␇'), sentenceLine(screen));
		assert.ok(sentenceLine(screen).includes('<U+202E>evil'), sentenceLine(screen));
		for (const frame of app.frames) {
			assert.doesNotMatch(frame, /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/, 'a raw control character in a frame');
		}
	});

	test('control characters in an entity type never reach the terminal', async () => {
		const {app} = open(seed('a/B-X\u001B[31m b'), {plain: true, labels: undefined});
		await app.waitForFrame(screen => sentenceLine(screen).includes('[a]'));
		for (const frame of app.frames) {
			assert.doesNotMatch(frame, /\u001B/, `a raw escape in a frame: ${JSON.stringify(frame)}`);
		}
	});
});

/** Visits many screens: moves, selections, edits, prompts, the help and the quit question. */
async function tour(app: RenderedApp) {
	await app.press('j', 'l', 'l', 'l', 'v', 'l', '1', 'w', 'x', 'u', keys.ctrlR);
	await app.press('j', 'j', 'G', 'k', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', '2');
	await app.press('t', 'V', 'E', 'R', 'Y', '_', 'L', 'O', 'N', 'G', '_', 'T', 'Y', 'P', 'E', keys.enter, 'y');
	await app.press('t', 'v', keys.tab, keys.escape);
	await app.press('l', 't', ...'AN_ENTITY_TYPE_NAME_LONGER_THAN_A_NARROW_TERMINAL', keys.enter, 'y', 'j', 'k');
	await app.press(':', '9', '9', '9', keys.enter);
	await app.press('?', 'j', 'j', 'j', keys.escape);
	await app.press('g', keys.pageDown, 'q', 'c', 's', 'W', keys.escape, 'z');
}

describe('the screen always fits the terminal', () => {
	const text = seed(
		'John/B-PER Smith/I-PER lives in Paris/B-LOC',
		'東京/B-LOC は 日本 の 首都 です 。 😀 👍🏽 東京都庁舎/B-ORG は 新宿区/B-LOC に ある',
		...Array.from({length: 12}, (_, index) => `A fairly long sentence number ${index + 3} that must wrap over several screen lines in a narrow terminal with/B-ORG an/I-ORG entity/I-ORG`),
		`${'Supercalifragilisticexpialidocious'.repeat(4)}/B-MISC short`,
		Array.from({length: 200}, (_, index) => (index % 9 === 0 ? '中文/B-PER' : `w${index}`)).join(' '),
	);

	for (const size of [{columns: 80, rows: 24}, {columns: 40, rows: 10}, {columns: 100, rows: 30}]) {
		for (const plain of [false, true]) {
			test(`at ${size.columns}x${size.rows}${plain ? ' in plain mode' : ''} no frame is wider than columns - 1 or taller than rows - 1`, async () => {
				const {app} = open(text, {size, plain});
				await app.waitForFrame(screen => sentenceLine(screen).includes('Smith]PER'));
				await tour(app);
				assert.ok(app.frames.length > 40, `the tour drew ${app.frames.length} frames`);
				const screens = app.frames.map(frame => frameLines(frame));
				for (const [what, seen] of Object.entries({
					help: (lines: string[]) => lines.some(line => line.startsWith('Keys:')),
					'quit question': (lines: string[]) => lines.at(-1) === 'Save changes? (y)es (n)o (c)ancel',
					'label prompt': (lines: string[]) => lines.at(-1)!.startsWith('label: AN_ENTITY'),
					'long label applied': (lines: string[]) => lines.some(line => line.includes(']AN_ENTITY')),
					'CJK sentence': (lines: string[]) => lines.some(line => line.includes('[東京]LOC')),
				})) {
					assert.ok(screens.some(lines => seen(lines)), `the tour never showed the ${what}`);
				}

				for (const [index, frame] of app.frames.entries()) {
					const lines = frameLines(frame);
					assert.ok(frameWidth(frame) <= size.columns - 1, `frame ${index} is ${frameWidth(frame)} columns wide:\n${lines.join('\n')}`);
					assert.ok(lines.length <= size.rows - 1, `frame ${index} is ${lines.length} lines tall:\n${lines.join('\n')}`);
				}
			});
		}
	}

	test('a terminal that is too small shows only a message that fits, wrapped over its rows and whole', async () => {
		for (const size of [{columns: 30, rows: 8}, {columns: 45, rows: 8}]) {
			const {app} = open(news, {size});
			// eslint-disable-next-line no-await-in-loop
			const screen = await app.waitForFrame(screen => screen.startsWith('Terminal too small'));
			const lines = screen.split('\n');
			assert.ok(lines.every(line => stringWidth(line) <= size.columns - 1), screen);
			assert.ok(lines.length <= size.rows - 1, screen);
			assert.equal(lines.join(' '), `Terminal too small: ${size.columns}x${size.rows}, need 40x10. Enlarge it, or q to quit.`);
			app.unmount();
		}
	});

	test('while the terminal is too small only q and Ctrl-C act: no key edits unseen (QA: x removed an entity, y answered a hidden question)', async () => {
		const {app, session} = open(news, {size: {columns: 30, rows: 8}});
		await app.waitForFrame(screen => screen.startsWith('Terminal too small'));
		await app.press('x', '2', 'l', 'j', 'r');
		assert.equal(session.dirty, false);
		await app.press('q');
		await app.waitForExit();
	});

	test('at any size too small, the message fits and says the size needed (from 6 columns, the width of "40x10" and the margin)', () => {
		const {session} = sessionFrom(news);
		const world = worldOf(session);
		for (let columns = 1; columns <= 45; columns++) {
			for (let rows = 1; rows <= 12; rows++) {
				const size = {columns, rows};
				const model = screenModel(initialState(labels, size), world, 'corpus.tsv');
				if (columns >= 40 && rows >= 10) {
					assert.equal(model.kind, 'screen');
					continue;
				}

				assert.equal(model.kind, 'too-small', `${columns}x${rows}`);
				const {lines} = model as Extract<typeof model, {kind: 'too-small'}>;
				const where = `${columns}x${rows}:\n${lines.join('\n')}`;
				assert.ok(lines.length >= 1 && lines.length <= Math.max(1, rows - 1), where);
				assert.ok(lines.every(line => stringWidth(line) <= Math.max(1, columns - 1)), where);
				if (columns >= 6) {
					assert.match(lines.join(' '), /\b40x10\b/, where);
				}

				if (columns >= 30 && rows >= 5) {
					assert.match(lines.join(' '), new RegExp(`^Terminal too small: ${columns}x${rows}, need 40x10\\. Enlarge it, or q to quit\\.$`), where);
				}
			}
		}
	});

	test('after a resize the screen settles at the new size', async () => {
		const {app} = open(text, {size: {columns: 80, rows: 24}});
		await app.waitForFrame(atSentence(1));
		await app.press('G');
		app.resize({columns: 45, rows: 12});
		await app.waitForFrame(screen => frameWidth(screen) <= 44 && frameLines(screen).length <= 11 && sentenceLine(screen).includes('[中文]PER'));
		const settled = app.frames.length;
		await app.press('k', 'l', 'l', '?', keys.escape);
		await app.waitForFrame(screen => screen.includes('"short"  tag O') && !screen.includes('Keys:'));
		for (const frame of app.frames.slice(settled)) {
			assert.ok(frameWidth(frame) <= 44, `a frame after the resize is ${frameWidth(frame)} wide:\n${frameLines(frame).join('\n')}`);
			assert.ok(frameLines(frame).length <= 11, `a frame after the resize is ${frameLines(frame).length} tall`);
		}
	});

	test('after a resize the App draws no frame at the old size', async () => {
		const {app} = open(text, {size: {columns: 80, rows: 24}});
		await app.waitForFrame(atSentence(1));
		app.resize({columns: 45, rows: 12});
		// Frames Ink itself writes synchronously in its own resize handler (the old tree re-laid out) are not the App's doing.
		const fromApp = app.frames.length;
		await app.waitForFrame(screen => frameWidth(screen) <= 44 && sentenceLine(screen).includes('[John Smith]PER'));
		const stale = app.frames.slice(fromApp).filter(frame => frameWidth(frame) > 44);
		assert.equal(stale.length, 0, `${stale.length} frame(s) at the old width after the App saw the resize:\n${stale.map(frame => frameLines(frame).join('\n')).join('\n---\n')}`);
	});
});

describe('a long sentence', () => {
	test('a 3757-token sentence renders and the cursor can reach its end', async () => {
		const words = Array.from({length: 3757}, (_, index) => (index === 3756 ? 'LAST/B-LOC' : `w${index}`));
		const {app} = open(seed('short one', words.join(' ')), {size: {columns: 80, rows: 24}});
		await app.press('j');
		await app.waitForFrame(screen => header(screen).includes('token 1/3757'));
		await app.press('w');
		const screen = await app.waitForFrame(screen => header(screen).includes('token 3757/3757'));
		assert.ok(screen.includes('[LAST]LOC'), screen);
		assert.ok(frameLines(app.frames.at(-1)!).length <= 23);
	});
});
