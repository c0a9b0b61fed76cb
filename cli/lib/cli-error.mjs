/** A failure the CLI reports as one "error: …" line and exits with `exitCode` (1 unless told). */
export class CliError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
