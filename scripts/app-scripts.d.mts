export function scriptsFromModules(outputs: readonly string[]): Promise<string[]>;
export function buildLauncher(outdir: string): Promise<void>;
export function makeAppCodeCaches(paths: {app: string; check: string; stats: string; corpus: string}): Promise<string[]>;
