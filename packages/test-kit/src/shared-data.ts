// The data sets that sit beside the repository in ../shared/data (too large to commit): found
// through their environment variables, else at their usual place.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imagesDir } from './fixtures.js';
import { requireInCi } from './require-in-ci.js';

/** Where the mini-MIAS films are looked for: MINI_MIAS_DIR, else ../shared/data/mini-mias beside the repository. */
export const miniMiasLookup = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));

/** The mini-MIAS folder when present (CI and developers' machines), else undefined. */
export const miniMiasDir = existsSync(join(miniMiasLookup, 'images', 'mdb001.png')) ? miniMiasLookup : undefined;

/** Path of a real mini-MIAS film, e.g. `filmPath('mdb001')`; throws without the films. */
export function filmPath(id: string): string {
  if (!miniMiasDir) throw new Error('mini-MIAS is not available');
  return join(miniMiasDir, 'images', `${id}.png`);
}

/** Reads a real mini-MIAS film; throws without the films. */
export function film(id: string): Buffer<ArrayBuffer> {
  return readFileSync(filmPath(id));
}

/**
 * For tests that need the films and are about to skip (or fall back to a synthetic image)
 * without them: CI has the films, so there their absence fails the run; elsewhere the skip is
 * said loudly.
 */
export function warnSkipped(what: string): void {
  const why = `${join(miniMiasLookup, 'images', 'mdb001.png')} not found (set MINI_MIAS_DIR)`;
  if (process.env.CI) throw new Error(`CI must have the mini-MIAS films for ${what}: ${why}.`);
  // biome-ignore lint/suspicious/noConsole: a skipped test must be seen in the test output.
  console.warn(`\n*** SKIPPED: ${what}: ${why}. CI has it. ***\n`);
}

/** A mammogram for an upload test: its path, file name, media type, and whether it is a real film. */
export interface UploadFilm {
  path: string;
  name: string;
  type: string;
  real: boolean;
}

/**
 * The film an upload test sends: the real mini-MIAS film mdb001 when the films are present,
 * else the committed synthetic `breast.jpg`, after {@link warnSkipped} has said (or, in CI,
 * failed the run) that `what` ran without a real film.
 */
export function filmOrFallback(what: string): UploadFilm {
  if (miniMiasDir) return { path: filmPath('mdb001'), name: 'mdb001.png', type: 'image/png', real: true };
  warnSkipped(`${what} (the synthetic breast.jpg is uploaded instead)`);
  return { path: join(imagesDir, 'breast.jpg'), name: 'breast.jpg', type: 'image/jpeg', real: false };
}

/** The 640-image screening set (SCREENING_DIR, else ../shared/data/rsna-screening-640) when present, else undefined. */
export const screeningDir = ((): string | undefined => {
  const dir = process.env.SCREENING_DIR ?? fileURLToPath(new URL('../../../../shared/data/rsna-screening-640', import.meta.url));
  return existsSync(join(dir, 'SHA256SUMS')) ? dir : undefined;
})();

/**
 * Whether the screening set and the mini-MIAS films are both present, for tests of the default
 * model (trained on the one, checked on both): in CI their absence fails the run, elsewhere
 * those tests skip and say so loudly.
 */
export function requireScreeningData(what: string): boolean {
  return requireInCi(
    screeningDir !== undefined && miniMiasDir !== undefined,
    `the 640 screening set and the mini-MIAS films in ../shared/data, for ${what}`,
    'set SCREENING_DIR and MINI_MIAS_DIR',
  );
}
