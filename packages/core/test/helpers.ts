import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Reads a committed test image. */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`./fixtures/images/${name}`, import.meta.url)));
}

/** The tiny ONNX model whose logit is 10 * (mean pixel - 0.5). */
export const tinyModelDir = fileURLToPath(new URL('./fixtures/tiny-model/', import.meta.url));

/** The tiny grey ONNX model with a 4x4 score map (10 * (tile mean - 0.5)) whose mean is its logit. */
export const scoreMapModelDir = fileURLToPath(new URL('./fixtures/tiny-score-map-model/', import.meta.url));

/** The mini-MIAS folder when present (CI and developers' machines), else undefined. */
export const miniMiasDir = ((): string | undefined => {
  const dir = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));
  return existsSync(join(dir, 'images', 'mdb001.png')) ? dir : undefined;
})();

if (!miniMiasDir) {
  console.warn('\n*** SKIPPING tests that need the real mini-MIAS films: ../shared/data/mini-mias not found (set MINI_MIAS_DIR). ***\n');
}
