import type { PacsAnalysisResponse } from '@bcd-api/contract';
import type { Command } from '../command.js';
import { formatStudies, type StudyOutcome } from '../format-studies.js';
import { UsageError } from '../usage-error.js';
import { reportStudies } from './study.js';

/**
 * `bcd-api pacs analyze <StudyInstanceUID...>`: each study analysed in the server's PACS and its
 * results stored back there as DICOM, one study after the other; then what was stored.
 */
export const pacs: Command = {
  name: 'pacs',
  usage: {
    line: 'pacs analyze <StudyInstanceUID...>',
    about: [
      "studies in the server's PACS (its DICOMWEB_URL): each",
      'analysed, and its results stored back into it as DICOM',
      '(a TID 1500 SR and heatmap Secondary Captures), once',
    ],
  },
  options: [],
  async run(args, { api, io }) {
    const [action, ...uids] = args;
    if (action !== 'analyze')
      throw new UsageError(`pacs takes one action, analyze, ${action === undefined ? 'and none was given' : `not '${action}'`}.`);
    if (uids.length === 0) throw new UsageError('pacs analyze needs the Study Instance UID of at least one study.');
    const { client, format } = api();
    const outcomes: StudyOutcome[] = [];
    const answers: PacsAnalysisResponse[] = [];
    for (const uid of uids) {
      const { data, error } = await client.analyzePacsStudy(uid);
      if (data) answers.push(data);
      outcomes.push(
        data
          ? { label: uid, files: data.result.results.map((r) => r.filename), data: data.result }
          : { label: uid, files: [], error: { code: error.code, message: error.message } },
      );
    }
    // JSON carries the whole answers, stored UIDs included; the table and CSV the analysis, then what was stored.
    io.stdout.write(format === 'json' ? `${JSON.stringify(answers, null, 2)}\n` : formatStudies(outcomes, format));
    const status = reportStudies(outcomes, [], format, io);
    const summary = format === 'table' ? io.stdout : io.stderr;
    for (const a of answers) {
      const { report, overlays } = a.stored;
      const what = `report ${report.sop_instance_uid} (SR ${report.sop_class_uid}) and ${overlays.length} heatmap overlay${overlays.length === 1 ? '' : 's'}`;
      summary.write(
        `${a.already_stored ? 'ALREADY STORED' : 'STORED'} ${a.study_instance_uid}: ${what}, by ${a.model.name} ${a.model.version}\n`,
      );
    }
    // A study that failed counts as a failure in reportStudies.
    return status;
  },
};
