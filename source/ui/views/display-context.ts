import {createContext, useContext} from 'react';
import {TypeColors} from './palette.js';

export type Display = {
	/** No colors or text styles (NO_COLOR, a dumb terminal): cursor and selection are drawn as marks. */
	readonly plain: boolean;
	readonly colors: TypeColors;
};

export const DisplayContext = createContext<Display>({plain: false, colors: new TypeColors([])});

export function useDisplay(): Display {
	return useContext(DisplayContext);
}

/**
Whether the screen must do without colors and styles: the environment asks for none
(https://no-color.org), or the color library Ink draws with will draw none (FORCE_COLOR=0, a dumb
terminal, a CI variable, a pipe). Then the cursor and selection need marks of their own.
*/
export function prefersPlain(env: NodeJS.ProcessEnv, colorLevel: number): boolean {
	const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
	const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
	return (noColor && !forced) || colorLevel === 0;
}
