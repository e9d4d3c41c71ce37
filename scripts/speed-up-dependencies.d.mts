export type Patch = {
	readonly package: string;
	readonly file: string;
	readonly from: string;
	readonly to: string;
	readonly canLoad?: (packageFolder: string) => boolean;
};

export const patches: readonly Patch[];
export function speedUpDependencies(entryFolder: (packageName: string) => string): number;
