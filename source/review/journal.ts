/**
The edit journal, `FILE.review.journal`: every edit, undo, redo and review mark appended (and
flushed) as it happens, so a session that dies without saving (kill -9, a dropped SSH connection,
a full disk later) can be replayed on the next open.

Each entry verifies itself: a tag change records the token's line, the start of its text and its
length, a hash of its sentence's text, and the tag before and after. Replay applies an edit only
where all of that still holds, so an edit lands on the exact token it was made on or not at all,
even when the file changed meanwhile (a line appended, a line moved), and names the edits that no
longer match. The first line names the version of the file the entries were written against (its
identity and, once hashed, its SHA-256); with the same content, tokens are found by number.

Format (JSON lines), version 2:
  {"journal":2,"size":N,"mtimeMs":N,"ino":N,"sha256":"…","pid":N,"since":N}
  {"op":"apply","description":"label PER","sentence":3,"token":17,"changes":[{"token":17,"line":45,"text":"Bonn","bytes":4,"sentence":"1x9ab","before":"O","after":"B-LOC"}]}
  {"op":"undo"} | {"op":"redo"}
  {"op":"mark","sentence":3,"line":40,"hash":"1x9ab","mark":"reviewed","on":true}
  {"op":"hash","sha256":"…"}   (the header's hash, when it was computed after the first entry)
A mark is an entry of its own today; when marks become undoable (they join the edit history), an
apply entry can carry `marks` beside `changes` and undo/redo keep meaning "the last apply".
*/
export {entryFor, headerFor, journalPath, scopeOf, type JournalChange, type JournalEntry, type JournalHeader, type JournalScope, type MarkKind} from './journal-entries.js';
export {JournalWriter} from './journal-writer.js';
export {readJournal, type JournalRead} from './journal-read.js';
export {netChanges, planRecovery, settledText, summarize, type PlannedEdit, type PlannedMark, type RecoveryPlan} from './journal-recovery.js';
