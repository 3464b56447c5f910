// The smoke runs' shared steps: a pipeline run as `pnpm train` runs it (the Node preparation
// through the core, then Python training), on its tiny smoke setting, into a fresh folder.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, onTestFinished } from 'vitest';

/** Runs a command to completion; rejects with its output when it fails. */
export const run = promisify(execFile);

/** This app's root. */
export const trainerDir = fileURLToPath(new URL('..', import.meta.url));

/** The files every exported model folder ships, whichever pipeline wrote it. */
export const EXPORTED_FILES: readonly string[] = [
  'model.onnx',
  'manifest.json',
  'CARD.md',
  'oof_predictions.csv',
  'reference_predictions.json',
  'roc.png',
  'reliability.png',
];

/** A fresh temporary folder, removed when the current test finishes. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Runs a pipeline on its smoke setting (TRAIN_SMOKE=1, `env` added) from `cwd`: `node ...prepare`,
 * then Debian's `python3 train`. Asserts that the export holds each of `files`, and returns its
 * folder (TRAIN_OUT, removed when the test finishes).
 */
export async function trainSmoke(pipeline: {
  cwd: string;
  prepare: string[];
  train: string;
  env: Record<string, string>;
  files: readonly string[];
}): Promise<string> {
  const out = await tempDir('bcd-train-smoke-');
  const env = { ...process.env, ...pipeline.env, TRAIN_SMOKE: '1', TRAIN_OUT: out };
  await run(process.execPath, pipeline.prepare, { cwd: pipeline.cwd, env });
  await run('/usr/bin/python3', [pipeline.train], { cwd: pipeline.cwd, env, maxBuffer: 64 * 1024 * 1024 });
  for (const file of pipeline.files) expect(existsSync(join(out, file)), file).toBe(true);
  return out;
}

/** Reads a JSON file the pipeline exported. */
export async function readExported<T>(out: string, name: string): Promise<T> {
  return JSON.parse(await readFile(join(out, name), 'utf8')) as T;
}
