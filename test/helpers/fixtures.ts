/**
Fresh temporary folders holding test files, removed when the test process exits.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const folders: string[] = [];
process.on('exit', () => {
	for (const folder of folders) {
		fs.rmSync(folder, {recursive: true, force: true});
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
