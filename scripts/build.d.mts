import type {BuildOptions, Metafile} from 'esbuild';

export const entryPoints: ReadonlyArray<string | {readonly in: string; readonly out: string}>;
export function build(options?: BuildOptions & {outdir?: string}): Promise<{metafile: Metafile; packages: Array<{name: string; version: string; license: string; folder: string}>; transforms: string[]}>;
