/**
What the screen learns when the review state comes back (once the corpus is indexed): the marks
and the position from the sidecar, and the unsaved edits of a session that died, for the recovery
question. With none, this session's journal starts at once. The label bar's order of the last
session comes back too, unless `--labels` gives one.
*/
import type {Review} from '../review/index.js';
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
