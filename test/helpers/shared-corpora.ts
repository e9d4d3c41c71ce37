/**
The real corpora in ../shared/corpora (beside the repository, never copied into it): where they
are, and which of their files are corpora (not SOURCE.txt, README.md, labels*.txt or *.stats).
*/
import fs from 'node:fs';
import path from 'node:path';

export const corporaFolder = path.resolve(import.meta.dirname, '../../../shared/corpora');

/** Every corpus file under `directory`, sorted; empty when the folder is absent. */
export function corpusFiles(directory = corporaFolder): string[] {
	if (!fs.existsSync(directory)) {
		return [];
	}

	return fs.readdirSync(directory, {withFileTypes: true})
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap(entry => {
			const file = path.join(directory, entry.name);
			if (entry.isDirectory()) {
				return corpusFiles(file);
			}

			const skip = entry.name === 'SOURCE.txt' || entry.name === 'README.md' || entry.name.startsWith('labels') || entry.name.endsWith('.stats');
			return skip ? [] : [file];
		});
}
