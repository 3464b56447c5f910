// The mini-MIAS films the benchmark scripts send: MINI_MIAS_DIR, else ../shared/data/mini-mias
// beside the repository. Scripts, not tests: without the films they stop with the reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every film as `[file name, bytes]`, in name order. */
export function readFilms() {
  const dir = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));
  if (!existsSync(join(dir, 'images'))) throw new Error(`no mini-MIAS films at ${dir}; set MINI_MIAS_DIR`);
  return readdirSync(join(dir, 'images'))
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => [f, readFileSync(join(dir, 'images', f))]);
}
