/**
 * Bytes of an uploaded contract → normalized text. The type is decided from the content, never the file name:
 * PDF (magic), DOCX (a zip holding word/document.xml), or text in UTF-8 (with or without BOM), UTF-16 (BOM) or
 * GBK/GB18030. Images, HTML, other zips, legacy Office files, binary data, empty and oversized files are refused.
 */
import iconv from "iconv-lite";
import { AppError } from "../lib/app-error.js";
import { normalizeText } from "./text-normalizer.js";
import { readPdfText } from "./pdf-text.js";
import { readDocxText } from "./docx-text.js";

/** What the bytes turned out to be. */
export type DocumentKind = "pdf" | "docx" | "text";

/** The text of a document and how it was read. */
export interface ReadDocumentResult {
  text: string;
  kind: DocumentKind;
  /** For text files: "utf-8", "utf-16le", "utf-16be" or "gb18030". */
  encoding?: string;
  /** For PDFs: the number of pages. */
  pages?: number;
}

/** Uploads larger than this are refused (a contract PDF is well under 10 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, Math.min(to, b.length) - from)).toString("latin1");

const IMAGES: readonly { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: "PNG", test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { name: "JPEG", test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { name: "GIF", test: (b) => ascii(b, 0, 4) === "GIF8" },
  { name: "WebP", test: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP" },
  { name: "BMP", test: (b) => ascii(b, 0, 2) === "BM" && b.length > 26 && b[14] >= 12 && b[15] === 0 },
  { name: "TIFF", test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
];

function refuse(label: string, reason: string, message: string): never {
  throw new AppError("unsupported_file", `${label} ${message}`, { reason });
}

function containsAscii(b: Uint8Array, needle: string): boolean {
  return Buffer.from(b.buffer, b.byteOffset, b.length).includes(needle, 0, "latin1");
}

/** Decodes text bytes, choosing the encoding by BOM, UTF-8 validity and a GB18030 plausibility check. */
function decodeText(b: Uint8Array, label: string): { text: string; encoding: string } {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder("utf-8").decode(b.subarray(3)), encoding: "utf-8" };
  if (startsWith(b, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(b.subarray(2)), encoding: "utf-16le" };
  if (startsWith(b, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(b.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "utf-8" };
  } catch {
    const text = iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.length), "gb18030");
    const nonAscii = [...text].filter((c) => c.charCodeAt(0) > 0x7f);
    const cjk = nonAscii.filter((c) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…—·]/u.test(c)).length;
    if (nonAscii.length > 0 && cjk / nonAscii.length < 0.9) {
      refuse(label, "unknown_encoding", "is not text in UTF-8 or GBK/GB18030 (nor a PDF or DOCX); save the contract as UTF-8 text, PDF or DOCX.");
    }
    return { text, encoding: "gb18030" };
  }
}

function checkPlainText(text: string, label: string): void {
  if (text.includes("\u0000")) refuse(label, "binary", "is binary data, not a contract document; upload the PDF, DOCX or text of the contract.");
  const sample = text.slice(0, 20000);
  let control = 0;
  for (const c of sample) {
    const code = c.charCodeAt(0);
    if ((code < 0x20 && c !== "\n" && c !== "\r" && c !== "\t" && c !== "\f") || code === 0x7f || c === "\ufffd") control++;
  }
  if (control / Math.max(1, sample.length) > 0.01) {
    refuse(label, "binary", "is binary data, not a contract document; upload the PDF, DOCX or text of the contract.");
  }
  const head = sample.slice(0, 4096);
  const tags = head.match(/<\/?(?:html|head|body|div|p|span|table|tr|td|meta|script|style|br)\b[^>]*>/giu) ?? [];
  if (/^\s*(?:<!doctype\s+html|<html[\s>])/iu.test(head) || tags.length >= 3) {
    refuse(label, "html", "is an HTML page, not a contract document; open it in a browser and print it to PDF, or paste the contract text.");
  }
}

/**
 * Reads an uploaded contract: detects the type from the content and returns its normalized text.
 * Throws AppError `invalid_input` (empty), `file_too_large` (> 10 MB, a DOCX expanding beyond 50 MB, a PDF over
 * 200 pages or 2,000,000 characters) or `unsupported_file` (anything else that is not a text PDF, a DOCX or
 * text), each with a message that says what to do. Runs on the caller's thread: uploads go through
 * `parseContractFileInWorker`, which calls this in a worker with a time budget.
 */
export async function readDocument(bytes: Uint8Array, fileName?: string): Promise<ReadDocumentResult> {
  const label = fileName ? `"${fileName}"` : "The file";
  if (!(bytes instanceof Uint8Array)) throw new AppError("invalid_input", "Document bytes must be a Buffer or Uint8Array.");
  if (bytes.length === 0) throw new AppError("invalid_input", `${label} is empty; choose the contract file (PDF, DOCX or text) and upload it again.`, { reason: "empty" });
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AppError("file_too_large", `${label} is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is 10 MB. Upload the contract without scans or attachments.`, { reason: "too_large" });
  }
  if (ascii(bytes, 0, 1024).includes("%PDF-")) {
    const { text, pages } = await readPdfText(bytes, label);
    return { text: normalizeText(text), kind: "pdf", pages };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (!containsAscii(bytes, "word/document.xml")) {
      const what = containsAscii(bytes, "xl/workbook") ? "an Excel workbook" : containsAscii(bytes, "ppt/presentation") ? "a PowerPoint file" : "a ZIP archive";
      refuse(label, "zip", `is ${what}, not a contract document; upload the contract itself as PDF, DOCX or text.`);
    }
    return { text: normalizeText(await readDocxText(bytes, label)), kind: "docx" };
  }
  const image = IMAGES.find((i) => i.test(bytes));
  if (image) refuse(label, "image", `is a ${image.name} image; OCR is not supported, paste the text or export a text PDF.`);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    refuse(label, "legacy_office", "is a legacy Office file (.doc/.xls); save it as DOCX or PDF and upload again.");
  }
  if (ascii(bytes, 0, 5) === "{\\rtf") refuse(label, "rtf", "is an RTF file; save it as DOCX or PDF and upload again.");
  const { text, encoding } = decodeText(bytes, label);
  checkPlainText(text, label);
  const normalized = normalizeText(text);
  if (normalized.trim() === "") throw new AppError("invalid_input", `${label} has no text; upload the contract file (PDF, DOCX or text).`, { reason: "empty" });
  return { text: normalized, kind: "text", encoding };
}
