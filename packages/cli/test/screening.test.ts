// `bcd-api` with a model that has screening operating points (issue 22), served with
// SCREENING_PREVALENCE: the category and the prevalence-adjusted probability in human output,
// the server's `screening` object as it came in JSON.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { imagesDir, screeningModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { formatPredictions } from '../src/internal/format.js';
import { cli, withTempDir } from './helpers.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const server = serverForSuite({ MODEL_DIR: screeningModelDir, SCREENING_PREVALENCE: '0.007' });
const CATEGORY = '(likely_normal|elevated|high)';

describe('bcd-api with screening operating points', () => {
  test("predict shows each image's category and its probability at the server's prevalence; JSON keeps the server's object", () =>
    withTempDir('bcd-screening-', async (dir) => {
      await copyFile(join(imagesDir, 'breast.jpg'), join(dir, 'breast.jpg'));
      const table = await cli(['predict', dir, '--url', server().url]);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^FILE\s+PREDICTION\s+CONFIDENCE\s+MALIGNANT %\s+RISK\s+SCREENING\n/);
      expect(table.stdout).toMatch(
        new RegExp(
          `breast\\.jpg\\s+(Benign|Malignant)\\s+0\\.\\d{4}\\s+\\d+\\.\\d{2}\\s+[\\w-]+ Risk\\s+${CATEGORY} \\([\\d.e-]+% at prevalence 0\\.7%\\)\\n`,
        ),
      );
      const json = await cli(['predict', dir, '--url', server().url, '--format', 'json']);
      const [row] = JSON.parse(json.stdout) as Array<{ screening: Record<string, unknown> }>;
      expect(row?.screening).toEqual({
        category: expect.stringMatching(new RegExp(`^${CATEGORY}$`)),
        operating_points: 'image',
        prevalence: 0.007,
        malignant_probability: expect.any(Number),
      });
    }));

  test('study shows the category of each image and of the study, and each breast its probability at the prevalence', () =>
    withTempDir('bcd-screening-', async (dir) => {
      for (const name of ['L-CC.png', 'R-CC.png']) await copyFile(join(imagesDir, 'breast-grey.png'), join(dir, name));
      const res = await cli(['study', dir, '--url', server().url]);
      expect(res.stdout).toMatch(/RISK +SCREENING\n/);
      expect(res.stdout).toMatch(new RegExp(`L-CC\\.png +L +CC +(Benign|Malignant) +\\d+\\.\\d\\d +[\\w-]+ Risk +${CATEGORY} \\(`));
      expect(res.stdout).toMatch(/\(left breast\) +(Benign|Malignant) +\d+\.\d\d +[\w-]+ Risk +[\d.e-]+% at prevalence 0\.7%\n/);
      expect(res.stdout).toMatch(new RegExp(`\\(STUDY\\) +(Benign|Malignant) +\\d+\\.\\d\\d +[\\w-]+ Risk +${CATEGORY} \\(`));
    }));

  test('CSV gives the category, the prevalence and the adjusted probability their own columns, present only when a row has them', () => {
    const verdict = { ok: true, prediction: 'Benign', confidence: 0.9, benign: 90, malignant: 10, risk: 'Low Risk' } as const;
    const screening = { category: 'likely_normal', operating_points: 'image', prevalence: 0.007, malignant_probability: 0.000201 } as const;
    const csv = formatPredictions([{ file: 'a.png', ...verdict, screening }], 'csv').split('\n');
    expect(csv[0]).toBe(
      'file,status,prediction,confidence,benign_percent,malignant_percent,risk_level,screening_category,screening_prevalence,screening_malignant_probability,error_code,error',
    );
    expect(csv[1]).toBe('a.png,ok,Benign,0.9,90,10,Low Risk,likely_normal,0.007,0.000201,,');
    const table = formatPredictions([{ file: 'a.png', ...verdict, screening }], 'table');
    expect(table).toMatch(/Low Risk {2}likely_normal \(0\.02% at prevalence 0\.7%\)\n$/);
    expect(formatPredictions([{ file: 'a.png', ...verdict }], 'csv')).not.toContain('screening');
  });
});
