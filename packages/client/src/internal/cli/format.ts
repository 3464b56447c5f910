import type { RiskLevelName } from '@bcd-api/contract';

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
    }
  | { file: string; ok: false; code: string; error: string };

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

/** Renders `predict`'s (and `explain`'s) rows in a format. */
export function formatPredictions(rows: readonly PredictionRow[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const extras = EXTRA_COLUMNS.filter(([key]) => rows.some((r) => r.ok && r[key] !== undefined));
  const extraCells = (r: PredictionRow): string[] => extras.map(([key]) => (r.ok ? (r[key] ?? '') : ''));
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
      'error_code',
      'error',
    ];
    const lines = rows.map((r) =>
      (r.ok
        ? [r.file, 'ok', r.prediction, r.confidence, r.benign, r.malignant, r.risk, ...extraCells(r), '', '']
        : [r.file, 'failed', '', '', '', '', '', ...extraCells(r), r.code, r.error]
      )
        .map(csvCell)
        .join(','),
    );
    return `${[header.join(','), ...lines].join('\n')}\n`;
  }
  return renderTable(
    ['FILE', 'PREDICTION', 'CONFIDENCE', 'MALIGNANT %', 'RISK', ...extras.map(([, title]) => title)],
    rows.map((r) =>
      r.ok
        ? [r.file, r.prediction, r.confidence.toFixed(4), r.malignant.toFixed(2), r.risk, ...extraCells(r)]
        : [r.file, 'FAILED', '-', '-', r.code, ...extras.map(() => '-')],
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
