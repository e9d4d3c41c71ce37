/**
The corpus engine's front door: bytes in, spans out, bytes back. Everything outside
`source/corpus/` imports from here; the files behind it (line and cell scanning, the indexer's
internals, binary search) are private to the engine.
*/
export {Corpus, isPlainLineStart} from './corpus.js';
export {CorpusError} from './errors.js';
export type {Format, FormatOverrides, Layout} from './format.js';
export {Indexer, type SentenceObserver} from './indexer.js';
export {indexCorpus, loadCorpusFile, openIndexer, readCorpusBytes, readCorpusBytesAsync} from './load.js';
export {decodeSpans, encodeSpans, sameSpans, schemeNames, type Decoded, type SchemeName, type Span} from './scheme.js';
export {applyChanges, planRelabel, planRemove, planSpans, type TagChange, type TokenRange} from './edit.js';
export {History, type EditRecord} from './history.js';
export {Session, type SaveResult, type SessionEvent, type SessionOptions} from './session.js';
export {SaveConflictError, stampOf, writeAtomically, type FileStamp} from './save.js';
export {serialize, serializeChunks} from './serialize.js';
export {tagCounts, typesByFrequency} from './stats.js';
export {looksLikeTag, parseTag, typeNameProblem, type ParsedTag, type TagPrefix} from './tags.js';
export {foreignRole, rolesByScheme, type Role} from './scheme.js';
export {lastAtOrBefore} from './sorted.js';
