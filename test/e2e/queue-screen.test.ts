/**
The ranked problem queue in a real terminal (issue 12): `e` walks it most suspicious first, the
status line says why and what is suggested, the sentence view shows the suggestion after its
entity, `a` takes it, `u` takes it back, and the saved file has exactly that tag changed; `#` walks
the same places in file order, the tagger's doubts among them.
*/
import {afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {assertBytes, fixtureFolder} from '../helpers/fixtures.js';
import {statusOf} from '../helpers/screen.js';
import {assertBuilt, tmuxAvailable, TmuxSession} from '../helpers/tmux.js';
import {toySentences, toyText} from '../helpers/toy-corpus.js';
import {minTaggerTokens} from '../../source/review/index.js';

const text = [
	'<s>', 'Bob\tB-PER', 'Lee\tI-LOC', 'wrote\tO', '</s>',
	'<s>', 'Paris\tB-LOC', 'is\tO', 'big\tO', '</s>',
	'<s>', 'Paris\tB-LOC', 'again\tO', '</s>',
	'<s>', 'We\tO', 'saw\tO', 'Paris\tB-ORG', 'today\tO', '</s>',
	'<s>', 'Paris\tB-LOC', 'at\tO', 'night\tO', '</s>',
	'',
].join('\n');

const sessions: TmuxSession[] = [];

/** `F problems Enter`, a key at a time once the prompt is open. */
async function filterProblems(app: TmuxSession): Promise<void> {
	app.press('F');
	await app.waitFor(next => statusOf(next).startsWith('filter'));
	for (const key of ['p', 'r', 'o', 'b', 'l', 'e', 'm', 's', 'Enter']) {
		app.press(key);
	}
}
const skip = tmuxAvailable() ? false : 'tmux is not installed: the end-to-end terminal tests need it';

describe('the ranked problem queue in a terminal (tmux)', {skip}, () => {
	before(() => {
		assertBuilt();
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	test('e walks the queue most suspicious first; a takes the suggestion; u takes it back; s saves only that tag', async () => {
		const folder = fixtureFolder({'c.tsv': text});
		const app = new TmuxSession({args: ['c.tsv'], cwd: folder, cols: 120, rows: 30});
		sessions.push(app);
		await app.waitFor(/sentence 1\/5/, 10_000);
		app.press('e');
		let screen = await app.waitFor(next => /^1\/\d+ \(by the checks' counts\), line 3: .*I-LOC/m.test(next));
		assert.match(screen, /sentence 1\/5/);
		app.press('e');
		screen = await app.waitFor(next => /^2\/\d+ .*"Paris" is ORG here/m.test(next));
		assert.match(screen, /sentence 4\/5/);
		assert.match(screen, /\[Paris\]ORG → LOC \d\.\d\d/, 'the suggestion after the entity in the sentence view');
		app.press('a');
		screen = await app.waitFor(next => /^take the suggestion \[Paris\]ORG → LOC \d\.\d\d: 1 tag changed$/m.test(statusOf(next)));
		assert.match(screen, /\[Paris\]LOC/);
		app.press('u');
		await app.waitFor(next => statusOf(next).startsWith('undid take the suggestion'));
		app.press('C-r');
		await app.waitFor(next => statusOf(next).startsWith('redid take the suggestion'));
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('saved c.tsv'));
		assertBytes(path.join(folder, 'c.tsv'), text.replace('Paris\tB-ORG', 'Paris\tB-LOC'), 'only the taken suggestion changed the file');
	});

	test('a problem an edit makes joins the queue: e goes to it, and the place e had reached is kept', async () => {
		// Ten sentences with [EU]ORG: removing one leaves "EU" unlabelled where it is ORG 9 times in 10.
		const eu = Array.from({length: 10}, () => '<s>\nThe\tO\nEU\tB-ORG\nsaid\tO\nno\tO\n.\tO\n</s>\n').join('');
		const folder = fixtureFolder({'eu.tsv': `${text}${eu}`});
		const app = new TmuxSession({args: ['eu.tsv'], cwd: folder, cols: 120, rows: 30});
		sessions.push(app);
		await app.waitFor(/sentence 1\/15/, 10_000);
		// Until the queue is first ranked (in the background, after the first frame), e walks the checks in file order.
		for (let ranked = false; !ranked;) {
			app.press('g', 'h', 'h');
			// eslint-disable-next-line no-await-in-loop
			await app.waitFor(/sentence 1\/15 {2}· {2}token 1\//);
			app.press('e');
			// eslint-disable-next-line no-await-in-loop
			const screen = await app.waitFor(next => /token 2\//.test(next) && /^(1\/2 \(by the checks' counts\)|problem sentence 1\/2)/m.test(next));
			ranked = /^1\/2 \(by the checks' counts\)/m.test(screen);
		}

		app.press('e');
		await app.waitFor(next => /^2\/2 .*"Paris" is ORG here/m.test(next));
		app.press(':');
		await app.waitFor(next => statusOf(next).startsWith('go to sentence'));
		app.press('8', 'Enter');
		await app.waitFor(/sentence 8\/15/);
		app.press('l', 'x');
		// The queue is ranked again in the background: the new problem ranks above the place e had reached.
		await app.waitFor(next => /1 problem e has not reached now ranks above its place \(E walks back up to it\)/.test(statusOf(next)));
		app.press('E');
		const screen = await app.waitFor(/^2\/3 \(by the checks' counts\), line 42: "EU" is O here but an entity in 9 of 10/m);
		assert.match(screen, /sentence 8\/15/);
		await filterProblems(app);
		await app.waitFor(next => /filter problems: 3 sentences/.test(next));
	});

	test('--reference: % counts the problems as stats --reference does, the file\'s own judged on every file\'s counts (a mention the files together mostly label its way is none)', async () => {
		// Alone, the LOC "Jordan" is the minority; with the training set's five LOC, the two PER are.
		const train = Array.from({length: 5}, (_, index) => `<s>\nJordan\tB-LOC\nsaid\tO\nthing${index}\tO\n</s>\n`).join('');
		const test = ['PER', 'PER', 'LOC'].map((type, index) => `<s>\nJordan\tB-${type}\nran\tO\nx${index}\tO\n</s>\n`).join('');
		const folder = fixtureFolder({'test.tsv': test, 'train.tsv': train});
		const app = new TmuxSession({args: ['test.tsv', '--reference', 'train.tsv'], cwd: folder, cols: 120, rows: 30});
		sessions.push(app);
		await app.waitFor(/sentence 1\/3/, 10_000);
		// Once the queue is ranked (in the background), % has the references' counts.
		app.press('%');
		await app.waitFor(/^problems: 0 invalid tags, 2 inconsistent types, 0 unlabelled mentions$/m, 10_000);
	});

	test('--reference: a problem the training set reveals is walked by e, taken by a, and counted by F problems', async () => {
		const train = Array.from({length: 10}, (_, index) => `<s>\nAcme\tB-ORG\nsells\tO\nthing${index}\tO\n</s>\n`).join('');
		const folder = fixtureFolder({'test.tsv': '<s>\nAcme\tB-LOC\nsells\tO\n</s>\n<s>\nBob\tB-PER\nruns\tO\n</s>\n', 'train.tsv': train});
		const app = new TmuxSession({args: ['test.tsv', '--reference', 'train.tsv'], cwd: folder, cols: 120, rows: 30});
		sessions.push(app);
		await app.waitFor(/sentence 1\/2/, 10_000);
		app.press('j', 'e');
		await app.waitFor(/^1\/1 \(by the checks' counts\), line 2: "Acme" is LOC here but ORG in 10 of 11 mentions/m);
		app.press('a');
		await app.waitFor(next => /^take the suggestion \[Acme\]LOC → ORG/m.test(statusOf(next)));
		app.press('u');
		await app.waitFor(next => statusOf(next).startsWith('undid take the suggestion'));
		await filterProblems(app);
		await app.waitFor(next => /filter problems: 1 sentence/.test(next));
	});

	test('# walks the same places in file order, on from the cursor', async () => {
		const folder = fixtureFolder({'c.tsv': text});
		const app = new TmuxSession({args: ['c.tsv'], cwd: folder, cols: 120, rows: 30});
		sessions.push(app);
		await app.waitFor(/sentence 1\/5/, 10_000);
		app.press('e');
		await app.waitFor(next => /^1\/\d+ \(by the checks' counts\)/m.test(next));
		app.press('#');
		await app.waitFor(next => statusOf(next) === 'e walks the problems in file order');
		app.press(':', '3', 'Enter', 'e');
		const screen = await app.waitFor(next => /^2\/2 \(file order\), line 18: "Paris" is ORG here/m.test(next));
		assert.match(screen, /sentence 4\/5/);
		app.press('E', 'E');
		await app.waitFor(next => /^no problem before the cursor in file order \(2 places; # ranks them most suspicious first\)/m.test(statusOf(next)));
		assert.match(app.screen(), /sentence 1\/5/);
	});
});

describe('the tagger yields to the keys and says so (tmux)', {skip}, () => {
	before(() => {
		assertBuilt();
	});

	test('while keys come the header says the tagger waits for a pause; when they stop it trains and the queue is ranked with it', async () => {
		const sentences = toySentences(3000);
		const tokens = sentences.reduce((total, sentence) => total + sentence.length, 0);
		assert.ok(tokens >= minTaggerTokens, `${tokens} tokens: enough for the tagger`);
		// A few wrong labels, so the queue has something for the tagger to rank.
		let paris = 0;
		const noisy = toyText(sentences).replaceAll('Paris B-LOC', match => (++paris % 40 === 0 ? 'Paris B-ORG' : match));
		assert.ok(paris >= 40, 'some Paris labelled ORG');
		const folder = fixtureFolder({'toy.txt': noisy});
		const app = new TmuxSession({args: ['toy.txt'], cwd: folder, cols: 160, rows: 30});
		try {
			await app.waitFor(/sentence 1\/3000/, 10_000);
			// A reviewer stepping through sentences, a key every 50 ms: the tagger waits, and the header says so.
			let waited = false;
			for (const started = Date.now(); !waited && Date.now() - started < 30_000;) {
				app.press('j');
				waited = /tagger (\d+% )?waits for a pause/.test(app.lines()[0] ?? '');
				// eslint-disable-next-line no-await-in-loop
				await new Promise(resolve => {
					setTimeout(resolve, 50);
				});
			}

			assert.ok(waited, `the header never said the tagger waits:\n${app.screen()}`);
			// It trains once the keys stop; when its ranking is made the status line says so, and e walks it.
			await app.waitFor(screen => /the tagger has read the corpus/.test(statusOf(screen)), 120_000);
			app.press('e');
			const ranked = await app.waitFor(screen => /^1\/\d+ \(most suspicious first\)/.test(statusOf(screen)), 10_000);
			// `#` walks the same places, the tagger's doubts among them, by place in the file.
			const places = /^1\/(\d+) \(most suspicious first\)/m.exec(ranked)![1]!;
			app.press('#', 'g', 'e');
			await app.waitFor(screen => new RegExp(`^\\d+/${places} \\(file order\\), line \\d+: `, 'm').test(screen), 10_000);
		} finally {
			app.kill();
		}
	});
});
