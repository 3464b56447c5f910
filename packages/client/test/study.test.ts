// client.predictStudy and `bcd-api study` against the real server (tiny model); DICOM folders
// are made here with pydicom, two studies told apart by StudyInstanceUID, which nothing prints.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { checkedFetch, DICOM_IDENTIFIERS, fixture, imagesDir, requireDicomTools, writeDicom } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { createClient as createBrowserClient, MAX_STUDY_IMAGES, unwrap } from '../src/index.js';
import { cli, colourPng } from './helpers.js';

const { serverForSuite, startTestServer } = createServerKit({ loadConfig, startServer });
const server = serverForSuite();
const contractFetch = checkedFetch();

describe('client.predictStudy', () => {
  test('sends each image with its side and view, and reads the combined result', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const data = await unwrap(
      client.predictStudy([
        { file: new File([fixture('breast-grey.png')], 'a.png'), laterality: 'L', view: 'CC' },
        { file: fixture('breast.jpg'), laterality: 'R' },
      ]),
    );
    expect(data.results.map((r) => ('laterality' in r ? `${r.laterality}-${r.view ?? ''}` : 'error'))).toEqual(['L-CC', 'R-']);
    expect(data.breasts.left?.images).toBe(1);
    expect(data.missing_views).toEqual(['L-MLO', 'R-CC', 'R-MLO']);
  });

  test('refuses more than MAX_STUDY_IMAGES files before sending, and passes on the server 400', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const nine = Array.from({ length: MAX_STUDY_IMAGES + 1 }, () => fixture('breast.jpg'));
    expect((await client.predictStudy(nine)).error).toMatchObject({ name: 'InputError', code: 'INVALID_INPUT' });
    const { error } = await client.predictStudy([fixture('breast.jpg')]);
    expect(error).toMatchObject({ status: 400, code: 'LATERALITY_UNKNOWN' });
  });
});

describe('bcd-api study', () => {
  test('reads sides and views from image names and prints each image, each breast and the study', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bcd-study-'));
    try {
      for (const name of ['L-CC.png', 'left_mlo.png', 'R CC.png']) await copyFile(join(imagesDir, 'breast-grey.png'), join(dir, name));
      await copyFile(join(imagesDir, 'not-an-image.pdf'), join(dir, 'notes.pdf'));
      const res = await cli(['study', dir, '--url', server().url]);
      expect(res.stdout).toMatch(/L-CC\.png +L +CC +(Benign|Malignant)/);
      expect(res.stdout).toMatch(/left_mlo\.png +L +MLO/);
      expect(res.stdout).toMatch(/\(left breast\)/);
      expect(res.stdout).toMatch(/\(STUDY\)/);
      expect(res.stdout).toMatch(/missing views R-MLO/);
      expect(res.stdout).toMatch(/SKIPPED .*notes\.pdf: neither DICOM nor/);
      expect(res.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('lists an image refused as not a mammogram apart, leaves it out of its breast, and exits 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bcd-study-'));
    try {
      for (const name of ['L-CC.png', 'L-MLO.png', 'R-MLO.png']) await copyFile(join(imagesDir, 'breast-grey.png'), join(dir, name));
      await writeFile(join(dir, 'R-CC.png'), colourPng());
      const res = await cli(['study', dir, '--url', server().url]);
      expect(res.stdout).toMatch(/R-CC\.png +REFUSED +NOT_A_MAMMOGRAM\n/);
      expect(res.stdout).toMatch(/\nREFUSED .*R-CC\.png: R-CC\.png: not a mammogram\. The image is in colour/);
      expect(res.stdout).toMatch(/missing views R-CC/);
      expect(res.stdout).toMatch(/1 study, 1 image refused as not a mammogram, 0 problems\./);
      expect(res.code).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('with INPUT_CHECK=warn marks the warned image, and the breast and study it entered, WARNING', async () => {
    const warning = await startTestServer({ INPUT_CHECK: 'warn' });
    const dir = await mkdtemp(join(tmpdir(), 'bcd-study-'));
    try {
      await copyFile(join(imagesDir, 'breast-grey.png'), join(dir, 'L-CC.png'));
      await writeFile(join(dir, 'R-CC.png'), colourPng());
      const res = await cli(['study', dir, '--url', warning.url]);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/RISK +INPUT CHECK\n/);
      expect(res.stdout).toMatch(/L-CC\.png +L +CC +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk\n/);
      expect(res.stdout).toMatch(/R-CC\.png +R +CC +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk +WARNING\n/);
      expect(res.stdout).toMatch(/\(left breast\) +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk\n/);
      expect(res.stdout).toMatch(/\(right breast\) +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk +WARNING\n/);
      expect(res.stdout).toMatch(/\(STUDY\) +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk +WARNING\n/);
      expect(res.stdout).toMatch(/\nWARNING .*R-CC\.png: This does not look like a mammogram\. The image is in colour/);
    } finally {
      await warning.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  const haveTools = requireDicomTools('the CLI study grouping of DICOM files');
  test.skipIf(!haveTools)('groups DICOM files by StudyInstanceUID without printing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bcd-study-dicom-'));
    try {
      await mkdir(join(dir, 'in'));
      const pixels = new Uint8Array(64 * 64).map((_, i) => (i % 64 > 20 ? 120 : 0));
      const spec = { rows: 64, columns: 64, bitsAllocated: 8, bitsStored: 8, photometricInterpretation: 'MONOCHROME2' } as const;
      const other = { ...DICOM_IDENTIFIERS, StudyInstanceUID: '1.2.826.0.1.3680043.10.1001.999' };
      writeDicom(join(dir, 'in', 'a'), { ...spec, ImageLaterality: 'L', ViewPosition: 'CC' }, pixels);
      writeDicom(join(dir, 'in', 'b'), { ...spec, ImageLaterality: 'R', ViewPosition: 'CC' }, pixels);
      writeDicom(join(dir, 'in', 'c'), { ...spec, ImageLaterality: 'L', ViewPosition: 'MLO', identifying: other }, pixels);
      // writeDicom leaves its inputs beside the file: only the DICOM files go in the folder read.
      for (const name of ['a', 'b', 'c']) await copyFile(join(dir, 'in', name), join(dir, `${name}.dcm`));
      await rm(join(dir, 'in'), { recursive: true });
      const res = await cli(['study', dir, '--url', server().url, '--format', 'csv']);
      const lines = res.stdout.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('DICOM study 1,') && l.includes('.dcm'))).toHaveLength(2);
      expect(lines.filter((l) => l.startsWith('DICOM study 2,') && l.includes('.dcm'))).toHaveLength(1);
      for (const value of [DICOM_IDENTIFIERS.StudyInstanceUID, other.StudyInstanceUID, DICOM_IDENTIFIERS.PatientName]) {
        expect(res.stdout + res.stderr).not.toContain(value);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
