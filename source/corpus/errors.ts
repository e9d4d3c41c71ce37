/**
A problem with the input that the user must fix: carries the file and, where it applies, the
1-based line, so the CLI can print one line `FILE:LINE: message` and exit non-zero.
*/
export class CorpusError extends Error {
	constructor(
		message: string,
		readonly line?: number,
		/** The file the line is in, when not the one being opened (the other file of a comparison). */
		readonly file?: string,
	) {
		super(message);
		this.name = 'CorpusError';
	}

	/** The one-line form the CLI prints. */
	describe(file: string): string {
		const named = this.file ?? file;
		return this.line === undefined ? `${named}: ${this.message}` : `${named}:${this.line}: ${this.message}`;
	}
}
