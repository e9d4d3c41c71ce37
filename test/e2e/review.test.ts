/**
End-to-end: the built CLI in a real terminal (tmux), driven key by key as a user would, then the
saved bytes diffed against bytes the test computes itself from the fixture (with its own small
parser, not the app's code).
*/
import {afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {assertBuilt, repoRoot, tmuxAvailable, TmuxSession, type TmuxOptions} from '../helpers/tmux.js';
import {assertBytes, fixtureFolder} from '../helpers/fixtures.js';
import {headerOf, labelBar, labelKey} from '../helpers/screen.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

/** Seed format (WikiSER): `<s>` / `token<TAB>tag` / `</s>`, IOB2. */
const seedCorpus = [
	'<s>',
	'Barack\tB-PER',
	'Obama\tI-PER',
	'met\tO',
	'Angela\tB-PER',
	'Merkel\tI-PER',
	'in\tO',
	'Berlin\tB-LOC',
	'.\tO',
	'</s>',
	'<s>',
	'Siemens\tB-ORG',
	'opened\tO',
	'an\tO',
	'office\tO',
	'in\tO',
	'Munich\tB-LOC',
	'.\tO',
	'</s>',
	'',
].join('\n');

/** CoNLL-2003-like: 4 space-separated columns, `-DOCSTART-`, CRLF line endings, IOB1 tags. */
const conllIob1Crlf = [
	'-DOCSTART- -X- -X- O',
	'',
	'EU NNP I-NP I-ORG',
	'rejects VBZ I-VP O',
	'German JJ I-NP I-MISC',
	'call NN I-NP O',
	'to TO I-VP O',
	'boycott VB I-VP O',
	'British JJ I-NP I-MISC',
	'lamb NN I-NP O',
	'. . O O',
	'',
	'Peter NNP I-NP I-PER',
	'Blackburn NNP I-NP I-PER',
	'',
	'The DT I-NP O',
	'EU NNP I-NP I-ORG',
	'NATO NNP I-NP I-MISC',
	'summit NN I-NP O',
	'in IN I-PP O',
	'Brussels NNP I-NP I-LOC',
	'',
	'Germany NNP I-NP I-LOC',
	'France NNP I-NP B-LOC',
	'and CC O O',
	'Italy NNP I-NP I-LOC',
	'',
	'',
].join('\r\n');

/** BIOES, two tab columns, blank lines between sentences, no newline at the end of the file. */
const bioesNoFinalNewline = [
	'John\tS-PER',
	'lives\tO',
	'in\tO',
	'New\tB-LOC',
	'York\tE-LOC',
	'City\tO',
	'',
	'Mary\tS-PER',
	'works\tO',
	'at\tO',
	'Acme\tB-ORG',
	'Corp\tI-ORG',
	'Inc\tE-ORG',
].join('\n');

const demoSource = path.join(repoRoot, 'demo', 'software.txt');

// ---------------------------------------------------------------------------------------------
// An independent reading of the fixtures: which line holds which token of which sentence.

type TokenLine = {
	/** 0-based index into the file's lines. */
	readonly lineIndex: number;
	readonly token: string;
	readonly tag: string;
};

type Parsed = {
	/** The file's lines, each with its own line ending (the last one may have none). */
	readonly lines: string[];
	readonly sentences: TokenLine[][];
};

function splitLines(text: string): string[] {
	return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function lineContent(line: string): string {
	return line.replace(/\r?\n$/, '');
}

function parseCorpus(text: string): Parsed {
	const lines = splitLines(text);
	const contents = lines.map(line => lineContent(line));
	const markers = contents.find(content => content.trim() !== '')?.trim() === '<s>';
	const sentences: TokenLine[][] = [];
	let current: TokenLine[] = [];
	const close = () => {
		if (current.length > 0) {
			sentences.push(current);
			current = [];
		}
	};

	for (const [lineIndex, content] of contents.entries()) {
		const trimmed = content.trim();
		if (markers ? trimmed === '<s>' || trimmed === '</s>' : trimmed === '' || trimmed.startsWith('-DOCSTART-')) {
			close();
			continue;
		}

		if (trimmed === '') {
			continue;
		}

		const cells = trimmed.split(/[\t ]+/);
		current.push({lineIndex, token: cells[0]!, tag: cells.at(-1)!});
	}

	close();
	return {lines, sentences};
}

/** Edits as [sentence, token, new tag], 0-based. */
type TagEdit = readonly [sentence: number, token: number, tag: string];

/** The text with the tag cells of the edited tokens replaced, everything else as it was. */
function withTags(text: string, edits: readonly TagEdit[]): string {
	const {lines, sentences} = parseCorpus(text);
	const result = [...lines];
	for (const [sentence, token, tag] of edits) {
		const target = sentences[sentence]?.[token];
		assert.ok(target, `test bug: no token ${token} in sentence ${sentence}`);
		const line = result[target.lineIndex]!;
		const content = lineContent(line);
		const ending = line.slice(content.length);
		result[target.lineIndex] = content.replace(/\S+$/, tag) + ending;
	}

	return result.join('');
}

/** Entity types by how many tokens carry them, most frequent first, ties by name. */
function typesByFrequency(text: string): string[] {
	const counts = new Map<string, number>();
	for (const sentence of parseCorpus(text).sentences) {
		for (const {tag} of sentence) {
			const type = tag.replace(/^[A-Z]-/, '');
			if (tag !== 'O') {
				counts.set(type, (counts.get(type) ?? 0) + 1);
			}
		}
	}

	return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type]) => type);
}

// ---------------------------------------------------------------------------------------------
// Per-test setup: the tmux sessions to clean up (fixture folders: helpers/fixtures.ts).

const sessions: TmuxSession[] = [];

/** The folder's files, leaving out the review sidecar, the edit journal and the lock (workflow.test.ts and safety.test.ts test those). */
function listing(folder: string): string[] {
	return fs.readdirSync(folder).filter(name => !name.endsWith('.review.json') && !name.endsWith('.review.journal') && !name.endsWith('.review.lock')).sort();
}

async function open(options: TmuxOptions): Promise<TmuxSession> {
	const session = new TmuxSession(options);
	sessions.push(session);
	await session.waitFor(screen => /sentence 1\/\d+/.test(headerOf(screen)), 10_000);
	return session;
}

/** Waits for the token-detail line: `"TOKEN"  tag TAG`. */
async function waitForCursorOn(app: TmuxSession, token: string, tag: string): Promise<string> {
	return app.waitFor(`"${token}"  tag ${tag}`);
}

/** SGR sequences that set a color (not 39/49, the defaults tmux writes when it resets attributes). */
function colorCodes(raw: string): string[] {
	const found: string[] = [];
	for (const match of raw.matchAll(/\u001B\[([\d;:]*)m/g)) {
		const parameters = match[1]!.split(/[;:]/).map(Number);
		if (parameters.some(code => (code >= 30 && code <= 48 && code !== 39) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107))) {
			found.push(JSON.stringify(match[0]));
		}
	}

	return found;
}

const skip = tmuxAvailable() ? false : 'tmux is not installed: the end-to-end terminal tests need it';

describe('ner-review in a terminal (tmux)', {concurrency: 1, skip}, () => {
	before(() => {
		assertBuilt();
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	test('1. relabel an entity with a number key, save, quit: only its tags change, FILE.bak holds the original', async () => {
		const original = fs.readFileSync(demoSource);
		const text = original.toString('utf8');
		const {sentences} = parseCorpus(text);
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt']});
		let screen = app.screen();
		assert.match(headerOf(screen), new RegExp(`sentence 1/${sentences.length}\\b`));
		const bar = labelBar(screen);
		assert.deepEqual(bar, typesByFrequency(text).slice(0, bar.length), 'label bar: the file\'s types by frequency');

		app.press('j');
		await app.waitFor(`sentence 2/${sentences.length}`);
		// `w` goes to the next entity start after the cursor (token 0).
		const second = sentences[1]!;
		const start = second.findIndex((token, index) => index > 0 && token.tag.startsWith('B-'));
		assert.ok(start > 0, 'test bug: sentence 2 of the demo has no second entity');
		const type = second[start]!.tag.slice(2);
		let end = start + 1;
		while (second[end]?.tag === `I-${type}`) {
			end++;
		}

		app.press('w');
		screen = await waitForCursorOn(app, second[start]!.token, second[start]!.tag);
		assert.match(headerOf(screen), new RegExp(`token ${start + 1}/${second.length}\\b`));
		assert.ok(screen.includes(`line ${second[start]!.lineIndex + 1}`), `token detail names the file line:\n${screen}`);

		const target = bar.find(label => label !== type)!;
		const words = second.slice(start, end).map(token => token.token).join(' ');
		app.press(labelKey(screen, target));
		screen = await app.waitFor(`[${words}]${target}`);
		assert.ok(headerOf(screen).includes('[modified]'), `header shows [modified]:\n${screen}`);

		app.press('s');
		screen = await app.waitFor('saved software.txt');
		assert.ok(!headerOf(screen).includes('[modified]'), `no [modified] after saving:\n${screen}`);
		const edits: TagEdit[] = [];
		for (let index = start; index < end; index++) {
			edits.push([1, index, `${index === start ? 'B' : 'I'}-${target}`]);
		}

		assertBytes(path.join(folder, 'software.txt'), withTags(text, edits), 'saved file');
		assertBytes(path.join(folder, 'software.txt.bak'), original, 'FILE.bak');

		app.press('q');
		assert.equal(await app.waitForExit(), 0);
		assert.deepEqual(listing(folder), ['software.txt', 'software.txt.bak']);
	});

	test('2. selection makes one entity replacing the ones it overlaps; x removes; u undoes; Ctrl-R redoes', async () => {
		const folder = fixtureFolder({'seed.txt': seedCorpus});
		const app = await open({cwd: folder, args: ['seed.txt']});
		const bar = labelBar(app.screen());
		assert.deepEqual(bar, ['PER', 'LOC', 'ORG']);

		app.press('l');
		await waitForCursorOn(app, 'Obama', 'I-PER');
		app.press('v');
		await app.waitFor('selected tokens 2-2');
		app.press('l');
		await app.waitFor('selected tokens 2-3');
		app.press('l');
		await app.waitFor('selected tokens 2-4');
		app.press(labelKey(app.screen(), 'ORG'));
		let screen = await app.waitFor('Barack [Obama met Angela]ORG Merkel in [Berlin]LOC .');
		assert.ok(!screen.includes('selected tokens'), `the selection ends after labelling:\n${screen}`);

		app.press('w');
		await waitForCursorOn(app, 'Berlin', 'B-LOC');
		app.press('x');
		screen = await app.waitFor('[Obama met Angela]ORG Merkel in Berlin .');
		await waitForCursorOn(app, 'Berlin', 'O');

		app.press('u');
		await app.waitFor('[Obama met Angela]ORG Merkel in [Berlin]LOC .');
		await waitForCursorOn(app, 'Berlin', 'B-LOC');
		app.press('C-r');
		await app.waitFor('[Obama met Angela]ORG Merkel in Berlin .');
		await waitForCursorOn(app, 'Berlin', 'O');

		app.press('s');
		await app.waitFor('saved seed.txt');
		const expected = withTags(seedCorpus, [
			[0, 0, 'O'],
			[0, 1, 'B-ORG'],
			[0, 2, 'I-ORG'],
			[0, 3, 'I-ORG'],
			[0, 4, 'O'],
			[0, 6, 'O'],
		]);
		assertBytes(path.join(folder, 'seed.txt'), expected, 'saved file');
		assertBytes(path.join(folder, 'seed.txt.bak'), seedCorpus, 'FILE.bak');
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
	});

	test('3. `:` N Enter goes to sentence N; g, G and PageDown move through the corpus', async () => {
		const original = fs.readFileSync(demoSource);
		const count = parseCorpus(original.toString('utf8')).sentences.length;
		assert.ok(count >= 20, 'test bug: the demo corpus is expected to have 20 sentences or more');
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt']});

		app.press(':');
		await app.waitFor(/go to sentence: *$/m);
		app.press('1');
		await app.waitFor(/go to sentence: 1 *$/m);
		app.press('7');
		await app.waitFor(/go to sentence: 17 *$/m);
		app.press('Enter');
		let screen = await app.waitFor(`sentence 17/${count}`);
		assert.match(screen, /^> +17 {2}/m, 'the sentence list marks sentence 17');

		app.press('G');
		await app.waitFor(`sentence ${count}/${count}`);
		app.press('g');
		screen = await app.waitFor(`sentence 1/${count}`);

		// PageDown moves by the sentence list's height.
		const listRows = screen.split('\n').filter(line => /^[> ] +\d+ {2}/.test(line)).length;
		assert.ok(listRows > 1, `no sentence list on the screen:\n${screen}`);
		app.press('PageDown');
		await app.waitFor(`sentence ${1 + listRows}/${count}`);

		// Out of range: a message, and the cursor stays.
		app.press(':');
		await app.waitFor(/go to sentence: *$/m);
		for (const [index, digit] of ['9', '9', '9'].entries()) {
			app.press(digit);
			await app.waitFor(new RegExp(`go to sentence: ${'9'.repeat(index + 1)} *$`, 'm'));
		}

		app.press('Enter');
		screen = await app.waitFor(screen => !screen.includes('go to sentence:') && screen.includes('999'));
		assert.match(headerOf(screen), new RegExp(`sentence ${1 + listRows}/${count}`));
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
		assert.deepEqual(listing(folder), ['software.txt'], 'nothing written without edits');
	});

	test('4. `t` with Tab completion applies a known label; `t` with a new name asks, then adds a label', async () => {
		const original = fs.readFileSync(demoSource);
		const text = original.toString('utf8');
		const {sentences} = parseCorpus(text);
		const types = typesByFrequency(text);
		const first = sentences[0]!;
		assert.ok(first[0]!.tag.startsWith('B-') && first[1]?.tag === 'O', 'test bug: the demo should open with a one-token entity');
		const current = first[0]!.tag.slice(2);
		// A label other than the current one, and the shortest prefix that only it starts with.
		const target = types.find(type => type !== current && type.length > 3)!;
		let prefix = '';
		for (let length = 1; length < target.length; length++) {
			const candidate = target.slice(0, length);
			if (types.filter(type => type.toLowerCase().startsWith(candidate.toLowerCase())).length === 1) {
				prefix = candidate;
				break;
			}
		}

		assert.ok(prefix !== '' && prefix.length < target.length, `test bug: ${target} has no unique prefix`);
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt']});

		app.press('t');
		await app.waitFor(/^label: /m);
		for (let length = 1; length <= prefix.length; length++) {
			app.press(prefix[length - 1]!);
			await app.waitFor(new RegExp(`^label: ${prefix.slice(0, length)}`, 'm'));
		}

		app.press('Tab');
		await app.waitFor(new RegExp(`^label: ${target}(?: |$)`, 'm'));
		app.press('Enter');
		let screen = await app.waitFor(`[${first[0]!.token}]${target}`);
		assert.ok(!/^label: /m.test(screen), 'the prompt closes');

		// The next entity, relabelled with a label the file does not have.
		const start = first.findIndex((token, index) => index > 0 && token.tag.startsWith('B-'));
		const type = first[start]!.tag.slice(2);
		let end = start + 1;
		while (first[end]?.tag === `I-${type}`) {
			end++;
		}

		const newLabel = 'Hardware';
		assert.ok(!types.includes(newLabel), 'test bug: the demo already has the label');
		app.press('w');
		await waitForCursorOn(app, first[start]!.token, first[start]!.tag);
		app.press('t');
		await app.waitFor(/^label: /m);
		for (let length = 1; length <= newLabel.length; length++) {
			app.press(newLabel[length - 1]!);
			await app.waitFor(new RegExp(`^label: ${newLabel.slice(0, length)}`, 'm'));
		}

		app.press('Enter');
		// A name the bar does not have asks first, so a typo adds no type.
		await app.waitFor(`new type ${newLabel}? (y)es (n)o`);
		app.press('y');
		const words = first.slice(start, end).map(token => token.token).join(' ');
		screen = await app.waitFor(`[${words}]${newLabel}`);

		// The new label is now known: `t` + a prefix completes to it.
		app.press('t');
		await app.waitFor(/^label: /m);
		app.press('H');
		await app.waitFor(/^label: H/m);
		app.press('a');
		await app.waitFor(/^label: Ha/m);
		app.press('Tab');
		await app.waitFor(new RegExp(`^label: ${newLabel}(?: |$)`, 'm'));
		app.press('Escape');
		await app.waitFor(screen => !/^label: /m.test(screen));

		app.press('s');
		await app.waitFor('saved software.txt');
		const edits: TagEdit[] = [[0, 0, `B-${target}`]];
		for (let index = start; index < end; index++) {
			edits.push([0, index, `${index === start ? 'B' : 'I'}-${newLabel}`]);
		}

		assertBytes(path.join(folder, 'software.txt'), withTags(text, edits), 'saved file');
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
	});

	test('5. quit prompt: c goes back, n quits without writing, y saves then quits; Ctrl-C behaves like q', async () => {
		const prompt = 'Save changes? (y)es (n)o (c)ancel';
		const expected = withTags(seedCorpus, [[0, 0, 'B-LOC'], [0, 1, 'I-LOC']]);

		// No edits: q quits at once.
		let folder = fixtureFolder({'seed.txt': seedCorpus});
		let app = await open({cwd: folder, args: ['seed.txt']});
		app.press('q');
		assert.equal(await app.waitForExit(), 0);

		// No edits: Ctrl-C quits at once too.
		app = await open({cwd: folder, args: ['seed.txt']});
		app.press('C-c');
		assert.equal(await app.waitForExit(), 0);
		assert.deepEqual(listing(folder), ['seed.txt']);

		// Edit, q, c (back), q, n: quits without writing.
		app = await open({cwd: folder, args: ['seed.txt']});
		app.press(labelKey(app.screen(), 'LOC'));
		await app.waitFor('[Barack Obama]LOC');
		app.press('q');
		await app.waitFor(prompt);
		app.press('c');
		let screen = await app.waitFor(screen => !screen.includes(prompt));
		assert.ok(headerOf(screen).includes('[modified]'), `still modified after cancel:\n${screen}`);
		assert.ok(screen.includes('[Barack Obama]LOC'), 'the edit is kept after cancel');
		app.press('q');
		await app.waitFor(prompt);
		app.press('n');
		assert.equal(await app.waitForExit(), 0);
		assertBytes(path.join(folder, 'seed.txt'), seedCorpus, 'file after n');
		assert.deepEqual(listing(folder), ['seed.txt'], 'n writes nothing, no .bak');

		// Edit, Ctrl-C (asks like q), Escape (back), Ctrl-C, y: saves then quits.
		folder = fixtureFolder({'seed.txt': seedCorpus});
		app = await open({cwd: folder, args: ['seed.txt']});
		app.press(labelKey(app.screen(), 'LOC'));
		await app.waitFor('[Barack Obama]LOC');
		app.press('C-c');
		await app.waitFor(prompt);
		app.press('Escape');
		screen = await app.waitFor(screen => !screen.includes(prompt));
		assert.equal(app.paneStatus().dead, false, 'Escape in the quit prompt does not quit');
		app.press('C-c');
		await app.waitFor(prompt);
		app.press('y');
		assert.equal(await app.waitForExit(), 0);
		assertBytes(path.join(folder, 'seed.txt'), expected, 'file after y');
		assertBytes(path.join(folder, 'seed.txt.bak'), seedCorpus, 'FILE.bak after y');
		assert.deepEqual(listing(folder), ['seed.txt', 'seed.txt.bak']);
	});

	test('6. IOB1 CoNLL file with CRLF: relabelled entities are written in IOB1, CRLF kept, nothing else changed', async () => {
		const folder = fixtureFolder({'eng.testa': conllIob1Crlf});
		const app = await open({cwd: folder, args: ['eng.testa']});
		let screen = app.screen();
		assert.match(headerOf(screen), /sentence 1\/4\b/);
		assert.match(headerOf(screen), /\bIOB1\b/);
		const orgKey = labelKey(screen, 'ORG');

		// Sentence 1: German (I-MISC, alone) becomes ORG: IOB1 writes I-ORG.
		app.press('w');
		await waitForCursorOn(app, 'German', 'I-MISC');
		app.press(orgKey);
		screen = await app.waitFor('[EU]ORG rejects [German]ORG call');

		// Sentence 3: NATO (I-MISC right after EU I-ORG) becomes ORG: a new ORG right after an ORG is B-ORG.
		app.press('j');
		await app.waitFor('sentence 2/4');
		app.press('j');
		await app.waitFor('sentence 3/4');
		app.press('w');
		await waitForCursorOn(app, 'EU', 'I-ORG');
		app.press('w');
		await waitForCursorOn(app, 'NATO', 'I-MISC');
		app.press(orgKey);
		await app.waitFor('The [EU]ORG [NATO]ORG summit');
		await waitForCursorOn(app, 'NATO', 'B-ORG');

		app.press('s');
		await app.waitFor('saved eng.testa');
		const expected = withTags(conllIob1Crlf, [[0, 2, 'I-ORG'], [2, 2, 'B-ORG']]);
		assertBytes(path.join(folder, 'eng.testa'), expected, 'saved file');
		const saved = fs.readFileSync(path.join(folder, 'eng.testa'), 'utf8');
		assert.equal(saved.split('\n').length - 1, saved.split('\r\n').length - 1, 'every line ends with CRLF');
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
	});

	test('7. BIOES file without a final newline: S-/B-/I-/E- written right, still no final newline', async () => {
		const folder = fixtureFolder({'bioes.tsv': bioesNoFinalNewline});
		const app = await open({cwd: folder, args: ['bioes.tsv']});
		let screen = app.screen();
		assert.match(headerOf(screen), /\bBIOES\b/);
		assert.deepEqual(labelBar(screen), ['ORG', 'LOC', 'PER']);

		// Sentence 1: select "New York City" and label it LOC.
		app.press('w');
		await waitForCursorOn(app, 'New', 'B-LOC');
		app.press('v');
		await app.waitFor('selected tokens 4-4');
		app.press('l');
		await app.waitFor('selected tokens 4-5');
		app.press('l');
		await app.waitFor('selected tokens 4-6');
		app.press(labelKey(screen, 'LOC'));
		await app.waitFor('in [New York City]LOC');

		// Sentence 2: Mary becomes ORG (a one-token entity: S-).
		app.press('j');
		await app.waitFor('sentence 2/2');
		await waitForCursorOn(app, 'Mary', 'S-PER');
		app.press(labelKey(screen, 'ORG'));
		await app.waitFor('[Mary]ORG works');

		// Select "Corp Inc" (the end of the file) and label it PER: it replaces "Acme Corp Inc".
		app.press('w');
		await waitForCursorOn(app, 'Acme', 'B-ORG');
		app.press('l');
		await waitForCursorOn(app, 'Corp', 'I-ORG');
		app.press('v');
		await app.waitFor('selected tokens 5-5');
		app.press('l');
		await app.waitFor('selected tokens 5-6');
		app.press(labelKey(screen, 'PER'));
		screen = await app.waitFor('at Acme [Corp Inc]PER');

		app.press('s');
		await app.waitFor('saved bioes.tsv');
		const expected = withTags(bioesNoFinalNewline, [
			[0, 3, 'B-LOC'],
			[0, 4, 'I-LOC'],
			[0, 5, 'E-LOC'],
			[1, 0, 'S-ORG'],
			[1, 3, 'O'],
			[1, 4, 'B-PER'],
			[1, 5, 'E-PER'],
		]);
		assert.ok(!expected.endsWith('\n'));
		assertBytes(path.join(folder, 'bioes.tsv'), expected, 'saved file');
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
	});

	test('8. --output OUT: the input is untouched, OUT has the edit, no .bak', async () => {
		const folder = fixtureFolder({'seed.txt': seedCorpus});
		const app = await open({cwd: folder, args: ['--output', 'out.txt', 'seed.txt']});
		app.press('j');
		await app.waitFor('sentence 2/2');
		await waitForCursorOn(app, 'Siemens', 'B-ORG');
		app.press(labelKey(app.screen(), 'PER'));
		await app.waitFor('[Siemens]PER opened');
		app.press('s');
		await app.waitFor('saved out.txt');
		assertBytes(path.join(folder, 'seed.txt'), seedCorpus, 'input');
		assertBytes(path.join(folder, 'out.txt'), withTags(seedCorpus, [[1, 0, 'B-PER']]), 'out.txt');
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
		assert.deepEqual(listing(folder), ['out.txt', 'seed.txt']);
	});

	test('9. --no-backup: saves without FILE.bak', async () => {
		const folder = fixtureFolder({'seed.txt': seedCorpus});
		const app = await open({cwd: folder, args: ['--no-backup', 'seed.txt']});
		app.press('l');
		await waitForCursorOn(app, 'Obama', 'I-PER');
		app.press('x');
		await app.waitFor('Barack Obama met [Angela Merkel]PER');
		app.press('s');
		await app.waitFor('saved seed.txt');
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
		assertBytes(path.join(folder, 'seed.txt'), withTags(seedCorpus, [[0, 0, 'O'], [0, 1, 'O']]), 'saved file');
		assert.deepEqual(listing(folder), ['seed.txt']);
	});

	test('10. the file changed on disk after loading: `s` refuses, the other writer\'s content is kept', async () => {
		const folder = fixtureFolder({'seed.txt': seedCorpus});
		const file = path.join(folder, 'seed.txt');
		const app = await open({cwd: folder, args: ['seed.txt']});
		app.press(labelKey(app.screen(), 'ORG'));
		await app.waitFor('[Barack Obama]ORG');
		const appended = '<s>\nextra\tO\n</s>\n';
		fs.appendFileSync(file, appended);
		app.press('s');
		const screen = await app.waitFor('changed on disk');
		assert.ok(headerOf(screen).includes('[modified]'), `the edits are still unsaved:\n${screen}`);
		assertBytes(file, seedCorpus + appended, 'file after the refused save');
		assert.deepEqual(listing(folder), ['seed.txt'], 'no .bak and no temporary file');
		app.press('q');
		await app.waitFor('Save changes? (y)es (n)o (c)ancel');
		app.press('n');
		assert.equal(await app.waitForExit(), 0);
		assertBytes(file, seedCorpus + appended, 'file after quitting');
	});

	test('11. resizing: lines never wider than the terminal, the last row stays free, keys still work', async () => {
		const original = fs.readFileSync(demoSource);
		const count = parseCorpus(original.toString('utf8')).sentences.length;
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt'], cols: 100, rows: 30});

		const checkFits = (cols: number, rows: number, header: RegExp = /sentence \d+\/\d+/) => {
			const lines = app.lines();
			const screen = lines.join('\n');
			assert.equal(lines.length, rows, `capture has ${rows} rows`);
			for (const [index, line] of lines.entries()) {
				assert.ok(stringWidth(line) <= cols, `row ${index + 1} is ${stringWidth(line)} columns wide at ${cols}x${rows}:\n${screen}`);
			}

			assert.match(lines[0]!, header, `the header is on the first row at ${cols}x${rows}:\n${screen}`);
			assert.equal(lines.at(-1)!.trim(), '', `the last row is free at ${cols}x${rows}:\n${screen}`);
		};

		/** The app redrew for the new width: its divider spans the width but is narrower than the terminal (the app keeps to columns - 1). */
		const redrawnFor = (cols: number) => (screen: string) => screen.split('\n').some(line => /^─+$/.test(line) && line.length >= cols - 3 && line.length < cols);

		await app.waitFor(redrawnFor(100));
		checkFits(100, 30);

		app.resize(80, 24);
		await app.waitFor(redrawnFor(80));
		checkFits(80, 24);
		app.press('j');
		await app.waitFor(`sentence 2/${count}`);
		checkFits(80, 24);

		app.resize(60, 15);
		await app.waitFor(redrawnFor(60));
		checkFits(60, 15);
		app.press('j');
		await app.waitFor(`sentence 3/${count}`);
		checkFits(60, 15);
		app.press('w');
		await app.waitFor(/token [2-9]\d*\//);
		checkFits(60, 15);

		// Too small for the layout: a one-line message, then back to normal when enlarged.
		app.resize(39, 9);
		await app.waitFor('Terminal too small');
		checkFits(39, 9, /^Terminal too small/);
		app.resize(100, 30);
		await app.waitFor(redrawnFor(100));
		checkFits(100, 30);
		app.press('k');
		await app.waitFor(`sentence 2/${count}`);
		checkFits(100, 30);

		app.press('q');
		assert.equal(await app.waitForExit(), 0);
	});

	test('12. NO_COLOR=1: no SGR color codes, entities still shown as [text]TYPE', async () => {
		const original = fs.readFileSync(demoSource);
		const first = parseCorpus(original.toString('utf8')).sentences[0]!;
		const folder = fixtureFolder({'software.txt': original});

		// Control: without NO_COLOR (and without any CI variable, which turns chalk's colors off) the screen has colors.
		let app = await open({cwd: folder, args: ['software.txt'], env: {CI: undefined}});
		assert.ok(colorCodes(app.screenWithEscapes()).length > 0, `the control run shows colors:\n${app.screenWithEscapes()}`);
		app.press('q');
		assert.equal(await app.waitForExit(), 0);

		app = await open({cwd: folder, args: ['software.txt'], env: {CI: undefined, NO_COLOR: '1'}});
		const entity = (token: TokenLine) => `[${token.token}]${token.tag.slice(2)}`;
		const later = first.find((token, index) => index > 0 && token.tag.startsWith('B-') && first[index + 1]?.tag === 'O');
		let screen = await app.waitFor(entity(first[0]!));
		if (later !== undefined) {
			assert.ok(screen.includes(entity(later)), `entities shown as [text]TYPE:\n${screen}`);
		}

		assert.deepEqual(colorCodes(app.screenWithEscapes()), [], 'no color codes at start');
		// The cursor and a selection are drawn without colors too.
		app.press('l');
		screen = await waitForCursorOn(app, first[1]!.token, first[1]!.tag);
		assert.deepEqual(colorCodes(app.screenWithEscapes()), [], 'no color codes after moving');
		app.press('v');
		await app.waitFor('selected tokens 2-2');
		app.press('l');
		await app.waitFor('selected tokens 2-3');
		assert.deepEqual(colorCodes(app.screenWithEscapes()), [], 'no color codes with a selection');
		app.press('Escape');
		await app.waitFor(screen => !screen.includes('selected tokens'));
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
		assertBytes(path.join(folder, 'software.txt'), original, 'file untouched');
	});

	test('12b. NO_COLOR=1: the [modified] marker, status messages and the quit prompt have no colors', async () => {
		const original = fs.readFileSync(demoSource);
		const first = parseCorpus(original.toString('utf8')).sentences[0]!;
		const folder = fixtureFolder({'software.txt': original});
		const app = await open({cwd: folder, args: ['software.txt'], env: {CI: undefined, NO_COLOR: '1'}});
		let screen = app.screen();
		app.press(labelKey(screen, labelBar(screen).find(label => label !== first[0]!.tag.slice(2))!));
		screen = await app.waitFor(screen => headerOf(screen).includes('[modified]'));
		const afterEdit = colorCodes(app.screenWithEscapes());
		app.press('q');
		await app.waitFor('Save changes? (y)es (n)o (c)ancel');
		const inPrompt = colorCodes(app.screenWithEscapes());
		app.press('n');
		assert.equal(await app.waitForExit(), 0);
		assertBytes(path.join(folder, 'software.txt'), original, 'file untouched');
		assert.deepEqual(afterEdit, [], 'no color codes after an edit (header marker, status message)');
		assert.deepEqual(inPrompt, [], 'no color codes in the quit prompt');
	});
});
