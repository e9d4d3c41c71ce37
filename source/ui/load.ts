/**
Loads the terminal UI: Ink, React, Yoga and the views. It is the slowest part of a start (a few
hundred milliseconds of module loading), so cli.tsx reads the corpus meanwhile.

Yoga's Emscripten loader fetches its own inline WebAssembly with `fetch` whenever `fetch` exists, and
on Node 20 the first touch of `fetch` loads Node's HTTP client: some 15 ms of every start. ner-review
never uses the network, so `fetch` is hidden while the UI loads and put back after; Yoga then decodes
the same bytes itself.
*/
type Ui = typeof import('./run.js');

export async function loadUi(): Promise<Ui> {
	const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (fetchProperty !== undefined && !fetchProperty.configurable) {
		// A fetch that cannot be redefined (Node 20's can): load with it, only slower.
		return import('./run.js');
	}

	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await import('./run.js');
	} finally {
		if (fetchProperty === undefined) {
			delete (globalThis as {fetch?: unknown}).fetch;
		} else {
			Object.defineProperty(globalThis, 'fetch', fetchProperty);
		}
	}
}
