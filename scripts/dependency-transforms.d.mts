import type {Plugin} from 'esbuild';

export type Transform = {
	readonly name: string;
	readonly package: string;
	readonly major?: number;
	readonly file: string;
	readonly from: string;
	readonly to: string;
};

export const transforms: readonly Transform[];
export class TransformNotFoundError extends Error {}
export function applyTransform(source: string, transform: Transform, where?: string): string;
export function packageOf(file: string): {folder: string; name: string; file: string} | undefined;
export const inkDevtoolsStub: Plugin;
export function dependencyTransforms(options?: {only?: readonly Transform[]; applied?: Set<string>; requireAll?: boolean}): Plugin;
export function unapplied(only: readonly Transform[], applied: ReadonlySet<string>): Array<{text: string}>;
