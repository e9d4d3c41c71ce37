/**
The counts the whole-corpus analysis keeps up to date, pass after pass and edit after edit: per
string its labelled mentions by type and its unlabelled occurrences (MentionStrings); per type its
mentions, the tokens inside them and its distinct strings; tokens per tag. And the verdicts that
follow from the counts: which mentions of a string are reported as inconsistent, and whether its
unlabelled occurrences are reported as missed mentions.
*/
import type {Corpus} from '../corpus/index.js';
import {minEntityShare, minLabelledMentions} from './checks.js';
import type {Occurrences, Place} from './consistency.js';
import {MentionStrings} from './mention-strings.js';
import {SentenceReader} from './sentence-reader.js';
import type {CorpusStatistics} from './statistics.js';
import {StringScan, type PlaceVisitor} from './string-scan.js';
import {TagRoles, TypeNames} from './tag-spans.js';

/** Counts of one string, for the consistency view's header and for a ranking. */
export type StringCounts = {
	readonly text: string;
	/** Labelled mentions per type, most first (ties by name). */
	readonly types: ReadonlyArray<{type: string; count: number}>;
	readonly labelled: number;
	readonly unlabelled: number;
};

/** The most frequent type seen by `visitType`, and whether another has as many. */
const topType = {type: -1, count: -1, tied: false};

function visitType(count: number, type: number): void {
	if (count > topType.count) {
		topType.type = type;
		topType.count = count;
		topType.tied = false;
	} else if (count === topType.count) {
		topType.tied = true;
	}
}

export class MentionCounts {
	readonly strings = new MentionStrings();
	readonly types = new TypeNames();
	readonly roles: TagRoles;
	/** How every pass, update and scan reads a sentence. */
	readonly reader: SentenceReader;
	/** Tokens per tag id, kept up to date with the edits (for the statistics). */
	tagCounts: Uint32Array = new Uint32Array(0);
	/** Per type number: mentions, tokens inside them, and strings with at least one. */
	private readonly typeMentions: number[] = [];
	private readonly typeTokens: number[] = [];
	private readonly typeStrings: number[] = [];
	private ranks = new Int32Array(0);

	constructor(private readonly corpus: Corpus) {
		this.roles = new TagRoles(corpus, this.types);
		this.reader = new SentenceReader(corpus, this.roles, this.strings);
	}

	addMention(id: number, type: number, token: number, length: number): void {
		this.addMentions(id, type, token, 1);
		this.typeTokens[type] = (this.typeTokens[type] ?? 0) + length;
	}

	/**
	Adds `count` mentions of `id` typed `type`, the first of them at `token`, without their tokens
	(`addTypeTokens`): the index worker's part, counted there, merged at once (part-mentions.ts).
	*/
	addMentions(id: number, type: number, token: number, count: number): void {
		const {strings} = this;
		if (strings.labelled[id] === 0) {
			strings.firstMention[id] = token;
			strings.firstKnown[id] = 1;
			strings.addPrefixes(id);
		} else if (token <= strings.firstMention[id]!) {
			strings.firstMention[id] = token;
			strings.firstKnown[id] = 1;
		}

		const before = strings.addMention(id, type, count);
		this.typeMentions[type] = (this.typeMentions[type] ?? 0) + count;
		if (before === 0) {
			this.typeStrings[type] = (this.typeStrings[type] ?? 0) + 1;
		}
	}

	/** Adds `tokens` to the tokens inside mentions of `type` (with `addMentions`). */
	addTypeTokens(type: number, tokens: number): void {
		this.typeTokens[type] = (this.typeTokens[type] ?? 0) + tokens;
	}

	/** Tokens inside mentions, per type number. */
	get tokensPerType(): readonly number[] {
		return this.typeTokens;
	}

	removeMention(id: number, type: number, token: number, length: number): void {
		const {strings} = this;
		if (token === strings.firstMention[id]) {
			// Still a bound (every other mention is after it), no longer the first: found again when needed.
			strings.firstKnown[id] = 0;
		}

		const before = strings.addMention(id, type, -1);
		this.typeMentions[type]!--;
		this.typeTokens[type]! -= length;
		if (before === 1) {
			this.typeStrings[type]!--;
		}
	}

	/** The counts of string `id` (whose text is `text`), its types by name. */
	countsOf(id: number, text = this.strings.text(id)): StringCounts {
		const {strings} = this;
		return {text, types: this.sortedTypes(id).map(([type, count]) => ({type: this.types.names[type]!, count})), labelled: strings.labelled[id]!, unlabelled: strings.unlabelled[id]!};
	}

	/** The counts and every place of string `id`, in corpus order, found now by a byte search for it. */
	occurrences(id: number): Occurrences {
		const {strings, types} = this;
		const places: Place[] = [];
		this.scan(id, (sentence, start, end, type) => {
			places.push({sentence, start, end, type: type === -1 ? undefined : types.names[type]});
		});
		const byType = new Map(this.sortedTypes(id).map(([type, count]) => [types.names[type]!, count]));
		return {byType, unlabelled: strings.unlabelled[id]!, places};
	}

	/** Types of `id`, most mentions first, ties by name. */
	sortedTypes(id: number): Array<[type: number, count: number]> {
		const types = this.strings.types(id);
		if (types.length > 1) {
			const rank = this.typeRanks();
			types.sort((a, b) => b[1] - a[1] || rank[a[0]]! - rank[b[0]]!);
		}

		return types;
	}

	/** Each type number's place among the type names in `localeCompare` order (the order ties are shown in). */
	private typeRanks(): Int32Array {
		if (this.ranks.length !== this.types.size) {
			const {names} = this.types;
			const sorted = names.map((_, type) => type).sort((a, b) => names[a]!.localeCompare(names[b]!));
			this.ranks = new Int32Array(names.length);
			for (const [rank, type] of sorted.entries()) {
				this.ranks[type] = rank;
			}
		}

		return this.ranks;
	}

	/**
	Whether a mention of `id` typed `type` is reported: when the string has enough mentions and
	another type is at least as frequent. With several types, that is every type but a unique most
	frequent one.
	*/
	isReported(id: number, type: number): boolean {
		const {strings} = this;
		if (strings.soleType[id]! >= 0 || strings.labelled[id]! < minLabelledMentions) {
			return false;
		}

		// forEach with one callback made once: pass 2 asks this for every mention of a string of several
		// types, and iterating the map's entries made an array per type each time (19 MB of garbage on
		// the 10M seed file).
		topType.type = -1;
		topType.count = -1;
		topType.tied = false;
		strings.multi.get(id)?.forEach(visitType);
		return topType.tied || type !== topType.type;
	}

	reportedTypes(id: number): Set<number> {
		return new Set(this.strings.types(id).filter(([type]) => this.isReported(id, type)).map(([type]) => type));
	}

	/** Whether the unlabelled occurrences of `id` are reported: it is labelled often enough, and more often than not. */
	reportsUnlabelled(id: number): boolean {
		const labelled = this.strings.labelled[id]!;
		return labelled >= minLabelledMentions && labelled / (labelled + this.strings.unlabelled[id]!) > minEntityShare;
	}

	/** The first token of the first mention of `id`, found again if that mention was edited away. */
	firstMentionOf(id: number): number {
		const {strings, corpus} = this;
		if (strings.firstKnown[id] === 0) {
			const bound = strings.firstMention[id]!;
			this.scan(id, (sentence, start, _end, type) => {
				const token = corpus.sentenceStart[sentence]! + start;
				if (type === -1 || token < bound) {
					return false;
				}

				strings.firstMention[id] = token;
				return true;
			}, corpus.sentenceOf(bound));
			strings.firstKnown[id] = 1;
		}

		return strings.firstMention[id]!;
	}

	/** Visits the places of string `id` now, in corpus order (from sentence `from`, leaving out `skip`). */
	scan(id: number, visit: PlaceVisitor, from = 0, skip?: ReadonlySet<number>): void {
		new StringScan(this.corpus, this.reader, this.strings.bytes(id), visit, from, skip).run();
	}

	/** The statistics of the corpus as counted, with its problem counts. */
	statistics(problems: CorpusStatistics['problems']): CorpusStatistics {
		const {corpus} = this;
		const counts = this.tagCounts;
		const tags: Array<{tag: string; count: number}> = [];
		for (let id = 0; id < counts.length; id++) {
			if (counts[id]! > 0) {
				tags.push({tag: corpus.tags.text(id), count: counts[id]!});
			}
		}

		const types = [];
		for (let type = 0; type < this.types.size; type++) {
			if ((this.typeMentions[type] ?? 0) > 0) {
				types.push({type: this.types.names[type]!, mentions: this.typeMentions[type]!, distinctStrings: this.typeStrings[type]!, tokens: this.typeTokens[type]!});
			}
		}

		return {
			sentences: corpus.sentenceCount,
			tokens: corpus.tokenCount,
			scheme: corpus.format.scheme,
			types: types.sort((a, b) => b.mentions - a.mentions || a.type.localeCompare(b.type)),
			tags: tags.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
			problems,
		};
	}
}
