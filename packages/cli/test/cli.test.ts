// The `bcd-api` command as users run it: the built bin in a child process (async: the server
// runs in this process), against the real server.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { blankPng, colourPng, fixturesDir, imagesDir, miniMiasDir, warnSkipped } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { formatPredictions } from '../src/internal/format.js';
import { createProgress } from '../src/internal/progress.js';
import { cli, withTempDir } from './helpers.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });

const server = serverForSuite();

/** A folder holding a film and two images that are not mammograms (in colour, and blank); removed after `use`. */
async function withNonMammograms<T>(use: (folder: string) => Promise<T>): Promise<T> {
  return withTempDir('bcd-cli-refused-', async (folder) => {
    await copyFile(join(imagesDir, 'breast.jpg'), join(folder, 'breast.jpg'));
    await writeFile(join(folder, 'cat.png'), colourPng());
    await writeFile(join(folder, 'blank.png'), blankPng());
    return use(folder);
  });
}

describe('bcd-api predict', () => {
  test('classifies a folder, names each failure with its reason and exits 1', async () => {
    const names = [
      'bomb-50000x50000.png',
      'breast-16bit.png',
      'breast-exif-rotated.jpg',
      'breast-grey.png',
      'breast-rgba.png',
      'breast.jpg',
      'breast.tiff',
      'breast.webp',
      'empty.png',
      'not-an-image.pdf',
      'page.html.png',
      'truncated.png',
    ];
    const { code, stdout, stderr } = await withTempDir('bcd-cli-', async (folder) => {
      for (const name of names) await copyFile(join(imagesDir, name), join(folder, name));
      return cli(['predict', folder, '--url', server().url, '--format', 'json']);
    });
    expect(code).toBe(1);
    const rows = JSON.parse(stdout) as Array<{ file: string; ok: boolean; code?: string; prediction?: string }>;
    // Every file with an image extension in the folder (not the PDF), sorted.
    expect(rows.map((r) => r.file.split('/').pop())).toEqual(names.filter((n) => !n.endsWith('.pdf')));
    expect(rows.filter((r) => !r.ok).map((r) => r.code)).toEqual(['IMAGE_TOO_LARGE', 'EMPTY_FILE', 'UNSUPPORTED_IMAGE', 'CORRUPT_IMAGE']);
    expect(rows.filter((r) => r.ok).every((r) => r.prediction === 'Benign' || r.prediction === 'Malignant')).toBe(true);
    expect(stderr).toMatch(/FAILED .*empty\.png: empty\.png: the file is empty\. \(EMPTY_FILE\)/);
    expect(stderr).toMatch(/11 files: 7 classified \(\d+ Benign, \d+ Malignant\), 4 failed/);
    // Piped: no progress bar.
    expect(stderr).not.toContain('\r');
  });

  test('expands a quoted glob, writes CSV and exits 0 when every file was classified', async () => {
    const { code, stdout, stderr } = await cli(
      ['predict', 'images/breast{.jpg,.webp,.tiff,-exif-rotated.jpg}', '--url', server().url, '--format', 'csv', '--concurrency', '3'],
      fixturesDir,
    );
    expect(stderr).toMatch(/4 files: 4 classified/);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('file,status,prediction,confidence,benign_percent,malignant_percent,risk_level,error_code,error');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      'images/breast-exif-rotated.jpg',
      'images/breast.jpg',
      'images/breast.tiff',
      'images/breast.webp',
    ]);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'ok')).toBe(true);
  });

  test('prints a table and the summary, and names a missing file', async () => {
    const { code, stdout } = await cli(['predict', join(imagesDir, 'breast.jpg'), 'nope.png', '--url', server().url]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FILE\s+PREDICTION\s+CONFIDENCE\s+MALIGNANT %\s+RISK\n/);
    expect(stdout).toMatch(/breast\.jpg\s+(Benign|Malignant)\s+0\.\d{4}\s+\d+\.\d{2}\s+\w/);
    expect(stdout).toContain('FAILED nope.png: no such file. (FILE_NOT_FOUND)');
    expect(stdout).toMatch(/2 files: 1 classified \(\d Benign, \d Malignant\), 1 failed, in \d+\.\d s\./);
    expect(stdout).toContain('Not for medical diagnosis');
  });

  test('names the server it cannot reach', async () => {
    const { code, stdout } = await cli(['predict', join(imagesDir, 'breast.jpg'), '--url', 'http://127.0.0.1:9', '--retries', '0']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAILED .*breast\.jpg: Could not reach http:\/\/127\.0\.0\.1:9.*\(NETWORK_ERROR\)/);
  });

  test.skipIf(!miniMiasDir)('classifies real mini-MIAS films given as a glob', async () => {
    const { code, stdout } = await cli(['predict', `${miniMiasDir}/images/mdb00*.png`, '--url', server().url]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/9 files: 9 classified/);
    // An absolute pattern lists absolute paths, as a shell would.
    expect(stdout).toContain(`${miniMiasDir}/images/mdb001.png `);
  });
  if (!miniMiasDir) warnSkipped('CLI on real mini-MIAS films');
});

describe('bcd-api predict and the input check', () => {
  test("lists the files refused as not mammograms apart, with the server's sentence, and exits 3", async () => {
    const { code, stdout } = await withNonMammograms((folder) => cli(['predict', folder, '--url', server().url]));
    expect(code).toBe(3);
    expect(stdout).toMatch(/blank\.png\s+REFUSED\s+-\s+-\s+NOT_A_MAMMOGRAM\n/);
    expect(stdout).toMatch(/breast\.jpg\s+(Benign|Malignant)\s+0\.\d{4}/);
    expect(stdout).toMatch(
      /\nREFUSED .*\/cat\.png: cat\.png: not a mammogram\. The image is in colour \(colourfulness [\d.]+; a mammogram is grey, at most 12\)\.\n/,
    );
    expect(stdout).toMatch(/\nREFUSED .*\/blank\.png: blank\.png: not a mammogram\. The image is blank/);
    expect(stdout).not.toContain('FAILED');
    expect(stdout).toMatch(/3 files: 1 classified \(\d Benign, \d Malignant\), 2 refused as not mammograms, 0 failed, in \d+\.\d s\./);
  });

  test('exits 1 when a file also failed, and marks refused files in CSV', async () => {
    const { code, stdout, stderr } = await withNonMammograms((folder) =>
      cli(['predict', folder, 'nope.png', '--url', server().url, '--format', 'csv']),
    );
    expect(code).toBe(1);
    const rows = stdout.trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',')[1])).toEqual(['refused', 'ok', 'refused', 'failed']);
    expect(rows[0]).toMatch(/,NOT_A_MAMMOGRAM,blank\.png: not a mammogram\./);
    expect(stderr).toContain('FAILED nope.png: no such file. (FILE_NOT_FOUND)');
    expect(stderr).toMatch(/REFUSED .*cat\.png: cat\.png: not a mammogram\./);
    expect(stderr).toMatch(/4 files: 1 classified \(\d Benign, \d Malignant\), 2 refused as not mammograms, 1 failed/);
  });

  describe('with a server set to INPUT_CHECK=warn', () => {
    const warning = serverForSuite({ INPUT_CHECK: 'warn' });

    test('marks each verdict given with a warning, says why after the results, and exits 0', async () => {
      const table = await withNonMammograms((folder) => cli(['predict', folder, '--url', warning().url]));
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^FILE\s+PREDICTION\s+CONFIDENCE\s+MALIGNANT %\s+RISK\s+INPUT CHECK\n/);
      expect(table.stdout).toMatch(/cat\.png\s+(Benign|Malignant)\s+0\.\d{4}\s+\d+\.\d{2}\s+[\w-]+ Risk\s+WARNING\n/);
      expect(table.stdout).toMatch(/breast\.jpg\s+(Benign|Malignant)\s+0\.\d{4}\s+\d+\.\d{2}\s+[\w-]+ Risk\s+-\n/);
      expect(table.stdout).toMatch(
        /\nWARNING .*\/cat\.png: This does not look like a mammogram\. .*in colour.* for an image that is not a mammogram it means nothing\.\n/,
      );
      expect(table.stdout).toMatch(/3 files: 3 classified \(\d Benign, \d Malignant; 2 with a warning\), 0 failed/);

      const json = await withNonMammograms((folder) => cli(['predict', folder, '--url', warning().url, '--format', 'json']));
      const rows = JSON.parse(json.stdout) as Array<{ file: string; ok: boolean; warning?: string }>;
      expect(rows.map((r) => [r.file.split('/').pop(), r.ok, r.warning !== undefined])).toEqual([
        ['blank.png', true, true],
        ['breast.jpg', true, false],
        ['cat.png', true, true],
      ]);
    });
  });
});

describe('bcd-api health, model and usage', () => {
  test('health prints the status and exits 0; an unreachable server exits 1', async () => {
    const ok = await cli(['health', '--url', server().url]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/status\s+healthy/);
    expect(ok.stdout).toMatch(/model_status\s+loaded/);
    const down = await cli(['health', '--url', 'http://127.0.0.1:9', '--retries', '0']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('is not healthy');
  });

  test('model prints the card as JSON', async () => {
    const { code, stdout } = await cli(['model', '--url', server().url, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ name: 'tiny-test-model', engine: 'onnx', input_check: { mode: 'refuse' } });
    const table = await cli(['model', '--url', server().url]);
    expect(table.stdout).toMatch(/input_check\s+refuse: dicom_modality, image_size, grey_range, colourfulness, no typicality check\n/);
  });

  test('a usage error exits 2 with the usage', async () => {
    const { code, stderr } = await cli(['predict', 'x.png', '--format', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toContain('--format must be table, json or csv');
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('--help documents each exit status', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Exit status:\n {2}0 .*\n {2}1 .*\n {2}2 {2}usage error\n {2}3 {2}no file failed, but some were refused as not mammograms/,
    );
  });
});

describe('progress bar and formats', () => {
  test('draws on a TTY and stays quiet otherwise', () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 80, write: (t: string) => written.push(t) };
    let clock = 0;
    const progress = createProgress(20, tty, true, () => clock);
    clock = 2_000;
    progress.advance(10, 1);
    progress.done();
    expect(written[1]).toMatch(/^\r\[#{15}-{15}\] 10\/20 50% 1 failed ETA 2s/);
    expect(written.at(-1)).toBe('\r\u001b[K');
    const piped: string[] = [];
    const quiet = createProgress(20, { isTTY: false, write: (t: string) => piped.push(t) });
    quiet.advance(20, 0);
    quiet.done();
    expect(piped).toEqual([]);
  });

  test('CSV quotes what needs quoting', () => {
    const csv = formatPredictions([{ file: 'a,b.png', ok: false, code: 'CORRUPT_IMAGE', error: 'says "no"' }], 'csv');
    expect(csv.split('\n')[1]).toBe('"a,b.png",failed,,,,,,CORRUPT_IMAGE,"says ""no"""');
  });

  test('CSV gives a warned verdict its sentence, in a column present only when one is warned', () => {
    const verdict = { ok: true, prediction: 'Benign', confidence: 0.9, benign: 90, malignant: 10, risk: 'Low Risk' } as const;
    const csv = formatPredictions([{ file: 'a.png', ...verdict, warning: 'Not a mammogram, so: nothing.' }], 'csv').split('\n');
    expect(csv[0]).toBe(
      'file,status,prediction,confidence,benign_percent,malignant_percent,risk_level,input_check_warning,error_code,error',
    );
    expect(csv[1]).toBe('a.png,ok,Benign,0.9,90,10,Low Risk,"Not a mammogram, so: nothing.",,');
    expect(formatPredictions([{ file: 'a.png', ...verdict }], 'csv')).not.toContain('input_check_warning');
  });
});
