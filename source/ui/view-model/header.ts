import {displayText, textWidth, truncate} from '../display-text.js';

export type HeaderInput = {
	readonly fileName: string;
	readonly sentence: number;
	readonly sentenceCount: number;
	readonly token: number;
	readonly tokenCount: number;
	readonly scheme: string;
	readonly dirty: boolean;
	/** The session may not save over the file (another ner-review edits it): `[read-only]` stays in the header. */
	readonly readOnly?: boolean;
	/** The journal or the marks cannot be kept: `[not kept]` stays in the header. */
	readonly notKept?: boolean;
	/** Share of the file indexed, while a large file is still being read. */
	readonly indexing?: number;
	/** Share of the whole-corpus analysis built, while it is built in the background. */
	readonly analysing?: number;
	/** Share of the tagger's training done, while it trains in the background. */
	readonly training?: number;
	/** The tagger waits for a pause in the keys, to start or to go on. */
	readonly trainingWaits?: boolean;
	/** Review progress, when a sidecar is kept. */
	readonly reviewed?: number;
	readonly flagged?: number;
	/** The active filter, described. */
	readonly filter?: string;
	/** Compare mode: how many sentences disagree (`≠ 14`). */
	readonly compare?: string;
	/** `-DOCSTART-` documents: the current one (0-based) and how many there are so far. */
	readonly document?: {readonly index: number; readonly count: number};
	readonly width: number;
};

export type HeaderModel = {readonly text: string; readonly modified: string};

/** File name, position, review progress, filter and scheme, dropping the least useful parts first when narrow. */
export function headerModel({fileName, sentence, sentenceCount, token, tokenCount, scheme, dirty, readOnly, notKept, indexing, analysing, training, trainingWaits, reviewed, flagged, filter, compare, document, width}: HeaderInput): HeaderModel {
	const total = indexing === undefined ? `${sentenceCount}` : `${sentenceCount}+ (indexing ${Math.floor(indexing * 100)}%)`;
	// Each part with the order in which a narrow terminal drops it (highest first): the position,
	// the filter and the modified mark stay longest.
	const parts: Array<{text: string; drop: number}> = [
		{text: 'ner-review', drop: 6},
		{text: displayText(fileName), drop: 1},
		{text: `sentence ${sentence + 1}/${total}`, drop: 0},
		...(document === undefined ? [] : [{text: `doc ${document.index + 1}/${document.count}${indexing === undefined ? '' : '+'}`, drop: 2}]),
		{text: `token ${token + 1}/${tokenCount}`, drop: 3},
	];
	if (reviewed !== undefined) {
		// A large file's marks are read once it is indexed (they are kept by sentence): until then the
		// count would be this session's alone, and `reviewed 0/…` reads as a review lost.
		parts.push({text: indexing === undefined ? `reviewed ${reviewed}/${sentenceCount}${flagged ? `  flagged ${flagged}` : ''}` : 'reviewed …', drop: 4});
	}

	if (filter !== undefined) {
		parts.push({text: filter, drop: 0});
	}

	if (compare !== undefined) {
		parts.push({text: compare, drop: 2});
	}

	if (analysing !== undefined && indexing === undefined) {
		parts.push({text: `checking ${Math.floor(analysing * 100)}%`, drop: 3});
	} else if (training !== undefined || trainingWaits === true) {
		// A tagger held back by the keys says so: a share that does not move would look stuck.
		const done = training === undefined ? '' : ` ${Math.floor(training * 100)}%`;
		parts.push({text: `tagger${done}${trainingWaits === true ? ' waits for a pause' : ''}`, drop: 3});
	}

	parts.push({text: scheme, drop: 5});
	// What a reviewer must not miss stays at the end with the modified mark, however narrow the terminal.
	const modified = `${readOnly ? '  [read-only]' : ''}${notKept ? '  [not kept]' : ''}${dirty ? '  [modified]' : ''}`;
	const fits = (shown: typeof parts) => textWidth(shown.map(part => part.text).join('  ·  ')) <= width - modified.length;
	let shown = parts;
	for (let level = 6; level > 0 && !fits(shown); level--) {
		shown = shown.filter(part => part.drop < level);
	}

	return {text: truncate(shown.map(part => part.text).join('  ·  '), width - modified.length), modified};
}
