import { z } from "zod";
import { IsNull } from "typeorm";
import { UsageRecordEntity } from "../db/entities/index.js";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { NextDueRepository } from "../db/repositories/next-due.repository.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { USAGE_SOURCES } from "../domain/model.js";
import { basicAmountProblem, cleanFreeText, CONFIRM_OVER_LIMIT_FACTOR, usageAmountProblem, type UsageAmountProblem } from "../domain/usage-rules.js";
import { AppError } from "../lib/app-error.js";
import { requireContractOverview, type QuotaState } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

/** What each refused amount tells the caller (what is wrong, and what to do). */
const AMOUNT_MESSAGES: Record<Exclude<UsageAmountProblem, "fraction" | "over_limit">, string> = {
  not_finite: "must be a finite number, e.g. 30",
  negative: "cannot be negative; to correct an earlier entry, undo it (「撤销」 in chat) and record the right figure",
  zero: "must be above 0; an entry of nothing changes nothing, so send the amount actually used",
  too_large: "is implausibly large (more than 1,000,000,000,000); check the figure and enter it again",
};

/** A note as stored: control characters, lone surrogates and bidi overrides removed; empty becomes null. */
const Note = z
  .string()
  .transform(cleanFreeText)
  .pipe(z.string().max(500, "is limited to 500 characters; shorten it"))
  .transform((s) => (s === "" ? null : s));

/**
 * Input of recordUsage; validated here, whatever the edge (bot, page, CLI). The amount must be finite, not negative,
 * above 0 for a delta and at most 1e12; whole-number units and the 2× over-limit confirmation are checked against the
 * quota in {@link recordUsage}. `confirmed` is set only after the admin confirmed an over-limit figure.
 */
export const RecordUsageInput = z
  .object({
    contractId: z.number().int().positive().optional(),
    corpId: z.string().min(1).max(64).optional(),
    metric: z.string().min(1).max(100),
    amount: z.number({ error: "must be a number, e.g. 30" }),
    kind: z.enum(["delta", "reading"]),
    note: Note.optional().nullable(),
    occurredAt: z.date().optional(),
    source: z.enum(USAGE_SOURCES),
    actor: z.string().min(1).max(128),
    confirmed: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    const problem = basicAmountProblem(v.amount, v.kind);
    if (problem === null || problem === "fraction" || problem === "over_limit") return;
    ctx.addIssue({ code: "custom", path: ["amount"], message: AMOUNT_MESSAGES[problem], params: { subject: `usage.${problem}` } });
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
  const subject = (i as { params?: { subject?: unknown } }).params?.subject;
  const message = `${i.path.join(".") || "input"}: ${i.message}.`;
  return new AppError("invalid_input", message, typeof subject === "string" ? { subject } : undefined);
}

/** Refuses a fraction of a whole-number unit, and holds a figure far above the limit until it is confirmed. */
function checkAgainstQuota(input: { metric: string; amount: number; kind: "delta" | "reading"; confirmed?: boolean }, quota: QuotaState): void {
  const unit = quota.term.unit;
  const limit = quota.usage.limit; // per-kind allowances ("各1次") count against uses × kinds, not the figure as written
  const problem = usageAmountProblem(input.amount, input.kind, { unit, limit });
  const details = { metric: input.metric, amount: input.amount, unit, limit };
  if (problem === "fraction") {
    throw new AppError("invalid_input", `amount: ${input.metric} is counted in whole ${unit}s, so ${input.amount} cannot be recorded; enter a whole number.`, { ...details, subject: "usage.fraction" });
  }
  if (problem === "over_limit" && !input.confirmed) {
    throw new AppError(
      "confirmation_required",
      `amount: ${input.amount} is more than ${CONFIRM_OVER_LIMIT_FACTOR}× the ${input.metric} limit of ${limit}; check the figure, or confirm it to record it anyway.`,
      { ...details, subject: "usage.over_limit", factor: CONFIRM_OVER_LIMIT_FACTOR },
    );
  }
}

async function quotaAfter(deps: ServiceDeps, contractId: number, metric: string): Promise<QuotaState> {
  const o = await requireContractOverview(deps, { contractId });
  const q = o.quotas.find((x) => x.metric === metric);
  if (!q) throw new AppError("not_found", `Contract ${contractId} has no quota "${metric}".`);
  return q;
}

/**
 * Appends one usage entry (a delta consumed or an absolute reading) to the ledger of a contract's quota and returns
 * the quota afterwards. Unknown metrics are refused with the list of known ones, fractions of whole-number units are
 * refused, and a figure more than 2× the limit needs `confirmed` (else `confirmation_required`); usage above the limit
 * is otherwise accepted and flagged. Nothing is stored when the input is refused.
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
  checkAgainstQuota(input, quota);
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

/**
 * Revokes the caller's most recent entry on the current contract ("撤销"); not_found when there is none. Finding the
 * entry, revoking it and the audit event are one transaction, so a failure leaves the entry as it was.
 */
export async function undoLastUsage(deps: ServiceDeps, input: { actor: string; contractId?: number; corpId?: string }): Promise<UsageChange & { amount: number; kind: "delta" | "reading" }> {
  const overview = await requireContractOverview(deps, input);
  const contractId = overview.graph.contract.id;
  const now = deps.clock.now();
  const last = await deps.ds.transaction(async (em) => {
    const row = await em.findOne(UsageRecordEntity, {
      where: { contractId, recordedBy: input.actor, revokedAt: IsNull() },
      order: { createdAt: "DESC", id: "DESC" },
    });
    if (!row) throw new AppError("not_found", "You have no usage entry to undo on this contract.");
    const res = await em.createQueryBuilder().update(UsageRecordEntity).set({ revokedAt: now, revokedBy: input.actor })
      .where("id = :id AND revokedAt IS NULL", { id: row.id }).execute();
    if (res.affected !== 1) throw new AppError("conflict", "That entry was already undone.");
    await new NextDueRepository(deps.ds).markDue([contractId], em);
    await new AuditRepository(deps.ds).record({
      orgId: overview.graph.org.id, actor: input.actor, action: "usage.revoked", subjectType: "usage", subjectId: String(row.id),
      details: { metric: row.metric, amount: Number(row.amount) }, occurredAt: now,
    }, em);
    return row;
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
