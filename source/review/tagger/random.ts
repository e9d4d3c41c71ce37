/** A small seeded generator (mulberry32): the tagger's folds, samples and shuffles are the same on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Shuffles `array` in place (Fisher-Yates) with `random`. */
export function shuffle(array: Int32Array | Uint32Array | number[], random: () => number): void {
	for (let i = array.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const swap = array[i]!;
		array[i] = array[j]!;
		array[j] = swap;
	}
}
