// Helpers of the CLI's own tests; the shared ones (fixtures, test servers, pictures that are
// not mammograms) are in @bcd-api/test-kit.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** This package's root. */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** execFile as a promise: async, so that a server running in this process can answer the child. */
export const run = promisify(execFile);

/** Runs the built `bcd-api` (dist/cli.js) in a child process, as users run it; never throws on a non-zero exit. */
export async function cli(args: string[], cwd = packageDir): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(packageDir, 'dist', 'cli.js'), ...args], {
      cwd,
      env: { ...process.env, BCD_API_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs `use` with a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
