// The usage text is made from the command table, the option table and the exit statuses: it
// reads as it did when it was written by hand, and it documents every command and option.
import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../src/internal/command-table.js';
import { OPTIONS } from '../src/internal/options.js';
import { usageText } from '../src/internal/usage.js';

/** The text as it was written by hand before the command table, with `pacs` since (10 is the contract's MAX_BATCH_FILES). */
const HAND_WRITTEN = `Usage: bcd-api <command> [options]

Commands:
  predict <files, folders or globs...>  classify images (PNG, JPEG, WebP, TIFF, DICOM)
  explain <files, folders or globs...>  classify images and show where the model looked:
                                        with -o or --out-dir, write heatmap overlays (PNG);
                                        without, print each heatmap's peak
  study <folders or files...>           one examination's images, combined per breast and for the
                                        study: DICOM grouped by study (tags give side and view),
                                        other images by name (L-CC.png, right_mlo.jpg, ...)
  pacs analyze <StudyInstanceUID...>    studies in the server's PACS (its DICOMWEB_URL): each
                                        analysed, and its results stored back into it as DICOM
                                        (a TID 1500 SR and heatmap Secondary Captures), once
  health                                service and model status
  model                                 the served model's card

Options:
  --url <url>            the API (default: $BCD_API_URL or http://localhost:7860)
  --format <format>      table, json or csv (default: table)
  --concurrency <n>      requests in flight (default: 2); predict sends up to 10 files per request
  -o, --output <file>    explain, one image: where to write its overlay
  --out-dir <folder>     explain: write <name>.overlay.png for each image into this folder
  --opacity <0-1>        explain: the heatmap's opacity over the image (default: the server's, 0.45)
  --timeout <ms>         limit per request (default: 120000)
  --retries <n>          retries after network errors, 429 and 503 (default: 2)
  --no-progress          no progress bar (it is drawn only on a terminal anyway)
  -h, --help             this text
  -v, --version          the version

Exit status:
  0  every file was classified
  1  some file failed (unreadable, network, server error...)
  2  usage error
  3  no file failed, but some were refused as not mammograms (the server's input check)
A verdict the server gave with an input-check warning (INPUT_CHECK=warn) is marked WARNING,
with the reason after the results; it leaves the exit status as it is.
For education and research only. Not for medical diagnosis.
`;

describe('the usage text', () => {
  test('is the hand-written text, made from the tables', () => {
    expect(usageText(COMMANDS)).toBe(HAND_WRITTEN);
  });

  test('lists every command asked for by name, and every option', () => {
    const usage = usageText(COMMANDS);
    for (const command of COMMANDS) {
      if ('line' in command.usage) expect(usage).toMatch(new RegExp(`\\n  ${command.name}\\b`));
      else expect(usage).toContain(`--${command.usage.option}`);
    }
    for (const option of Object.values(OPTIONS)) expect(usage).toContain(`  ${option.label}  `);
  });

  test('gives each option a command that takes it, or shares it', () => {
    const claimed = COMMANDS.flatMap((c) => c.options);
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const option of claimed) expect(Object.keys(OPTIONS)).toContain(option);
  });
});
