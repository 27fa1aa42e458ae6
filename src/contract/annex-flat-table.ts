/**
 * Reads an annex table whose cells were flattened by PDF/DOCX extraction: cells on their own lines or joined by
 * spaces, product names split over lines ("自定义工作台-专业\n版"). Rows are found by the catalog names at the
 * start of a line, then each row's text is split into description and spec (产品规格) cells. Linear in the table's
 * size: a rejected name is judged by the lines right before it, never by everything since the last accepted row.
 */
import type { EntitlementCategory } from "../domain/model.js";
import { CATALOG_NAME_KEYS, normalizeNameChar, type CatalogEntry } from "../domain/entitlement-catalog.js";

/** One row of the annex table as read from the document. */
export interface AnnexRow {
  name: string;
  /** The catalog entry found while reading (flattened layout), if any. */
  entry?: CatalogEntry;
  category: EntitlementCategory | null;
  description: string;
  spec: string;
  line: number;
}

const CATEGORY_RE = /^(功能类|服务类|权益类)(?=\s|$)/u;
const CATEGORIES: Readonly<Record<string, EntitlementCategory>> = { 功能类: "feature", 服务类: "service", 权益类: "benefit" };

/** Maps 功能类/服务类/权益类 to a category, or null. */
export function categoryOf(cell: string): EntitlementCategory | null {
  const m = CATEGORY_RE.exec(cell.trim());
  return m ? CATEGORIES[m[1]] : null;
}

interface Pos {
  line: number;
  col: number;
}
interface Candidate {
  start: Pos;
  end: Pos;
  entry: CatalogEntry;
  name: string;
  afterCategory: boolean;
}

/** The catalog keys by their first character (longest first, as in CATALOG_NAME_KEYS), so a line tries only its own. */
const KEYS_BY_FIRST_CHAR = new Map<string, { key: string; entry: CatalogEntry }[]>();
for (const k of CATALOG_NAME_KEYS) {
  const list = KEYS_BY_FIRST_CHAR.get(k.key[0]) ?? [];
  list.push(k);
  KEYS_BY_FIRST_CHAR.set(k.key[0], list);
}

const isSpecToken = (t: string) => t === "/" || /\d/u.test(t) || /^(?:不限|无限|不限时|无|—|-)$/u.test(t);
const isSpecLine = (l: string) => {
  const t = l.trim();
  return t === "/" || (t.length <= 30 && !/[。；;、]/u.test(t) && (/\d/u.test(t) || /^(?:不限|无限|无)$/u.test(t)));
};
const isSpecParagraph = (p: readonly string[]) => p.length > 0 && p.every(isSpecLine);

/** Finds catalog names at line starts in lines [from, to). */
function findCandidates(lines: readonly string[], from: number, to: number): Candidate[] {
  const pieces: string[] = [];
  const mapLine: number[] = [];
  const mapCol: number[] = [];
  const lineStart: number[] = [];
  const normalized = new Map<string, string>();
  let compactLength = 0;
  for (let i = from; i < to; i++) {
    lineStart[i] = compactLength;
    const line = lines[i];
    for (let c = 0; c < line.length; c++) {
      let n = normalized.get(line[c]);
      if (n === undefined) normalized.set(line[c], (n = normalizeNameChar(line[c])));
      for (const ch of n) {
        pieces.push(ch);
        compactLength += ch.length;
        mapLine.push(i);
        mapCol.push(c);
      }
    }
  }
  const compact = pieces.join("");
  const out: Candidate[] = [];
  for (let i = from; i < to; i++) {
    const trimmed = lines[i].trimStart();
    if (trimmed === "") continue;
    let s = lineStart[i];
    const cat = CATEGORY_RE.exec(trimmed);
    if (cat) s += cat[1].length;
    if (s >= compact.length) continue;
    for (const { key, entry } of KEYS_BY_FIRST_CHAR.get(compact[s]) ?? []) {
      if (!compact.startsWith(key, s)) continue;
      const start: Pos = { line: mapLine[s], col: mapCol[s] };
      const last: Pos = { line: mapLine[s + key.length - 1], col: mapCol[s + key.length - 1] };
      if (last.line - start.line > 2) continue;
      const next = lines[last.line][last.col + 1];
      if (next !== undefined && !/\s/u.test(next)) continue;
      const name = lines.slice(start.line, last.line + 1).map((l, k, arr) => {
        const a = k === 0 ? start.col : 0;
        const b = k === arr.length - 1 ? last.col + 1 : l.length;
        return l.slice(a, b).trim();
      }).join("");
      out.push({ start, end: { line: last.line, col: last.col + 1 }, entry, name, afterCategory: cat !== null });
      break;
    }
  }
  return out;
}

/** The text between two positions, as lines. */
function sliceLines(lines: readonly string[], a: Pos, b: Pos): string[] {
  if (a.line === b.line) return [lines[a.line].slice(a.col, b.col)];
  return [lines[a.line].slice(a.col), ...lines.slice(a.line + 1, b.line), lines[b.line].slice(0, b.col)];
}

/** The last non-blank line (trimmed) of the text between two positions, or "" when it is all blank. */
function lastNonEmptyBetween(lines: readonly string[], a: Pos, b: Pos): string {
  for (let i = b.line; i >= a.line; i--) {
    const piece = lines[i].slice(i === a.line ? a.col : 0, i === b.line ? b.col : undefined).trim();
    if (piece !== "") return piece;
  }
  return "";
}

/** The last whitespace-separated token of a trimmed line (what `split(/\s+/u).at(-1)` gives). */
function lastToken(line: string): string {
  let i = line.length;
  while (i > 0 && !/\s/u.test(line[i - 1])) i--;
  return line.slice(i);
}

/** Scores whether a candidate really starts a row (and is not a product name inside a description). */
function startsRow(lines: readonly string[], since: Pos, c: Candidate): boolean {
  const prev = lastNonEmptyBetween(lines, since, c.start);
  if (prev === "") return false;
  let score = 0;
  if (c.afterCategory || categoryOf(prev) !== null) score += 2;
  if (isSpecToken(lastToken(prev)) || isSpecLine(prev)) score += 2;
  if (c.start.line > 0 && lines[c.start.line - 1].trim() === "") score += 1;
  const rest = lines[c.end.line].slice(c.end.col);
  const nextLine = lines[c.end.line + 1];
  if (/^\s+\S/u.test(rest) || (rest.trim() === "" && (nextLine === undefined || nextLine.trim() === ""))) score += 1;
  return score >= 2;
}

function paragraphs(chunk: readonly string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const l of chunk) {
    if (l.trim() === "") {
      if (cur.length > 0) out.push(cur);
      cur = [];
    } else cur.push(l.trim());
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

const CJK_END = /[\u4e00-\u9fff，、。：；）)]/u;
const CJK_START = /^[\u4e00-\u9fff，、。）)]/u;

/** Joins cell lines: no space after or before CJK text, one space otherwise (judged by the last character so far). */
function joinCjk(ls: readonly string[]): string {
  const parts: string[] = [];
  let last = "";
  for (const l of ls) {
    if (last !== "" && !CJK_END.test(last) && !CJK_START.test(l)) {
      parts.push(" ");
      last = " ";
    }
    parts.push(l);
    if (l !== "") last = l[l.length - 1];
  }
  return parts.join("");
}

/** Splits a row's text (after the name) into description and spec cells. */
function splitCells(paras: readonly string[][]): { description: string; spec: string } {
  if (paras.length === 0) return { description: "", spec: "" };
  let k = paras.length;
  while (k > 1 && isSpecParagraph(paras[k - 1])) k--;
  if (k < paras.length) {
    return { description: joinCjk(paras.slice(0, k).flat()), spec: paras.slice(k).flat().join(" ") };
  }
  const last = [...paras[paras.length - 1]];
  const before = paras.slice(0, -1).flat();
  const tail = last[last.length - 1].split(/\s+/u);
  if (tail.length > 1 && /^(?:\/|不限|无)$/u.test(tail[tail.length - 1])) {
    last[last.length - 1] = tail.slice(0, -1).join(" ");
    return { description: joinCjk([...before, ...last]), spec: tail[tail.length - 1] };
  }
  let t = tail.length;
  while (t > 0 && isSpecToken(tail[t - 1])) t--;
  if (t > 0 && t < tail.length) {
    last[last.length - 1] = tail.slice(0, t).join(" ");
    return { description: joinCjk([...before, ...last]), spec: tail.slice(t).join(" ") };
  }
  let j = last.length;
  while (j > 0 && isSpecLine(last[j - 1]) && (j > 1 || before.length > 0 || last.length === 1)) j--;
  if (j < last.length) return { description: joinCjk([...before, ...last.slice(0, j)]), spec: last.slice(j).join(" ") };
  return { description: joinCjk([...before, ...last]), spec: "" };
}

/** Splits a chunk into rows when a spec paragraph is followed by more text (a row whose name is not in the catalog). */
function splitUnknownRows(paras: string[][]): string[][][] {
  const spec = paras.map(isSpecParagraph);
  const out: string[][][] = [];
  let start = 0;
  for (let j = 0; j < paras.length - 1; j++) {
    if (spec[j] && !spec[j + 1]) {
      out.push(paras.slice(start, j + 1));
      start = j + 1;
    }
  }
  out.push(paras.slice(start));
  return out;
}

/** Takes the name off the front of an unknown row: the first token, or a short first line. */
function takeName(paras: string[][]): { name: string; rest: string[][] } {
  const first = paras[0][0];
  const m = /^(\S{1,20})\s+(\S.*)$/u.exec(first);
  if (m) return { name: m[1], rest: [[m[2], ...paras[0].slice(1)], ...paras.slice(1)] };
  return { name: first, rest: [paras[0].slice(1), ...paras.slice(1)].filter((p) => p.length > 0) };
}

/** Reads the rows of a flattened table in lines [from, to). */
export function parseFlattenedTable(lines: readonly string[], from: number, to: number): AnnexRow[] {
  const rows: AnnexRow[] = [];
  const accepted: Candidate[] = [];
  let lastEnd: Pos = { line: from, col: 0 };
  for (const c of findCandidates(lines, from, to)) {
    // A name reached again from an earlier line (a category line with the name below it) is the accepted row itself.
    const overlaps = accepted.length > 0 && (c.start.line < lastEnd.line || (c.start.line === lastEnd.line && c.start.col < lastEnd.col));
    if (overlaps) continue;
    if (accepted.length === 0 || startsRow(lines, lastEnd, c)) {
      accepted.push(c);
      lastEnd = c.end;
    }
  }
  let category: EntitlementCategory | null = null;
  const takeCategories = (chunk: string[]) => chunk.filter((l) => {
    const cat = categoryOf(l);
    if (cat !== null && l.trim().length <= 4) category = cat;
    return !(cat !== null && l.trim().length <= 4);
  });
  if (accepted.length > 0) takeCategories(sliceLines(lines, { line: from, col: 0 }, accepted[0].start));
  accepted.forEach((c, idx) => {
    const startLine = lines[c.start.line].trimStart();
    const inlineCat = categoryOf(startLine);
    if (inlineCat !== null && c.afterCategory) category = inlineCat;
    const end: Pos = accepted[idx + 1]?.start ?? { line: to - 1, col: lines[to - 1]?.length ?? 0 };
    const rowCategory = category;
    const chunk = takeCategories(sliceLines(lines, c.end, end));
    const [mine, ...others] = splitUnknownRows(paragraphs(chunk));
    rows.push({ name: c.name, entry: c.entry, category: rowCategory, line: c.start.line, ...splitCells(mine ?? []) });
    for (const o of others) {
      const { name, rest } = takeName(o);
      rows.push({ name, category: rowCategory, line: c.start.line, ...splitCells(rest) });
    }
  });
  return rows;
}
