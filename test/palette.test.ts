import assert from 'node:assert/strict';
import {test} from 'node:test';
import {TypeColors} from '../source/ui/views/palette.js';

test('twelve types get twelve different styles, from colors legible on dark and light backgrounds', () => {
	const types = ['Application', 'Algorithm', 'Protocol', 'Language', 'General_Concept', 'Operating_System', 'Device', 'Data_Structure', 'Library', 'License', 'Error_Name', 'Architecture'];
	const colors = new TypeColors(types);
	const styles = types.map(type => colors.style(type));
	assert.equal(new Set(styles.map(style => `${style.color}/${style.underline}/${style.bold}`)).size, 12);
	for (const style of styles) {
		assert.ok(['blue', 'magenta', 'green', 'red', 'cyan', 'yellow'].includes(style.color), style.color);
	}
});

test('a type keeps its style for the session, and a new label takes the next one', () => {
	const colors = new TypeColors(['PER', 'LOC']);
	assert.deepEqual(colors.style('PER'), {color: 'blue', underline: false, bold: false});
	assert.deepEqual(colors.style('LOC'), {color: 'magenta', underline: false, bold: false});
	assert.deepEqual(colors.style('NEW'), {color: 'green', underline: false, bold: false});
	assert.deepEqual(colors.style('PER'), {color: 'blue', underline: false, bold: false});
});

test('a 13th type gets a style of its own (bold), and 24 types 24 styles; the 25th shares the first one\'s', () => {
	const types = Array.from({length: 25}, (_, index) => `T${index}`);
	const colors = new TypeColors(types);
	const key = (type: string) => JSON.stringify(colors.style(type));
	assert.notEqual(key('T12'), key('T0'));
	assert.deepEqual(colors.style('T12'), {color: 'blue', underline: false, bold: true});
	assert.equal(new Set(types.slice(0, 24).map(key)).size, 24);
	assert.equal(key('T24'), key('T0'));
});
