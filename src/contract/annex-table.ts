/**
 * The annex table (产品类别 / 产品名称 / 产品内容 / 产品规格): found in the annex, read as tab/pipe-separated rows
 * or as cells flattened by extraction, matched to the entitlement catalog, and turned into quotas.
 */
import type { QuotaTerm } from "../domain/model.js";
import type { EntitlementDoc, ParseWarning } from "../domain/contract-document.js";
import { matchCatalogEntry, type CatalogEntry } from "../domain/entitlement-catalog.js";
import { compactQuantityText, parseQuantityNumber, toGigabytes } from "../domain/chinese-quantity.js";
import { categoryOf, parseFlattenedTable, type AnnexRow } from "./annex-flat-table.js";
import { isClauseHeading } from "./clause-splitter.js";

export type { AnnexRow } from "./annex-flat-table.js";

/** The table found in the annex: its rows and the lines it covers (left out of clause text). */
export interface AnnexTable {
  layout: "tsv" | "flattened";
  headerLine: number;
  endLine: number;
  rows: AnnexRow[];
}

const HEADER_WINDOW = 6;
const END_RE = /^(?:具体服务规格|具体服务|以上(?:产品|服务|权益)|注\s*[:：]|备注\s*[:：]|说明\s*[:：])/u;
const SEPARATOR_RE = /^[\s\t|:：\-—=]+$/u;
const SIGNATURE_RE = /^甲\s*方\s*(?:[(（][^)）]{0,8}[)）]\s*)?[:：]/u;

const compactText = (s: string) => s.replace(/[\s*|]/g, "");
const isHeaderText = (s: string) => /产品名称|权益名称|服务名称/u.test(s) && /规格|产品内容|服务内容|权益内容|数量/u.test(s);

function splitCells(line: string): string[] {
  if (line.includes("\t")) return line.split("\t").map((c) => c.trim());
  const t = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return t.split("|").map((c) => c.trim());
}
const isTableLine = (line: string) => line.includes("\t") || /^\s*\|.*\|\s*$/u.test(line);

/** Reads a tab- or pipe-separated table whose header is at `header`. */
function parseTsv(lines: readonly string[], header: number, to: number): { rows: AnnexRow[]; end: number } {
  const head = splitCells(lines[header]);
  const col = (re: RegExp, fallback: number) => {
    const i = head.findIndex((h) => re.test(compactText(h)));
    return i >= 0 ? i : fallback;
  };
  const nameIdx = col(/名称/u, 1);
  const catIdx = col(/类别|分类|类型/u, -1);
  const descIdx = col(/内容|说明|描述/u, nameIdx + 1);
  const specIdx = col(/规格|数量|额度/u, descIdx + 1);
  const rows: AnnexRow[] = [];
  // Continuation cells of each row, joined once at the end (trimming a growing string on every line re-reads it).
  const more = new Map<AnnexRow, { description: string[]; spec: string[] }>();
  let category: AnnexRow["category"] = null;
  let blanks = 0;
  let end = header + 1;
  for (let i = header + 1; i < to; i++) {
    const line = lines[i];
    if (line.trim() === "") {
      if (++blanks > 2) break;
      continue;
    }
    if (!isTableLine(line)) break;
    blanks = 0;
    end = i + 1;
    if (SEPARATOR_RE.test(line)) continue;
    const cells = splitCells(line);
    const cell = (idx: number) => (idx >= 0 ? (cells[idx] ?? "") : "");
    const cat = categoryOf(cell(catIdx));
    if (cat !== null) category = cat;
    const name = cell(nameIdx);
    if (name === "") {
      const prev = rows[rows.length - 1];
      const parts = prev ? more.get(prev) : undefined;
      if (parts && cell(descIdx) !== "") parts.description.push(cell(descIdx));
      if (parts && cell(specIdx) !== "") parts.spec.push(cell(specIdx));
      continue;
    }
    const row: AnnexRow = { name, category, description: cell(descIdx), spec: cell(specIdx), line: i };
    rows.push(row);
    more.set(row, { description: [row.description], spec: [row.spec] });
  }
  for (const [row, parts] of more) {
    row.description = parts.description.join("");
    row.spec = parts.spec.filter((p) => p !== "").join(" ");
  }
  return { rows, end };
}

/**
 * Finds the header of the product table in lines [from, to): one line, or up to six lines for split cells.
 * Lines that are empty once compacted ("|", "**") are skipped; a window starting on one of them reads the same
 * cells as the window starting at the next non-empty line, so each non-empty line is tried once (not once per
 * empty line before it, which is quadratic in a run of them).
 */
function findHeader(lines: readonly string[], from: number, to: number): { line: number; last: number } | null {
  const cells: { line: number; text: string }[] = [];
  for (let i = from; i < to; i++) {
    const text = compactText(lines[i]);
    if (isHeaderText(text)) return { line: i, last: i };
    if (text !== "") cells.push({ line: i, text });
  }
  for (let k = 0; k < cells.length; k++) {
    let acc = "";
    for (let j = k, seen = 0; j < cells.length && seen < HEADER_WINDOW; j++) {
      const cell = cells[j];
      if (cell.text.length > 8) break;
      seen++;
      acc += cell.text;
      if (isHeaderText(acc) && seen > 1) return { line: k === 0 ? from : cells[k - 1].line + 1, last: cell.line };
    }
  }
  return null;
}

/** Finds and reads the annex table in lines [from, to) (the annex), or returns null when there is none. */
export function readAnnexTable(lines: readonly string[], from: number, to: number): AnnexTable | null {
  const header = findHeader(lines, from, to);
  if (!header) return null;
  if (header.line === header.last && isTableLine(lines[header.line])) {
    const { rows, end } = parseTsv(lines, header.line, to);
    return { layout: "tsv", headerLine: header.line, endLine: end, rows };
  }
  let end = header.last + 1;
  while (end < to) {
    const t = lines[end].trim();
    if (END_RE.test(t) || SIGNATURE_RE.test(t) || (isClauseHeading(t) && /^(?:\d+\.\d|[一二三四五六七八九十]+\s*[、.]|、|第)/u.test(t))) break;
    end++;
  }
  return { layout: "flattened", headerLine: header.line, endLine: end, rows: parseFlattenedTable(lines, header.last + 1, end) };
}

/** Reads the quotas of one catalog entry from its spec cell (and description where the catalog allows). */
export function extractQuotas(entry: CatalogEntry, spec: string, description: string): QuotaTerm[] {
  const out: QuotaTerm[] = [];
  const specText = compactQuantityText(spec);
  const descText = compactQuantityText(description);
  for (const metric of entry.metrics) {
    const texts = metric.source === "any" ? [specText, descText] : [specText];
    for (const text of texts) {
      const m = metric.pattern.exec(text);
      const raw = m?.groups?.n;
      if (!m || raw === undefined) continue;
      const n = parseQuantityNumber(raw);
      if (n === null) continue;
      const limit = m.groups?.u ? (toGigabytes(n, m.groups.u) ?? n) : n;
      let period = metric.period;
      if (period === "year" || period === "month") {
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
        const before = text.slice(Math.max(0, m.index - 2), m.index);
        const per = /^(?:\/|每)(月|年)/u.exec(after)?.[1] ?? /每(月|年)$/u.exec(before)?.[1];
        if (per) period = per === "月" ? "month" : "year";
      }
      out.push({ metric: metric.metric, limit, unit: metric.unit, period });
      break;
    }
  }
  return out;
}

/** Turns table rows into entitlements; rows the catalog lacks become `other:<name>` with a warning. */
export function rowsToEntitlements(rows: readonly AnnexRow[]): { entitlements: EntitlementDoc[]; warnings: ParseWarning[] } {
  const entitlements: EntitlementDoc[] = [];
  const warnings: ParseWarning[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.replace(/\s+/gu, " ").trim();
    if (name === "" || categoryOf(name) !== null) continue;
    const entry = row.entry ?? matchCatalogEntry(name);
    const code = entry ? entry.code : `other:${name.replace(/\s+/gu, "")}`;
    if (seen.has(code)) {
      warnings.push({ code: "DUPLICATE_ENTITLEMENT", message: `附件表格中「${name}」出现了多次，只保留第一行。` });
      continue;
    }
    seen.add(code);
    if (!entry) {
      warnings.push({
        code: "UNKNOWN_ENTITLEMENT",
        message: `附件表格中的「${name}」不在权益目录中，已记为 ${code}（不跟踪额度）；如需跟踪，请手动录入额度。`,
      });
    }
    entitlements.push({
      code,
      name,
      category: entry ? entry.category : (row.category ?? "feature"),
      description: row.description.trim(),
      quotas: entry ? extractQuotas(entry, row.spec, row.description) : [],
      spec: row.spec.trim(),
    });
  }
  return { entitlements, warnings };
}
