// Generates src/generated/* from the root openapi.yaml: the TypeScript types
// (openapi-typescript) and the document itself as JSON and as text, so that every
// package gets the contract by importing this one. Run by `turbo run generate`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { parse } from 'yaml';

const specUrl = new URL('../../../openapi.yaml', import.meta.url);
const outDir = new URL('../src/generated/', import.meta.url);
const header =
  '// Generated from openapi.yaml by packages/contract/scripts/generate.mjs. Do not edit.\n' +
  '// Change openapi.yaml and run `pnpm generate` instead.\n';

const text = await readFile(specUrl, 'utf8');
const document = parse(text);
// Uploads are typed as Blob (File is a Blob), not string, so the SDK's multipart types are honest.
const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));
const ast = await openapiTS(document, {
  transform(schemaObject) {
    if (schemaObject.format === 'binary') return BLOB;
    return undefined;
  },
});

// Facts of the contract that consumers need at run time, as literals: an SDK bundled for
// browsers gets the number 10, not the whole document it comes from. Each is typed by its
// place in the document, so a literal that disagrees with openapi.yaml does not compile.
const at = (path) => {
  const value = path.reduce((node, key) => node?.[key], document);
  if (value === undefined) throw new Error(`openapi.yaml has no ${path.join('.')}, which src/generated/facts.ts exports`);
  return value;
};
const facts = [
  ['The version of the API, `info.version`.', 'API_VERSION', ['info', 'version']],
  [
    'The service name `GET /health` reports (`HealthResponse.service`).',
    'SERVICE_NAME',
    ['components', 'schemas', 'HealthResponse', 'properties', 'service', 'const'],
  ],
  ['The disclaimer every prediction carries (`Disclaimer`).', 'DISCLAIMER', ['components', 'schemas', 'Disclaimer', 'const']],
  [
    'The most files one `POST /batch-predict` takes (`maxItems` of its `files`).',
    'MAX_BATCH_FILES',
    ['paths', '/batch-predict', 'post', 'requestBody', 'content', 'multipart/form-data', 'schema', 'properties', 'files', 'maxItems'],
  ],
  [
    'The most files one `POST /predict-study` takes (`maxItems` of its `files`).',
    'MAX_STUDY_FILES',
    ['paths', '/predict-study', 'post', 'requestBody', 'content', 'multipart/form-data', 'schema', 'properties', 'files', 'maxItems'],
  ],
  ['The risk level names, most severe first (`RiskLevelName`).', 'RISK_LEVEL_NAMES', ['components', 'schemas', 'RiskLevelName', 'enum']],
  [
    'The icons a risk assessment may carry (`RiskAssessment.icon`).',
    'RISK_ICONS',
    ['components', 'schemas', 'RiskAssessment', 'properties', 'icon', 'enum'],
  ],
  [
    'The heatmap opacity of `POST /explain` when none is asked for (the default of its `opacity`).',
    'DEFAULT_HEATMAP_OPACITY',
    ['paths', '/explain', 'post', 'parameters', 0, 'schema', 'default'],
  ],
  ['The sides of a breast (`Laterality`).', 'LATERALITIES', ['components', 'schemas', 'Laterality', 'enum']],
  [
    'The four standard screening views a study may miss (`StudyResponse.missing_views`).',
    'STANDARD_VIEWS',
    ['components', 'schemas', 'StudyResponse', 'properties', 'missing_views', 'items', 'enum'],
  ],
  [
    "The target specificities of a model's screening operating points, in their order (`OperatingPoint.target_specificity`).",
    'SCREENING_SPECIFICITIES',
    ['components', 'schemas', 'OperatingPoint', 'properties', 'target_specificity', 'enum'],
  ],
];

// The paths no operation of which declares `security`: open whatever API_KEYS says. Derived, so
// an operation added to the spec without `security` is open from the day it is added, and one
// with it is guarded.
const openPaths = Object.entries(document.paths)
  .filter(([, item]) => Object.values(item).every((operation) => typeof operation !== 'object' || !('security' in operation)))
  .map(([path]) => path);
const factsTs =
  header +
  "import type { openapiDocument } from './document.js';\n\ntype Document = typeof openapiDocument;\n" +
  facts
    .map(
      ([doc, name, path]) =>
        `\n/** ${doc} */\nexport const ${name}: Document${path.map((key) => `[${JSON.stringify(key)}]`).join('')} = ${JSON.stringify(at(path))};\n`,
    )
    .join('') +
  '\n/** The path templates open without an API key: those whose operations declare no `security`. */\n' +
  `export const OPEN_PATHS: ReadonlyArray<keyof Document['paths']> = ${JSON.stringify(openPaths)};\n`;

const files = {
  'openapi.ts': `${header}/* eslint-disable */\n${astToString(ast)}`,
  'document.ts':
    header +
    `/** The OpenAPI document as parsed JSON. */\nexport const openapiDocument = ${JSON.stringify(document, null, 2)} as const;\n\n` +
    `/** The OpenAPI document exactly as written in openapi.yaml. */\nexport const openapiYaml: string = ${JSON.stringify(text)};\n`,
  'facts.ts': factsTs,
};

// --check: fail when the committed output differs from what openapi.yaml gives (CI runs it).
if (process.argv.includes('--check')) {
  const stale = [];
  for (const [name, content] of Object.entries(files)) {
    const current = await readFile(new URL(name, outDir), 'utf8').catch(() => '');
    if (current !== content) stale.push(name);
  }
  if (stale.length > 0) {
    console.error(`src/generated/{${stale.join(',')}} is stale: run \`pnpm generate\` and commit the result.`);
    process.exit(1);
  }
  console.log('generated contract files are up to date with openapi.yaml');
} else {
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(new URL(name, outDir), content);
  console.log(`generated types and document from ${fileURLToPath(specUrl)}`);
}
