import type { Command } from '../command.js';
import { expandInputs } from '../expand-inputs.js';
import { explainFiles, type OverlayTarget } from '../explain-files.js';
import { integerOption } from '../options.js';
import { createProgress } from '../progress.js';
import { missingRows, reportRows } from '../report.js';
import { UsageError } from '../usage-error.js';

/** `bcd-api explain`: each image classified with its heatmap, written as an overlay or summed up by its peak. */
export const explain: Command = {
  name: 'explain',
  usage: {
    line: 'explain <files, folders or globs...>',
    about: [
      'classify images and show where the model looked:',
      'with -o or --out-dir, write heatmap overlays (PNG);',
      "without, print each heatmap's peak",
    ],
  },
  options: ['output', 'out-dir', 'opacity'],
  async run(args, { api, values, io }) {
    const { client, format } = api();
    const concurrency = integerOption('concurrency', values.concurrency, 2);
    const { output, 'out-dir': outDir } = values;
    if (args.length === 0) throw new UsageError('explain needs at least one file, folder or glob.');
    if (output !== undefined && outDir !== undefined) throw new UsageError('give -o (one image) or --out-dir (any number), not both.');
    const opacity = opacityOption(values.opacity);
    const started = Date.now();
    const { files, missing } = await expandInputs(args);
    if (output !== undefined && files.length + missing.length !== 1) {
      throw new UsageError(
        `-o names the overlay of one image, and these arguments name ${files.length + missing.length}; use --out-dir <folder>.`,
      );
    }
    const target: OverlayTarget = output !== undefined ? { file: output } : outDir !== undefined ? { dir: outDir } : undefined;
    const progress = createProgress(files.length, io.stderr, !values['no-progress']);
    const rows = await explainFiles(client, files, { target, concurrency, progress, ...(opacity === undefined ? {} : { opacity }) });
    progress.done();
    return reportRows([...rows, ...missingRows(missing)], format, io, started);
  },
};

/** `--opacity`: a number from 0 to 1, or the server's default when absent. */
function opacityOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const opacity = Number(value);
  if (value.trim() === '' || !(opacity >= 0 && opacity <= 1))
    throw new UsageError(`--opacity must be a number from 0 to 1, not "${value}".`);
  return opacity;
}
