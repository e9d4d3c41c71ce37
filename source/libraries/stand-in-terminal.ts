/**
A terminal nobody sees, for the code cache makers (make-code-cache.ts, make-app-code-cache.ts): Ink
draws to `stdout` as to a real one (a TTY of the given size), keys written to `stdin` reach it as
typed ones, and `drawn` is everything written so far.
*/
import {PassThrough, Writable} from 'node:stream';

export type StandInTerminal = {
	readonly stdout: NodeJS.WriteStream;
	readonly stdin: NodeJS.ReadStream & PassThrough;
	drawn(): string;
};

export function standInTerminal(columns = 120, rows = 40): StandInTerminal {
	let drawn = '';
	const stdout = Object.assign(new Writable({
		write(chunk: Buffer, _encoding, done) {
			drawn += chunk.toString();
			done();
		},
	}), {columns, rows, isTTY: true, getColorDepth: () => 8, hasColors: () => true});
	const stdin = Object.assign(new PassThrough(), {
		isTTY: true,
		isRaw: false,
		setRawMode(raw: boolean) {
			stdin.isRaw = raw;
			return stdin;
		},
		ref: () => stdin,
		unref: () => stdin,
	});
	return {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream & PassThrough, drawn: () => drawn};
}
