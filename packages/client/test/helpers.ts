// Helpers of the SDK's own tests only; the shared ones (fixtures, mini-MIAS, test servers) are
// in @bcd-api/test-kit.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';

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

/**
 * An 8-bit RGB PNG of `width` x `height` whose pixels `paint` gives: enough to make an image the
 * server refuses as not a mammogram (in colour, or blank) without sharp, which this package
 * does not depend on.
 */
export function rgbPng(
  width: number,
  height: number,
  paint: (x: number, y: number) => readonly [number, number, number],
): Buffer<ArrayBuffer> {
  // Each row: filter type 0 (none), then its pixels.
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(paint(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 320 px colour picture (a red-to-blue sweep with a green ramp): an image, but not a mammogram. */
export const colourPng = (): Buffer<ArrayBuffer> => rgbPng(320, 320, (x, y) => [255 - (x % 256), y % 256, x % 256]);

/** A 320 px uniform grey square: blank, so not a mammogram either. */
export const blankPng = (): Buffer<ArrayBuffer> => rgbPng(320, 320, () => [128, 128, 128]);
