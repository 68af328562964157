/**
 * The CLI's own errors and exit codes. Library errors (`CrmAnalyticsError`) are bad input too; anything else is a bug.
 * @module
 */

/** Exit codes of the `crm-analytics` command (documented in docs/cli.md). @internal */
export const EXIT_CODES: Readonly<{ ok: 0; input: 1; usage: 2; internal: 3 }> = Object.freeze({
  /** Success. */
  ok: 0 as const,
  /** Bad input: unreadable or empty file, missing column, invalid rows, data the analysis cannot use. */
  input: 1 as const,
  /** Usage: unknown command or option, missing argument, invalid option value. */
  usage: 2 as const,
  /** An unexpected internal error (a bug: please report it with the message). */
  internal: 3 as const,
});

/** A problem with how the command was called (exit code 2). @internal */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** A problem with the input data or files (exit code 1). @internal */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}
