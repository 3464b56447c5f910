// `bcd-api explain` as users run it (the built bin in a child process) against the real server
// serving the score-map fixture model.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { blankPng, colourPng, imagesDir, scoreMapModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { cli, withTempDir } from './helpers.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const server = serverForSuite({ MODEL_DIR: scoreMapModelDir });
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('bcd-api explain', () => {
  test('-o writes one overlay and prints the prediction', () =>
    withTempDir('bcd-explain-', async (dir) => {
      const out = join(dir, 'overlay.png');
      const res = await cli(['explain', join(imagesDir, 'breast-grey.png'), '-o', out, '--url', server().url]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/OVERLAY/);
      expect(res.stdout).toContain(out);
      expect([...(await readFile(out)).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    }));

  test('--out-dir writes <name>.overlay.png per image, names each failure, and exits 1', () =>
    withTempDir('bcd-explain-', async (dir) => {
      const inputs = join(dir, 'in');
      await mkdir(inputs);
      for (const name of ['breast.jpg', 'breast-grey.png', 'not-an-image.pdf']) await copyFile(join(imagesDir, name), join(inputs, name));
      // A folder picks up images by extension: the PDF goes in under an image's name.
      await copyFile(join(imagesDir, 'not-an-image.pdf'), join(inputs, 'fake.png'));
      const out = join(dir, 'out');
      const res = await cli(['explain', inputs, '--out-dir', out, '--url', server().url, '--format', 'csv', '--opacity', '0.6']);
      expect(res.code).toBe(1);
      expect((await readdir(out)).sort()).toEqual(['breast-grey.overlay.png', 'breast.overlay.png']);
      const lines = res.stdout.trim().split('\n');
      expect(lines[0]).toContain('overlay');
      expect(lines.find((l) => l.includes('fake.png'))).toMatch(/failed.*UNSUPPORTED_IMAGE/);
      expect(res.stderr).toMatch(/3 files: 2 classified .* 1 failed/);
    }));

  test('names a file refused as not a mammogram apart, writes no overlay for it, and exits 3', () =>
    withTempDir('bcd-explain-', async (dir) => {
      const blank = join(dir, 'blank.png');
      await writeFile(blank, blankPng());
      const out = join(dir, 'out');
      const res = await cli(['explain', join(imagesDir, 'breast.jpg'), blank, '--out-dir', out, '--url', server().url]);
      expect(res.code).toBe(3);
      expect(await readdir(out)).toEqual(['breast.overlay.png']);
      expect(res.stdout).toMatch(/blank\.png\s+REFUSED\s+-\s+-\s+NOT_A_MAMMOGRAM\s+-\n/);
      expect(res.stdout).toMatch(/\nREFUSED .*blank\.png: blank\.png: not a mammogram\. The image is blank/);
      expect(res.stdout).toMatch(/2 files: 1 classified .*, 1 refused as not a mammogram, 0 failed/);
    }));

  test('without an output it prints the heatmap peak', async () => {
    const res = await cli(['explain', join(imagesDir, 'breast.jpg'), '--url', server().url]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/PEAK/);
    expect(res.stdout).toMatch(/breast\.jpg .* \d+,\d+ \(0\.\d\d\)/);
  });

  describe('with a server set to INPUT_CHECK=warn', () => {
    const warning = serverForSuite({ MODEL_DIR: scoreMapModelDir, INPUT_CHECK: 'warn' });

    test("marks the verdict WARNING, from the JSON's sentence or the overlay's X-Input-Check", () =>
      withTempDir('bcd-explain-', async (dir) => {
        const cat = join(dir, 'cat.png');
        await writeFile(cat, colourPng());
        const peak = await cli(['explain', cat, '--url', warning().url]);
        expect(peak.code).toBe(0);
        expect(peak.stdout).toMatch(/cat\.png\s+(Benign|Malignant)\s+0\.\d{4}\s+\d+\.\d{2}\s+[\w-]+ Risk\s+WARNING\s+\d+,\d+/);
        expect(peak.stdout).toMatch(/\nWARNING .*cat\.png: This does not look like a mammogram\. The image is in colour/);
        const overlay = join(dir, 'cat.overlay.png');
        const png = await cli(['explain', cat, '-o', overlay, '--url', warning().url]);
        expect(png.code).toBe(0);
        expect(png.stdout).toMatch(/cat\.png\s+(Benign|Malignant)\s+.*\s+WARNING\s+.*cat\.overlay\.png\n/);
        expect(png.stdout).toMatch(/\nWARNING .*cat\.png: This does not look like a mammogram \(X-Input-Check: warning/);
        expect([...(await readFile(overlay)).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      }));
  });

  test.each([
    [['explain', 'a.png', 'b.png', '-o', 'x.png'], /-o names the overlay of one image/],
    [['explain', 'a.png', '-o', 'x.png', '--out-dir', 'd'], /not both/],
    [['explain', 'a.png', '--opacity', '1.5'], /--opacity must be a number from 0 to 1/],
    [['predict', 'a.png', '--out-dir', 'd'], /--out-dir belongs to explain, not predict/],
  ])('a usage error exits 2: %j', async (args, message) => {
    const res = await cli([...args, '--url', server().url]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
