/** What a `berth` subcommand is: its help and how it runs. */
export interface Command {
  /** One line for `berth --help`. */
  summary: string;
  /** The full `berth <command> --help` text. */
  usage: string;
  /** Resolves with the exit code. Throw UsageError for bad arguments (exit 2). */
  run(args: string[]): Promise<number>;
}

/** Bad arguments: printed with the command's usage on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
