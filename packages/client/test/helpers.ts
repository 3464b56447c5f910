// Helpers of the SDK's own tests only; the shared ones (fixtures, mini-MIAS, test servers) are
// in @bcd-api/test-kit.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** This package's root. */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** A `fetch` that answers from a list of canned responses (or thrown errors) and records each request. */
export function scriptedFetch(script: Array<Response | Error | ((request: Request) => Promise<Response>)>) {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    const step = script[Math.min(requests.length - 1, script.length - 1)]!;
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request);
    return step.clone();
  };
  return { fetch, requests };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers },
  });
}

const run = promisify(execFile);

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
