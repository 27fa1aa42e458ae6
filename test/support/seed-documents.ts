/**
 * The two synthetic seed contracts (test/fixtures/contracts/direct-basic.* and reseller-basic.*) parsed as an import
 * would, in every format they come in, and variants of them for the "does the clause say it" tables.
 */
import { readFileSync } from "node:fs";
import { parseContractFile } from "../../src/contract/index.js";
import type { ContractDocument } from "../../src/domain/contract-document.js";
import type { Clause } from "../../src/domain/model.js";

const DIR = new URL("../fixtures/contracts/", import.meta.url);

/** Parses one fixture file (PDF, DOCX or text) into its ContractDocument. */
export async function seedDocument(name: string): Promise<ContractDocument> {
  return (await parseContractFile(readFileSync(new URL(name, DIR)), name)).document;
}

/** Every file of both seeds: [file, format]. */
export const SEED_FILES = [
  ["direct-basic.txt", "direct"], ["direct-basic.docx", "direct"], ["direct-basic.pdf", "direct"],
  ["reseller-basic.txt", "reseller"], ["reseller-basic.docx", "reseller"], ["reseller-basic.pdf", "reseller"],
] as const;

/** A seed with some clauses added (a variant the parser would produce from a longer contract). */
export function withClauses(doc: ContractDocument, extra: Clause[]): ContractDocument {
  return { ...doc, clauses: [...doc.clauses, ...extra] };
}

/**
 * The reseller contracts' clause about DingTalk updating features ("删除旧功能"), mis-tagged as data deletion: it
 * must never be cited for drive data being cleared.
 */
export const FEATURE_UPDATE_CLAUSE: Clause = {
  part: "body", ref: "3.4", tags: ["data_deletion"],
  text: "您理解并同意，为给您带来更好的产品和服务体验，钉钉公司有权持续努力改进钉钉专业版及其相关服务、权益、功能、界面等进行更新、修改，包括开发新功能 / 权益、删除旧功能 / 权益等。",
};
