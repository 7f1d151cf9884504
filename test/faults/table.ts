/** The matrix's bookkeeping: a hard time limit per cell, and the printed table with its counts. */
import type { OpId, Operation } from './operations';
import type { Expected, Scenario } from './scenarios';

export interface Cell {
  readonly scenario: string;
  readonly op: OpId;
  readonly expected: Expected;
  actual: string;
  /** undefined: not applicable. */
  pass: boolean | undefined;
  ms: number;
  note: string;
  fired?: number;
  retries?: number;
  waits?: number;
  restarts?: number;
  landed?: boolean | undefined;
}

export class HungError extends Error {}

/** Resolves or rejects like `promise`, or rejects with HungError after `ms`. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HungError(`hung: ${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function text(cell: Cell | undefined): string {
  if (!cell) return '-';
  if (cell.pass === undefined) return 'n/a';
  const marks: string[] = [];
  if (cell.waits) marks.push(cell.waits === 1 ? 'waited' : `waited ${cell.waits}×`);
  if (cell.retries) marks.push(cell.retries === 1 ? 'retried' : `retried ${cell.retries}×`);
  if (cell.restarts) marks.push('restarted');
  if (cell.landed === true && cell.actual !== 'ok') marks.push('landed');
  const out = marks.length ? `${cell.actual} (${marks.join(', ')})` : cell.actual;
  if (cell.pass) return out;
  return cell.actual === cell.expected.outcome ? `✗ ${out}` : `✗ ${out}, want ${cell.expected.outcome}`;
}

export function printTable(cells: readonly Cell[], scenarios: readonly Scenario[], ops: readonly Operation[], totalMs: number): void {
  const first = Math.max(8, ...scenarios.map((s) => s.name.length));
  const rows = scenarios.map((s) => ops.map((op) => text(cells.find((c) => c.scenario === s.name && c.op === op.id))));
  const widths = ops.map((op, i) => Math.max(op.label.length, ...rows.map((r) => r[i]!.length)));
  const line = (name: string, values: readonly string[]) => `${name.padEnd(first)} | ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')}`;
  const out: string[] = ['', 'Fault matrix: scenario × operation → outcome', ''];
  out.push(line('scenario', ops.map((o) => o.label)));
  out.push(`${'-'.repeat(first)}-+-${widths.map((w) => '-'.repeat(w)).join('-+-')}`);
  scenarios.forEach((s, i) => out.push(line(s.name, rows[i]!)));
  const run = cells.filter((c) => c.pass !== undefined);
  const passed = run.filter((c) => c.pass).length;
  const byOutcome = new Map<string, number>();
  for (const c of run) byOutcome.set(c.actual, (byOutcome.get(c.actual) ?? 0) + 1);
  const landedFailures = run.filter((c) => c.landed === true && c.actual !== 'ok').length;
  out.push('');
  out.push(
    `${scenarios.length} scenarios × ${ops.length} operations = ${scenarios.length * ops.length} cells: ` +
      `${run.length} run, ${passed} passed, ${run.length - passed} failed, ${cells.length - run.length} not applicable; ` +
      `${(totalMs / 1000).toFixed(1)} s.`,
  );
  out.push(`Outcomes: ${[...byOutcome].map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  out.push(`Writes reported as failed that had landed (the person is told, and a re-read shows the server's truth): ${landedFailures}.`);
  out.push('waited = a 429 was waited out as told; retried = a read was sent again after a 5xx, network error or timeout;');
  out.push('restarted = a listing restarted once after its offset expired; landed = the write reached Asana although it was reported failed.');
  const notes = cells.filter((c) => c.pass !== true || (c.landed === true && c.actual !== 'ok'));
  if (notes.length) {
    out.push('');
    for (const c of notes) out.push(`  ${c.scenario} / ${c.op}: ${c.note}`);
  }
  console.log(out.join('\n'));
}
