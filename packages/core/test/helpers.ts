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

/** Where the mini-MIAS films are looked for: MINI_MIAS_DIR, else ../shared/data/mini-mias beside the repository. */
const miniMiasLookup = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));

/** The mini-MIAS folder when present (CI and developers' machines), else undefined. */
export const miniMiasDir = existsSync(join(miniMiasLookup, 'images', 'mdb001.png')) ? miniMiasLookup : undefined;

/**
 * For tests that need the films and are about to skip without them: CI has the films, so
 * there their absence fails the run; elsewhere the skip is said loudly.
 */
export function warnSkipped(what: string): void {
  const why = `${join(miniMiasLookup, 'images', 'mdb001.png')} not found (set MINI_MIAS_DIR)`;
  if (process.env.CI) throw new Error(`CI must have the mini-MIAS films for ${what}: ${why}.`);
  console.warn(`\n*** SKIPPED: ${what}: ${why}. CI has it. ***\n`);
}
