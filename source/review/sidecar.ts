/**
The review sidecar, `FILE.review.json` beside the corpus: which sentences are reviewed and
flagged, and where the reviewer was. Never inside the corpus. Each mark carries a hash of its
sentence's text, so that when the corpus was edited elsewhere the marks can be matched to
sentences again by text rather than by position.
*/
import fs from 'node:fs';
import {writeAtomically} from '../corpus/index.js';
import type {Fingerprint} from './fingerprint.js';

export type SidecarMark = {
	readonly sentence: number;
	/** Hash of the sentence's token texts when it was marked. */
	readonly hash: string;
};

export type Sidecar = {
	readonly version: 1;
	readonly fingerprint: Fingerprint;
	readonly position: {readonly sentence: number; readonly token: number; readonly hash?: string};
	readonly reviewed: readonly SidecarMark[];
	readonly flagged: readonly SidecarMark[];
};

export function sidecarPath(corpusFile: string): string {
	return `${corpusFile}.review.json`;
}

/** The sidecar, or undefined when there is none or it cannot be read (a broken sidecar never blocks opening the corpus). */
export function readSidecar(corpusFile: string): {sidecar?: Sidecar; problem?: string} {
	const file = sidecarPath(corpusFile);
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return {};
	}

	try {
		const parsed = JSON.parse(text) as Sidecar;
		if (parsed.version !== 1 || !Array.isArray(parsed.reviewed) || !Array.isArray(parsed.flagged)) {
			return {problem: `${file} is not a review file this version understands: ignored`};
		}

		return {sidecar: parsed};
	} catch {
		return {problem: `${file} is not valid JSON: ignored (it will be rewritten)`};
	}
}

export function writeSidecar(corpusFile: string, sidecar: Sidecar): void {
	writeAtomically(sidecarPath(corpusFile), [Buffer.from(`${JSON.stringify(sidecar)}\n`)]);
}
