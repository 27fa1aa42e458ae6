/**
 * Worker-thread entry of {@link parseContractFileInWorker}: reads the document bytes it was given and parses
 * them, then posts the result (or the error, as plain data) back and ends. Runs nothing else, so a hostile
 * document can only ever cost this thread, which the caller terminates when its time is up.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../lib/app-error.js";
import { readDocument } from "./document-reader.js";
import { parseContract } from "./contract-parser.js";

/** What the host sends: the document and its name. */
export interface ParseJob {
  bytes: Uint8Array;
  fileName?: string;
}

/** What the worker answers: the parsed file, or the error as data. */
export type ParseReply =
  | { ok: true; result: { document: ReturnType<typeof parseContract>; text: string; kind: Awaited<ReturnType<typeof readDocument>>["kind"] } }
  | { ok: false; error: { appError: boolean; code?: string; message: string; details?: Record<string, unknown>; stack?: string } };

async function run(job: ParseJob): Promise<ParseReply> {
  try {
    const { text, kind } = await readDocument(job.bytes, job.fileName);
    return { ok: true, result: { document: parseContract(text, { fileName: job.fileName }), text, kind } };
  } catch (err) {
    if (isAppError(err)) return { ok: false, error: { appError: true, code: err.code, message: err.message, details: err.details } };
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error: { appError: false, message: e.message, stack: e.stack } };
  }
}

const port = parentPort;
if (port) void run(workerData as ParseJob).then((reply) => port.postMessage(reply));
