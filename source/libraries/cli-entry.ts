/**
The entry of the command line's libraries' bundle (dist/chunks/cli-libraries.cjs, built by
scripts/libraries.mjs): meow, some 250 KB of JavaScript every command runs, loaded with a V8 code
cache (load.ts). `modules` holds what cli.tsx imports, by import specifier.
*/
import meow from 'meow';

export const modules: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
	meow: {default: meow},
};
