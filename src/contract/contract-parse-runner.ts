/**
 * Reads and parses an uploaded contract in a worker thread with a time budget, so a hostile or damaged document
 * costs that thread only: the event loop keeps answering (health checks, the bot, other requests), a document
 * that takes longer than the budget is stopped (the worker is terminated) and refused, and one that needs more
 * memory than the worker's heap limit is refused too. At most two documents are read at once; more wait.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "../lib/app-error.js";
import { formatMegabytes } from "./byte-size.js";
import { MAX_FILE_BYTES } from "./document-reader.js";
import type { ParseJob, ParseReply } from "./contract-parse.worker.js";
import type { ParsedContractFile } from "./index.js";

/** How long reading + parsing one document may take, by default. */
export const DEFAULT_PARSE_TIMEOUT_MS = 10_000;
/** The worker's heap limit, by default (a contract needs a few dozen MB). */
export const DEFAULT_PARSE_MEMORY_MB = 1024;
/** Documents read at the same time; further calls wait for a free slot (the budget starts when theirs starts). */
export const MAX_PARALLEL_PARSES = 2;

/** Limits for {@link parseContractFileInWorker}. */
export interface WorkerParseOptions {
  /** Time budget in milliseconds for reading + parsing (default {@link DEFAULT_PARSE_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Heap limit of the worker in MB (default {@link DEFAULT_PARSE_MEMORY_MB}). */
  maxMemoryMb?: number;
}

const UNDER = `Send the contract as PDF, DOCX or text under ${formatMegabytes(MAX_FILE_BYTES)}.`;
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < MAX_PARALLEL_PARSES) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/**
 * How to start the worker script next to this module. Compiled (`dist/`, `npm start`) it is `.js` and runs as
 * is. From source (tsx, vitest) it is `.ts`: on Node 20 tsx registers its ESM hooks on the main thread only (an
 * `--import tsx` in the worker's execArgv is ignored there), so the worker is a two-line CommonJS script that
 * loads tsx's require hook and then requires the `.ts` worker, which tsx compiles.
 */
function workerScript(): { script: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith(".ts")) return { script: new URL("./contract-parse.worker.js", import.meta.url), eval: false };
  const tsxHook = createRequire(import.meta.url).resolve("tsx/cjs");
  const worker = fileURLToPath(new URL("./contract-parse.worker.ts", import.meta.url));
  return { script: `require(${JSON.stringify(tsxHook)});\nrequire(${JSON.stringify(worker)});`, eval: true };
}

/** Flags that load code (tsx, instrumentation) and are valid in a worker, with the value that follows when separate. */
const LOADER_FLAGS = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader", "--conditions", "-C"]);

/**
 * The process's execArgv for the worker; when it holds flags a worker refuses (V8 or process-wide ones such as
 * --max-old-space-size or --title), only the code-loading flags among them.
 */
function execArgvFor(all: readonly string[], invalid: boolean): string[] {
  if (!invalid) return [...all];
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const name = all[i].split("=")[0];
    if (!LOADER_FLAGS.has(name)) continue;
    out.push(all[i]);
    if (!all[i].includes("=") && i + 1 < all.length) out.push(all[++i]);
  }
  return out;
}

function startWorker(script: string | URL, options: ConstructorParameters<typeof Worker>[1]): Worker {
  try {
    return new Worker(script, { ...options, execArgv: execArgvFor(process.execArgv, false) });
  } catch (err) {
    if ((err as { code?: string }).code !== "ERR_WORKER_INVALID_EXEC_ARGV") throw err;
    return new Worker(script, { ...options, execArgv: execArgvFor(process.execArgv, true) });
  }
}

function fromReply(error: Extract<ParseReply, { ok: false }>["error"]): Error {
  if (error.appError) return new AppError(error.code as ErrorCode, error.message, error.details);
  const err = new Error(error.message);
  if (error.stack) err.stack = error.stack;
  return err;
}

function runWorker(job: ParseJob, label: string, timeoutMs: number, maxMemoryMb: number): Promise<ParsedContractFile> {
  const { script, eval: isCode } = workerScript();
  return new Promise((resolve, reject) => {
    const worker = startWorker(script, {
      eval: isCode,
      workerData: job,
      transferList: [job.bytes.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new AppError(
      "parse_timeout",
      `Reading ${label} took longer than ${seconds(timeoutMs)} and was stopped; it is probably not a contract or is damaged. ${UNDER}`,
      { reason: "timeout", timeoutMs },
    ))), timeoutMs);
    worker.once("message", (reply: ParseReply) => settle(() => (reply.ok ? resolve(reply.result) : reject(fromReply(reply.error)))));
    worker.once("error", (err: Error & { code?: string }) => settle(() => reject(err.code === "ERR_WORKER_OUT_OF_MEMORY"
      ? new AppError("file_too_large", `Reading ${label} needed more than ${maxMemoryMb} MB of memory and was stopped; it is probably not a contract or is damaged. ${UNDER}`, { reason: "memory" })
      : err)));
    worker.once("exit", (code) => settle(() => reject(new AppError("internal", `Reading ${label} stopped unexpectedly (worker exit code ${code}); try again, and if it keeps failing send the contract as PDF.`))));
  });
}

/**
 * Reads an uploaded file (PDF, DOCX or text) and parses it, like `parseContractFile`, but in a worker thread
 * within `timeoutMs`. Refuses with AppError `parse_timeout` when the budget runs out (the worker is terminated),
 * `file_too_large` when the worker runs out of memory, and otherwise with the reader's and parser's own errors.
 */
export async function parseContractFileInWorker(bytes: Uint8Array, fileName?: string, opts: WorkerParseOptions = {}): Promise<ParsedContractFile> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  const maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_PARSE_MEMORY_MB;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new AppError("invalid_config", `The parse time budget must be a positive number of milliseconds, not ${timeoutMs}.`);
  if (!(bytes instanceof Uint8Array)) throw new AppError("invalid_input", "Document bytes must be a Buffer or Uint8Array.");
  const label = fileName ? `"${fileName}"` : "this document";
  await acquire();
  try {
    return await runWorker({ bytes: new Uint8Array(bytes), fileName }, label, timeoutMs, maxMemoryMb);
  } finally {
    release();
  }
}
