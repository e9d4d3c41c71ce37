/**
When the loaded libraries can draw. In the bundle, Yoga's WebAssembly loads after the UI libraries'
script ran (ui-loaded.ts registers it here), and nothing may lay out a frame before it is in; the
screen awaits `librariesReady` before it draws (run.tsx). A module awaiting at its top level would
do the same, but the app's modules are scripts in the bundle (app-scripts.ts), which cannot. From
source nothing registers: the packages are imported directly, and yoga-layout awaits its own.
*/
const pending: Array<Promise<void>> = [];

/** Registers work the screen must wait for before it draws. */
export function drawAfter(ready: Promise<void>): void {
	pending.push(ready);
}

export async function librariesReady(): Promise<void> {
	await Promise.all(pending);
}
