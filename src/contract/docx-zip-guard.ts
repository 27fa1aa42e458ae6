/**
 * Checks a DOCX (a zip) before mammoth inflates it: the central directory is read by hand, the sizes it claims are
 * held to limits, and the XML parts mammoth reads are inflated once with a cap at their claimed size, so neither a
 * zip bomb nor a directory that lies about sizes can make the reader allocate more than the limit.
 */
import { inflateRawSync } from "node:zlib";
import { AppError } from "../lib/app-error.js";
import { formatMegabytes } from "./byte-size.js";

/** What the parts mammoth reads (XML and relationships) may expand to in total, and any single part. */
export const MAX_DOCX_EXPANDED_BYTES = 50 * 1024 * 1024;
/** Parts (zip entries) a DOCX may have; Word writes a few dozen plus one per image. */
export const MAX_DOCX_PARTS = 5000;

/** One central-directory entry. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

/** Thrown inside this module for a damaged zip; turned into the reader's one "cannot be read" refusal. */
class Damaged extends Error {}

class Reader {
  constructor(private readonly b: Buffer) {}
  u16(at: number): number {
    if (at < 0 || at + 2 > this.b.length) throw new Damaged("out of bounds");
    return this.b.readUInt16LE(at);
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.b.length) throw new Damaged("out of bounds");
    return this.b.readUInt32LE(at);
  }
  u64(at: number): number {
    if (at < 0 || at + 8 > this.b.length) throw new Damaged("out of bounds");
    return Number(this.b.readBigUInt64LE(at));
  }
}

/** Finds the end-of-central-directory record: the last signature in the final 64 KiB + 22 bytes. */
function findEocd(b: Buffer): number {
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 0xffff); p--) if (b.readUInt32LE(p) === EOCD) return p;
  throw new Damaged("no end of central directory");
}

/** Reads the central directory (ZIP64 included); throws Damaged when it is missing or inconsistent, AppError for too many parts. */
function readEntries(b: Buffer): ZipEntry[] {
  const r = new Reader(b);
  const eocd = findEocd(b);
  let count = r.u16(eocd + 10);
  let size = r.u32(eocd + 12);
  let offset = r.u32(eocd + 16);
  let recordAt = eocd;
  if (count === 0xffff || size === U32_MAX || offset === U32_MAX) {
    if (r.u32(eocd - 20) !== ZIP64_LOCATOR) throw new Damaged("zip64 locator missing");
    recordAt = r.u64(eocd - 12);
    if (r.u32(recordAt) !== ZIP64_EOCD) throw new Damaged("zip64 record missing");
    count = r.u64(recordAt + 32);
    size = r.u64(recordAt + 40);
    offset = r.u64(recordAt + 48);
  }
  if (count > MAX_DOCX_PARTS) {
    throw new AppError("unsupported_file", `This Word file has ${count.toLocaleString("en-US")} parts (limit ${MAX_DOCX_PARTS}); it is not an ordinary contract. Save it again from Word or send it as PDF.`, { reason: "too_many_parts" });
  }
  const shift = r.u32(offset) === CENTRAL ? 0 : recordAt - (offset + size);
  if (shift < 0 || r.u32(offset + shift) !== CENTRAL) throw new Damaged("central directory not found");
  const entries: ZipEntry[] = [];
  let at = offset + shift;
  for (let i = 0; i < count; i++) {
    if (r.u32(at) !== CENTRAL) throw new Damaged("bad central entry");
    const nameLength = r.u16(at + 28);
    const extraLength = r.u16(at + 30);
    const entry: ZipEntry = {
      name: b.toString("latin1", at + 46, Math.min(b.length, at + 46 + nameLength)),
      method: r.u16(at + 10),
      compressedSize: r.u32(at + 20),
      uncompressedSize: r.u32(at + 24),
      localHeaderOffset: r.u32(at + 42),
    };
    readZip64Extra(r, at + 46 + nameLength, extraLength, entry);
    entry.localHeaderOffset += shift;
    entries.push(entry);
    at += 46 + nameLength + extraLength + r.u16(at + 32);
  }
  return entries;
}

/** Replaces 0xFFFFFFFF sizes/offset by the 64-bit values of the ZIP64 extra field (id 1), in APPNOTE order. */
function readZip64Extra(r: Reader, from: number, length: number, e: ZipEntry): void {
  if (e.uncompressedSize !== U32_MAX && e.compressedSize !== U32_MAX && e.localHeaderOffset !== U32_MAX) return;
  for (let p = from; p + 4 <= from + length; p += 4 + r.u16(p + 2)) {
    if (r.u16(p) !== 1) continue;
    let q = p + 4;
    if (e.uncompressedSize === U32_MAX) [e.uncompressedSize, q] = [r.u64(q), q + 8];
    if (e.compressedSize === U32_MAX) [e.compressedSize, q] = [r.u64(q), q + 8];
    if (e.localHeaderOffset === U32_MAX) e.localHeaderOffset = r.u64(q);
    return;
  }
  throw new Damaged("zip64 extra field missing");
}

/** The parts mammoth may read: XML and relationship parts (images are never read, see docx-text). */
const isReadPart = (name: string) => /\.(?:xml|rels)$/iu.test(name);

/** Inflates one part with a cap at its claimed size; Damaged when the data is not what the directory says. */
function verifyPart(b: Buffer, r: Reader, e: ZipEntry): void {
  const at = e.localHeaderOffset;
  if (r.u32(at) !== LOCAL) throw new Damaged("bad local header");
  const dataAt = at + 30 + r.u16(at + 26) + r.u16(at + 28);
  if (dataAt + e.compressedSize > b.length) throw new Damaged("truncated part");
  const data = b.subarray(dataAt, dataAt + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new Damaged("stored size mismatch");
    return;
  }
  if (e.method !== 8) throw new Damaged("unknown compression");
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
  } catch {
    throw new Damaged("inflate failed or larger than claimed");
  }
  if (out.length !== e.uncompressedSize) throw new Damaged("inflated size mismatch");
}

/**
 * Refuses a DOCX whose parts would expand beyond {@link MAX_DOCX_EXPANDED_BYTES} (in total for the parts read, or
 * any single part), that has more than {@link MAX_DOCX_PARTS} parts, or whose zip structure is damaged or lies
 * about sizes. Only reads; returns nothing when the file may be handed to mammoth.
 */
export function checkDocxZip(bytes: Uint8Array, label: string): void {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const damaged = () =>
    new AppError("unsupported_file", `${label} looks like a DOCX but cannot be read; open it in Word/WPS, save it again as DOCX or PDF, and upload again.`, { reason: "corrupt_docx" });
  let entries: ZipEntry[];
  try {
    entries = readEntries(b);
  } catch (err) {
    if (err instanceof Damaged) throw damaged();
    throw err;
  }
  const read = entries.filter((e) => isReadPart(e.name));
  const total = read.reduce((n, e) => n + e.uncompressedSize, 0);
  const largest = entries.reduce((n, e) => Math.max(n, e.uncompressedSize), 0);
  if (total > MAX_DOCX_EXPANDED_BYTES || largest > MAX_DOCX_EXPANDED_BYTES) {
    throw new AppError(
      "file_too_large",
      `This Word file expands to ${formatMegabytes(Math.max(total, largest))} when unpacked (limit ${formatMegabytes(MAX_DOCX_EXPANDED_BYTES)}); it is not an ordinary contract. Save it again from Word or send it as PDF.`,
      { reason: "docx_expands", expandedBytes: Math.max(total, largest) },
    );
  }
  try {
    for (const e of read) verifyPart(b, new Reader(b), e);
  } catch (err) {
    if (err instanceof Damaged) throw damaged();
    throw err;
  }
}
