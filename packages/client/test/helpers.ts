// Helpers of the SDK's own tests only; the shared ones (fixtures, mini-MIAS, test servers,
// pictures that are not mammograms) are in @bcd-api/test-kit.
import { fileURLToPath } from 'node:url';

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
