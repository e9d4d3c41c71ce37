/**
The corpus engine's front door: bytes in, spans out, bytes back. Everything outside
`source/corpus/` imports from here; the files behind it (line and cell scanning, the indexer's
internals, binary search) are private to the engine.
*/
export {Corpus, isPlainLineStart, type Words} from './corpus.js';
export {type CorpusLines} from './corpus-lines.js';
export {CorpusError} from './errors.js';
export {describeTagColumn, detectFormat, otherTagColumns, type Format, type FormatOverrides, type Layout} from './format.js';
export {knownMiscKeys, type MiscTags} from './misc.js';
export {TagLayer} from './layer.js';
export {openCompareFile, openTagColumn, readLayer, type LayerReader} from './layer-reader.js';
export {Indexer, type SentenceObserver} from './indexer.js';
export {indexCorpus, loadCorpusFile, maxCorpusBytes, openIndexer, readCorpusBytes, readCorpusBytesAsync, readCorpusFile, readCorpusFileAsync, type LoadedFile} from './load.js';
export {fileKind, identityOf, sameVersion, type FileIdentity} from './identity.js';
export {ContentHasher, contentHashOf} from './content-hash.js';
export {decodeSpans, encodeSpans, sameSpans, schemeNames, type Decoded, type SchemeName, type Span} from './scheme.js';
export {applyChanges, mergedRuns, planRelabel, planRemove, planSpans, type TagChange, type TokenRange} from './edit.js';
export {History, type EditRecord} from './history.js';
export {sameFile, Session, type SaveResult, type SaveStatus, type SessionEvent, type SessionOptions} from './session.js';
export {assertReplaceable, isRunning, lstatOrUndefined, openExclusive, SaveConflictError, SaveRefusedError, stampOf, writeAtomically, type FileStamp, type WriteOptions} from './save.js';
export {serialize, serializeChunks} from './serialize.js';
export {tagCounts, typesByFrequency} from './stats.js';
export {looksLikeTag, parseTag, typeNameProblem, type ParsedTag, type TagPrefix} from './tags.js';
export {foreignRole, rolesByScheme, type Role} from './scheme.js';
export {firstAtOrAfter, lastAtOrBefore} from './sorted.js';
export {tagOnlyDifference, type TagOnlyDifference} from './compare.js';
export {resolveTarget} from './save.js';
// Line and cell scanning, for the tagger, which reads token bytes in place without making strings.
export {contentEnd, findCell, lineEndAt} from './cells.js';
export {type Hunk, unifiedHunks} from './line-diff.js';
export {classifyLine, lineKind} from './line-kind.js';
// A corpus as plain buffers, for the tagger's worker thread.
export {type CorpusSnapshot, SnapshotIndex, snapshotOf} from './snapshot.js';
export {type TagTable} from './tags.js';
// A corpus's last sentences read by another thread: `check` and `stats` match a large corpus's occurrences on two cores.
export {ArrivedPart, builtIndexBuffers, partStart, type BuiltIndex, windowEnd} from './index-adoption.js';
export {corpusFromTail, corpusTail, corpusTailBuffers, type CorpusTail} from './corpus-tail.js';
// Where the token lines of the index worker's part start, one byte a token.
export {readLineSteps, writeLineSteps} from './token-line-steps.js';
