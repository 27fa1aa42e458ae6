import { z } from "zod";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { USAGE_SOURCES } from "../domain/model.js";
import { AppError } from "../lib/app-error.js";
import { requireContractOverview, type QuotaState } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

/** Input of recordUsage; validated here, whatever the edge (bot, page, CLI). */
export const RecordUsageInput = z.object({
  contractId: z.number().int().positive().optional(),
  corpId: z.string().min(1).max(64).optional(),
  metric: z.string().min(1).max(100),
  amount: z.number({ error: "amount must be a number" }).finite("amount must be a finite number").nonnegative("amount cannot be negative").max(1e12, "amount is implausibly large"),
  kind: z.enum(["delta", "reading"]),
  note: z.string().max(500, "note is limited to 500 characters").optional().nullable(),
  occurredAt: z.date().optional(),
  source: z.enum(USAGE_SOURCES),
  actor: z.string().min(1).max(128),
});

/** What recordUsage accepts. */
export type RecordUsageInput = z.input<typeof RecordUsageInput>;

/** A recorded (or revoked) entry and the quota as it stands afterwards. */
export interface UsageChange {
  entryId: number;
  contractId: number;
  quota: QuotaState;
  /** True when the quota is now above its limit (the entry is kept, and flagged). */
  flagged: boolean;
}

function validation(err: z.ZodError): AppError {
  const i = err.issues[0]!;
  return new AppError("invalid_input", `${i.path.join(".") || "input"}: ${i.message}.`);
}

async function quotaAfter(deps: ServiceDeps, contractId: number, metric: string): Promise<QuotaState> {
  const o = await requireContractOverview(deps, { contractId });
  const q = o.quotas.find((x) => x.metric === metric);
  if (!q) throw new AppError("not_found", `Contract ${contractId} has no quota "${metric}".`);
  return q;
}

/**
 * Appends one usage entry (a delta consumed or an absolute reading) to the ledger of a contract's quota and returns
 * the quota afterwards. Unknown metrics are refused with the list of known ones; usage above the limit is accepted
 * and flagged.
 */
export async function recordUsage(deps: ServiceDeps, raw: RecordUsageInput): Promise<UsageChange> {
  const parsed = RecordUsageInput.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  const input = parsed.data;
  const overview = await requireContractOverview(deps, { contractId: input.contractId, corpId: input.corpId });
  const contractId = overview.graph.contract.id;
  const quota = overview.quotas.find((q) => q.metric === input.metric);
  if (!quota) {
    const known = overview.quotas.filter((q) => q.term.period !== "none" || q.term.unit === "gb").map((q) => q.metric);
    throw new AppError("invalid_input", `Unknown metric "${input.metric}" for this contract. Known metrics: ${known.join(", ")}.`);
  }
  if (quota.term.period === "none" && input.kind === "delta") {
    throw new AppError("invalid_input", `${input.metric} is a cap, not a consumable; record a reading (the level now) instead of an amount used.`);
  }
  const now = deps.clock.now();
  const entry = await deps.ds.transaction(async (em) => {
    const row = await new UsageRepository(deps.ds).append({
      contractId, metric: input.metric, kind: input.kind, amount: input.amount, occurredAt: input.occurredAt ?? now,
      source: input.source, recordedBy: input.actor, note: input.note ?? null, createdAt: now,
    }, em);
    await new AuditRepository(deps.ds).record({
      orgId: overview.graph.org.id, actor: input.actor, action: "usage.recorded", subjectType: "usage", subjectId: String(row.id),
      details: { metric: input.metric, kind: input.kind, amount: input.amount, source: input.source }, occurredAt: now,
    }, em);
    return row;
  });
  const after = await quotaAfter(deps, contractId, input.metric);
  return { entryId: entry.id, contractId, quota: after, flagged: after.usage.overLimit };
}

/** Revokes the caller's most recent entry on the current contract ("撤销"); not_found when there is none. */
export async function undoLastUsage(deps: ServiceDeps, input: { actor: string; contractId?: number; corpId?: string }): Promise<UsageChange & { amount: number; kind: "delta" | "reading" }> {
  const overview = await requireContractOverview(deps, input);
  const contractId = overview.graph.contract.id;
  const usage = new UsageRepository(deps.ds);
  const last = await usage.lastOwn(contractId, input.actor);
  if (!last) throw new AppError("not_found", "You have no usage entry to undo on this contract.");
  const now = deps.clock.now();
  if (!(await usage.revoke(last.id, input.actor, now))) throw new AppError("conflict", "That entry was already undone.");
  await new AuditRepository(deps.ds).record({
    orgId: overview.graph.org.id, actor: input.actor, action: "usage.revoked", subjectType: "usage", subjectId: String(last.id),
    details: { metric: last.metric, amount: Number(last.amount) }, occurredAt: now,
  });
  const after = await quotaAfter(deps, contractId, last.metric);
  return { entryId: last.id, contractId, quota: after, flagged: after.usage.overLimit, amount: Number(last.amount), kind: last.kind };
}

/** Renewal states an admin can declare from chat or the page. */
export const RENEWAL_DECLARATIONS = ["renewed", "renewing", "not_renewing", "terminated"] as const;

/**
 * Records what the admin says about renewal: renewed / renewing stop or soften renewal reminders, not_renewing
 * returns the contract to active (reminders continue), terminated stops all notices.
 */
export async function declareRenewal(
  deps: ServiceDeps,
  input: { actor: string; declaration: (typeof RENEWAL_DECLARATIONS)[number]; contractId?: number; corpId?: string },
): Promise<{ contractId: number; status: string; previous: string }> {
  const overview = await requireContractOverview(deps, input);
  const c = overview.graph.contract;
  const status = input.declaration === "not_renewing" ? "active" : input.declaration;
  const now = deps.clock.now();
  await deps.ds.transaction(async (em) => {
    await new ContractRepository(deps.ds).setStatus(c.id, status, now, em);
    await new AuditRepository(deps.ds).record({
      orgId: overview.graph.org.id, actor: input.actor, action: `contract.${input.declaration}`, subjectType: "contract",
      subjectId: String(c.id), details: { from: c.status, to: status }, occurredAt: now,
    }, em);
  });
  return { contractId: c.id, status, previous: c.status };
}
