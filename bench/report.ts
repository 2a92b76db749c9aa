// Result types shared by every benchmark group, the console table, and the BENCHMARKS.md writer.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface Verdict {
  target: string;
  met: boolean;
}

/** Figures that read best side by side (a row per request, a column per measure). */
export interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

export interface BenchResult {
  id: string;
  title: string;
  figures: Figure[];
  tables?: Table[];
  verdicts: Verdict[];
  notes: string[];
}

export function markdownTable(table: Table): string[] {
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [`**${table.title}**`, '', row(table.header), row(table.header.map(() => '---')), ...table.rows.map(row)];
}

export interface Benchmark {
  id: string;
  title: string;
  run(log: (message: string) => void): Promise<BenchResult>;
}

export interface BenchGroup {
  group: string;
  title: string;
  benchmarks: Benchmark[];
}

export function format(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`.trim();
}

export function markdownSection(
  group: BenchGroup,
  result: BenchResult,
  context: { command: string; date: string; machine: string },
): string {
  const lines: string[] = [];
  lines.push(`### ${group.title}: ${result.title}`, '');
  lines.push(`Command: \`${context.command}\`  `);
  lines.push(`Date: ${context.date}  `);
  lines.push(`Machine: ${context.machine}`, '');
  lines.push('| figure | value |', '|---|---|');
  for (const f of result.figures) lines.push(`| ${f.name} | ${format(f.value, f.unit)} |`);
  for (const table of result.tables ?? []) lines.push('', ...markdownTable(table));
  lines.push('', '| target | met |', '|---|---|');
  for (const v of result.verdicts) lines.push(`| ${v.target} | ${v.met ? 'yes' : '**no**'} |`);
  if (result.notes.length > 0) lines.push('', ...result.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

/** Replaces (or appends) the section between `key`'s markers in BENCHMARKS.md, leaving every other section alone. */
export function writeSection(file: string, key: string, body: string): void {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${body}\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
