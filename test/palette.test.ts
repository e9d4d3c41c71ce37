import assert from 'node:assert/strict';
import {test} from 'node:test';
import {TypeColors} from '../source/ui/views/palette.js';

test('twelve types get twelve different styles, from colors legible on dark and light backgrounds', () => {
	const types = ['Application', 'Algorithm', 'Protocol', 'Language', 'General_Concept', 'Operating_System', 'Device', 'Data_Structure', 'Library', 'License', 'Error_Name', 'Architecture'];
	const colors = new TypeColors(types);
	const styles = types.map(type => colors.style(type));
	assert.equal(new Set(styles.map(style => `${style.color}/${style.underline}`)).size, 12);
	for (const style of styles) {
		assert.ok(['blue', 'magenta', 'green', 'red', 'cyan', 'yellow'].includes(style.color), style.color);
	}
});

test('a type keeps its style for the session, and a new label takes the next one', () => {
	const colors = new TypeColors(['PER', 'LOC']);
	assert.deepEqual(colors.style('PER'), {color: 'blue', underline: false});
	assert.deepEqual(colors.style('LOC'), {color: 'magenta', underline: false});
	assert.deepEqual(colors.style('NEW'), {color: 'green', underline: false});
	assert.deepEqual(colors.style('PER'), {color: 'blue', underline: false});
});
