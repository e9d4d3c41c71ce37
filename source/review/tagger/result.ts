/**
What the cross-validated tagger says about the open file, in a form that crosses threads cheaply
(typed arrays and a list of small plain objects) and that the ranking reads.
*/
import type {Span} from '../../corpus/scheme.js';

/**
A place where the model's best reading of a sentence differs from the file's labels: tokens
`[start, end)` (sentence-relative), covering every file entity and predicted entity that touches a
token whose label differs.
*/
export type Disagreement = {
	readonly sentence: number;
	readonly start: number;
	readonly end: number;
	/** The file's entities within the region. */
	readonly gold: readonly Span[];
	/** The model's entities within the region: the suggested fix. */
	readonly predicted: readonly Span[];
	/** The model's probability of its own reading of the region (the least sure token's). */
	readonly confidence: number;
	/** 1 - the model's probability of the file's labels (the most doubted token's). */
	readonly doubt: number;
	/** How much higher the model scores its reading than the file's (over the temperature: a log-odds). */
	readonly margin: number;
};

export type TaggerResult = {
	/** Entity types in the model's label order. */
	readonly types: readonly string[];
	/**
	For each token of the open file, the probability the held-out model gives its label in the
	file (x 65535). Low: the model doubts the label.
	*/
	readonly goldProbability: Uint16Array;
	/** For each sentence, 1 - the lowest probability of a label in it. */
	readonly sentenceDoubt: Float32Array;
	/** Every disagreement, by sentence then token. */
	readonly disagreements: readonly Disagreement[];
	/** The softmax temperature fitted on held-out predictions (scores / temperature). */
	readonly temperature: number;
	readonly folds: number;
	/** Training tokens per model (after sampling), averaged over folds. */
	readonly trainingTokens: number;
	/** Token accuracy of the held-out predictions against the file's labels. */
	readonly heldOutAccuracy: number;
	readonly milliseconds: number;
	/** Where the time went. */
	readonly phaseMilliseconds: {readonly counting: number; readonly training: number; readonly calibrating: number; readonly predicting: number};
};

export const probabilityScale = 65_535;

/** The held-out model's probability of the file's label at `token`. */
export function goldProbabilityAt(result: TaggerResult, token: number): number {
	return result.goldProbability[token]! / probabilityScale;
}
