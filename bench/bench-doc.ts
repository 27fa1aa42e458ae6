import { cpus, loadavg } from "node:os";

/** One table a bench printed: its title and rows, as `printTable` received them. */
export interface BenchTable {
  title: string;
  rows: Record<string, string | number>[];
}

/** Where and with what a run was measured, printed under every generated table. */
export interface RunEnvironment {
  date: string;
  node: string;
  cores: number;
  load: string;
}

/** The environment of this process now (date in UTC, Node version, cores, 1-minute load average). */
export function currentEnvironment(now = new Date()): RunEnvironment {
  return { date: now.toISOString().slice(0, 10), node: process.version, cores: cpus().length, load: loadavg()[0]!.toFixed(1) };
}

/** A cell as the document writes figures: whole numbers with thousands separators, others as printed. */
function cell(v: string | number): string {
  const s = typeof v === "number" ? (Number.isInteger(v) ? v.toLocaleString("en-US") : String(v)) : v;
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A markdown table with the union of the rows' keys as columns, in first-seen order. */
export function markdownTable(rows: Record<string, string | number>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(columns.map(cell)), line(columns.map(() => "---")), ...rows.map((r) => line(columns.map((c) => (r[c] === undefined ? "" : cell(r[c]!)))))].join("\n");
}

/** The generated body of one bench's block: each table under its title, then where it was measured. */
export function renderBlock(tables: BenchTable[], env: RunEnvironment): string {
  const parts = tables.map((t) => `${t.title}\n\n${markdownTable(t.rows)}`);
  parts.push(`_Written by \`npm run bench\` on ${env.date}: Node ${env.node}, ${env.cores} cores, load average ${env.load} at the end of the run._`);
  return parts.join("\n\n");
}

/** Matches `<!-- bench:NAME -->…<!-- /bench:NAME -->` (the markers stay; what is between them is replaced). */
function blockPattern(name: string): RegExp {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(<!-- bench:${n} -->)[\\s\\S]*?(<!-- /bench:${n} -->)`);
}

/** The document with the block named `name` replaced by `body`, or null when the document has no such block. */
export function replaceBlock(doc: string, name: string, body: string): string | null {
  const re = blockPattern(name);
  if (!re.test(doc)) return null;
  return doc.replace(re, (_m, open: string, close: string) => `${open}\n${body}\n${close}`);
}
