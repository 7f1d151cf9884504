/**
 * The one table `npm run bench` prints, and the JSON it writes. Figures only: nothing here passes
 * or fails on time. Ratios are ours ÷ peer and ours ÷ limit as plain numbers, so for durations
 * below 1 means faster, for throughput above 1 means faster (the unit says which).
 */

export type Unit = 'ms' | 's' | 'KB' | 'MB' | 'count' | 'ops/s' | 'req';

export type Figure = number | string | undefined;

export interface Row {
  readonly scenario: string;
  readonly metric: string;
  readonly unit: Unit;
  readonly ours: Figure;
  readonly peer?: Figure;
  /** The physical limit the setup implies (latency, caps), where there is one. */
  readonly limit?: Figure;
  /** Printed under the table, keyed by the row's number. */
  readonly note?: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly rows: Row[];
  /** Raw samples and settings, for the JSON only. */
  readonly details: Record<string, unknown>;
  readonly seconds: number;
}

export function ratio(a: Figure, b: Figure): number | undefined {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 || a === 0) return undefined;
  return a / b;
}

export function formatFigure(value: Figure, unit: Unit): string {
  if (value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  switch (unit) {
    case 'ms':
      return `${abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'ops/s':
      return `${value.toFixed(0)} ops/s`;
    case 'req':
      return Number.isInteger(value) ? `${value} req` : `${value.toFixed(1)} req`;
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }
}

function formatRatio(r: number | undefined): string {
  if (r === undefined) return '–';
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['scenario', 'metric', 'ours', 'peer', 'limit', 'ours/peer', 'ours/limit'];
  const notes: string[] = [];
  const body = rows.map((row) => {
    let metric = row.metric;
    if (row.note) {
      notes.push(`[${notes.length + 1}] ${row.note}`);
      metric += ` [${notes.length}]`;
    }
    return [
      row.scenario,
      metric,
      formatFigure(row.ours, row.unit),
      formatFigure(row.peer, row.unit),
      formatFigure(row.limit, row.unit),
      formatRatio(ratio(row.ours, row.peer)),
      formatRatio(ratio(row.ours, row.limit)),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const numeric = (i: number): boolean => i >= 2;
  const line = (cells: readonly string[]): string =>
    '| ' + cells.map((c, i) => (numeric(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (numeric(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  const out = [line(header), rule, ...body.map(line)];
  if (notes.length > 0) out.push('', ...notes);
  return out.join('\n');
}
