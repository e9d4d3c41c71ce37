/**
A ranked queue: its rows in queue order over the columns the ranking filled (ranked-entry.ts), and
the rows with a suggestion by sentence (walk.ts). An entry is an object only while it is read: the
screen reads the cursor's and the one `e` goes to, `check` each once, and the 100,000 entries of a
10M-token corpus are not held as objects for the session.
*/
import {FileOrder} from './file-order.js';
import type {QueueKind} from './entry.js';
import {kindCodes, RankedEntry, type EntryColumns} from './ranked-entry.js';
import type {SuggestionIndex} from './walk.js';

export class RankedQueue implements Iterable<RankedEntry> {
	#fileOrder: FileOrder | undefined;
	#counts: Map<QueueKind, number> | undefined;

	constructor(
		readonly columns: EntryColumns,
		/** The rows, most suspicious first (or in file order). */
		readonly rows: Uint32Array,
		/** The rows with a suggestion, by sentence. */
		readonly suggestions: SuggestionIndex,
	) {}

	get length(): number {
		return this.rows.length;
	}

	/** The entry at `index` of the queue, undefined outside it (-1 too: no entry gone to yet); a new object each time. */
	entry(index: number): RankedEntry | undefined {
		return index >= 0 && index < this.rows.length ? new RankedEntry(this.columns, this.rows[index]!) : undefined;
	}

	/** How many entries are of `kind` (the statistics count the tagger's doubts); counted once. */
	count(kind: QueueKind): number {
		this.#counts ??= new Map();
		let count = this.#counts.get(kind);
		if (count === undefined) {
			const code = kindCodes.get(kind);
			const {rows, columns} = this;
			count = 0;
			for (let index = 0; index < rows.length; index++) {
				count += columns.kind[rows[index]!] === code ? 1 : 0;
			}

			this.#counts.set(kind, count);
		}

		return count;
	}

	/** The same entries by place in the file (`#`), sorted on first use. */
	fileOrder(): FileOrder {
		this.#fileOrder ??= new FileOrder(this);
		return this.#fileOrder;
	}

	* [Symbol.iterator](): Iterator<RankedEntry> {
		const {columns, rows} = this;
		for (let index = 0; index < rows.length; index++) {
			yield new RankedEntry(columns, rows[index]!);
		}
	}
}
