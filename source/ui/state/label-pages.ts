/**
The label bar's pages. The number keys apply the labels the bar shows, so the bar and the keys must
agree on which label is `3`: both come from this one function. All labels fit on one page in most
corpora; otherwise each page holds at most nine, as many as its two rows fit, and the bar ends with
`[ ] page 1/2` so no label is ever hidden without a sign.
*/
import {displayText, textWidth, truncate} from '../display-text.js';
import {labelBarRows} from '../layout.js';

export type LabelSlot = {
	/** The number key (1..9) that applies it. */
	readonly key: number;
	readonly label: string;
	/** The name as drawn: terminal-safe, cut to fit a row. */
	readonly shown: string;
};

export type LabelPage = {
	/** Index in the label list of the page's first label. */
	readonly first: number;
	/** The labels of each row of the bar. */
	readonly rows: ReadonlyArray<readonly LabelSlot[]>;
	readonly count: number;
};

const gap = 2;
/** Room kept on the last row for `[ ] page 10/10`. */
const indicatorWidth = gap + '[ ] page 10/10'.length;

export function labelPages(labels: readonly string[], width: number): LabelPage[] {
	const single = fillPage(labels, 0, width, 0);
	if (single.count === labels.length) {
		return [single];
	}

	const pages: LabelPage[] = [];
	for (let first = 0; first < labels.length;) {
		const page = fillPage(labels, first, width, indicatorWidth);
		pages.push(page);
		first += Math.max(1, page.count);
	}

	return pages;
}

/** Up to nine labels from `first`, over the bar's rows, keeping `reserve` columns free on the last row. */
function fillPage(labels: readonly string[], first: number, width: number, reserve: number): LabelPage {
	const rows: LabelSlot[][] = [[]];
	let used = 0;
	let count = 0;
	for (let index = first; index < labels.length && count < 9; index++) {
		const key = count + 1;
		const shown = truncate(displayText(labels[index]!), Math.max(1, width - 2 - reserve));
		const slotWidth = textWidth(`${key} ${shown}`) + (rows.at(-1)!.length > 0 ? gap : 0);
		const limit = rows.length === labelBarRows ? width - reserve : width;
		if (used + slotWidth > limit) {
			if (rows.length === labelBarRows || rows.at(-1)!.length === 0) {
				break;
			}

			rows.push([]);
			used = 0;
			index--;
			continue;
		}

		rows.at(-1)!.push({key, label: labels[index]!, shown});
		used += slotWidth;
		count++;
	}

	return {first, rows, count};
}

/** The page shown for a page number kept in the state (the pages change with the width and the labels). */
export function currentPage(pages: readonly LabelPage[], page: number): {page: LabelPage; index: number} {
	const index = Math.min(Math.max(0, page), pages.length - 1);
	return {page: pages[index]!, index};
}

/** The label number key `key` applies on the shown page, if that page has one. */
export function labelForKey(labels: readonly string[], width: number, page: number, key: number): string | undefined {
	const shown = currentPage(labelPages(labels, width), page).page;
	return key >= 1 && key <= shown.count ? labels[shown.first + key - 1] : undefined;
}
