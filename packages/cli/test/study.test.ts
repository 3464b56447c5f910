// `bcd-api study` as users run it, against the real server (tiny model); DICOM folders are made
// here with pydicom, two studies told apart by StudyInstanceUID, which nothing prints.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { colourPng, DICOM_IDENTIFIERS, imagesDir, requireDicomTools, writeDicom } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { cli, withTempDir } from './helpers.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const server = serverForSuite();

describe('bcd-api study', () => {
  test('reads sides and views from image names and prints each image, each breast and the study', () =>
    withTempDir('bcd-study-', async (dir) => {
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
    }));

  test('lists an image refused as not a mammogram apart, leaves it out of its breast, and exits 3', () =>
    withTempDir('bcd-study-', async (dir) => {
      for (const name of ['L-CC.png', 'L-MLO.png', 'R-MLO.png']) await copyFile(join(imagesDir, 'breast-grey.png'), join(dir, name));
      await writeFile(join(dir, 'R-CC.png'), colourPng());
      const res = await cli(['study', dir, '--url', server().url]);
      expect(res.stdout).toMatch(/R-CC\.png +REFUSED +NOT_A_MAMMOGRAM\n/);
      expect(res.stdout).toMatch(/\nREFUSED .*R-CC\.png: R-CC\.png: not a mammogram\. The image is in colour/);
      expect(res.stdout).toMatch(/missing views R-CC/);
      expect(res.stdout).toMatch(/1 study, 1 image refused as not a mammogram, 0 problems\./);
      expect(res.code).toBe(3);
    }));

  describe('with a server set to INPUT_CHECK=warn', () => {
    const warning = serverForSuite({ INPUT_CHECK: 'warn' });

    test('marks the warned image, and the breast and study it entered, WARNING', () =>
      withTempDir('bcd-study-', async (dir) => {
        await copyFile(join(imagesDir, 'breast-grey.png'), join(dir, 'L-CC.png'));
        await writeFile(join(dir, 'R-CC.png'), colourPng());
        const res = await cli(['study', dir, '--url', warning().url]);
        expect(res.code).toBe(0);
        expect(res.stdout).toMatch(/RISK +INPUT CHECK\n/);
        expect(res.stdout).toMatch(/L-CC\.png +L +CC +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk\n/);
        expect(res.stdout).toMatch(/R-CC\.png +R +CC +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk +WARNING\n/);
        expect(res.stdout).toMatch(/\(left breast\) +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk\n/);
        expect(res.stdout).toMatch(/\(right breast\) +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk +WARNING\n/);
        expect(res.stdout).toMatch(/\(STUDY\) +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk +WARNING\n/);
        expect(res.stdout).toMatch(/\nWARNING .*R-CC\.png: This does not look like a mammogram\. The image is in colour/);
      }));
  });

  const haveTools = requireDicomTools('the CLI study grouping of DICOM files');
  test.skipIf(!haveTools)('groups DICOM files by StudyInstanceUID without printing it', () =>
    withTempDir('bcd-study-dicom-', async (dir) => {
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
    }),
  );
});
