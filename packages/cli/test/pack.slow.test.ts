// The published command: the tarballs `pnpm pack` makes of the CLI, the SDK and the contract
// install into a fresh project, where `bcd-api` runs from node_modules/.bin against the real server.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { imagesDir, openForSuite } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { packageDir, run } from './helpers.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const require = createRequire(import.meta.url);
/** The folders of the packages packed with the CLI: the SDK it runs on, and the contract the SDK depends on. */
const packed = {
  cli: packageDir,
  client: dirname(require.resolve('@bcd-api/client/package.json')),
  contract: dirname(require.resolve('@bcd-api/contract/package.json')),
};
type Tarballs = Record<keyof typeof packed, string>;

const server = serverForSuite();
/** A temporary folder holding the three tarballs; removed after the tests. */
const work = openForSuite(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bcd-cli-pack-'));
  // Packs what turbo built before the tests: prepack would rebuild, cleaning dist/ under the
  // test files that run beside this one.
  await Promise.all(
    Object.values(packed).map((cwd) => run('pnpm', ['pack', '--config.ignore-scripts=true', '--pack-destination', dir], { cwd })),
  );
  const names = await readdir(dir);
  const tarball = (key: string) => join(dir, names.find((f) => f.startsWith(`bcd-api-${key}-`))!);
  const tarballs: Tarballs = { cli: tarball('cli'), client: tarball('client'), contract: tarball('contract') };
  return { dir, tarballs, close: () => rm(dir, { recursive: true, force: true }) };
});

describe('the packed CLI', () => {
  test('the tarball holds the bin and the package files only, with workspace ranges rewritten', async () => {
    const { stdout } = await run('tar', ['-tzf', work().tarballs.cli]);
    const files = stdout.trim().split('\n');
    expect(
      files.every((f) => /^package\/(dist\/|package\.json$|README\.md$|LICENSE)/.test(f)),
      files.join('\n'),
    ).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['package/dist/cli.js', 'package/README.md']));
    const { stdout: manifest } = await run('tar', ['-xzOf', work().tarballs.cli, 'package/package.json']);
    const pkg = JSON.parse(manifest) as { bin: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.bin).toEqual({ 'bcd-api': './dist/cli.js' });
    expect(pkg.dependencies['@bcd-api/client']).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  test('installs from the tarballs into a fresh project, where `bcd-api --help` and `bcd-api predict` run', async () => {
    const { dir, tarballs } = work();
    const project = join(dir, 'app');
    await mkdir(project);
    // The tarballs stand in for the SDK and the contract wherever a manifest asks for them.
    const overrides = {
      '@bcd-api/client': `file:${tarballs.client}`,
      '@bcd-api/contract': `file:${tarballs.contract}`,
    };
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'fresh-cli', version: '0.0.0', private: true, pnpm: { overrides } }),
    );
    // pnpm from the store this workspace already filled; the registry is asked only for what it lacks.
    await run('pnpm', ['add', '--reporter=silent', '--prefer-offline', tarballs.cli, tarballs.client, tarballs.contract], { cwd: project });
    const bin = join(project, 'node_modules', '.bin', 'bcd-api');
    const image = join(imagesDir, 'breast.jpg');
    const [help, predicted] = await Promise.all([
      run(bin, ['--help'], { cwd: project }),
      run(bin, ['predict', image, '--url', server().url, '--format', 'json'], { cwd: project }),
    ]);
    expect(help.stdout).toMatch(/^Usage: bcd-api <command> \[options\]\n/);
    expect(help.stdout).toContain('For education and research only. Not for medical diagnosis.');
    expect(JSON.parse(predicted.stdout)).toEqual([expect.objectContaining({ ok: true, file: image })]);
  });
});
