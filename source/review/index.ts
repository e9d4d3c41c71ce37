/**
The review engine's front door: what the screen, the commands and the tests use of `source/review/`.

- The whole-corpus analysis (`CorpusAnalysis`): problems, label consistency and statistics, built
  in slices (`step(deadline)`, `ready`, `progress`), kept up to date after edits (`noteChanges`).
  `analysisFor(session)` is the session's own, told of every edit; `findProblems` and
  `corpusStatistics` build one at once.
- The search (`TokenSearch`, `searchTokens`, `parseQuery`; syntax in search-query.ts).
- Problem repair, bulk relabel, filters and the reviewer's marks.
*/
export {analyseFile, CorpusAnalysis, findProblems, type AnalysisPhase, type StringCounts} from './corpus-analysis.js';
export {PlaceList} from './string-scan.js';
export {analysisFor, analysisOf, hasAnalysis, type Analysis} from './analysis.js';
export {invalidReason, minEntityShare, minLabelledMentions, repairInvalid, type Problem, type ProblemEvidence, type ProblemKind} from './checks.js';
export {mentionText, planBulkRelabel, summarize, type BulkPlan, type ConsistencyIndex, type Occurrences, type Place} from './consistency.js';
export {corpusStatistics, formatStatistics, type CorpusStatistics, type TypeStatistics} from './statistics.js';
export {corpusLabels, parseQuery, QuerySyntaxError, searchTokens, sentenceMatches, toParsedQuery, TokenSearch, type ParsedQuery, type SearchMatch, type SearchPosition, type SearchQuery} from './search.js';
export {buildFilter, describeFilter, filterNames, stepInFilter, type Filter, type FilterKind} from './filter.js';
export {flaggedBit, ReviewMarks, reviewedBit} from './marks.js';
export {Review, type Position} from './review.js';
