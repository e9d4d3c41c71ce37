import type {Metafile, Message, Plugin} from 'esbuild';

export const uiLibrarySpecifiers: readonly string[];
export const librariesFileName: string;
export const codeCacheFileName: string;
export function buildUiLibraries(options: {folder: string; plugins: Plugin[]}): Promise<{file: string; metafile: Metafile; warnings: Message[]; exportNames: Record<string, string[]>}>;
export function uiLibrariesFromBundle(exportNames: Record<string, readonly string[]>): Plugin;
export function makeCodeCache(librariesFile: string): Promise<string>;
