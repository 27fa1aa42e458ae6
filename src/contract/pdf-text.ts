/**
 * PDF → text with the layout kept the way people read it: text items grouped into lines by position, cells on
 * one line separated by a space, a blank line where the vertical gap is large (a new paragraph or table row).
 * Uses unpdf (a serverless build of PDF.js) loaded on first use. PDFs with more pages, text runs or characters
 * than a contract can have are refused before their text is rebuilt.
 */
import { AppError } from "../lib/app-error.js";
import { joinPages } from "./text-normalizer.js";

/** A positioned text run from PDF.js. */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Segment {
  x: number;
  end: number;
  text: string;
}
interface Line {
  y: number;
  h: number;
  segments: Segment[];
  /** A vertical gap above this line larger than a line break (a new paragraph or table row). */
  gapBefore: boolean;
}

/** Carries an open table (its column x positions) from one page to the next. */
export interface TableState {
  anchors: number[] | null;
}

/** Pages read at most: a contract is a few dozen pages. */
export const MAX_PDF_PAGES = 200;
/** Text runs read at most over all pages (a dense contract page has a few thousand). */
export const MAX_PDF_TEXT_ITEMS = 500_000;
/** Characters of text read at most over all pages (the parser's own limit). */
export const MAX_PDF_TEXT_CHARS = 2_000_000;

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;

/** Joins the pieces of a cell: no space next to CJK text, one space otherwise (judged by the last character so far). */
function joinPieces(parts: readonly string[]): string {
  const out: string[] = [];
  let last = "";
  for (const p of parts) {
    if (last !== "" && !CJK.test(last) && !(p !== "" && CJK.test(p[0]))) {
      out.push(" ");
      last = " ";
    }
    out.push(p);
    if (p !== "") last = p[p.length - 1];
  }
  return out.join("");
}

/** Groups runs into lines (by y) and each line into segments (runs separated by a gap wider than a space). */
function buildLines(items: readonly PdfTextItem[]): Line[] {
  const runs = items.filter((i) => i.str.trim() !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: { y: number; h: number; runs: PdfTextItem[] }[] = [];
  for (const run of runs) {
    const h = run.height > 0 ? run.height : 10;
    const g = groups[groups.length - 1];
    if (g && Math.abs(g.y - run.y) <= Math.max(2, 0.5 * Math.min(h, g.h))) g.runs.push(run);
    else groups.push({ y: run.y, h, runs: [run] });
  }
  return groups.map((g, idx) => {
    const segments: Segment[] = [];
    for (const r of [...g.runs].sort((a, b) => a.x - b.x)) {
      const last = segments[segments.length - 1];
      const gap = last ? r.x - last.end : Infinity;
      if (last && gap <= 0.6 * g.h) {
        last.text += gap > 0.25 * g.h ? ` ${r.str}` : r.str;
        last.end = r.x + r.width;
      } else segments.push({ x: r.x, end: r.x + r.width, text: r.str });
    }
    const prev = groups[idx - 1];
    return { y: g.y, h: g.h, segments, gapBefore: !!prev && prev.y - g.y > 1.7 * Math.max(prev.h, g.h) };
  });
}

const isTableHeader = (l: Line) =>
  l.segments.length >= 3 && l.segments.some((s) => /名称/u.test(s.text)) && l.segments.some((s) => /规格|内容|数量/u.test(s.text));

/** A line of ordinary text that runs across the second column: the table has ended. */
const endsTable = (l: Line, anchors: readonly number[]) =>
  l.segments.length === 1 && l.segments[0].x < anchors[1] - 2 && l.segments[0].end > anchors[1] + 10;

/** The last column whose anchor is at or left of x + 3 (anchors ascend: they are the header's segments by x). */
function columnOf(anchors: readonly number[], x: number): number {
  let lo = 0;
  let hi = anchors.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (anchors[mid] <= x + 3) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function rowToTsv(row: readonly Line[], anchors: readonly number[]): string {
  const cells = anchors.map(() => [] as string[]);
  for (const line of row) for (const seg of line.segments) cells[columnOf(anchors, seg.x)].push(seg.text.trim());
  return cells.map(joinPieces).join("\t");
}

/**
 * Rebuilds the text of one page from positioned runs: lines by position, a blank line at a large vertical gap,
 * and a product table (a header row with 名称 and 规格/内容) rebuilt as tab-separated rows, one per table row,
 * so that cells wrapped over several lines stay together.
 */
export function itemsToText(items: readonly PdfTextItem[], state: TableState = { anchors: null }): string {
  const out: string[] = [];
  let row: Line[] = [];
  const flush = () => {
    if (row.length > 0 && state.anchors) out.push(rowToTsv(row, state.anchors));
    row = [];
  };
  for (const line of buildLines(items)) {
    if (state.anchors && !endsTable(line, state.anchors)) {
      if (isTableHeader(line)) continue;
      if (line.gapBefore) flush();
      row.push(line);
      continue;
    }
    if (state.anchors) {
      flush();
      state.anchors = null;
    }
    if (line.gapBefore && out.length > 0) out.push("");
    if (isTableHeader(line)) {
      state.anchors = line.segments.map((s) => s.x);
      out.push(line.segments.map((s) => s.text.trim()).join("\t"));
      continue;
    }
    out.push(line.segments.map((s) => s.text).join(" "));
  }
  flush();
  return out.join("\n");
}

interface PdfJsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

function tooMuch(label: string, what: string, reason: string): AppError {
  return new AppError("file_too_large", `${label} ${what}; a contract is much shorter. Send only the contract itself as PDF, DOCX or text.`, { reason });
}

/**
 * Extracts the text of a PDF. Encrypted PDFs and PDFs without a text layer (scans) are refused with a message
 * that says what to do instead, and so are PDFs with more than 200 pages, 500,000 text runs or 2,000,000 characters.
 */
export async function readPdfText(bytes: Uint8Array, label: string): Promise<{ text: string; pages: number }> {
  const { getDocumentProxy } = await import("unpdf");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false });
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    if (name === "PasswordException" || /password/i.test(String(err))) {
      throw new AppError("unsupported_file", `${label} is an encrypted (password-protected) PDF; remove the password (print or export it to a new PDF) and upload again.`, { reason: "encrypted" });
    }
    throw new AppError("unsupported_file", `${label} looks like a PDF but cannot be read (${name || "damaged file"}); export the contract to PDF again or paste its text.`, { reason: "corrupt_pdf" });
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) throw tooMuch(label, `has ${pdf.numPages} pages (limit ${MAX_PDF_PAGES})`, "too_many_pages");
    const pages: string[] = [];
    const table: TableState = { anchors: null };
    let runs = 0;
    let chars = 0;
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      runs += content.items.length;
      for (const i of content.items as PdfJsTextItem[]) chars += typeof i.str === "string" ? i.str.length : 0;
      if (runs > MAX_PDF_TEXT_ITEMS) throw tooMuch(label, `has more than ${MAX_PDF_TEXT_ITEMS.toLocaleString("en-US")} pieces of text`, "too_much_text");
      if (chars > MAX_PDF_TEXT_CHARS) throw tooMuch(label, `has more than ${MAX_PDF_TEXT_CHARS.toLocaleString("en-US")} characters of text`, "too_much_text");
      const items = (content.items as PdfJsTextItem[])
        .filter((i) => typeof i.str === "string" && Array.isArray(i.transform))
        .map((i) => ({
          str: i.str as string,
          x: i.transform![4],
          y: i.transform![5],
          width: i.width ?? 0,
          height: i.height || Math.abs(i.transform![3]) || 10,
        }));
      pages.push(itemsToText(items, table));
      page.cleanup();
    }
    const text = joinPages(pages);
    if (text.replace(/\s/g, "").length < 30) {
      throw new AppError("unsupported_file", `${label} is a scanned PDF (no text layer); OCR is not supported, paste the text or export a text PDF.`, { reason: "scanned_pdf" });
    }
    return { text, pages: pdf.numPages };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("unsupported_file", `${label} looks like a PDF but its text cannot be read; export the contract to PDF again or paste its text.`, { reason: "corrupt_pdf" });
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
