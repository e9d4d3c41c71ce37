import {memo} from 'react';
import {Text} from 'ink';
import type {HeaderModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

/** File name, position, scheme and the modified marker, as the view model wrote them. */
export const Header = memo(function Header({text, modified}: HeaderModel) {
	const {plain} = useDisplay();
	return (
		<Text bold={!plain} wrap="truncate">
			{text}
			<Text color={plain ? undefined : 'yellow'}>{modified}</Text>
		</Text>
	);
});
