import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { mapWithConcurrency } from '@bcd-api/client';
import { castToError, type RiskLevelName } from '@bcd-api/contract';
import type { NodeClient } from './command.js';
import { failedRow, type PredictionRow, verdictRow } from './format.js';
import type { Progress } from './progress.js';

/** Where `explain` writes overlays: one file, a folder, or nowhere (the heatmap's peak is printed instead). */
export type OverlayTarget = { file: string } | { dir: string } | undefined;

/** Options of {@link explainFiles}. */
export interface ExplainFilesOptions {
  target: OverlayTarget;
  opacity?: number;
  concurrency: number;
  progress: Progress;
}

/**
 * Sends each file to `POST /explain`, one request per image. With a target it asks for the
 * PNG overlay and writes it (the prediction comes from the response headers); without one it
 * asks for JSON and reports the heatmap's peak. Rows come back in input order.
 */
export async function explainFiles(client: NodeClient, files: readonly string[], options: ExplainFilesOptions): Promise<PredictionRow[]> {
  const { target } = options;
  const outputs = target && 'dir' in target ? overlayNames(files, target.dir) : undefined;
  if (target && 'dir' in target) await mkdir(target.dir, { recursive: true });
  return mapWithConcurrency(files, options.concurrency, async (file, index): Promise<PredictionRow> => {
    const output = target && 'file' in target ? target.file : outputs?.[index];
    const row = output ? await writeOverlay(client, file, output, options.opacity) : await describePeak(client, file);
    options.progress.advance(1, row.ok ? 0 : 1);
    return row;
  });
}

async function writeOverlay(client: NodeClient, file: string, output: string, opacity: number | undefined): Promise<PredictionRow> {
  const { data, error, response } = await client.explain(file, { as: 'png', ...(opacity === undefined ? {} : { opacity }) });
  if (error) return failedRow(file, error);
  const label = response.headers.get('x-prediction');
  const malignant = Number(response.headers.get('x-malignant-probability'));
  const risk = response.headers.get('x-risk-level') as RiskLevelName | null;
  if ((label !== 'Benign' && label !== 'Malignant') || !Number.isFinite(malignant) || !risk) {
    return { file, ok: false, code: 'HTTP_ERROR', error: 'the server sent an overlay without its X-Prediction headers.' };
  }
  try {
    await writeFile(output, new Uint8Array(await data.arrayBuffer()));
  } catch (cause) {
    return { file, ok: false, code: 'WRITE_FAILED', error: `could not write ${output}: ${castToError(cause).message}` };
  }
  const benign = Math.round((100 - malignant) * 100) / 100;
  const confidence = Math.round((label === 'Malignant' ? malignant : benign) * 100) / 10_000;
  // The overlay's header gives the input check's status, not its sentence: the overlay itself says why.
  const warning =
    response.headers.get('x-input-check') === 'warning'
      ? { warning: `This does not look like a mammogram (X-Input-Check: warning; the overlay says why), so its verdict means nothing.` }
      : {};
  return { file, ok: true, prediction: label, confidence, benign, malignant, risk, overlay: output, ...warning };
}

async function describePeak(client: NodeClient, file: string): Promise<PredictionRow> {
  const { data, error } = await client.explain(file);
  if (error) return failedRow(file, error);
  const { peak } = data.heatmap;
  return { ...verdictRow(file, data), peak: `${Math.round(peak.x)},${Math.round(peak.y)} (${peak.value.toFixed(2)})` };
}

/** `<name>.overlay.png` in `dir` for each file, numbered when two files share a name. */
function overlayNames(files: readonly string[], dir: string): string[] {
  const used = new Map<string, number>();
  return files.map((file) => {
    const stem = basename(file, extname(file));
    const count = (used.get(stem) ?? 0) + 1;
    used.set(stem, count);
    return join(dir, `${count === 1 ? stem : `${stem}-${count}`}.overlay.png`);
  });
}
