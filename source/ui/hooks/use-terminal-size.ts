import {useEffect, useState} from 'react';
import {useStdout} from 'ink';
import type {TerminalSize} from '../layout.js';

/** The terminal's size, following resizes (Ink 6.8 has no hook for it). */
export function useTerminalSize(fallback: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || fallback.columns, rows: stdout.rows || fallback.rows});
	const [size, setSize] = useState<TerminalSize>(read);
	useEffect(() => {
		const onResize = () => {
			setSize(read());
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
