/**
The review engine's front door: what the screen, the commands and the tests use of `source/review/`.

The whole-corpus analysis (`CorpusAnalysis`): problems, label consistency and statistics, linear in
the corpus, built in slices and kept up to date after edits. For the screen:

- `analysisFor(session)` is the session's analysis, told of every edit, undo and redo. To let its
  first pass ride on the indexing, call `analysisFor(session).observe(indexer)` as soon as both exist
  (before or after the first slice); without it the analysis reads the lines itself.
- Between frames: `step(performance.now() + budget)` until it returns true (it also applies the
  edits noted since: `hasPendingEdits`). `ready`, `state` and `progress` (0 to 1) say where it is.
- Once ready: `problemSentences()` and `problemsOf(sentence)` for `e` and the problems filter;
  `countsOf(text)` / `summary(text)` at once and `placesOf(text)` (compact, in slices) for `c`;
  `statistics()` for `%`. Each applies the edits noted first; asking before `ready` throws.
- `analysisOf(session)` builds whatever is left at once (today's screen, tests).

For the commands: `analyseFile(file)` (the first pass rides on the indexing), then `problems()` in
file order (made one by one, never held as a list of messages) and `statistics()`.

A `Problem` is {sentence, token, line, kind, message}, and for consistency problems `evidence`: the
string, its type here and that type's mentions, the rival type and its mentions, labelled
mentions and all occurrences, for a ranking to read without parsing messages.

The search (`TokenSearch` in slices with `progress`, or `searchTokens` at once; the syntax is
documented in search-query.ts, `parseQuery` reads it), the bulk relabel, the repair of invalid
tags, filters and the reviewer's marks.
*/
export {CorpusAnalysis, type AnalysisPhase, type StringCounts} from './corpus-analysis.js';
export {analyseFile, findProblems} from './analyse-file.js';
export {analysisFor, analysisOf, editsWaitForPause, hasAnalysis, slowAnalysisTokens, type Analysis} from './analysis.js';
export {PlaceList} from './string-scan.js';
export {invalidReason, minEntityShare, minLabelledMentions, repairInvalid, type Problem, type ProblemEvidence, type ProblemKind} from './checks.js';
export {mentionText, planBulkRelabel, summarize, type BulkPlan, type ConsistencyIndex, type Occurrences, type Place} from './consistency.js';
export {corpusStatistics, formatStatistics, withCrossFileProblems, type CorpusStatistics, type TypeStatistics} from './statistics.js';
export {corpusLabels, parseQuery, QuerySyntaxError, searchTokens, sentenceMatches, toParsedQuery, TokenSearch, type ParsedQuery, type SearchMatch, type SearchPosition, type SearchQuery} from './search.js';
export {buildFilter, describeFilter, extendFilter, filterNames, stepInFilter, type Filter, type FilterKind} from './filter.js';
export {flaggedBit, ReviewMarks, reviewedBit} from './marks.js';
export {Review, type Position} from './review.js';
export {type Claim, claimCorpus} from './claim.js';
export {describeOwner} from './lock.js';
export {type ChangeCounts, type EntityChange, corpusChanges, countChanges, describeChange, emptyCounts, tokensText} from './compare/changes.js';
export {type OtherCorpus, crossFileProblems, judgedTogether} from './cross-file.js';
export {inFilter, positionInFilter} from './filter.js';
export {type FlagList, readFlagList} from './flag-list.js';
export {suggestionLabel} from './queue/describe.js';
export {type QueueEntry} from './queue/entry.js';
export {rankQueue, rankSteps} from './queue/rank.js';
export {type FileOrder} from './queue/file-order.js';
export {type RankedQueue} from './queue/ranked-queue.js';
export {carriedPosition, carryQueue, unreachedAbove, type CarriedQueue} from './queue/carry.js';
export {planSuggestion, queueSentences, suggestionFor} from './queue/walk.js';
export {IndexHelper, partAfter, wantsIndexHelper} from './parallel-index.js';
export {foundInPart, type PartMentions} from './part-mentions.js';
export {isNote, maxNoteLength} from './records.js';
export {reviewFilePaths, sidecarCandidates} from './side-files.js';
export {savedLabelOrder} from './sidecar-marks.js';
export {type TrainingProgress, crossValidate, minTaggerTokens} from './tagger/cross-validate.js';
export {KeyGate} from './tagger/key-gate.js';
export {type TaggerResult} from './tagger/result.js';
export {type TrainingHandle, startTraining} from './tagger/start-training.js';
export {journalCandidates, journalOfLiveSession, journalScope, otherLayerOf, unsavedEdits, type UnsavedEdits} from './unsaved-edits.js';
