import { createHash } from "node:crypto";
import { parseContractFileInWorker, type WorkerParseOptions } from "../contract/index.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { addDays, businessDate, isIsoDate, daysBetween } from "../domain/business-calendar.js";
import { identityText, sameCustomer, termsKey } from "../domain/contract-identity.js";
import { startDatePlausibility, termEndsOn } from "../domain/contract-timeline.js";
import type { ContractDocument } from "../domain/contract-document.js";
import type { IsoDate } from "../domain/model.js";
import { AppError } from "../lib/app-error.js";
import type { ServiceDeps } from "./service-deps.js";

/** Largest document accepted, in bytes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** What to import and how. */
export interface ImportContractInput {
  bytes: Buffer;
  fileName: string;
  /** The org (DingTalk corpId); defaults to DINGTALK_CORP_ID, else the only org, else "local". */
  corpId?: string | null;
  /** Service start date; defaults to the period written in the contract, else the renewal continuation, else the signing date, else today. */
  startsOn?: IsoDate | null;
  /** Import despite AMOUNT_WORDS_MISMATCH / ANNEX_MISSING. */
  force?: boolean;
  actor: string;
}

/** Where the service start date came from, reported to the operator. */
export type StartsOnSource = "option" | "contract" | "renewal" | "signing" | "today";

/** Outcome of an import: either stored, or recognised as a document already imported (nothing changed). */
export interface ImportContractResult {
  status: "imported" | "already_imported";
  contractId: number;
  corpId: string;
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
  startsOnSource: StartsOnSource | null;
  renewalOfId: number | null;
  document: ContractDocument;
}

const REFUSED_WITHOUT_FORCE: Record<string, { code: "amount_words_mismatch" | "annex_missing"; hint: string }> = {
  AMOUNT_WORDS_MISMATCH: { code: "amount_words_mismatch", hint: "check the amount in the document, or import anyway with --force" },
  ANNEX_MISSING: { code: "annex_missing", hint: "without the annex table no entitlements or quotas can be tracked; import anyway with --force" },
};

/**
 * Refuses a start date no contract can have, naming what was given and where it came from; returns a warning for one
 * that is possible but unusual (see startDatePlausibility).
 */
function checkStartsOn(startsOn: IsoDate, source: StartsOnSource, today: IsoDate): { code: string; message: string } | null {
  const from = source === "option" ? `--starts-on ${startsOn}` : source === "signing" ? `the signing date ${startsOn}`
    : source === "contract" ? `the service period's start ${startsOn}` : `the start date ${startsOn}`;
  const plausibility = startDatePlausibility(startsOn, today);
  if (plausibility === "absurd") {
    throw new AppError("invalid_input", `${from} cannot be the start of a DingTalk contract (before 2000 or more than 10 years ahead). Nothing was imported: check the date, or give the real start with --starts-on YYYY-MM-DD.`);
  }
  if (plausibility === "unusual") {
    return { code: "START_DATE_UNUSUAL", message: `${from} is before 2014 or more than two years ahead; check it (contract update ID --starts-on D corrects it).` };
  }
  return null;
}

async function resolveCorpId(deps: ServiceDeps, contracts: ContractRepository, requested?: string | null): Promise<string> {
  if (requested) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(requested)) throw new AppError("invalid_input", `"${requested}" is not a corpId (letters, digits, _ . - only, at most 64).`);
    return requested;
  }
  if (deps.config.dingtalk?.corpId) return deps.config.dingtalk.corpId;
  const orgs = await contracts.orgs();
  return orgs.length === 1 ? orgs[0]!.corpId : "local";
}

/**
 * Parses a contract document and stores it with its entitlements, quotas and clauses in one transaction. The same
 * contract again changes nothing and says so — recognised by its normalised text (another encoding, a BOM, CRLF
 * line ends) or its parsed terms (the same contract as PDF or DOCX). A contract for another customer than the org's
 * is refused unless forced; one for the same customer is linked as the renewal and marks the previous one renewed. The document is read and parsed in a worker thread
 * within `parse.timeoutMs` (default 10 s); nothing is stored when reading is refused or stopped.
 */
export async function importContract(deps: ServiceDeps, input: ImportContractInput, parse: WorkerParseOptions = {}): Promise<ImportContractResult> {
  if (input.bytes.length > MAX_DOCUMENT_BYTES) {
    throw new AppError("file_too_large", `The file is ${(input.bytes.length / 1048576).toFixed(1)} MB; the limit is 10 MB. Export the contract without images or paste its text.`);
  }
  if (input.startsOn != null && !isIsoDate(input.startsOn)) {
    throw new AppError("invalid_input", `--starts-on "${input.startsOn}" is not a date; use YYYY-MM-DD, e.g. 2024-05-06.`);
  }
  const { document: doc, text } = await parseContractFileInWorker(input.bytes, input.fileName, parse);
  if (!input.force) {
    for (const w of doc.warnings) {
      const refusal = REFUSED_WITHOUT_FORCE[w.code];
      if (refusal) throw new AppError(refusal.code, `${w.message} Nothing was imported: ${refusal.hint}.`);
    }
  }
  const contracts = new ContractRepository(deps.ds);
  const audit = new AuditRepository(deps.ds);
  const corpId = await resolveCorpId(deps, contracts, input.corpId);
  const byteHash = createHash("sha256").update(input.bytes).digest("hex");
  const docHash = createHash("sha256").update(identityText(text)).digest("hex");
  const now = deps.clock.now();
  const today = businessDate(now, deps.config.timezone);

  return deps.ds.transaction(async (em) => {
    const org = await contracts.ensureOrg(em, corpId, doc.customer?.name ?? corpId, now);
    const own = await contracts.forOrg(org.id, em);
    const key = termsKey({ customerName: doc.customer?.name ?? null, amountFen: doc.amount?.fen ?? null, signedOn: doc.signedOn, termMonths: doc.termMonths });
    const existing = (await contracts.findByHash(em, org.id, docHash, byteHash))
      ?? own.find((c) => key !== null && termsKey(c) === key) ?? null;
    if (existing) {
      return {
        status: "already_imported", contractId: existing.id, corpId, startsOn: existing.startsOn, endsOn: existing.endsOn,
        startsOnSource: null, renewalOfId: existing.renewalOfId, document: doc,
      };
    }
    const previous = await contracts.latestForOrg(org.id, em);
    const other = own.find((c) => c.status !== "terminated" && c.customerName && doc.customer?.name && !sameCustomer(c.customerName, doc.customer.name));
    if (other && !input.force) {
      throw new AppError(
        "customer_mismatch",
        `This contract is for "${doc.customer!.name}", but org ${corpId} already holds contract #${other.id} for "${other.customerName}". ` +
          "Nothing was imported. Import it into its own org (--org CORP_ID, or the corpId field of the upload), or, if the org's customer really changed, import it with --force to continue that org with the new customer.",
        { existingContractId: other.id },
      );
    }
    let startsOn: IsoDate;
    let startsOnSource: StartsOnSource;
    const written = doc.servicePeriod ?? null;
    if (input.startsOn) [startsOn, startsOnSource] = [input.startsOn, "option"];
    else if (written) [startsOn, startsOnSource] = [written.startsOn, "contract"];
    else if (previous?.endsOn && (!doc.signedOn || daysBetween(doc.signedOn, previous.endsOn) >= 0)) [startsOn, startsOnSource] = [addDays(previous.endsOn, 1), "renewal"];
    else if (doc.signedOn) [startsOn, startsOnSource] = [doc.signedOn, "signing"];
    else [startsOn, startsOnSource] = [today, "today"];
    const plausibility = checkStartsOn(startsOn, startsOnSource, today);
    if (plausibility) doc.warnings.push(plausibility);
    const endsOn = startsOnSource === "contract" ? written!.endsOn : doc.termMonths ? termEndsOn(startsOn, doc.termMonths) : null;
    const contract = await contracts.insertGraph(em, doc, {
      orgId: org.id, renewalOfId: previous?.id ?? null, startsOn, startsOnSource,
      endsOn, status: "active", docHash, docName: input.fileName, text, at: now,
    });
    if (previous && previous.status !== "terminated") await contracts.setStatus(previous.id, "renewed", now, em);
    await audit.record({
      orgId: org.id, actor: input.actor, action: "contract.imported", subjectType: "contract", subjectId: String(contract.id),
      details: { fileName: input.fileName, startsOn, startsOnSource, renewalOf: previous?.id ?? null, warnings: doc.warnings.map((w) => w.code), forced: Boolean(input.force) },
      occurredAt: now,
    }, em);
    return { status: "imported", contractId: contract.id, corpId, startsOn, endsOn, startsOnSource, renewalOfId: previous?.id ?? null, document: doc };
  });
}
