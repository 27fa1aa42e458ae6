/**
 * Reads a contract file from disk for the CLI: only regular files (never a device such as /dev/zero, a FIFO that
 * would block, a socket or a directory), and only up to the upload limit, decided from the open file's own `stat`
 * before anything is read.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { AppError } from "../lib/app-error.js";
import { formatMegabytes } from "./byte-size.js";
import { MAX_FILE_BYTES } from "./document-reader.js";

const WHAT_TO_GIVE = "give the path of a contract file (.txt, .pdf or .docx).";

function tooLarge(path: string, bytes: number, maxBytes: number): AppError {
  return new AppError(
    "file_too_large",
    `${path} is ${formatMegabytes(bytes)}; contracts are at most ${formatMegabytes(maxBytes)} — send the contract itself without scans or attachments, or paste its text into a .txt file.`,
    { reason: "too_large" },
  );
}

function cannotOpen(path: string, err: NodeJS.ErrnoException): AppError {
  if (err.code === "ENOENT") return new AppError("invalid_input", `File not found: ${path}. Check the path.`);
  if (err.code === "EACCES" || err.code === "EPERM") return new AppError("invalid_input", `${path} may not be read (${err.code}); check its permissions or copy it somewhere readable.`);
  if (err.code === "EISDIR") return new AppError("invalid_input", `${path} is a directory; ${WHAT_TO_GIVE}`);
  return new AppError("invalid_input", `Cannot read ${path} (${err.code ?? err.message}); ${WHAT_TO_GIVE}`);
}

/**
 * The bytes of the contract file at `path`. Opens without blocking (a FIFO opens at once instead of waiting for a
 * writer), refuses anything but a regular file and files over `maxBytes` (default {@link MAX_FILE_BYTES}) from
 * `fstat`, and never reads more than `maxBytes` + 1 bytes even if the file grows meanwhile.
 */
export async function readContractFile(path: string, opts: { maxBytes?: number } = {}): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw cannotOpen(path, err as NodeJS.ErrnoException);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new AppError("invalid_input", `${path} is a directory; ${WHAT_TO_GIVE}`, { reason: "directory" });
    if (!st.isFile()) throw new AppError("invalid_input", `${path} is not a regular file; ${WHAT_TO_GIVE}`, { reason: "not_regular" });
    if (st.size > maxBytes) throw tooLarge(path, st.size, maxBytes);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooLarge(path, filled, maxBytes);
    return buf.subarray(0, filled);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw cannotOpen(path, err as NodeJS.ErrnoException);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
