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

/** Whether the environment asks for no color (https://no-color.org) or the terminal cannot show any. */
export function prefersPlain(env: NodeJS.ProcessEnv, isTty: boolean): boolean {
	if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') {
		return false;
	}

	return (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') || env['TERM'] === 'dumb' || !isTty;
}
