/**
A problem with the input that the user must fix: carries the file and, where it applies, the
1-based line, so the CLI can print one line `FILE:LINE: message` and exit non-zero.
*/
export class CorpusError extends Error {
	constructor(
		message: string,
		readonly line?: number,
	) {
		super(message);
		this.name = 'CorpusError';
	}

	/** The one-line form the CLI prints. */
	describe(file: string): string {
		return this.line === undefined ? `${file}: ${this.message}` : `${file}:${this.line}: ${this.message}`;
	}
}
