export type Patch = {
	readonly package: string;
	readonly file: string;
	readonly from: string;
	readonly to: string;
	readonly canLoad?: (packageFolder: string) => boolean;
};

export const patches: readonly Patch[];
export function installedPackageFolder(name: string): string;
export function speedUpDependencies(packageFolder: (packageName: string) => string): number;
