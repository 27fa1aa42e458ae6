/**
 * Builds zip files in memory for reader tests: stored or deflated entries, optionally with a central directory
 * that claims another uncompressed size than the data has (a lying zip), and DOCX-shaped zips around a
 * word/document.xml. No fixtures on disk.
 */
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";

/** One entry to put in the zip. */
export interface ZipInput {
  name: string;
  /** Bytes as stored in the zip (already deflated when `method` is 8). */
  data: Buffer;
  method: 0 | 8;
  /** The uncompressed size written into the headers. */
  size: number;
  crc?: number;
}

/** A deflated entry of `content`, with its true size and CRC. */
export function deflated(name: string, content: Buffer | string): ZipInput {
  const raw = Buffer.from(content);
  return { name, data: deflateRawSync(raw), method: 8, size: raw.length, crc: crc32(raw) };
}

/** A deflated entry of `megabytes` MB of one repeated byte, compressed in 1 MB chunks (never all in memory). */
export async function deflatedRun(name: string, megabytes: number, byte = 0x20): Promise<ZipInput> {
  const chunk = Buffer.alloc(1024 * 1024, byte);
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on("data", (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => z.on("end", resolve).on("error", reject));
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc);
    if (!z.write(chunk)) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
  return { name, data: Buffer.concat(out), method: 8, size: megabytes * chunk.length, crc };
}

/** Assembles local headers, data, the central directory and its end record. */
export function buildZip(entries: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(Math.min(e.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(Math.min(e.size, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A DOCX-shaped zip ([Content_Types].xml, _rels/.rels) around the given word/document.xml entry. */
export function docxAround(document: ZipInput, extra: readonly ZipInput[] = []): Buffer {
  return buildZip([
    deflated("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    deflated("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
    document,
    ...extra,
  ]);
}
