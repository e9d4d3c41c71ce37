/**
A small generated corpus with a pattern a tagger can learn: a capitalised word after `Mr` is a
person, a capitalised word after `in` or `to` a place, a capitalised word before `Corp` an
organisation (with `Corp`), everything else O. Seeded, so every run is the same.
*/
import {prng} from './prng.js';

const people = ['Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker'];
const places = ['Paris', 'Berlin', 'Madrid', 'Lisbon', 'Vienna', 'Prague', 'Oslo', 'Dublin', 'Athens', 'Rome'];
const companies = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Cyberdyne', 'Soylent'];
const fillers = ['the', 'a', 'said', 'on', 'today', 'and', 'was', 'seen', 'with', 'report', 'new', 'old', 'that'];

export type ToySentence = Array<[token: string, tag: string]>;

/** `count` sentences of the pattern, as token/tag pairs (IOB2). */
export function toySentences(count: number, seed = 7): ToySentence[] {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const sentences: ToySentence[] = [];
	for (let s = 0; s < count; s++) {
		const sentence: ToySentence = [];
		const parts = 2 + Math.floor(random() * 3);
		for (let p = 0; p < parts; p++) {
			const choice = random();
			if (choice < 0.25) {
				sentence.push(['Mr', 'O'], [pick(people), 'B-PER']);
			} else if (choice < 0.5) {
				sentence.push([pick(['in', 'to']), 'O'], [pick(places), 'B-LOC']);
			} else if (choice < 0.7) {
				sentence.push([pick(companies), 'B-ORG'], ['Corp', 'I-ORG']);
			} else {
				sentence.push([pick(fillers), 'O']);
			}

			sentence.push([pick(fillers), 'O']);
		}

		sentence.push(['.', 'O']);
		sentences.push(sentence);
	}

	return sentences;
}

/** CoNLL text (`token TAG`, blank lines between sentences). */
export function toyText(sentences: readonly ToySentence[]): string {
	return sentences.map(sentence => sentence.map(([token, tag]) => `${token} ${tag}`).join('\n')).join('\n\n') + '\n';
}
