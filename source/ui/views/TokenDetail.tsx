import {memo} from 'react';
import {Text} from 'ink';
import type {TokenDetailModel} from '../view-model/index.js';
import {useDisplay} from './display-context.js';

/** The token under the cursor as the file has it: text, raw tag, line number, and why its tag is invalid. */
export const TokenDetail = memo(function TokenDetail({text, invalid}: TokenDetailModel) {
	const {plain} = useDisplay();
	return <Text wrap="truncate" color={invalid && !plain ? 'red' : undefined}>{text}</Text>;
});
