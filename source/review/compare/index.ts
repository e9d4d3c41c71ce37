/**
Compare mode's engine: two annotations of the same tokens (the corpus, which is edited, and a
read-only TagLayer from a second file or another tag column), compared entity by entity. Pure
functions over the corpus engine's front door; no UI. The screen draws a SentenceComparison, walks
Disagreements, and applies planTake* as one undoable edit; `ner-review compare` prints
compareCorpus.
*/
export {pairSpans, type Difference, type DifferenceKind, type SpanPairing} from './match.js';
export {compareSentence, differencesAt, nextDifference, type SentenceComparison} from './sentence.js';
export {Disagreements} from './disagreements.js';
export {planTakeAt, planTakeSentence} from './take.js';
export {compareCorpus, formatComparison, type ConfusionEntry, type CorpusComparison, type Score, type TypeScore} from './scores.js';
