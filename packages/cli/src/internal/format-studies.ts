import type { StudyImageSuccess, StudyResponse } from '@bcd-api/contract';
import { csvCell, type OutputFormat, REFUSED_CODE, renderTable, screeningText } from './format.js';

/** The outcome of one study: the server's answer or the error, for {@link formatStudies}. */
export type StudyOutcome = { label: string; files: string[] } & ({ data: StudyResponse } | { error: { code: string; message: string } });

/** An image given its verdict with an input-check warning (the server set to INPUT_CHECK=warn). */
function isWarned(result: StudyResponse['results'][number]): result is StudyImageSuccess {
  return 'input_check' in result && result.input_check.status === 'warning';
}

/**
 * Renders the outcomes: per study, its images, its breasts and the study, then what is missing.
 * An image refused as not a mammogram is `REFUSED`; when any verdict came with an input-check
 * warning, an `INPUT CHECK` column marks it `WARNING`, and the breast and the study whose
 * results it entered. With a model that has screening operating points, a `SCREENING` column
 * gives each image's and the study's category, and each value at the server's prevalence.
 */
export function formatStudies(outcomes: readonly StudyOutcome[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(outcomes, null, 2)}\n`;
  const warned = outcomes.some((o) => 'data' in o && o.data.results.some(isWarned));
  const check = (cell: string): string[] => (warned ? [cell] : []);
  const screened = outcomes.some((o) => 'data' in o && o.data.study?.screening !== undefined);
  const screening = (cell: string): string[] => (screened ? [cell] : []);
  const rows: string[][] = [];
  for (const o of outcomes) {
    if ('error' in o) {
      rows.push([o.label, o.files.join(' '), '', '', 'FAILED', '', o.error.code, ...screening(''), ...check('')]);
      continue;
    }
    const warnedSides = new Set(o.data.results.flatMap((r) => (isWarned(r) ? [r.laterality] : [])));
    o.data.results.forEach((r, i) => {
      const file = o.files[i] ?? r.filename;
      rows.push(
        'error' in r
          ? [o.label, file, '', '', r.code === REFUSED_CODE ? 'REFUSED' : 'FAILED', '', r.code, ...screening(''), ...check('')]
          : [
              o.label,
              file,
              r.laterality,
              r.view ?? '',
              r.prediction,
              r.probabilities.malignant.toFixed(2),
              r.risk_assessment.level,
              ...screening(screeningText(r.screening)),
              ...check(isWarned(r) ? 'WARNING' : ''),
            ],
      );
    });
    for (const [name, result, warnedIn] of [
      ['left breast', o.data.breasts.left, warnedSides.has('L')],
      ['right breast', o.data.breasts.right, warnedSides.has('R')],
      ['STUDY', o.data.study, warnedSides.size > 0],
    ] as const) {
      rows.push(
        result
          ? [
              o.label,
              `(${name})`,
              '',
              '',
              result.prediction,
              result.probabilities.malignant.toFixed(2),
              result.risk_assessment.level,
              ...screening(screeningText(result.screening)),
              ...check(warnedIn ? 'WARNING' : ''),
            ]
          : [o.label, `(${name})`, '', '', '-', '-', 'no image', ...screening(''), ...check('')],
      );
    }
  }
  const header = ['STUDY', 'FILE', 'SIDE', 'VIEW', 'PREDICTION', 'MALIGNANT %', 'RISK', ...screening('SCREENING'), ...check('INPUT CHECK')];
  if (format === 'csv')
    return `${[header.map((h) => h.toLowerCase().replace(/ %$/, '_percent')), ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
  return renderTable(header, rows);
}
