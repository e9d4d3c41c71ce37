/**
A full disk, in a real terminal (issue 10): the corpus lives on a tiny tmpfs that is filled to
the last byte while the app is open. The journal cannot be written (the status line says the
edits are no longer crash-safe), the save fails and says why with the file untouched and the edit
kept, and once space is freed the same session saves the edit. Needs root (or CAP_SYS_ADMIN) to
mount the tmpfs; skipped with a message otherwise.
*/
import {after, afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {assertBytes} from '../helpers/fixtures.js';
import {headerOf, statusOf} from '../helpers/screen.js';
import {assertBuilt, tmuxAvailable, TmuxSession} from '../helpers/tmux.js';

const original = 'EU\tB-ORG\nrejects\tO\nGerman\tB-MISC\ncall\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n';

/** A 256 KB tmpfs at a new folder, or the reason it cannot be had here. */
function mountTinyDisk(): {folder: string} | {skip: string} {
	if (!tmuxAvailable()) {
		return {skip: 'tmux is not installed: the end-to-end terminal tests need it'};
	}

	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-full-disk-'));
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', folder], {encoding: 'utf8'});
	if (mounted.status !== 0) {
		fs.rmSync(folder, {recursive: true, force: true});
		return {skip: `cannot mount a tmpfs here (needs root): ${(mounted.stderr || String(mounted.error)).trim()}`};
	}

	return {folder};
}

/** Writes a file until the disk is full. */
function fillDisk(file: string): void {
	const fd = fs.openSync(file, 'w');
	const block = Buffer.alloc(4096, 120);
	try {
		for (;;) {
			fs.writeSync(fd, block);
		}
	} catch (error) {
		assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC', 'the filler stops at a full disk');
	} finally {
		fs.closeSync(fd);
	}
}

const disk = mountTinyDisk();

describe('a full disk in the terminal (tmux)', {skip: 'skip' in disk ? disk.skip : false}, () => {
	const sessions: TmuxSession[] = [];
	const folder = 'folder' in disk ? disk.folder : '';

	before(() => {
		assertBuilt();
	});

	afterEach(() => {
		for (const session of sessions.splice(0)) {
			session.kill();
		}
	});

	after(() => {
		spawnSync('umount', [folder]);
		fs.rmSync(folder, {recursive: true, force: true});
	});

	test('the journal says it cannot keep the edit, the save fails with the file untouched, and saves once space is freed', async () => {
		const file = path.join(folder, 'c.tsv');
		fs.writeFileSync(file, original);
		const app = new TmuxSession({args: ['c.tsv'], cwd: folder, cols: 160, rows: 20});
		sessions.push(app);
		await app.waitFor(screen => /sentence 1\/2/.test(headerOf(screen)), 10_000);
		const filler = path.join(folder, 'filler');
		fillDisk(filler);

		// x removes EU's entity: the session has it, the journal cannot.
		app.press('x');
		await app.waitFor(screen => statusOf(screen).includes('no space left on device') && statusOf(screen).includes('no longer crash-safe'));
		assert.match(headerOf(app.screen()), /\[modified\]/);
		// The message goes with the next key; the header keeps saying it until a save starts the journal again.
		app.press('l');
		await app.waitFor(screen => !statusOf(screen).includes('no longer crash-safe'));
		assert.match(headerOf(app.screen()), /\[not kept\]/);

		app.press('s');
		await app.waitFor(screen => statusOf(screen).includes('could not save'));
		assert.match(statusOf(app.screen()), /no space left on device; your edits are kept/);
		assertBytes(file, original, 'the corpus after the failed save');
		assert.deepEqual(fs.readdirSync(folder).filter(name => name.includes('.tmp') || name.startsWith('.c.tsv')), [], 'no temporary file is left behind');

		fs.rmSync(filler);
		app.press('s');
		await app.waitFor(screen => /^saved/.test(statusOf(screen)));
		assert.doesNotMatch(headerOf(app.screen()), /\[not kept\]/);
		assertBytes(file, original.replace('EU\tB-ORG', 'EU\tO'), 'the corpus saved once space was freed');
		app.press('q');
		assert.equal(await app.waitForExit(), 0);
	});
});
