/** A command line the CLI cannot run: the message, then the usage, go to stderr, and the exit status is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
