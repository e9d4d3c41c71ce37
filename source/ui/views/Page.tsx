import {memo} from 'react';
import {Box, Text} from 'ink';
import type {PageModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

type Props = {
	readonly page: PageModel;
	readonly rows: number;
};

/** A titled page of lines that replaces the sentence views: the help (`?`) and the statistics (`%`). */
export const Page = memo(function Page({page, rows}: Props) {
	const {plain} = useDisplay();
	return (
		<Box flexDirection="column" height={rows}>
			<Text bold={!plain} wrap="truncate">{page.title}</Text>
			{page.lines.map((line, index) => (
				// Ink lays out an empty Text as no row at all: a blank line would take none, and the
				// page would end in blank rows while its title counts lines that are not drawn.
				<Text key={page.top + index} wrap="truncate">{line === '' ? ' ' : line}</Text>
			))}
		</Box>
	);
});
