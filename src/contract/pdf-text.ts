/**
 * PDF → text with the layout kept the way people read it: text items grouped into lines by position, cells on
 * one line separated by a space, a blank line where the vertical gap is large (a new paragraph or table row).
 * Uses unpdf (a serverless build of PDF.js) loaded on first use.
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

const CJK_END = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]$/u;
const CJK_START = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;
const joinPieces = (parts: readonly string[]) =>
  parts.reduce((acc, p) => (acc === "" ? p : CJK_END.test(acc) || CJK_START.test(p) ? acc + p : `${acc} ${p}`), "");

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

function rowToTsv(row: readonly Line[], anchors: readonly number[]): string {
  const cells = anchors.map(() => [] as string[]);
  for (const line of row) {
    for (const seg of line.segments) {
      let col = 0;
      anchors.forEach((a, i) => {
        if (a <= seg.x + 3) col = i;
      });
      cells[col].push(seg.text.trim());
    }
  }
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

/**
 * Extracts the text of a PDF. Encrypted PDFs and PDFs without a text layer (scans) are refused with a message
 * that says what to do instead.
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
    const pages: string[] = [];
    const table: TableState = { anchors: null };
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
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
