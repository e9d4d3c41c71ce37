/**
Where the model's reading of a sentence differs from the file's labels, as regions the reviewer
can accept or reject as a whole: each region covers every token whose label differs, widened to
whole entities on both sides (a wrong boundary or a split entity is one region, not three tokens).
*/
import {spansOfLabels} from './labels.js';
import type {DisagreementWriter} from './result.js';

/**
Writes the disagreements of one sentence. `marginals[i * size + label]` are the model's
probabilities; `gold` and `predicted` are label sequences of length `n`.
*/
export function findDisagreements(out: DisagreementWriter, sentence: number, n: number, gold: ArrayLike<number>, predicted: ArrayLike<number>, marginals: Float64Array, types: readonly string[]): void {
	const size = 1 + (2 * types.length);
	const spans = [...spansOfLabels(gold, n, types), ...spansOfLabels(predicted, n, types)];
	let i = 0;
	while (i < n) {
		if (gold[i] === predicted[i]) {
			i++;
			continue;
		}

		let start = i;
		let end = i + 1;
		// Widen to the entities touching the region until nothing more joins it.
		for (let grown = true; grown;) {
			grown = false;
			while (end < n && gold[end] !== predicted[end]) {
				end++;
			}

			for (const span of spans) {
				if (span.start < end && start < span.end && (span.start < start || span.end > end)) {
					start = Math.min(start, span.start);
					end = Math.max(end, span.end);
					grown = true;
				}
			}
		}

		let confidence = 1;
		let doubt = 0;
		for (let k = start; k < end; k++) {
			confidence = Math.min(confidence, marginals[(k * size) + predicted[k]!]!);
			doubt = Math.max(doubt, 1 - marginals[(k * size) + gold[k]!]!);
		}

		out.add(sentence, start, end, predicted, confidence, doubt);
		i = end;
	}
}
