/**
 * The exit statuses, each with its line of the usage text. A failure outranks a refusal, which
 * a script may want to tell apart (a folder with a photo in it is not a broken run).
 */
export const EXIT = {
  ok: { code: 0, about: 'every file was classified' },
  failed: { code: 1, about: 'some file failed (unreadable, network, server error...)' },
  usage: { code: 2, about: 'usage error' },
  refused: { code: 3, about: "no file failed, but some were refused as not mammograms (the server's input check)" },
} as const;

/** The exit status of a run with `failed` failures and `refused` refusals. */
export function exitStatus(failed: number, refused: number): number {
  return (failed > 0 ? EXIT.failed : refused > 0 ? EXIT.refused : EXIT.ok).code;
}
