// Copies the documentation pages' bundles out of the `swagger-ui-dist` and `redoc` packages into
// dist/docs-assets, run by this package's build after tsup (which empties dist). The two packages
// are dev dependencies: an install of the server (npx, the container's deploy) then carries the
// files the pages load, about 3 MB, and not ReDoc's dependency tree (React, MobX, styled-
// components, core-js: about 30 MB that the standalone bundle already contains).
// Only the files @bcd-api/http's docs route reads (packages/http/src/routes/docs.ts), laid out as
// in their packages, with the licences that must travel with them (MIT; Apache-2.0 with NOTICE).
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const outDir = fileURLToPath(new URL('../dist/docs-assets/', import.meta.url));

const SOURCES = [
  {
    name: 'swagger-ui-dist',
    to: 'swagger-ui',
    files: ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-bundle.js.LICENSE.txt', 'LICENSE', 'NOTICE'],
  },
  {
    name: 'redoc',
    to: 'redoc',
    files: ['bundles/redoc.standalone.js', 'bundles/redoc.standalone.js.LICENSE.txt', 'LICENSE'],
  },
];

await rm(outDir, { recursive: true, force: true });
const versions = {};
let bytes = 0;
for (const source of SOURCES) {
  const from = dirname(require.resolve(`${source.name}/package.json`));
  versions[source.name] = JSON.parse(await readFile(join(from, 'package.json'), 'utf8')).version;
  for (const file of source.files) {
    const target = join(outDir, source.to, file);
    await mkdir(dirname(target), { recursive: true });
    // A file missing from a new version of a package fails the build here, not a page later.
    await copyFile(join(from, file), target);
    bytes += (await stat(target)).size;
  }
}
// Which versions the bundles are, for whoever audits an installed server.
await writeFile(join(outDir, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
const list = Object.entries(versions)
  .map(([name, version]) => `${name} ${version}`)
  .join(', ');
console.log(`docs assets: ${list} -> dist/docs-assets (${(bytes / 1e6).toFixed(1)} MB)`);
