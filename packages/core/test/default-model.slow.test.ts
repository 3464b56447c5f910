// The default model against its training pipeline: for the reference images (the first 64 of
// the 640 screening set and every mini-MIAS film), the core's decode + mammogram preprocessing
// + ONNX + calibration must give the probability the PyTorch pipeline wrote in
// reference_predictions.json, to 1e-4: the no-train/serve-skew check. The score map comes from
// the same pass, and the image logit pools it (between the cells' mean and their max).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultModelDir } from '@bcd-api/default-model';
import { fixture, miniMiasDir, openForSuite, requireScreeningData, screeningDir } from '@bcd-api/test-kit';
import { describe, expect, test } from 'vitest';
import { createClassifier, viewToWorking } from '../dist/index.js';
import { expectReferencePredictions, expectReferenceWeights, type ReferenceFigures, readReference } from './reference-predictions.js';

interface Reference {
  model_sha256: string;
  images: Array<ReferenceFigures & { source: 'screening' | 'mias'; file: string }>;
}

const reference = await readReference<Reference>(defaultModelDir);
requireScreeningData('the default model skew test');

describe('the default model', () => {
  const classifier = openForSuite(() => createClassifier({ modelDir: defaultModelDir }));

  test('loads, and its weights are the ones the reference predictions came from', async () => {
    await expectReferenceWeights(classifier(), defaultModelDir, reference);
    expect(reference.images.filter((r) => r.source === 'mias')).toHaveLength(322);
  });

  test('declares mammogram preprocessing and a score map, and ships its card files', async () => {
    expect(classifier().card.input.preprocessing).toBe('mammogram');
    expect(classifier().card.scoreMap).toMatchObject({ name: 'score_map', kind: 'logit_grid' });
    const files = await readdir(defaultModelDir);
    expect(files).toEqual(
      expect.arrayContaining([
        'model.onnx',
        'manifest.json',
        'CARD.md',
        'roc.png',
        'reliability.png',
        'learning_curves.png',
        'oof_predictions.csv',
      ]),
    );
  });

  test('gives the same bits from a pass that runs alone on two threads as from one on a single thread', async () => {
    // A lone pass uses the cores the other workers leave idle (inferencePlan's soloThreads): a
    // result must not depend on the load the server happened to be under.
    const open = (soloThreads: number) =>
      createClassifier({ modelDir: defaultModelDir, workers: 1, engine: { intraOpThreads: 1, soloThreads } });
    const [solo, single] = await Promise.all([open(2), open(1)]);
    try {
      const films = miniMiasDir
        ? (await readdir(join(miniMiasDir, 'images')))
            .filter((f) => f.endsWith('.png'))
            .sort()
            .slice(0, 12)
        : [];
      const files = [
        ...['breast-grey.png', 'breast.jpg', 'breast-16bit.png'].map((name) => ({ name, bytes: () => Promise.resolve(fixture(name)) })),
        ...films.map((name) => ({ name, bytes: () => readFile(join(miniMiasDir!, 'images', name)) })),
      ];
      for (const file of files) {
        const image = await solo.decode(await file.bytes(), file.name);
        const [[a], [b]] = await Promise.all([solo.classify([image]), single.classify([image])]);
        expect(a!.rawScore, file.name).toBe(b!.rawScore);
        expect(Array.from(a!.scoreMap!.values), file.name).toEqual(Array.from(b!.scoreMap!.values));
        expect(a!.typicality, file.name).toEqual(b!.typicality);
      }
    } finally {
      await Promise.all([solo.close(), single.close()]);
    }
  }, 120_000);

  test.skipIf(!screeningDir || !miniMiasDir)(
    'gives the training pipeline probabilities for every reference image, to 1e-4',
    async () => {
      const dirs = { screening: screeningDir!, mias: miniMiasDir! };
      const fileOf = (r: Reference['images'][number]) => ({ path: join(dirs[r.source], r.file), name: r.file });
      await expectReferencePredictions(classifier(), reference.images, fileOf, (p, name) => {
        const cells = Array.from(p.scoreMap!.values);
        expect(p.rawScore, name).toBeGreaterThanOrEqual(cells.reduce((sum, v) => sum + v, 0) / cells.length - 1e-4);
        expect(p.rawScore, name).toBeLessThanOrEqual(Math.max(...cells) + 1e-4);
      });
    },
    300_000,
  );

  test.skipIf(!miniMiasDir)(
    "places the score map's peak on malignant mini-MIAS lesions as often as the card says",
    async () => {
      const lesions = await malignantLesions(join(miniMiasDir!, 'Info.txt'));
      const size = classifier().manifest.input.width;
      let hits = 0;
      for (const [id, circles] of lesions) {
        const image = await classifier().decode(await readFile(join(miniMiasDir!, 'images', `${id}.png`)));
        const [prediction] = await classifier().classify([image]);
        const { width: w, height: h, values } = prediction!.scoreMap!;
        const peak = values.indexOf(Math.max(...values));
        const view = image.view!;
        // The peak cell's centre, from the model's input back onto the 1024x1024 film.
        const working = viewToWorking(view, size, ((peak % w) + 0.5) * (size / w), (Math.floor(peak / w) + 0.5) * (size / h));
        const toFilm = image.width / view.workWidth;
        const halfCell = ((size / w) * (view.canvas / size) * toFilm) / 2;
        const [x, y] = [working.x * toFilm, working.y * toFilm];
        // Info.txt measures y from the bottom-left corner.
        if (circles.some((c) => Math.hypot(x - c.x, y - (image.height - 1 - c.y)) <= c.r + halfCell)) hits++;
      }
      const card = classifier().card.evaluation.extra.pointing_accuracy_mini_mias as { films: number; hits: number; chance: number };
      console.info(
        `score map peak on a malignant lesion: ${hits}/${lesions.size} films (card: ${card.hits}/${card.films}, chance ${card.chance})`,
      );
      expect(lesions.size).toBe(card.films);
      // The card's figure comes from the pipeline's float16 feature cache: an argmax may flip on a near-tie.
      expect(Math.abs(hits - card.hits)).toBeLessThanOrEqual(1);
    },
    300_000,
  );
});

/** Malignant lesions with coordinates, per film, from mini-MIAS's Info.txt (x, y, radius). */
async function malignantLesions(infoPath: string): Promise<Map<string, Array<{ x: number; y: number; r: number }>>> {
  const lesions = new Map<string, Array<{ x: number; y: number; r: number }>>();
  for (const line of (await readFile(infoPath, 'latin1')).split('\n')) {
    const match = /^(mdb\d{3})\s+[FGD]\s+\w+\s+M\s+(\d+)\s+(\d+)\s+(\d+)/.exec(line.trim());
    if (match)
      lesions.set(match[1]!, [...(lesions.get(match[1]!) ?? []), { x: Number(match[2]), y: Number(match[3]), r: Number(match[4]) }]);
  }
  return lesions;
}
