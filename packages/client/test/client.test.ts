// The multipart body, batch splitting and the public types, with an injected fetch.
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  type BatchPredictionResponse,
  type ClientErrorCode,
  type ClientResult,
  createClient,
  type ErrorCode,
  type PredictionResponse,
  type paths,
  unwrap,
} from '../src/index.js';
import { json, scriptedFetch } from './helpers.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function parts(request: Request, field: string): Promise<Array<{ name: string; bytes: number[] }>> {
  const form = await request.formData();
  expect([...new Set([...form.keys()])]).toEqual([field]);
  return Promise.all(
    form.getAll(field).map(async (value) => {
      const file = value as File;
      return { name: file.name, bytes: [...new Uint8Array(await file.arrayBuffer())] };
    }),
  );
}

/** A fake /batch-predict that answers one success entry per file, named as received. */
function fakeBatch(onRequest?: (names: string[]) => Promise<void>) {
  return async (request: Request): Promise<Response> => {
    const received = await parts(request, 'files');
    await onRequest?.(received.map((p) => p.name));
    return json(200, {
      total_images: received.length,
      successful: received.length,
      failed: 0,
      summary: { malignant: 0, benign: received.length },
      results: received.map((p) => ({
        filename: p.name,
        prediction: 'Benign',
        confidence: 0.9,
        probabilities: { benign: 90, malignant: 10 },
        risk_assessment: { level: 'Very Low Risk', icon: '🟢', color: '#00aa00' },
      })),
      disclaimer: '⚠️ For educational purposes only. Not for medical diagnosis.',
    });
  };
}

describe('the multipart body', () => {
  test('predict sends one part named `file` and keeps the File name', async () => {
    let seen: Array<{ name: string; bytes: number[] }> = [];
    const { fetch, requests } = scriptedFetch([
      async (r) => {
        seen = await parts(r, 'file');
        return json(400, { detail: 'x', code: 'CORRUPT_IMAGE' });
      },
    ]);
    const client = createClient({ baseUrl: 'http://api.test/', fetch, headers: { 'x-app': 'demo' } });
    await client.predict(new File([PNG], 'left-mlo.png', { type: 'image/png' }), { requestId: 'my-req.1' });
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://api.test/predict');
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.headers.get('x-app')).toBe('demo');
    expect(request.headers.get('x-request-id')).toBe('my-req.1');
    expect(seen).toEqual([{ name: 'left-mlo.png', bytes: [...PNG] }]);
  });

  test('accepts Blob, Uint8Array, Buffer, ArrayBuffer, a web ReadableStream and a named input', async () => {
    const { fetch } = scriptedFetch([fakeBatch()]);
    const client = createClient({ baseUrl: 'http://api.test', fetch });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(PNG.slice(0, 4));
        controller.enqueue(PNG.slice(4));
        controller.close();
      },
    });
    const data = await unwrap(
      client.batchPredict([new Blob([PNG]), PNG, Buffer.from(PNG), PNG.buffer.slice(0), stream, { data: PNG, filename: 'named.png' }]),
    );
    expect(data.results.map((r) => r.filename)).toEqual(['image-1', 'image-2', 'image-3', 'image-4', 'image-5', 'named.png']);
  });

  test('rejects an input it cannot read with a typed InputError, sending nothing', async () => {
    const { fetch, requests } = scriptedFetch([fakeBatch()]);
    const client = createClient({ baseUrl: 'http://api.test', fetch });
    const { error } = await client.predict(42 as unknown as Blob);
    expect(error).toMatchObject({ name: 'InputError', code: 'INVALID_INPUT' });
    expect((await client.batchPredict([])).error?.code).toBe('INVALID_INPUT');
    expect(requests).toHaveLength(0);
  });
});

describe('batchPredict beyond 10 files', () => {
  test('sends requests of at most 10 with bounded concurrency and merges in order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const sizes: number[] = [];
    const { fetch, requests } = scriptedFetch([
      fakeBatch(async (names) => {
        sizes.push(names.length);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
      }),
    ]);
    const client = createClient({ baseUrl: 'http://api.test', fetch });
    const files = Array.from({ length: 23 }, (_, i) => new File([PNG], `film-${String(i + 1).padStart(2, '0')}.png`));
    const progress: number[] = [];
    const data = await unwrap(client.batchPredict(files, { concurrency: 2, onProgress: (done) => progress.push(done) }));
    expect(requests).toHaveLength(3);
    expect(sizes.sort((a, b) => a - b)).toEqual([3, 10, 10]);
    expect(maxInFlight).toBe(2);
    expect(data.total_images).toBe(23);
    expect(data.successful).toBe(23);
    expect(data.summary).toEqual({ malignant: 0, benign: 23 });
    expect(data.results.map((r) => r.filename)).toEqual(files.map((f) => f.name));
    expect(progress.at(-1)).toBe(23);
  });

  test("returns the first failing request's error instead of a partial batch", async () => {
    let call = 0;
    const { fetch } = scriptedFetch([
      async (request) => (++call === 2 ? json(413, { detail: 'File too large.', code: 'PAYLOAD_TOO_LARGE' }) : fakeBatch()(request)),
    ]);
    const client = createClient({ baseUrl: 'http://api.test', fetch });
    const { data, error } = await client.batchPredict(
      Array.from({ length: 15 }, () => PNG),
      { concurrency: 1 },
    );
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ name: 'PayloadTooLargeError', status: 413 });
  });
});

test('onProgress tells the files done, the total, and how many of those failed', async () => {
  const { fetch } = scriptedFetch([
    async (request) => {
      const answer = (await (await fakeBatch()(request)).json()) as BatchPredictionResponse;
      return json(200, { ...answer, successful: answer.successful - 1, failed: 1 });
    },
  ]);
  const client = createClient({ baseUrl: 'http://api.test', fetch });
  const calls: number[][] = [];
  await unwrap(
    client.batchPredict(
      Array.from({ length: 12 }, () => PNG),
      { concurrency: 1, onProgress: (...args) => calls.push(args) },
    ),
  );
  expect(calls).toEqual([
    [10, 12, 1],
    [12, 12, 2],
  ]);
});

test('a request stopped because another failed does not hide that failure', async () => {
  const { fetch } = scriptedFetch([
    async (request) => {
      const count = (await request.clone().formData()).getAll('files').length;
      if (count === 5) return json(413, { detail: 'File too large.', code: 'PAYLOAD_TOO_LARGE' });
      // The first request (10 files) hangs until it is stopped.
      return new Promise<Response>((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    },
  ]);
  const client = createClient({ baseUrl: 'http://api.test', fetch });
  const { error } = await client.batchPredict(
    Array.from({ length: 15 }, () => PNG),
    { concurrency: 2 },
  );
  expect(error).toMatchObject({ name: 'PayloadTooLargeError', status: 413 });
});

test('batchPredictSettled sends every request whatever another got, each with its own answer', async () => {
  let call = 0;
  const { fetch } = scriptedFetch([
    async (request) => (++call === 2 ? json(413, { detail: 'File too large.', code: 'PAYLOAD_TOO_LARGE' }) : fakeBatch()(request)),
  ]);
  const client = createClient({ baseUrl: 'http://api.test', fetch });
  const calls: number[][] = [];
  const files = Array.from({ length: 25 }, (_, i) => ({ data: PNG, filename: `f${i}.png` }));
  const { data, error } = await client.batchPredictSettled(files, { concurrency: 1, onProgress: (...args) => calls.push(args) });
  expect(error).toBeUndefined();
  expect(data?.map((part) => part.files.map((file) => (file as { filename: string }).filename))).toEqual([
    files.slice(0, 10).map((f) => f.filename),
    files.slice(10, 20).map((f) => f.filename),
    files.slice(20).map((f) => f.filename),
  ]);
  expect(data?.map((part) => part.result.data?.successful ?? part.result.error?.name)).toEqual([10, 'PayloadTooLargeError', 5]);
  // A failed request counts its files as done and failed.
  expect(calls).toEqual([
    [10, 25, 0],
    [20, 25, 10],
    [25, 25, 10],
  ]);
  expect((await client.batchPredictSettled([])).error?.code).toBe('INVALID_INPUT');
});

describe('types', () => {
  test('follow openapi.yaml', () => {
    const client = createClient({ baseUrl: 'http://api.test' });
    expectTypeOf(client.predict).returns.resolves.toEqualTypeOf<ClientResult<PredictionResponse>>();
    expectTypeOf(client.batchPredict).returns.resolves.toEqualTypeOf<ClientResult<BatchPredictionResponse>>();
    expectTypeOf<PredictionResponse['prediction']>().toEqualTypeOf<'Benign' | 'Malignant'>();
    // Binary fields are Blobs, not strings.
    expectTypeOf<paths['/predict']['post']['requestBody']['content']['multipart/form-data']['file']>().toEqualTypeOf<Blob>();
    expectTypeOf<paths['/batch-predict']['post']['requestBody']['content']['multipart/form-data']['files']>().toEqualTypeOf<Blob[]>();
    const narrow = (result: ClientResult<PredictionResponse>) => {
      if (result.error) {
        expectTypeOf(result.data).toEqualTypeOf<undefined>();
        // The server's codes from openapi.yaml, plus the client's own for failures with no usable answer.
        expectTypeOf(result.error.code).toEqualTypeOf<ClientErrorCode>();
        expectTypeOf<ClientErrorCode>().toEqualTypeOf<
          ErrorCode | 'HTTP_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED' | 'INVALID_INPUT'
        >();
      } else {
        expectTypeOf(result.data).toEqualTypeOf<PredictionResponse>();
      }
    };
    // Type-checked by `tsc --noEmit` (the test script), never called.
    const misuse = () => {
      // @ts-expect-error a number is not a file
      void client.predict(1);
      // @ts-expect-error paths are for @bcd-api/client/node
      void client.predict('film.png');
      // @ts-expect-error the raw client knows the spec's paths only
      void client.raw.GET('/nope');
    };
    void narrow;
    void misuse;
  });
});
