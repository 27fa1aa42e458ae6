/**
 * DOCX → text via mammoth. Mammoth's HTML output is used (not its raw text) so that Word tables keep their
 * shape: each table row becomes one tab-separated line, like the annex tables of text contracts. The zip is
 * checked first (docx-zip-guard) and images are never unpacked: they carry no text.
 */
import { AppError } from "../lib/app-error.js";
import { checkDocxZip } from "./docx-zip-guard.js";

interface MammothLike {
  convertToHtml(input: { buffer: Buffer }, options?: { convertImage?: unknown }): Promise<{ value: string }>;
  images: { imgElement(f: () => Promise<Record<string, string>>): unknown };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (all, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const stripTags = (s: string) => decodeEntities(s.replace(/<[^>]*>/gu, ""));

/** Converts mammoth's HTML to text: paragraphs and headings as lines, table rows as tab-separated lines. */
export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  const blockRe = /<table\b[^>]*>([\s\S]*?)<\/table>|<(p|h[1-6]|li)\b[^>]*>([\s\S]*?)<\/\2>/giu;
  for (const m of html.matchAll(blockRe)) {
    if (m[1] !== undefined) {
      for (const row of m[1].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/giu)) {
        const cells = [...row[1].matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/giu)].map((c) =>
          c[1].split(/<\/p>/iu).map((p) => stripTags(p).replace(/[\t\n]+/gu, " ").trim()).filter((p) => p !== "").join(""),
        );
        out.push(cells.join("\t"));
      }
      out.push("");
    } else {
      out.push(stripTags(m[3]).replace(/[\t\n]+/gu, " "));
    }
  }
  return out.join("\n");
}

/** Reads the text of a DOCX (tables as tab-separated lines); refuses a damaged or oversized file or one without text. */
export async function readDocxText(bytes: Uint8Array, label: string): Promise<string> {
  checkDocxZip(bytes, label);
  const mod = (await import("mammoth")) as unknown as { default?: MammothLike } & MammothLike;
  const mammoth: MammothLike = mod.default ?? mod;
  let html: string;
  try {
    const convertImage = mammoth.images.imgElement(async () => ({ src: "" }));
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage })).value;
  } catch {
    throw new AppError("unsupported_file", `${label} looks like a DOCX but cannot be read; open it in Word/WPS, save it again as DOCX or PDF, and upload again.`, { reason: "corrupt_docx" });
  }
  const text = docxHtmlToText(html);
  if (text.trim() === "") throw new AppError("invalid_input", `${label} is a DOCX without text; upload the contract with its text.`, { reason: "empty" });
  return text;
}
