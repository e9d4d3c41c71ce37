/**
Test files: fresh temporary folders holding them (removed when the test process exits), and a byte
comparison of a file with what a test expects.
*/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const folders: string[] = [];
process.on('exit', () => {
	for (const folder of folders) {
		// An app in a killed tmux session may still be writing its review files here (a hang-up saves
		// them): the removal is tried again, and a folder left in the temporary directory fails no test.
		try {
			fs.rmSync(folder, {recursive: true, force: true, maxRetries: 10, retryDelay: 20});
		} catch {}
	}
});

/** A new folder (readable by every user) with `files` written into it. */
export function fixtureFolder(files: Record<string, string | Buffer>, prefix = 'ner-review-e2e-'): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(folder, 0o755);
	folders.push(folder);
	for (const [name, content] of Object.entries(files)) {
		fs.writeFileSync(path.join(folder, name), content);
	}

	return folder;
}

/** The file holds exactly `expected`; a difference is shown as text when the text differs. */
export function assertBytes(file: string, expected: string | Buffer, what: string): void {
	const actual = fs.readFileSync(file);
	const wanted = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
	if (!actual.equals(wanted)) {
		assert.equal(actual.toString('utf8'), wanted.toString('utf8'), `${what}: bytes differ`);
		assert.fail(`${what}: bytes differ (same text, different bytes)`);
	}
}
