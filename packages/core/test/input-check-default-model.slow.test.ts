// The default model's typicality check (issue 20) against its fit: the core's forward pass must
// give the distances the fit computed (input-check/fit.py wrote input_check_reference.json), the
// mammograms the other tests classify must pass the whole check, and images that pass the rules
// but are not mammograms (a grey page, a chest-like radiograph, a phantom...) must fail it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultModelDir } from '@bcd-api/default-model';
import { miniMiasDir, openForSuite, requireScreeningData, screeningDir } from '@bcd-api/test-kit';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { createClassifier, inputCheckFailure } from '../dist/index.js';
import { readReference } from './reference-predictions.js';

interface InputCheckReference {
  model_sha256: string;
  threshold: number;
  images: Array<{ source: 'rsna' | 'mias' | 'ddsm'; id: string; distance: number }>;
}
interface PredictionReference {
  images: Array<{ source: 'screening' | 'mias'; file: string }>;
}

const reference = JSON.parse(await readFile(join(defaultModelDir, 'input_check_reference.json'), 'utf8')) as InputCheckReference;
const predictions = await readReference<PredictionReference & { model_sha256: string }>(defaultModelDir);
requireScreeningData("the default model's input check test");

/** A grey image from a function of (x, y), as a PNG. */
function grey(width: number, height: number, value: (x: number, y: number) => number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[y * width + x] = Math.max(0, Math.min(255, Math.round(value(x, y))));
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

describe("the default model's input check", () => {
  const classifier = openForSuite(() => createClassifier({ modelDir: defaultModelDir }));

  test('declares its typicality output and threshold, fitted on the weights it ships with', () => {
    expect(classifier().card.typicality).toMatchObject({ output: 'typicality', threshold: reference.threshold });
    expect(classifier().card.sha256).toBe(reference.model_sha256);
    expect(predictions.model_sha256).toBe(reference.model_sha256);
  });

  test.skipIf(!screeningDir || !miniMiasDir)("gives the fit's own distances for its reference mammograms", async () => {
    const dirs = { rsna: screeningDir!, mias: join(miniMiasDir!, 'images') };
    // DDSM is not among the test data; its reference images are checked where the fit ran.
    const picked = reference.images.filter((r) => r.source !== 'ddsm');
    expect(picked.length).toBeGreaterThanOrEqual(8);
    const images = await Promise.all(
      picked.map(async (r) => classifier().decode(await readFile(join(dirs[r.source as 'rsna' | 'mias'], r.id)), r.id)),
    );
    const results = await classifier().classify(images);
    results.forEach((p, i) => {
      // float32 in the graph against float64 in the fit: a few parts in a million.
      expect(p.typicality!.score, picked[i]!.id).toBeCloseTo(picked[i]!.distance, 2);
      expect(p.typicality!.passed).toBe(p.typicality!.score <= reference.threshold);
    });
  });

  test.skipIf(!screeningDir || !miniMiasDir)(
    'passes the screening images and the mini-MIAS films that the other tests classify',
    async () => {
      const dirs = { screening: screeningDir!, mias: miniMiasDir! };
      // The screening images of the skew test, and the films the server and DICOM tests send.
      const files = [
        ...predictions.images.filter((r) => r.source === 'screening').map((r) => join(dirs.screening, r.file)),
        ...['mdb001', 'mdb002', 'mdb005', 'mdb023', 'mdb028', 'mdb058', 'mdb105', 'mdb125', 'mdb209'].map((id) =>
          join(dirs.mias, 'images', `${id}.png`),
        ),
      ];
      const refused: string[] = [];
      for (let start = 0; start < files.length; start += 10) {
        const chunk = files.slice(start, start + 10);
        const images = await Promise.all(chunk.map(async (file) => classifier().decode(await readFile(file), file)));
        const results = await classifier().classify(images);
        results.forEach((p, i) => {
          const failure = inputCheckFailure(images[i]!.inputChecks, p.typicality);
          if (failure) refused.push(`${chunk[i]}: ${failure}`);
        });
      }
      expect(refused).toEqual([]);
    },
    120_000,
  );

  test.each<[string, () => Promise<Buffer>]>([
    [
      'a grey text page',
      () => grey(620, 877, (x, y) => (y > 100 && (y - 100) % 28 < 10 && x > 60 && x < 560 && (x * 13 + y) % 17 > 3 ? 20 : 250)),
    ],
    ['a chequerboard', () => grey(512, 512, (x, y) => ((Math.floor(x / 32) + Math.floor(y / 32)) % 2 ? 220 : 30))],
    ['a grey ramp', () => grey(600, 600, (x, y) => (x + y) / 4.7)],
    [
      'a head phantom (an ellipse with two dark ventricles)',
      () =>
        grey(512, 512, (x, y) => {
          const head = ((x - 256) / 200) ** 2 + ((y - 256) / 240) ** 2 < 1;
          const ventricle = ((x - 200) / 40) ** 2 + ((y - 220) / 70) ** 2 < 1 || ((x - 310) / 40) ** 2 + ((y - 220) / 70) ** 2 < 1;
          return head ? (ventricle ? 40 : 180) : 0;
        }),
    ],
    [
      'a chest-like radiograph (dark lungs, ribs, bright mediastinum)',
      () =>
        grey(800, 800, (x, y) => {
          const lung = ((x - 270) / 130) ** 2 + ((y - 400) / 250) ** 2 < 1 || ((x - 530) / 130) ** 2 + ((y - 400) / 250) ** 2 < 1;
          return lung ? 60 + (Math.sin(y / 22) > 0.6 ? 40 : 0) : 170 + 30 * Math.sin(x / 50);
        }),
    ],
  ])('refuses %s, which passes every rule, by its typicality', async (_, make) => {
    const image = await classifier().decode(await make(), 'x.png');
    expect(image.inputChecks.every((c) => c.passed)).toBe(true);
    const [prediction] = await classifier().classify([image]);
    expect(prediction!.typicality!.passed).toBe(false);
    expect(prediction!.typicality!.score).toBeGreaterThan(reference.threshold);
  });
});
