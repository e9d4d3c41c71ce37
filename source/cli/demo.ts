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
	// The demo folder sits at the package's top, some folders above this module wherever the build puts it.
	const candidates: string[] = [];
	for (let folder = path.dirname(fileURLToPath(import.meta.url)), depth = 0; depth < 5; folder = path.dirname(folder), depth++) {
		candidates.push(path.join(folder, 'demo', 'software.txt'));
	}

	const source = candidates.find(candidate => fs.existsSync(candidate));
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
