import type { ClientError } from '@bcd-api/client';
import type { BatchItemSuccess, ErrorCode, RiskLevelName } from '@bcd-api/contract';

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
  };
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
      ...extras.map(([key]) => key),
      ...(warned ? ['input_check_warning'] : []),
      'error_code',
      'error',
    ];
    const warningCell = (r: PredictionRow): string[] => (warned ? [r.ok ? (r.warning ?? '') : ''] : []);
    const lines = rows.map((r) =>
      (r.ok
        ? [r.file, 'ok', r.prediction, r.confidence, r.benign, r.malignant, r.risk, ...extraCells(r), ...warningCell(r), '', '']
        : [r.file, status(r), '', '', '', '', '', ...extraCells(r), ...warningCell(r), r.code, r.error]
      )
        .map(csvCell)
        .join(','),
    );
    return `${[header.join(','), ...lines].join('\n')}\n`;
  }
  const warningCell = (r: PredictionRow): string[] => (warned ? [r.ok && r.warning !== undefined ? 'WARNING' : '-'] : []);
  return renderTable(
    ['FILE', 'PREDICTION', 'CONFIDENCE', 'MALIGNANT %', 'RISK', ...(warned ? ['INPUT CHECK'] : []), ...extras.map(([, title]) => title)],
    rows.map((r) =>
      r.ok
        ? [r.file, r.prediction, r.confidence.toFixed(4), r.malignant.toFixed(2), r.risk, ...warningCell(r), ...extraCells(r)]
        : [r.file, status(r).toUpperCase(), '-', '-', r.code, ...warningCell(r), ...extras.map(() => '-')],
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
