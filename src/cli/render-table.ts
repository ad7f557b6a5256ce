/**
 * Renders rows as an aligned plain-text table (no colours, so it survives logs and pipes).
 * Cells are cut to `maxWidth` characters so one long headline cannot wreck the layout.
 */
export function renderTable(headers: string[], rows: string[][], maxWidth = 70): string {
  const clip = (s: string): string => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + '…' : s);
  const cells = [headers, ...rows].map((r) => r.map((c) => clip(c.replace(/\s+/g, ' '))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [head, ...body] = cells;
  return [line(head ?? []), rule, ...body.map(line)].join('\n') + '\n';
}
