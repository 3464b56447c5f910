// Packages use each other by name. biome.json's noRestrictedImports sees import statements; a
// path built from strings (new URL('../../../packages/core/test/fixtures/', ...)) it cannot,
// so this looks for those in every tracked source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `../` steps that climb into a workspace folder, written as a path or as join() arguments. */
const REACH = /(?:\.\.\/)+(?:packages|apps|examples)\/|(?:'\.\.',\s*)+'(?:packages|apps|examples)'/;

test('no source file reaches into another package by a relative path', () => {
  // Tracked and new files as they are in the working tree (a deleted one has nothing to check).
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'packages', 'apps', 'examples'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.(?:[cm]?[jt]s|py)$/.test(f) && existsSync(join(root, f)));
  expect(files.length).toBeGreaterThan(100);
  // This file shows the pattern examples of what it looks for.
  const self = fileURLToPath(import.meta.url);
  const reaching = files.filter((f) => join(root, f) !== self && REACH.test(readFileSync(join(root, f), 'utf8')));
  expect(reaching).toEqual([]);
});

test('the pattern finds what it is for', () => {
  expect(REACH.test("new URL('../../../packages/core/test/fixtures/', import.meta.url)")).toBe(true);
  expect(REACH.test("join(here, '..', '..', 'packages', 'core')")).toBe(true);
  expect(REACH.test("join(here, '../../../../shared/data/mini-mias')")).toBe(false);
});
