/**
Reading the app's screen as `tmux capture-pane -p` gives it: the header, the status line and the
label bar, for the end-to-end tests.
*/
import assert from 'node:assert/strict';

/** The header: the first row. */
export function headerOf(screen: string): string {
	return screen.split('\n')[0]!;
}

/** The status line: the last non-empty row (the app leaves the terminal's last row free). */
export function statusOf(screen: string): string {
	return screen.split('\n').filter(line => line.trim() !== '').at(-1) ?? '';
}

/** The label bar's names in key order: the row that starts with `1 ` and the row after it (the bar has two). */
export function labelBar(screen: string): string[] {
	const rows = screen.split('\n');
	const first = rows.findIndex(row => /^1 \S/.test(row));
	assert.ok(first >= 0, `no label bar on the screen:\n${screen}`);
	return rows.slice(first, first + 2).flatMap(row => [...row.matchAll(/(?:^|\s)(\d) (\S+)/g)].map(match => match[2]!));
}

/** The number key of `label` in the label bar on the screen. */
export function labelKey(screen: string, label: string): string {
	const index = labelBar(screen).indexOf(label);
	assert.ok(index >= 0 && index < 9, `label ${label} has no number key in the label bar:\n${screen}`);
	return String(index + 1);
}
