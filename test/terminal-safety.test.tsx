/**
Tokens and tags may hold escape sequences and control characters (a corpus scraped from the web
does): on every screen they must show as visible stand-ins and never reach the terminal raw.
Test processes draw without colors, so any ESC, BEL or C1 byte in a frame is a leak.
*/
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {sessionFrom} from './helpers/corpus.js';
import {keys, renderApp, type RenderedApp} from './helpers/render.js';

const clearScreen = '\u001B[2J';
const setTitle = '\u001B]0;pwned\u0007';
const link = '\u001B]8;;http://x\u0007click\u001B]8;;\u0007';
const red = '\u001B[31m';
const c1Csi = '\u009B31m';
const bidiOverride = '\u202Egnp.exe';

/** A corpus whose tokens and one entity type carry every kind of dangerous sequence. */
const corpus = [
	'<s>',
	`${clearScreen}wipe\tB-PER`,
	`says\tO`,
	`${setTitle}\tO`,
	`${link}\tB-ORG`,
	`${red}red\tO`,
	`${c1Csi}c1\tB-LOC`,
	`${bidiOverride}\tO`,
	'bell\u0007\tB-X\u001B[31mTYPE',
	'</s>',
	'<s>',
	`${clearScreen}wipe\tB-PER`,
	'again\tO',
	'</s>',
	'',
].join('\n');

/** No escape, BEL, C1 control or bidi override anywhere in any frame drawn so far. */
function assertNoRawControls(app: RenderedApp, screenName: string) {
	for (const [index, frame] of app.frames.entries()) {
		const leak = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/u.exec(frame);
		assert.equal(leak, null, `${screenName}: frame ${index} holds U+${leak?.[0].codePointAt(0)?.toString(16).padStart(4, '0')}: ${JSON.stringify(frame.slice(Math.max(0, (leak?.index ?? 0) - 20), (leak?.index ?? 0) + 20))}`);
	}
}

describe('escape sequences in tokens and tags never reach the terminal', () => {
	test('sentence view, list, token detail and label bar show stand-ins', async () => {
		const app = renderApp(sessionFrom(corpus).session);
		try {
			const screen = await app.waitForFrame(text => text.includes('wipe'));
			assert.match(screen, /␛\[2Jwipe/, 'ESC is shown as ␛');
			assert.match(screen, /bell␇/, 'BEL is shown as ␇');
			assert.match(screen, /<U\+009B>31mc1/, 'a C1 control is shown by its code');
			assert.match(screen, /<U\+202E>gnp\.exe/, 'a bidi override is shown by its code');
			assert.match(screen, /X␛\[31mTYPE/, 'the entity type is shown safe');
			await app.press('l', 'l', 'l', 'l', 'l', 'l', 'l', 'l');
			assertNoRawControls(app, 'sentence view');
		} finally {
			app.unmount();
		}
	});

	test('the consistency view, statistics, help and search messages show stand-ins', async () => {
		const app = renderApp(sessionFrom(corpus).session);
		try {
			await app.waitForFrame(text => text.includes('wipe'));
			await app.press('c');
			await app.waitForFrame(text => text.includes('labelled mentions'));
			await app.press(keys.escape, '%');
			await app.waitForFrame(text => text.includes('Statistics'));
			await app.press(keys.escape, '?');
			await app.waitForFrame(text => text.includes('Keys'));
			await app.press(keys.escape, '/', 'a', 'g', 'a', 'i', 'n', keys.enter);
			await app.waitForFrame(text => text.includes('in sentence 2'));
			await app.press('e');
			await app.waitForFrame(text => /problem|no problem/.test(text));
			assertNoRawControls(app, 'views and messages');
		} finally {
			app.unmount();
		}
	});
});
