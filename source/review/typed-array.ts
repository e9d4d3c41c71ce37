/** The analysis keeps its tables in typed arrays, grown by copying when they fill up. */
type TypedArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** A new array of the same type with `size` entries, starting with the first `kept` entries of `array` (all of them by default). */
export function grown<T extends TypedArray>(array: T, size: number, kept = array.length): T {
	const copy = new (array.constructor as new (length: number) => T)(size);
	copy.set(array.subarray(0, kept));
	return copy;
}
