/**
 * Contract text → ContractDocument (the public JSON of spec/contract-json.md). No I/O: takes text already
 * read by the document reader. Fails with AppError("not_a_contract") when the required parts are missing.
 */
import { AppError } from "../lib/app-error.js";
import type { ContractDocument, ParseWarning } from "../domain/contract-document.js";
import { normalizeText } from "./text-normalizer.js";
import { layoutDocument, publicClauses, type ClauseBlock } from "./clause-splitter.js";
import { readAnnexTable, rowsToEntitlements } from "./annex-table.js";
import { citeClause, extractAmount, extractParties, extractProduct, extractSigningDate, extractTerm, extractTitle, soldEditions } from "./field-extractors.js";
import { extractDeadlines } from "./deadline-extractor.js";
import { extractServicePeriod, periodTermConflict, wholeMonths } from "./service-period.js";

/** Options for {@link parseContract}. */
export interface ParseOptions {
  /** The uploaded file's name, used in error messages only. */
  fileName?: string;
}

/** Texts longer than this (in characters) are refused: a contract is a few dozen pages at most. */
export const MAX_TEXT_CHARS = 2_000_000;

const REQUIRED: readonly { part: string; test: (text: string, head: string) => boolean }[] = [
  { part: "contract wording (合同/协议)", test: (t) => /合同|协议/u.test(t) },
  { part: "customer (甲方：…)", test: (t) => /甲\s*方\s*(?:[(（][^)）]{0,8}[)）]\s*)?[:：]/u.test(t) },
  { part: "vendor (乙方：…)", test: (t) => /乙\s*方\s*(?:[一二三四1-4]\s*)?(?:[(（][^)）]{0,8}[)）]\s*)?[:：]/u.test(t) },
  { part: "DingTalk edition (钉钉专业版/专属版/专有版) that the contract sells, not one it excludes", test: (t) => soldEditions(t).length > 0 },
];

function checkIsContract(text: string, fileName: string | undefined): void {
  const missing = REQUIRED.filter((r) => !r.test(text, text)).map((r) => r.part);
  if (missing.length === 0) return;
  const what = fileName ? `"${fileName}"` : "The document";
  throw new AppError(
    "not_a_contract",
    `${what} is not a DingTalk edition contract: required parts not found: ${missing.join("; ")}. ` +
      "Upload the contract signed with DingTalk or its partner (text, PDF or DOCX).",
    { missing },
  );
}

function periodAsTerm(period: { startsOn: string; endsOn: string; ref: string }): { value: number; ref: string } | null {
  const months = wholeMonths(period.startsOn, period.endsOn);
  return months === null ? null : { value: months, ref: period.ref };
}

/**
 * Parses contract text (direct or reseller layout, or pasted text) into a ContractDocument. Doubts become
 * `warnings`; `sources` records the clause ref each field came from.
 */
export function parseContract(text: string, opts: ParseOptions = {}): ContractDocument {
  if (typeof text !== "string") throw new AppError("invalid_input", "Contract text must be a string; pass the document's text.");
  if (text.length > MAX_TEXT_CHARS) {
    throw new AppError("file_too_large", `The contract text has ${text.length} characters (limit ${MAX_TEXT_CHARS}); upload only the contract itself.`);
  }
  const normalized = normalizeText(text);
  if (normalized.trim() === "") {
    throw new AppError("invalid_input", `${opts.fileName ? `"${opts.fileName}"` : "The document"} has no text; paste the contract text or upload a text PDF or DOCX.`);
  }
  checkIsContract(normalized, opts.fileName);

  const first = layoutDocument(normalized);
  const warnings: ParseWarning[] = [];
  const sources: Record<string, string> = {};
  const table = first.annexStart >= 0 ? readAnnexTable(first.lines, first.annexStart + 1, first.lines.length) : null;
  const skip = new Set<number>();
  if (table) for (let i = table.headerLine; i < table.endLine; i++) skip.add(i);
  const layout = table ? layoutDocument(normalized, skip) : first;
  const clauses: ClauseBlock[] = [...layout.body, ...layout.annex];
  const { lines, headEnd } = layout;
  const headText = lines.slice(0, headEnd).join("\n");

  const title = extractTitle(lines, headEnd);
  if (title) sources.title = title.ref;
  const { customer, vendors } = extractParties(lines, headEnd);
  if (customer) sources.customer = customer.ref;
  else warnings.push({ code: "CUSTOMER_MISSING", message: "未找到甲方名称（“甲方：…”），请手动填写。" });
  if (vendors.length > 0) sources.vendors = "header";
  else warnings.push({ code: "VENDOR_MISSING", message: "未找到乙方名称（“乙方：…”），请手动填写。" });

  const product = extractProduct(normalized);
  const amount = extractAmount(clauses, headText);
  warnings.push(...amount.warnings);
  if (amount.ref) sources.amount = amount.ref;

  const written = extractServicePeriod(clauses, headText);
  warnings.push(...written.warnings);
  const period = written.period;
  if (period) sources.servicePeriod = period.ref;
  const term = extractTerm(clauses, headText) ?? (period ? periodAsTerm(period) : null);
  if (term) sources.termMonths = term.ref;
  else if (!period) warnings.push({ code: "TERM_MISSING", message: "未找到服务期限（如“有效期为一年”），请手动填写。" });
  const conflict = period ? periodTermConflict(period, term?.value ?? null, term?.ref) : null;
  if (conflict) warnings.push(conflict);

  const inClause = new Uint8Array(lines.length);
  for (const c of clauses) inClause.fill(1, c.startLine, c.endLine);
  const signing = extractSigningDate(lines, (i) => inClause[i] === 1);
  warnings.push(...signing.warnings);
  if (signing.signedOn) sources.signedOn = signing.signedOn.ref;

  const deadlines = extractDeadlines(clauses);
  if (deadlines.payment) sources["deadlines.payment"] = deadlines.payment.ref;
  if (deadlines.invoice) sources["deadlines.invoice"] = deadlines.invoice.ref;
  if (deadlines.penaltyRef) sources["deadlines.latePenalty"] = deadlines.penaltyRef;

  let entitlements: ContractDocument["entitlements"] = [];
  if (first.annexStart < 0) {
    warnings.push({ code: "ANNEX_MISSING", message: "未找到附件（产品权益表），无法识别权益与额度；请上传含附件的完整合同。" });
  } else if (!table || table.rows.length === 0) {
    warnings.push({ code: "ANNEX_MISSING", message: "附件中未找到产品权益表（产品名称/产品规格），无法识别权益与额度。" });
  } else {
    const rows = rowsToEntitlements(table.rows);
    entitlements = rows.entitlements;
    warnings.push(...rows.warnings);
    const holder = layout.annex.find((c) => c.startLine <= table.headerLine && table.headerLine < c.endLine);
    sources.entitlements = holder ? citeClause(holder) : "附件";
  }

  const vendorIsDingTalk = vendors.some((v) => /钉钉/u.test(v.name));
  return {
    schemaVersion: 1,
    format: vendorIsDingTalk ? "direct" : vendors.length > 0 ? "reseller" : "unknown",
    title: title?.value ?? null,
    product: product?.product ?? null,
    edition: product?.edition ?? null,
    customer: customer?.value ?? null,
    vendors,
    amount: amount.amount,
    termMonths: term?.value ?? null,
    servicePeriod: period ? { startsOn: period.startsOn, endsOn: period.endsOn } : null,
    signedOn: signing.signedOn?.value ?? null,
    deadlines: { payment: deadlines.payment?.value ?? null, invoice: deadlines.invoice?.value ?? null },
    entitlements,
    clauses: publicClauses(clauses),
    warnings,
    sources,
  };
}
