// `bcd-api predict` on the SDK's batching: when one file spoils a whole request, each file is
// sent alone, so that the row of that file names it and the others are classified.
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { imagesDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { expect, test } from 'vitest';
import { cli } from './helpers.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
// breast.jpg (22 kB) is over this limit, the PNG and WebP films (3 kB, 1 kB) under it.
const small = serverForSuite({ MAX_FILE_BYTES: '10000' });

test("names the one file over the server's byte limit and classifies the others of its request", async () => {
  const files = ['breast-grey.png', 'breast.jpg', 'breast.webp'].map((name) => join(imagesDir, name));
  const { code, stdout, stderr } = await cli(['predict', ...files, '--url', small().url, '--format', 'json']);
  expect(code).toBe(1);
  const rows = JSON.parse(stdout) as Array<{ file: string; ok: boolean; code?: string }>;
  expect(rows.map((r) => [r.file, r.ok, r.code])).toEqual([
    [files[0], true, undefined],
    [files[1], false, 'PAYLOAD_TOO_LARGE'],
    [files[2], true, undefined],
  ]);
  expect(stderr).toMatch(/3 files: 2 classified .*, 1 failed/);
});
