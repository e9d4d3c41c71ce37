import type {Metafile, Message, Plugin} from 'esbuild';

export const libraryBundles: ReadonlyArray<{readonly fileName: string; readonly entry: string; readonly loaded: string; readonly exported: string; readonly specifiers: readonly string[]}>;
export function buildLibraries(options: {folder: string; plugins: Plugin[]}): Promise<{files: string[]; metafile: Metafile; warnings: Message[]; exportNames: Record<string, string[]>}>;
export function librariesFromBundles(exportNames: Record<string, readonly string[]>): Plugin;
export function checkLibrariesFindable(options: {outdir: string; metafile: Metafile}): void;
export function makeCodeCaches(files: readonly string[]): Promise<void>;
export function runCodeCacheMaker(entry: string, args: readonly string[], what: string): Promise<string>;
