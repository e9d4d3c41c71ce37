/**
End-to-end: the review workflow (issue 4) in a real terminal (tmux), driven key by key: review
progress kept in the sidecar, recovery of unsaved edits after a crash, the consistency view's bulk
relabel and its single undo, problem navigation and repair, search, filters, statistics, and the
non-interactive `check` and `stats` subcommands. Saved bytes are compared with bytes this file
computes itself from the fixture (its own small reader of the seed format, not the app's code).
*/
import {afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {assertBuilt, cliPath, repoRoot, tmuxAvailable, TmuxSession, type TmuxOptions} from '../helpers/tmux.js';
import {seed} from '../helpers/corpus.js';
import {assertBytes, fixtureFolder} from '../helpers/fixtures.js';
import {headerOf, labelKey, statusOf} from '../helpers/screen.js';

const demoSource = path.join(repoRoot, 'demo', 'software.txt');
const original = fs.readFileSync(demoSource);
const originalText = original.toString('utf8');

// ---------------------------------------------------------------------------------------------
// An independent reading of seed-format files (`<s>` / `token<TAB>tag` / `</s>`).

type TokenLine = {readonly lineIndex: number; readonly token: string; readonly tag: string};

function splitLines(text: string): string[] {
	return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function readSeed(text: string): {lines: string[]; sentences: TokenLine[][]} {
	const lines = splitLines(text);
	const sentences: TokenLine[][] = [];
	let current: TokenLine[] | undefined;
	for (const [lineIndex, line] of lines.entries()) {
		const content = line.replace(/\r?\n$/, '');
		if (content === '<s>') {
			current = [];
		} else if (content === '</s>') {
			sentences.push(current!);
			current = undefined;
		} else if (content !== '' && current !== undefined) {
			const [token, tag] = content.split('\t');
			current.push({lineIndex, token: token!, tag: tag!});
		}
	}

	return {lines, sentences};
}

/** Edits as [sentence, token, new tag], 0-based. */
type TagEdit = readonly [sentence: number, token: number, tag: string];

/** The text with the tag cells of the edited tokens replaced, every other byte as it was. */
function withTags(text: string, edits: readonly TagEdit[]): string {
	const {lines, sentences} = readSeed(text);
	for (const [sentence, token, tag] of edits) {
		const target = sentences[sentence]?.[token];
		assert.ok(target, `test bug: no token ${token} in sentence ${sentence}`);
		lines[target.lineIndex] = lines[target.lineIndex]!.replace(/\t[^\t\n]*(\n?)$/, `\t${tag}$1`);
	}

	return lines.join('');
}

const demo = readSeed(originalText);

/** [sentence, token] of the first token matching `predicate`, in file order. */
function findToken(predicate: (token: TokenLine, index: number, sentence: TokenLine[]) => boolean): [number, number] {
	for (const [sentence, tokens] of demo.sentences.entries()) {
		const index = tokens.findIndex((token, at) => predicate(token, at, tokens));
		if (index >= 0) {
			return [sentence, index];
		}
	}

	assert.fail('test bug: no such token in the demo');
}

// ---------------------------------------------------------------------------------------------
// Screen reading (see also helpers/screen.ts)

/** The sentence list's rows: `{mark, number, current}` for each. */
function listRows(screen: string): Array<{current: boolean; mark: string; number: number}> {
	const rows: Array<{current: boolean; mark: string; number: number}> = [];
	for (const line of screen.split('\n')) {
		const match = /^([> ])([ ✓⚑]) *(\d+) {2}/.exec(line);
		if (match !== null) {
			rows.push({current: match[1] === '>', mark: match[2]!, number: Number(match[3])});
		}
	}

	return rows;
}

const sentenceIs = (number: number) => (screen: string) => new RegExp(`sentence ${number}/\\d+\\b`).test(headerOf(screen));

// ---------------------------------------------------------------------------------------------
// Setup

/** The status line's last rows joined (a queue entry's reason and suggestion take two), with the label bar's row before them. */
const wrappedStatus = (screen: string) => screen.split('\n').filter(line => line.trim() !== '').slice(-3).join(' ');

const sessions: TmuxSession[] = [];


/** Starts the CLI and waits until `ready` holds (by default: the header of the first sentence). */
async function open(options: TmuxOptions, ready: (screen: string) => boolean = sentenceIs(1)): Promise<TmuxSession> {
	const session = new TmuxSession(options);
	sessions.push(session);
	await session.waitFor(ready, 10_000);
	return session;
}

async function quit(app: TmuxSession): Promise<void> {
	app.press('q');
	assert.equal(await app.waitForExit(), 0, 'a clean quit exits with 0');
}

/** Types text into an open prompt and waits until the prompt shows all of it before pressing Enter. */
async function submitPrompt(app: TmuxSession, title: string, text: string): Promise<void> {
	// tmux trims the spaces at the end of a row.
	await app.waitFor(screen => statusOf(screen).startsWith(title.trimEnd()));
	// One key at a time, each shown before the next: keys a few ms apart lose characters (see test f2).
	// tmux trims a trailing space from the screen, so a space goes in one write with the key after it.
	for (let length = 1; length <= text.length; length++) {
		if (text[length - 1] === ' ' && length < text.length) {
			length++;
			app.tmux(['send-keys', '-t', 'e2e', '-l', text.slice(length - 2, length)]);
		} else {
			app.press(text[length - 1]!);
		}

		const typed = text.slice(0, length);
		await app.waitFor(screen => statusOf(screen).startsWith(`${title}${typed}`.trimEnd()));
	}

	app.press('Enter');
	await app.waitFor(screen => !statusOf(screen).startsWith(title.trimEnd()));
}

/** The pid of the CLI's process: the pane runs a shell (`env ... node ...; echo $? > status`) whose one child is the CLI. */
function cliPid(app: TmuxSession): number {
	const pid = app.appPid();
	// The CLI names itself: its command line reads `ner-review`, not `node dist/cli.js`.
	const command = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], {encoding: 'utf8'}).stdout.trim();
	assert.match(command, /ner-review|cli\.js/, `the pane's child is the CLI: ${command}`);
	return pid;
}

/** Opens the demo copy, relabels two entities (sentence 1 Linux, sentence 2 Git), then kills node with SIGKILL. */
async function editTwiceAndCrash(folder: string): Promise<TagEdit[]> {
	const app = await open({cwd: folder, args: ['software.txt']});
	const screen = app.screen();
	assert.equal(demo.sentences[0]![0]!.tag, 'B-Operating_System', 'test bug: the demo starts with Linux B-Operating_System');
	assert.equal(demo.sentences[1]![0]!.tag, 'B-Application', 'test bug: sentence 2 starts with Git B-Application');
	app.press(labelKey(screen, 'Application'));
	await app.waitFor('[Linux]Application');
	app.press('j');
	await app.waitFor(sentenceIs(2));
	app.press(labelKey(screen, 'Language'));
	await app.waitFor(next => next.includes('[Git]Language') && headerOf(next).includes('[modified]'));
	const pid = cliPid(app);
	process.kill(pid, 'SIGKILL');
	assert.equal(await app.waitForExit(), 128 + 9, 'the shell reports the CLI killed by SIGKILL');
	app.kill();
	return [[0, 0, 'B-Application'], [1, 0, 'B-Language']];
}

const skip = tmuxAvailable() ? false : 'tmux is not installed: the end-to-end terminal tests need it';

describe('the review workflow in a terminal (tmux)', {concurrency: 1, skip}, () => {
	before(() => {
		assertBuilt();
		assert.equal(demo.sentences.length, 42, 'test bug: the demo has 42 sentences');
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	test('a. reviewed and flagged marks and the position survive a quit; the corpus is not touched', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const file = path.join(folder, 'software.txt');
		let app = await open({cwd: folder, args: ['software.txt']});
		assert.match(headerOf(app.screen()), /reviewed 0\/42/);
		app.press('Enter');
		await app.waitFor(screen => sentenceIs(2)(screen) && headerOf(screen).includes('reviewed 1/42'));
		app.press('Enter');
		await app.waitFor(screen => sentenceIs(3)(screen) && headerOf(screen).includes('reviewed 2/42'));
		app.press('f');
		await app.waitFor(next => statusOf(next).startsWith('flag, with a note'));
		app.press('check type', 'Enter');
		let screen = await app.waitFor(next => headerOf(next).includes('flagged 1'));
		assert.equal(statusOf(screen), 'flagged: check type');
		assert.match(screen, /^>⚑ +3 .* ⚑ check type$/m, 'the list shows the note');
		const marks = (rows: ReturnType<typeof listRows>) => rows.filter(row => row.number <= 4).map(row => `${row.current ? '>' : ' '}${row.mark}${row.number}`);
		assert.deepEqual(marks(listRows(screen)), [' ✓1', ' ✓2', '>⚑3', '  4'], `list marks:\n${screen}`);

		app.press('j');
		await app.waitFor(sentenceIs(4));
		app.press('j');
		await app.waitFor(sentenceIs(5));
		await quit(app);
		assert.ok(fs.existsSync(`${file}.review.json`), 'the sidecar FILE.review.json is written');
		assertBytes(file, original, 'the corpus after a review without edits');
		assert.ok(!fs.existsSync(`${file}.bak`), 'no backup: nothing was saved');

		app = await open({cwd: folder, args: ['software.txt']}, next => sentenceIs(5)(next) && headerOf(next).includes('reviewed 2/42'));
		screen = app.screen();
		assert.match(headerOf(screen), /reviewed 2\/42 {2}flagged 1/);
		assert.deepEqual(marks(listRows(screen)), [' ✓1', ' ✓2', ' ⚑3', '  4'], `marks after reopening:\n${screen}`);
		assert.ok(listRows(screen).some(row => row.current && row.number === 5), `the cursor is on sentence 5:\n${screen}`);
		await quit(app);
		assertBytes(file, original, 'the corpus after the second session');
	});

	test('b. crash recovery: SIGKILL after two edits; y replays them and s saves exactly them', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const file = path.join(folder, 'software.txt');
		const edits = await editTwiceAndCrash(folder);
		assertBytes(file, original, 'the corpus after the crash');

		const app = await open({cwd: folder, args: ['software.txt']}, screen => statusOf(screen).includes('Recover? (y)es (n)o'));
		let screen = app.screen();
		assert.match(statusOf(screen), /2 unsaved edits\. Recover\? \(y\)es \(n\)o/);
		assert.ok(!headerOf(screen).includes('[modified]'), 'nothing replayed before the answer');
		app.press('y');
		screen = await app.waitFor(next => statusOf(next).includes('2 of 2 edits recovered'));
		assert.ok(headerOf(screen).includes('[modified]'), `[modified] after recovering:\n${screen}`);
		app.press('g');
		await app.waitFor(next => sentenceIs(1)(next) && next.includes('[Linux]Application'));
		app.press('j');
		await app.waitFor(next => sentenceIs(2)(next) && next.includes('[Git]Language'));
		assertBytes(file, original, 'recovering does not write the file');
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('saved software.txt'));
		assertBytes(file, withTags(originalText, edits), 'the saved file');
		await quit(app);
	});

	test('b2. crash recovery answered n: nothing replayed, and the next open asks nothing', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const file = path.join(folder, 'software.txt');
		await editTwiceAndCrash(folder);

		let app = await open({cwd: folder, args: ['software.txt']}, screen => statusOf(screen).includes('Recover? (y)es (n)o'));
		app.press('n');
		let screen = await app.waitFor(next => statusOf(next).includes('discarded'));
		assert.ok(!headerOf(screen).includes('[modified]'), `nothing replayed:\n${screen}`);
		app.press('g');
		screen = await app.waitFor(next => sentenceIs(1)(next) && next.includes('[Linux]Operating_System'));
		assert.ok(!screen.includes('[Linux]Application'));
		await quit(app);
		assertBytes(file, original, 'the corpus after discarding');

		// The question is answered before any key: j moves only when no question is open.
		app = await open({cwd: folder, args: ['software.txt']});
		app.press('j');
		screen = await app.waitFor(sentenceIs(2));
		assert.ok(!screen.includes('Recover?'), `no recovery question on the third open:\n${screen}`);
		assert.ok(screen.includes('[Git]Application'), 'the discarded edit stays discarded');
		await quit(app);
	});

	test('b3. the recovery question answered q (or Ctrl-C): the app quits, the journal stays, and the next open asks again', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const file = path.join(folder, 'software.txt');
		await editTwiceAndCrash(folder);
		const journal = fs.readFileSync(`${file}.review.journal`);
		for (const key of ['q', 'C-c']) {
			// eslint-disable-next-line no-await-in-loop
			const app = await open({cwd: folder, args: ['software.txt']}, screen => statusOf(screen).includes('Recover? (y)es (n)o, q decides later'));
			app.press(key);
			// eslint-disable-next-line no-await-in-loop
			assert.equal(await app.waitForExit(), 0, key);
			assert.ok(fs.readFileSync(`${file}.review.journal`).equals(journal), `${key}: the journal is left as it was`);
		}

		const app = await open({cwd: folder, args: ['software.txt']}, screen => statusOf(screen).includes('2 unsaved edits. Recover?'));
		app.press('y');
		await app.waitFor(next => statusOf(next).includes('2 of 2 edits recovered'));
		app.press('q');
		await app.waitFor(next => statusOf(next).includes('Save changes?'));
		app.press('n');
		assert.equal(await app.waitForExit(), 0);
		assertBytes(file, original, 'nothing written');
	});

	test('c. consistency view: relabel the Application "Linux" as Operating_System, then u undoes the whole bulk edit', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const file = path.join(folder, 'software.txt');
		const app = await open({cwd: folder, args: ['software.txt']});
		app.press(':');
		await submitPrompt(app, 'go to sentence: ', '5');
		await app.waitFor(sentenceIs(5));
		app.press('w');
		await app.waitFor('"Linux"  tag B-Application');
		app.press('c');
		let screen = await app.waitFor('Linux: Operating_System x3, Application x1');
		assert.match(screen, /^> all 4 labelled mentions/m);
		app.press('j');
		await app.waitFor(/^> +Operating_System x3/m);
		app.press('j');
		screen = await app.waitFor(/^> +Application x1/m);
		app.press(labelKey(screen, 'Operating_System'));
		screen = await app.waitFor(next => /relabel 1 Application mention of "Linux" .*\? \(y\)es \(n\)o/.test(statusOf(next)));
		assert.match(statusOf(screen), /as Operating_System\?/);
		app.press('y');
		// The view stays open, its counts built again.
		screen = await app.waitFor(next => headerOf(next).includes('[modified]') && statusOf(next).includes('u undoes all of it') && /^Linux: Operating_System x4$/m.test(next));
		assert.ok(!screen.includes('Application x'), 'no Application mention left');
		app.press('Escape');
		screen = await app.waitFor(next => !next.includes('Linux: Operating_System') && sentenceIs(5)(next));
		assert.ok(screen.includes('[Linux]Operating_System'), `the mention in sentence 5 is relabelled:\n${screen}`);
		app.press('u');
		screen = await app.waitFor(next => statusOf(next).startsWith('undid'));
		assert.ok(!headerOf(screen).includes('[modified]'), `undone back to the file's content:\n${screen}`);
		app.press('c');
		await app.waitFor('Linux: Operating_System x3, Application x1');
		app.press('Escape');
		await app.waitFor(next => !next.includes('Linux: Operating_System'));
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('nothing to save'));
		assertBytes(file, original, 'nothing written after the undo');
		await quit(app);
	});

	test('d. one bulk relabel across four sentences from the "all" row; one u restores all four', async () => {
		const text = seed(
			'Jordan/B-PER spoke today',
			'Yesterday Jordan/B-PER left',
			'Jordan/B-ORG signed a deal',
			'Paris/B-LOC welcomed Jordan/B-PER again',
		);
		const folder = fixtureFolder({'jordan.txt': text});
		const file = path.join(folder, 'jordan.txt');
		const app = await open({cwd: folder, args: ['jordan.txt']});
		app.press('c');
		let screen = await app.waitFor('Jordan: PER x3, ORG x1');
		assert.match(screen, /^> all 4 labelled mentions/m);
		app.press(labelKey(screen, 'LOC'));
		screen = await app.waitFor(next => statusOf(next).includes('relabel 4 mentions of "Jordan" in 4 sentences as LOC? (y)es (n)o'));
		app.press('y');
		await app.waitFor(next => statusOf(next).includes('u undoes all of it') && /^Jordan: LOC x4$/m.test(next));
		// Saving and undoing work from the view too.
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('saved jordan.txt'));
		const relabelled = withTags(text, [[0, 0, 'B-LOC'], [1, 1, 'B-LOC'], [2, 0, 'B-LOC'], [3, 2, 'B-LOC']]);
		assertBytes(file, relabelled, 'after the bulk relabel');

		app.press('u');
		await app.waitFor(next => statusOf(next).startsWith('undid') && next.includes('Jordan: PER x3, ORG x1'));
		app.press('Escape');
		await app.waitFor(next => !next.includes('Jordan: PER'));
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('saved jordan.txt'));
		assertBytes(file, text, 'after one undo');
		app.press('u');
		await app.waitFor(next => statusOf(next) === 'nothing to undo');
		await quit(app);
	});

	test('e. in file order (#), e / E go to the queue\'s problems by place and name them; R repairs the tag after y', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const file = path.join(folder, 'software.txt');
		const [numpySentence, numpyToken] = findToken((token, index, tokens) => token.tag.startsWith('I-') && (index === 0 || tokens[index - 1]!.tag === 'O'));
		const numpy = demo.sentences[numpySentence]![numpyToken]!;
		assert.equal(numpy.token, 'NumPy', 'test bug: the demo\'s invalid tag is on NumPy');
		const [linuxSentence] = findToken(token => token.token === 'Linux' && token.tag === 'B-Application');

		const app = await open({cwd: folder, args: ['software.txt']});
		app.press('#');
		await app.waitFor(next => statusOf(next) === 'e walks the problems in file order');
		app.press('e');
		// Both the sentence and the status line: a capture can catch a frame half written.
		let screen = await app.waitFor(next => sentenceIs(numpySentence + 1)(next) && wrappedStatus(next).includes(`(file order), line ${numpy.lineIndex + 1}: I-Library after O is invalid in IOB2`));
		assert.ok(screen.includes('"NumPy"  tag I-Library'), `the cursor is on the problem token:\n${screen}`);
		app.press('e');
		screen = await app.waitFor(sentenceIs(linuxSentence + 1));
		assert.match(wrappedStatus(screen), /"Linux" is Application here but Operating_System/);
		app.press('E');
		screen = await app.waitFor(sentenceIs(numpySentence + 1));
		assert.match(wrappedStatus(screen), /I-Library after O is invalid in IOB2/);

		app.press('R');
		await app.waitFor(next => statusOf(next) === 'repair NumPy I-Library→B-Library? (y)es (n)o');
		app.press('y');
		screen = await app.waitFor(next => headerOf(next).includes('[modified]'));
		assert.ok(screen.includes('"NumPy"  tag B-Library'), `repaired on screen:\n${screen}`);
		app.press('s');
		await app.waitFor(next => statusOf(next).startsWith('saved software.txt'));
		const saved = splitLines(fs.readFileSync(file, 'utf8'));
		const changed = saved.flatMap((line, index) => (line === demo.lines[index] ? [] : [index]));
		assert.deepEqual(changed, [numpy.lineIndex], 'only the NumPy line differs');
		assert.equal(saved[numpy.lineIndex], 'NumPy\tB-Library\n');
		assertBytes(file, withTags(originalText, [[numpySentence, numpyToken, 'B-Library']]), 'the repaired file');
		await quit(app);
	});

	test('f. / searches text and /regex/, selects a match of several tokens, n goes on; an invalid regex is an error', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt']});
		const title = 'search (/regex/ or text): ';
		const [osSentence, osToken] = findToken((token, index, tokens) => token.token === 'operating' && /^systems?$/.test(tokens[index + 1]?.token ?? ''));

		// Whole tokens (issue 15): "system" would not find "systems"; a * does.
		app.press('/');
		await submitPrompt(app, title, 'operating system*');
		let screen = await app.waitFor(next => statusOf(next).includes('"operating system*" in sentence'));
		assert.ok(sentenceIs(osSentence + 1)(screen), `at the match's sentence:\n${screen}`);
		assert.ok(screen.includes(`selected tokens ${osToken + 1}-${osToken + 2}`), `the two-token match is selected:\n${screen}`);

		// Every token "linux" in any case (a lower-case query ignores case), in corpus order after the cursor: n visits them in turn.
		const linux = demo.sentences.flatMap((tokens, sentence) => tokens.flatMap((token, index) => (/^linux$/i.test(token.token) ? [{sentence, index}] : [])));
		const after = linux.filter(place => place.sentence > osSentence || (place.sentence === osSentence && place.index > osToken));
		assert.ok(after.length >= 3, 'test bug: the demo has several Linux after the first match');
		app.press('/');
		await submitPrompt(app, title, 'linux');
		for (const [step, place] of after.slice(0, 3).entries()) {
			if (step > 0) {
				app.press('n');
			}

			screen = await app.waitFor(next => sentenceIs(place.sentence + 1)(next) && new RegExp(`token ${place.index + 1}/`).test(headerOf(next)) && statusOf(next).includes(`"linux" in sentence ${place.sentence + 1}`));
		}

		const x86 = demo.sentences.flatMap((tokens, sentence) => tokens.flatMap((token, index) => (/x86-\d+/.test(token.token) ? [{sentence, index}] : [])));
		assert.ok(x86.length > 0, 'test bug: no x86-NN in the demo');
		const nextX86 = x86.find(place => place.sentence > after[2]!.sentence || (place.sentence === after[2]!.sentence && place.index > after[2]!.index)) ?? x86[0]!;
		app.press('/');
		await submitPrompt(app, title, '/x86-\\d+/');
		screen = await app.waitFor(next => statusOf(next).includes('"x86-\\d+" in sentence'));
		assert.ok(sentenceIs(nextX86.sentence + 1)(screen) && new RegExp(`token ${nextX86.index + 1}/`).test(headerOf(screen)), `at the regex match:\n${screen}`);
		assert.ok(screen.includes(`"${demo.sentences[nextX86.sentence]![nextX86.index]!.token}"  tag`));

		const before = headerOf(screen);
		app.press('/');
		await submitPrompt(app, title, '/(/');
		screen = await app.waitFor(next => statusOf(next).includes('invalid regular expression'));
		assert.match(statusOf(screen), /invalid regular expression \/\(\//);
		assert.equal(headerOf(screen), before, 'the cursor stays');
		await quit(app);
	});

	test('f2. a search typed quickly (one key per read, a few ms apart) and Enter at once still searches the whole text', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt']});
		// tmux delivers each send-keys as its own read, as a fast typist's keys arrive. Five tries: the loss is a race.
		const results: string[] = [];
		for (let attempt = 0; attempt < 5; attempt++) {
			// Off the match, to the first token: a new search from the only "operating" would wrap around to it.
			app.press('j', 'g');
			await app.waitFor(next => sentenceIs(1)(next) && /token 1\//.test(headerOf(next)));
			app.press('/', 'operating', 'Enter');
			try {
				results.push(statusOf(await app.waitFor(next => /in sentence \d+|^not found/.test(statusOf(next)), 1500)));
			} catch {
				results.push(`Enter lost, the prompt still open: ${statusOf(app.screen())}`);
			}

			app.press('Escape');
			await app.waitFor(next => !statusOf(next).startsWith('search'));
		}

		assert.deepEqual(results, Array.from({length: 5}, () => '"operating" in sentence 1  (n next, N previous)'));
		await quit(app);
	});

	test('g. F flagged walks only flagged sentences; F Enter clears; F LABEL shows sentences with that label', async () => {
		const folder = fixtureFolder({'software.txt': original});
		// Wide enough for the whole header (at 100 columns the filter is cut off, see the report).
		const app = await open({cwd: folder, args: ['software.txt'], cols: 140});
		app.press('f', 'Enter');
		await app.waitFor(next => headerOf(next).includes('flagged 1'));
		app.press(':');
		await submitPrompt(app, 'go to sentence: ', '7');
		await app.waitFor(sentenceIs(7));
		app.press('f', 'Enter');
		await app.waitFor(next => headerOf(next).includes('flagged 2'));
		app.press(':');
		await submitPrompt(app, 'go to sentence: ', '4');
		await app.waitFor(sentenceIs(4));

		const filterTitle = 'filter (flagged, unreviewed, problems, all, a label): ';
		app.press('F');
		await submitPrompt(app, filterTitle, 'flagged');
		let screen = await app.waitFor(next => headerOf(next).includes('filter flagged: 2'));
		assert.ok(sentenceIs(7)(screen), `from sentence 4 the filter goes to the next flagged one (7):\n${screen}`);
		assert.deepEqual(listRows(screen).map(row => row.number), [1, 7], `only flagged sentences listed:\n${screen}`);
		app.press('k');
		await app.waitFor(sentenceIs(1));
		app.press('j');
		await app.waitFor(sentenceIs(7));
		// j on the last flagged sentence stays there: had it moved on to 8, k would come back to 7, not 1.
		app.press('j');
		app.press('k');
		await app.waitFor(sentenceIs(1));

		app.press('F');
		await submitPrompt(app, filterTitle, '');
		screen = await app.waitFor(next => statusOf(next).includes('filter cleared'));
		assert.ok(!headerOf(screen).includes('filter'), `no filter in the header:\n${screen}`);
		app.press('j');
		await app.waitFor(sentenceIs(2));

		const library = demo.sentences.flatMap((tokens, sentence) => (tokens.some(token => token.tag.endsWith('-Library')) ? [sentence + 1] : []));
		assert.ok(library.length >= 2, 'test bug: several sentences with Library');
		app.press('F');
		await submitPrompt(app, filterTitle, 'Library');
		screen = await app.waitFor(next => headerOf(next).includes(`filter Library: ${library.length}`));
		const expectedFirst = library.find(number => number >= 2)!;
		assert.ok(sentenceIs(expectedFirst)(screen), `at the first Library sentence from sentence 2:\n${screen}`);
		assert.deepEqual(listRows(screen).map(row => row.number), library.slice(0, listRows(screen).length));
		app.press('g');
		await app.waitFor(sentenceIs(library[0]!));
		for (const number of library.slice(1)) {
			app.press('j');
			await app.waitFor(sentenceIs(number));
		}

		await quit(app);
	});

	test('g2. at 100 columns the header still names the active filter', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt']});
		app.press('f', 'Enter');
		await app.waitFor(next => headerOf(next).includes('flagged 1'));
		app.press('F');
		await submitPrompt(app, 'filter (flagged, unreviewed, problems, all, a label): ', 'flagged');
		await app.waitFor(next => statusOf(next).startsWith('filter flagged: 1'));
		app.press('j');
		const screen = await app.waitFor(next => !statusOf(next).startsWith('filter flagged'));
		assert.ok(headerOf(screen).includes('filter flagged: 1'), `the header names the filter:\n${headerOf(screen)}`);
		await quit(app);
	});

	test('h. % shows the statistics and Esc closes them', async () => {
		const folder = fixtureFolder({'software.txt': original});
		const tokens = demo.sentences.reduce((sum, sentence) => sum + sentence.length, 0);
		const app = await open({cwd: folder, args: ['software.txt']});
		app.press('%');
		const screen = await app.waitFor(`${demo.sentences.length} sentences, ${tokens} tokens`);
		assert.ok(screen.includes('42 sentences, 756 tokens'), 'the demo: 42 sentences, 756 tokens');
		assert.match(screen, /^Statistics: /m);
		app.press('Escape');
		await app.waitFor(next => !next.includes('Statistics:') && /^─+$/m.test(next));
		await quit(app);
	});
});

describe('check and stats subcommands (no terminal)', () => {
	before(() => {
		assertBuilt();
	});

	const run = (folder: string, ...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], {cwd: folder, encoding: 'utf8', env: {...process.env, CI: 'true'}});

	test('i. check lists FILE:LINE: problems and exits 1; clean after fixing them, exit 0; stats --json parses', () => {
		const folder = fixtureFolder({'demo-copy': original});
		const [numpySentence, numpyToken] = findToken(token => token.token === 'NumPy' && token.tag === 'I-Library');
		const [linuxSentence, linuxToken] = findToken(token => token.token === 'Linux' && token.tag === 'B-Application');
		const numpyLine = demo.sentences[numpySentence]![numpyToken]!.lineIndex + 1;
		assert.equal(numpyLine, 62, 'test bug: NumPy is on line 62 of the demo');

		let result = run(folder, 'check', '--file-order', 'demo-copy');
		assert.equal(result.status, 1, `check on the demo: exit 1\n${result.stdout}${result.stderr}`);
		const lines = result.stdout.trimEnd().split('\n');
		assert.ok(lines.includes('demo-copy:62: I-Library after O is invalid in IOB2'), result.stdout);
		assert.ok(lines.every(line => /^demo-copy:\d+: \S/.test(line)), `every line is FILE:LINE: message\n${result.stdout}`);
		assert.equal(result.stderr, '');
		// Ranked (the default): the invalid tag first, with its suspicion and the repair it suggests.
		const ranked = run(folder, 'check', 'demo-copy');
		assert.equal(ranked.status, 1);
		assert.equal(ranked.stdout.split('\n')[0], 'demo-copy:62: 1.00 I-Library after O is invalid in IOB2; suggest I-Library → B-Library');

		fs.writeFileSync(path.join(folder, 'demo-copy'), withTags(originalText, [[numpySentence, numpyToken, 'B-Library'], [linuxSentence, linuxToken, 'B-Operating_System']]));
		result = run(folder, 'check', 'demo-copy');
		assert.equal(result.status, 0, `check after the fixes: exit 0\n${result.stdout}${result.stderr}`);
		assert.equal(result.stdout, '');

		const stats = execFileSync(process.execPath, [cliPath, 'stats', '--json', 'demo-copy'], {cwd: folder, encoding: 'utf8'});
		const parsed = JSON.parse(stats) as {sentences: number; tokens: number};
		assert.equal(parsed.sentences, 42);
		assert.equal(parsed.tokens, demo.sentences.reduce((sum, sentence) => sum + sentence.length, 0));
	});
});
