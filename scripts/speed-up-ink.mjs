/**
Postinstall: Ink 6.8 imports one function, `throttle`, from es-toolkit's `compat` index, which
loads about 400 modules and costs some 140 ms of every start (a third of the time to the first
frame). Point that one import at es-toolkit's own single-function entry (`es-toolkit/compat/throttle`,
same code). If Ink's line is not there (another Ink version), nothing is changed.
*/
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const from = "import { throttle } from 'es-toolkit/compat';";
const to = "import throttle from 'es-toolkit/compat/throttle'; // ner-review: the compat index loads ~400 modules";

try {
	// Ink's package exports hide package.json; its entry point is build/index.js, beside ink.js.
	const inkFile = path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), 'ink.js');
	const source = fs.readFileSync(inkFile, 'utf8');
	// es-toolkit sits beside ink (hoisted) or inside it.
	const candidates = [path.join(inkFile, '..', '..', '..', 'es-toolkit'), path.join(inkFile, '..', '..', 'node_modules', 'es-toolkit')];
	const hasEntry = candidates.some(folder => fs.existsSync(path.join(folder, 'compat', 'throttle.mjs')));
	if (source.includes(from) && hasEntry) {
		fs.writeFileSync(inkFile, source.replace(from, to));
	}
} catch {
	// Optional: Ink works unchanged, only a little slower to start.
}
