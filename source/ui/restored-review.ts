/**
What the screen learns when the review state comes back (once the corpus is indexed): the marks
and the position from the sidecar, and the unsaved edits of a session that died, for the recovery
question. With none, this session's journal starts at once. The label bar's order of the last
session comes back too, unless `--labels` gives one.
*/
import {savedLabelOrder, type Review} from '../review/index.js';
import type {Action} from './state/actions.js';

export function restoredReview(review: Review, restoresLabels: boolean): Extract<Action, {type: 'restore-review'}> {
	const {position, message} = review.restore();
	const {recovery, problem} = review.pendingRecovery();
	if (recovery === undefined) {
		review.startJournal(true);
	}

	const pending = recovery === undefined ? undefined : {edits: recovery.pendingEdits, matching: recovery.recoverable, unmatchedLines: recovery.unmatchedLines, others: recovery.others};
	const labels = restoresLabels ? review.marks.labelOrder : undefined;
	return {type: 'restore-review', position, message: problem ?? message, pending, ...(labels === undefined ? {} : {labels})};
}

/**
The label bar's first order: the last session's (read from the sidecar before the first frame), then
the file's types by frequency that it did not have. Restored only once a large file was indexed, a
number key pressed meanwhile applied the label of one order while the bar showed the other (QA).
*/
export function firstLabelOrder(review: Review | undefined, byFrequency: readonly string[]): readonly string[] {
	const sidecar = review?.files?.sidecar;
	const saved = sidecar === undefined ? undefined : savedLabelOrder(sidecar);
	return saved === undefined ? byFrequency : [...saved, ...byFrequency.filter(label => !saved.includes(label))];
}
