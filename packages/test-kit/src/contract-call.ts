import { createResponseValidator, type ResponseValidator } from '@bcd-api/contract/validator';
import { expect } from 'vitest';

let validator: ResponseValidator | undefined;
// Built on first use: compiling the contract's schemas is wasted on tests that send nothing.
const contract = (): ResponseValidator => (validator ??= createResponseValidator());

/** A response read in full and checked against openapi.yaml. */
export interface CheckedResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read into bodies of every shape, each already checked against the contract.
  body: any;
}

/**
 * Asserts that a response matches the contract: documented path, method, status and content
 * type, and a body valid against its schema. Paths outside the contract (404s) must still
 * carry the error schema. Every answer but a preflight carries a request id, and no 5xx body
 * shows stack frames, source paths or dependency paths.
 */
function expectContract(method: string, path: string, response: Response, text: string): unknown {
  const contentType = response.headers.get('content-type');
  const body: unknown = contentType?.includes('json') && text !== '' ? JSON.parse(text) : text;
  const pathname = new URL(path, 'http://x').pathname;
  const result = contract().validate({ method, path: pathname, status: response.status, contentType, body });
  if (response.status === 404 && result.errors.some((e) => e.includes('not in the contract'))) {
    expect(body).toMatchObject({ detail: expect.any(String), code: 'NOT_FOUND' });
  } else {
    expect(result.errors, `${method} ${path} -> ${response.status} ${text.slice(0, 300)}`).toEqual([]);
  }
  if (method !== 'OPTIONS') expect(response.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
  if (response.status >= 500) expect(text).not.toMatch(/^\s*at .+:\d+:\d+|\/work\/|node_modules|\.[cm]?[jt]s:\d+/m);
  return body;
}

/**
 * Sends a request and asserts that the response matches the contract (see above). An image
 * response's `body` is its bytes.
 *
 * @example
 * const res = await call(server.url, 'POST', '/predict', { body: form('file', [['a.png', fixture('breast-grey.png')]]) });
 */
export async function call(baseUrl: string, method: string, path: string, init: RequestInit = {}): Promise<CheckedResponse> {
  const response = await fetch(`${baseUrl}${path}`, { ...init, method });
  if (response.headers.get('content-type')?.startsWith('image/')) {
    // An image is checked for its documented status and type (its schema is a binary string), and returned as bytes.
    const bytes = new Uint8Array(await response.arrayBuffer());
    expectContract(method, path, response, `<${bytes.length} bytes>`);
    return { status: response.status, headers: response.headers, body: bytes };
  }
  const text = await response.text();
  const body = expectContract(method, path, response, text);
  return { status: response.status, headers: response.headers, body };
}

/**
 * A `fetch` for the SDK that asserts each response matches the contract, as a downstream
 * app's tests would, and records `METHOD /path status` in `seen` when given.
 */
export function checkedFetch(seen?: string[]): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await fetch(request);
    const path = new URL(request.url).pathname;
    expectContract(request.method, path, response, await response.clone().text());
    seen?.push(`${request.method} ${path} ${response.status}`);
    return response;
  };
}

/** Builds a multipart body with files under a field. */
export function form(field: string, files: Array<[name: string, bytes: Uint8Array]>): FormData {
  const data = new FormData();
  for (const [name, bytes] of files) data.append(field, new Blob([bytes]), name);
  return data;
}
