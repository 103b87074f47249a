/**
 * The benchmarks' only output: one compact table of figures, each with its
 * budget from DESIGN.md ("Budgets") and OK or OVER. Rows without a budget
 * are context (for example the runtime's own floor) and show no verdict.
 * Nothing here fails the run: an OVER is a figure to read, not an error.
 */

export interface Row {
  /** What was measured, e.g. `page / gzip`. */
  name: string;
  /** The figure, already formatted with its unit. */
  value: string;
  /** The budget, formatted, when this figure has one. */
  budget?: string;
  /** Within budget; undefined for rows without one. */
  ok?: boolean;
  /** Supporting detail: other encodings, status codes, percentiles. */
  detail?: string;
}

export function printTable(title: string, rows: Row[]): void {
  const head: Row = { name: 'figure', value: 'value', budget: 'budget', detail: 'detail' };
  const verdict = (r: Row) =>
    r === head ? 'status' : r.ok === undefined ? '' : r.ok ? 'OK' : 'OVER';
  const all = [head, ...rows];
  const width = (pick: (r: Row) => string) => Math.max(...all.map((r) => pick(r).length));
  const w = {
    name: width((r) => r.name),
    value: width((r) => r.value),
    budget: width((r) => r.budget ?? ''),
    verdict: width(verdict),
  };
  const line = (r: Row) =>
    [
      r.name.padEnd(w.name),
      r.value.padStart(w.value),
      (r.budget ?? '').padStart(w.budget),
      verdict(r).padEnd(w.verdict),
      r.detail ?? '',
    ]
      .join('  ')
      .trimEnd();
  console.log(`\n${title}\n`);
  console.log(line(head));
  console.log('-'.repeat(line(head).length + 8));
  for (const row of rows) console.log(line(row));
}
