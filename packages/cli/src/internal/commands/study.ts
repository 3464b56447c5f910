import { MAX_STUDY_IMAGES } from '@bcd-api/client';
import type { CliIo, Command, NodeClient } from '../command.js';
import { exitStatus } from '../exit-status.js';
import { type OutputFormat, REFUSED_CODE } from '../format.js';
import { formatStudies, type StudyOutcome } from '../format-studies.js';
import { groupStudies, type Skipped, type StudyGroups } from '../group-studies.js';
import { UsageError } from '../usage-error.js';

/** `bcd-api study`: one examination's images, each classified, combined per breast and for the study. */
export const study: Command = {
  name: 'study',
  usage: {
    line: 'study <folders or files...>',
    about: [
      "one examination's images, combined per breast and for the",
      'study: DICOM grouped by study (tags give side and view),',
      'other images by name (L-CC.png, right_mlo.jpg, ...)',
    ],
  },
  options: [],
  async run(args, { api, io }) {
    const { client, format } = api();
    if (args.length === 0) throw new UsageError('study needs a folder or the files of one examination.');
    const { studies, skipped } = await groupStudies(args);
    const outcomes = await runStudies(client, studies);
    io.stdout.write(formatStudies(outcomes, format));
    return reportStudies(outcomes, skipped, format, io);
  },
};

/** Sends each group as one `POST /predict-study`, one after the other; a group over the limit is refused here. */
async function runStudies(client: NodeClient, groups: StudyGroups['studies']): Promise<StudyOutcome[]> {
  const outcomes: StudyOutcome[] = [];
  for (const { label, files } of groups) {
    const names = files.map((f) => (typeof f === 'string' ? f : f.file));
    if (files.length > MAX_STUDY_IMAGES) {
      outcomes.push({
        label,
        files: names,
        error: { code: 'TOO_MANY_FILES', message: `${files.length} images; a study takes at most ${MAX_STUDY_IMAGES}.` },
      });
      continue;
    }
    const { data, error } = await client.predictStudy(files);
    outcomes.push(data ? { label, files: names, data } : { label, files: names, error: { code: error.code, message: error.message } });
  }
  return outcomes;
}

/**
 * After the table: the skipped files, each failed or refused image, the verdicts given with a
 * warning and the missing views, then the rule and a summary (on stderr after JSON or CSV).
 * Returns the exit status.
 */
export function reportStudies(outcomes: readonly StudyOutcome[], skipped: readonly Skipped[], format: OutputFormat, io: CliIo): number {
  const summary = format === 'table' ? io.stdout : io.stderr;
  let failed = skipped.length;
  let refused = 0;
  summary.write('\n');
  for (const s of skipped) summary.write(`SKIPPED ${s.file}: ${s.reason}\n`);
  for (const o of outcomes) {
    if ('error' in o) {
      failed++;
      summary.write(`FAILED ${o.label}: ${o.error.message} (${o.error.code})\n`);
      continue;
    }
    for (const [i, r] of o.data.results.entries()) {
      const file = o.files[i] ?? r.filename;
      if (!('error' in r)) {
        if (r.input_check.status === 'warning')
          summary.write(`WARNING ${file}: ${r.input_check.warning ?? 'not taken for a mammogram.'}\n`);
      } else if (r.code === REFUSED_CODE) {
        refused++;
        summary.write(`REFUSED ${file}: ${r.error}\n`);
      } else {
        failed++;
        summary.write(`FAILED ${file}: ${r.error} (${r.code})\n`);
      }
    }
    if (o.data.missing_views.length) summary.write(`${o.label}: missing views ${o.data.missing_views.join(', ')}\n`);
  }
  const [first] = outcomes.flatMap((o) => ('data' in o ? [o.data.rule] : []));
  if (first) summary.write(`Rule: ${first}\n`);
  const refusals = refused ? `${refused} image${refused === 1 ? ' refused as not a mammogram' : 's refused as not mammograms'}, ` : '';
  summary.write(
    `${outcomes.length} stud${outcomes.length === 1 ? 'y' : 'ies'}, ${refusals}${failed} problem${failed === 1 ? '' : 's'}.\nFor education and research only. Not for medical diagnosis.\n`,
  );
  return exitStatus(failed, refused);
}
