/**
 * The contract parser's public API: read an uploaded document, parse it into the spec JSON, search its
 * clauses, and summarize it for people. No database, no network.
 */
import type { ContractDocument } from "../domain/contract-document.js";
import { readDocument, type DocumentKind } from "./document-reader.js";
import { parseContract } from "./contract-parser.js";

export { readDocument, MAX_FILE_BYTES, type DocumentKind, type ReadDocumentResult } from "./document-reader.js";
export { readContractFile } from "./contract-file-reader.js";
export {
  parseContractFileInWorker, DEFAULT_PARSE_TIMEOUT_MS, DEFAULT_PARSE_MEMORY_MB, type WorkerParseOptions,
} from "./contract-parse-runner.js";
export { parseContract, type ParseOptions } from "./contract-parser.js";
export { buildClauseIndex, type ClauseHit, type ClauseIndex } from "./clause-search.js";
export { summarizeContract, formatQuota } from "./contract-summary.js";
export { contractDocumentSchema } from "./contract-document.schema.js";
export { formatYuan } from "../domain/display-labels.js";

/** A parsed upload: the document, the normalized text it was parsed from, and what the file turned out to be. */
export interface ParsedContractFile {
  document: ContractDocument;
  text: string;
  kind: DocumentKind;
}

/** Reads an uploaded file (PDF, DOCX or text, detected from its content) and parses it into a ContractDocument. */
export async function parseContractFile(bytes: Uint8Array, fileName?: string): Promise<ParsedContractFile> {
  const { text, kind } = await readDocument(bytes, fileName);
  return { document: parseContract(text, { fileName }), text, kind };
}
