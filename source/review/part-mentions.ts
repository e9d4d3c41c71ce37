/**
The index worker's first pass over its part of a large file (part-first-pass.ts), as it is posted
to the main thread, and its merge into the main thread's analysis, which gives what one pass over
the whole file gives: the part's strings are added in the order the part first mentions them,
after every string of the sentences before it, so every string gets the number one pass gives it,
and each string's types are added in the order the part met them.
*/
import type {ArrivedPart} from '../corpus/index.js';
import type {MentionCounts} from './mention-counts.js';

/** What the worker's first pass found in its part, as arrays it can move to the main thread. */
export type PartMentions = {
	readonly typeNames: readonly string[];
	/** Tokens per tag id of the part (its own ids: `BuiltIndex.tags`). */
	readonly tagCounts: Uint32Array<ArrayBuffer>;
	/** Tokens inside mentions, per type (`typeNames`). */
	readonly typeTokens: Float64Array<ArrayBuffer>;
	/** The part's strings, in order of first mention: string `s` is `pool[offset[s], offset[s + 1])`, with its hash. */
	readonly pool: Uint8Array<ArrayBuffer>;
	readonly offset: Uint32Array<ArrayBuffer>;
	readonly hash: Int32Array<ArrayBuffer>;
	/** Each string's first mention (a token of the part) and its mentions per type: pairs `pairStart[s]` to `pairStart[s + 1]`. */
	readonly firstMention: Uint32Array<ArrayBuffer>;
	readonly pairStart: Uint32Array<ArrayBuffer>;
	readonly pairTypes: Uint32Array<ArrayBuffer>;
	readonly pairCounts: Uint32Array<ArrayBuffer>;
	/** Every mention's string, in file order (pass 2 reads them in that order). */
	readonly mentionIds: Uint32Array<ArrayBuffer>;
	/** The token and sentence (the part's numbers) of each invalid tag, in file order. */
	readonly invalidTokens: Uint32Array<ArrayBuffer>;
	readonly invalidSentences: Uint32Array<ArrayBuffer>;
};

/** The buffers of `mentions`, to move them rather than clone them. */
export function partMentionBuffers(mentions: PartMentions): ArrayBuffer[] {
	const {tagCounts, typeTokens, pool, offset, hash, firstMention, pairStart, pairTypes, pairCounts, mentionIds, invalidTokens, invalidSentences} = mentions;
	return [tagCounts, typeTokens, pool, offset, hash, firstMention, pairStart, pairTypes, pairCounts, mentionIds, invalidTokens, invalidSentences].map(array => array.buffer);
}

/** A part's mentions as the main thread received them: where the part starts, and its tag ids as the corpus numbers them. */
export type ArrivedMentions = {
	readonly mentions: PartMentions;
	readonly firstSentence: number;
	readonly firstToken: number;
	readonly tagIds: Uint32Array;
};

/** What the index worker gives the main thread's first pass of its part: the mentions it read, or its tokens' line offsets to read them from. */
export type PartFound = {readonly mentions: PartMentions; readonly tagIds: Uint32Array} | {readonly tokenLineSteps: Uint8Array};

/** What the worker gives of its part, once appended: its mentions, else its token lines, if it kept them. */
export function foundInPart(part: ArrivedPart, mentions: PartMentions | undefined): PartFound | undefined {
	if (mentions !== undefined) {
		return {mentions, tagIds: part.corpusTagIds};
	}

	const {built} = part;
	const {tokenLineSteps} = built;
	return tokenLineSteps !== undefined && tokenLineSteps.length === built.tokenCount ? {tokenLineSteps} : undefined;
}

/** Where the merge puts what the counts do not hold (AnalysisPasses). */
export type PartRecords = {
	noteInvalid(token: number, sentence: number): void;
	noteMention(id: number): void;
};

/** The main thread's side: adds a part's first pass to `counts` and `records`, as reading its sentences one by one would. */
export function mergePartMentions(arrived: ArrivedMentions, counts: MentionCounts, records: PartRecords): void {
	const {mentions, firstSentence, firstToken, tagIds} = arrived;
	const {strings} = counts;
	counts.roles.refresh();
	const types = mentions.typeNames.map(name => counts.types.idOf(name));
	const ids = new Uint32Array(mentions.hash.length);
	const {pool, offset, pairStart, pairTypes, pairCounts} = mentions;
	for (let part = 0; part < ids.length; part++) {
		const bytes = pool.subarray(offset[part], offset[part + 1]);
		let id = strings.findBytes(bytes);
		if (id === -1) {
			id = strings.add(mentions.hash[part]!, bytes.length, (into, at) => {
				into.set(bytes, at);
			});
		}

		ids[part] = id;
		for (let pair = pairStart[part]!; pair < pairStart[part + 1]!; pair++) {
			counts.addMentions(id, types[pairTypes[pair]!]!, firstToken + mentions.firstMention[part]!, pairCounts[pair]!);
		}
	}

	for (const [type, tokens] of mentions.typeTokens.entries()) {
		counts.addTypeTokens(types[type]!, tokens);
	}

	let tagCounts = counts.tagCounts;
	const size = Math.max(0, ...tagIds) + 1;
	if (tagCounts.length < size) {
		tagCounts = new Uint32Array(size);
		tagCounts.set(counts.tagCounts);
		counts.tagCounts = tagCounts;
	}

	for (let tag = 0; tag < mentions.tagCounts.length; tag++) {
		tagCounts[tagIds[tag]!] += mentions.tagCounts[tag]!;
	}

	for (let index = 0; index < mentions.invalidTokens.length; index++) {
		records.noteInvalid(firstToken + mentions.invalidTokens[index]!, firstSentence + mentions.invalidSentences[index]!);
	}

	const {mentionIds} = mentions;
	for (let index = 0; index < mentionIds.length; index++) {
		records.noteMention(ids[mentionIds[index]!]!);
	}
}
