// The SDK and the contract are released together: one fixed changesets group, equal versions.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { packageDir } from './helpers.js';

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Record<string, any>;

test('the SDK and the contract move together', async () => {
  const [config, client, contract] = await Promise.all([
    readJson(join(packageDir, '..', '..', '.changeset', 'config.json')),
    readJson(join(packageDir, 'package.json')),
    readJson(createRequire(import.meta.url).resolve('@bcd-api/contract/package.json')),
  ]);
  expect(config.fixed).toContainEqual(expect.arrayContaining(['@bcd-api/client', '@bcd-api/contract']));
  expect(client.version).toBe(contract.version);
  expect(client.dependencies['@bcd-api/contract']).toBe('workspace:^');
  expect(contract.private).not.toBe(true);
});
