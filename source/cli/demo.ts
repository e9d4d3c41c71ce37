import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
The demo corpus is copied once to a fixed folder in the temporary directory, so saving never
writes into the installed package, nothing piles up run after run, and the demo's edits and
review progress are still there next time (delete the folder for a fresh demo). Undefined when the
installation lacks the demo.
*/
export function demoCopy(): string | undefined {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const source = [path.join(here, 'demo', 'software.txt'), path.join(here, '..', 'demo', 'software.txt'), path.join(here, '..', '..', 'demo', 'software.txt')].find(candidate => fs.existsSync(candidate));
	if (source === undefined) {
		return undefined;
	}

	const folder = path.join(os.tmpdir(), `ner-review-demo-${os.userInfo().uid}`);
	const copy = path.join(folder, 'software.txt');
	if (!fs.existsSync(copy)) {
		fs.mkdirSync(folder, {recursive: true, mode: 0o700});
		fs.copyFileSync(source, copy);
	}

	return copy;
}
