import type { ClientError } from '@bcd-api/client';
import type { BatchItemSuccess, BreastScreening, ErrorCode, RiskLevelName, ScreeningResult } from '@bcd-api/contract';

/** One line of `predict`'s output. */
export type PredictionRow =
  | {
      file: string;
      ok: true;
      prediction: 'Benign' | 'Malignant';
      confidence: number;
      benign: number;
      malignant: number;
      risk: RiskLevelName;
      /** `explain` with an output: where the overlay was written. */
      overlay?: string;
      /** `explain` without an output: the heatmap's peak, `x,y (value)` in image pixels. */
      peak?: string;
      /**
       * The server (set to `INPUT_CHECK=warn`) gave the verdict although the image does not look
       * like a mammogram: its sentence saying why, and that the verdict then means nothing.
       */
      warning?: string;
      /** With a model that has screening operating points: the server's `screening`, as it gave it. */
      screening?: ScreeningResult;
    }
  | { file: string; ok: false; code: string; error: string };

/** The code of a file the server refused as not a mammogram: listed apart from failures, with its own exit status. */
export const REFUSED_CODE = 'NOT_A_MAMMOGRAM' satisfies ErrorCode;

/** True for the row of a file the server refused as not a mammogram. */
export function isRefused(row: PredictionRow): row is Extract<PredictionRow, { ok: false }> {
  return !row.ok && row.code === REFUSED_CODE;
}

/** The row of a verdict: the answer of `POST /predict`, `POST /explain` or one entry of `POST /batch-predict`. */
export function verdictRow(file: string, verdict: Omit<BatchItemSuccess, 'filename'>): Extract<PredictionRow, { ok: true }> {
  const { input_check: check } = verdict;
  return {
    file,
    ok: true,
    prediction: verdict.prediction,
    confidence: verdict.confidence,
    benign: verdict.probabilities.benign,
    malignant: verdict.probabilities.malignant,
    risk: verdict.risk_assessment.level,
    ...(check.status === 'warning' ? { warning: check.warning ?? 'This does not look like a mammogram; the verdict means nothing.' } : {}),
    ...(verdict.screening ? { screening: verdict.screening } : {}),
  };
}

/** A share as a percentage with two significant digits, e.g. `0.21%`, `0.7%`, `66%`: small at screening prevalences. */
const share = (x: number): string => `${Number((x * 100).toPrecision(2))}%`;

/**
 * A `screening` in words for a table: the category, and the malignant probability at the
 * server's prevalence when it gives one, e.g. `elevated (0.21% at prevalence 0.7%)`; a breast
 * has the probability only.
 */
export function screeningText(screening: ScreeningResult | BreastScreening | undefined): string {
  if (!screening) return '';
  const at =
    'malignant_probability' in screening && screening.malignant_probability !== undefined && screening.prevalence !== undefined
      ? `${share(screening.malignant_probability)} at prevalence ${share(screening.prevalence)}`
      : undefined;
  if (!('category' in screening)) return at ?? '';
  return at ? `${screening.category} (${at})` : screening.category;
}

/** The row of a file the SDK reports an error for: its code and its sentence. */
export function failedRow(file: string, error: ClientError): Extract<PredictionRow, { ok: false }> {
  return { file, ok: false, code: error.code, error: error.message };
}

/** Output formats of the CLI. */
export type OutputFormat = 'table' | 'json' | 'csv';

/** Lays out rows as a plain-text table with aligned columns. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** One CSV cell, quoted when it holds a quote, a comma or a line break. */
export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns `explain` adds to `predict`'s, present when a row has them. */
const EXTRA_COLUMNS = [
  ['overlay', 'OVERLAY'],
  ['peak', 'PEAK'],
] as const;

/**
 * Renders `predict`'s (and `explain`'s) rows in a format. A refused file's status is `refused`
 * (`REFUSED` in a table) rather than `failed`; when any verdict came with an input-check
 * warning, a column says which (`WARNING` in a table, the server's sentence in CSV).
 */
export function formatPredictions(rows: readonly PredictionRow[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const extras = EXTRA_COLUMNS.filter(([key]) => rows.some((r) => r.ok && r[key] !== undefined));
  const warned = rows.some((r) => r.ok && r.warning !== undefined);
  const screened = rows.some((r) => r.ok && r.screening !== undefined);
  const extraCells = (r: PredictionRow): string[] => extras.map(([key]) => (r.ok ? (r[key] ?? '') : ''));
  const status = (r: Extract<PredictionRow, { ok: false }>): string => (isRefused(r) ? 'refused' : 'failed');
  if (format === 'csv') {
    const header = [
      'file',
      'status',
      'prediction',
      'confidence',
      'benign_percent',
      'malignant_percent',
      'risk_level',
      ...(screened ? ['screening_category', 'screening_prevalence', 'screening_malignant_probability'] : []),
      ...extras.map(([key]) => key),
      ...(warned ? ['input_check_warning'] : []),
      'error_code',
      'error',
    ];
    const warningCell = (r: PredictionRow): string[] => (warned ? [r.ok ? (r.warning ?? '') : ''] : []);
    const screeningCells = (r: PredictionRow): Array<string | number> => {
      if (!screened) return [];
      const s = r.ok ? r.screening : undefined;
      return [s?.category ?? '', s?.prevalence ?? '', s?.malignant_probability ?? ''];
    };
    const lines = rows.map((r) =>
      (r.ok
        ? [
            r.file,
            'ok',
            r.prediction,
            r.confidence,
            r.benign,
            r.malignant,
            r.risk,
            ...screeningCells(r),
            ...extraCells(r),
            ...warningCell(r),
            '',
            '',
          ]
        : [r.file, status(r), '', '', '', '', '', ...screeningCells(r), ...extraCells(r), ...warningCell(r), r.code, r.error]
      )
        .map(csvCell)
        .join(','),
    );
    return `${[header.join(','), ...lines].join('\n')}\n`;
  }
  const warningCell = (r: PredictionRow): string[] => (warned ? [r.ok && r.warning !== undefined ? 'WARNING' : '-'] : []);
  const screeningCell = (r: PredictionRow): string[] => (screened ? [(r.ok && screeningText(r.screening)) || '-'] : []);
  return renderTable(
    [
      'FILE',
      'PREDICTION',
      'CONFIDENCE',
      'MALIGNANT %',
      'RISK',
      ...(screened ? ['SCREENING'] : []),
      ...(warned ? ['INPUT CHECK'] : []),
      ...extras.map(([, title]) => title),
    ],
    rows.map((r) =>
      r.ok
        ? [
            r.file,
            r.prediction,
            r.confidence.toFixed(4),
            r.malignant.toFixed(2),
            r.risk,
            ...screeningCell(r),
            ...warningCell(r),
            ...extraCells(r),
          ]
        : [r.file, status(r).toUpperCase(), '-', '-', r.code, ...screeningCell(r), ...warningCell(r), ...extras.map(() => '-')],
    ),
  );
}

/** Renders a flat record (health, model card summary) in a format. */
export function formatRecord(record: Record<string, string | number>, format: OutputFormat, full?: unknown): string {
  if (format === 'json') return `${JSON.stringify(full ?? record, null, 2)}\n`;
  if (format === 'csv') return `${['key,value', ...Object.entries(record).map(([k, v]) => `${csvCell(k)},${csvCell(v)}`)].join('\n')}\n`;
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  return `${Object.entries(record)
    .map(([k, v]) => `${k.padEnd(width)}  ${v}`)
    .join('\n')}\n`;
}
