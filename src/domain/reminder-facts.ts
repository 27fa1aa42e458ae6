/**
 * The facts a notice states, as JSON-ready values: days left, what lapses and how much is left, what data is lost
 * when and which clauses say so, deadlines and penalties accrued, the last usage figures. Pure; usage is read as of
 * `now` and day counts as of `asOf`.
 */
import { startOfBusinessDay } from "./business-calendar.js";
import { dayDiff, shiftDays } from "./day-numbers.js";
import { latePenaltyFen, type DeadlineState } from "./contract-timeline.js";
import { clausesFor, consequenceBacking, type ConsequenceBasis, type ConsequenceKind } from "./expiry-consequences.js";
import type { Clause, IsoDate } from "./model.js";
import { quotaWindow, summarizeUsage, type UsageSummary } from "./quota-usage.js";
import { LAPSING_UNITS, lapseDates, type DerivedContract, type Occurrence } from "./reminder-occurrences.js";
import type { NoticeFacts, ReminderQuota, ReminderSettings, RetentionSettings } from "./reminder-model.js";
import { perKindCapacity, type PerKindAllowance } from "./per-kind-allowance.js";

/** What facts are computed with. */
export interface FactsContext {
  now: Date;
  tz: string;
  settings: ReminderSettings;
  retention: RetentionSettings;
}

/** A consumable and what is left of it ("各N次" ones: per kind, with how many were used). */
export interface ConsumableLeft {
  metric: string;
  label: string;
  remaining: number;
  limit: number;
  unit: string;
  perKind?: PerKindAllowance | null;
  used?: number | null;
}

/** The quota as usage is counted against it: a "各N次" allowance gives N × kinds uses in all. */
function counted(q: ReminderQuota): ReminderQuota {
  return q.perKind ? { ...q, limit: perKindCapacity(q.perKind) } : q;
}

/** Usage of a quota in the window containing `at` (default: now), entries counted up to now; null without a term. */
export function quotaUsage(d: DerivedContract, quota: ReminderQuota, ctx: FactsContext, at: Date | (() => Date) = ctx.now): UsageSummary | null {
  const q = counted(quota);
  const t = d.timeline;
  if (!t?.startsOn || !t.endsOn) return null;
  if (!d.contract.usage.some((e) => e.metric === q.metric)) {
    const cap = q.period === "none";
    return { limit: q.limit, used: cap ? null : 0, remaining: cap ? null : q.limit, percent: cap || q.limit === 0 ? null : 0, overLimit: false, asOf: null, source: null, forecast: null };
  }
  if (typeof at === "function") at = at();
  const window = q.period === "none" ? null : quotaWindow(q.period, t.startsOn, t.endsOn, at, ctx.tz);
  return summarizeUsage(q, d.contract.usage, window, ctx.now, ctx.tz);
}

/** Consumables still unused that lapse after `lapsesOn` (year quotas whose contract year ends then, term quotas at the end). */
export function lapsingOn(d: DerivedContract, lapsesOn: IsoDate, ctx: FactsContext): ConsumableLeft[] {
  const w = lapseDates(d).find((x) => x.lapsesOn === lapsesOn);
  if (!w) return [];
  const at = () => startOfBusinessDay(lapsesOn, ctx.tz);
  return d.contract.quotas
    .filter((q) => LAPSING_UNITS.has(q.unit) && w.periods.includes(q.period))
    .map((q) => {
      const u = quotaUsage(d, q, ctx, at);
      const limit = counted(q).limit;
      return { metric: q.metric, label: q.label ?? q.metric, remaining: u?.remaining ?? limit, limit, unit: q.unit, perKind: q.perKind ?? null, used: u?.used ?? 0 };
    })
    .filter((c) => c.remaining > 0);
}

function storage(d: DerivedContract, ctx: FactsContext): { usedGb: number | null; freeGb: number; atRiskGb: number | null } {
  const q = d.contract.quotas.find((x) => x.metric === "storage.capacity_gb") ?? d.contract.quotas.find((x) => x.unit === "gb" && x.period === "none");
  const usedGb = q ? (quotaUsage(d, q, ctx)?.used ?? null) : null;
  const freeGb = ctx.retention.freeStorageGb;
  const atRiskGb = usedGb === null ? null : Math.max(0, Math.round((usedGb - freeGb) * 10) / 10);
  return { usedGb, freeGb, atRiskGb };
}

function cite(clauses: Clause[] | undefined): { part: string; ref: string; text: string }[] | null {
  if (!clauses) return null;
  const found = [...clausesFor("chat_history", clauses), ...clausesFor("drive_data", clauses)];
  const seen = new Set<string>();
  return found.filter((c) => !seen.has(c.ref) && seen.add(c.ref)).map((c) => ({ part: c.part, ref: c.ref, text: c.text }));
}

function deadlineFacts(state: DeadlineState | null, amountFen: number | null | undefined, ratePerDay: number | null | undefined, asOf: IsoDate) {
  if (!state?.dueOn) return null;
  const daysLate = Math.max(0, dayDiff(state.dueOn, asOf));
  const penaltyFen = ratePerDay != null && amountFen != null ? latePenaltyFen(amountFen, ratePerDay, daysLate) : null;
  return {
    dueOn: state.dueOn, anchor: state.anchor, anchorOn: state.anchorOn, daysLeft: dayDiff(asOf, state.dueOn), daysLate,
    amountFen: amountFen ?? null, ratePerDay: ratePerDay ?? null, penaltyFen, approximate: state.approximate,
  };
}

/**
 * The facts of `occ` for its contract, or null when there is nothing to say (nothing left to lapse, no figure to ask
 * for). `asOf` is the business date the notice speaks from (the sweep's day, or the firing day in a preview).
 */
export function noticeFacts(d: DerivedContract, occ: Occurrence, asOf: IsoDate, ctx: FactsContext): NoticeFacts | null {
  const c = d.contract;
  const base: NoticeFacts = { contractId: c.id, orgName: c.orgName, eventOn: occ.eventOn, daysLeft: dayDiff(asOf, occ.eventOn) };
  const t = d.timeline;
  switch (occ.kind) {
    case "renewal": {
      const endsOn = t!.endsOn!;
      const s = storage(d, ctx);
      return {
        ...base, endsOn, expired: asOf > endsOn, graceEndsOn: shiftDays(endsOn, ctx.settings.renewal.graceDays),
        lapsing: lapsingOn(d, endsOn, ctx), chatFallbackOn: t!.chatHistory?.fallbackOn ?? null, chatHistoryDays: ctx.retention.chatHistoryDays,
        atRiskGb: s.atRiskGb, softened: c.status === "renewing",
      };
    }
    case "data_deletion":
      return {
        ...base, lossOn: d.lossOn, endsOn: t!.endsOn,
        chat: { ...t!.chatHistory, days: ctx.retention.chatHistoryDays },
        drive: { riskOn: t!.driveDataRiskOn, ...storage(d, ctx) },
        clauses: cite(c.clauses),
      };
    case "consumable_lapse": {
      const items = lapsingOn(d, occ.eventOn, ctx);
      return items.length ? { ...base, lapsesOn: occ.eventOn, items } : null;
    }
    case "quota_threshold":
      return { ...base, ...occ.extra };
    case "payment_deadline": {
      const f = deadlineFacts(t!.payment, c.terms.amountFen, c.terms.paymentTerm?.latePenaltyRatePerDay, asOf);
      return f ? { ...base, ...f, term: c.terms.paymentTerm?.within ?? null } : null;
    }
    case "invoice_deadline": {
      const f = deadlineFacts(t!.invoice, c.terms.amountFen, c.terms.invoiceTerm?.latePenaltyRatePerDay, asOf);
      return f ? { ...base, ...f, term: c.terms.invoiceTerm?.within ?? null } : null;
    }
    case "reading_request": {
      const wanted = ctx.settings.readingRequest.metrics;
      const items = c.quotas
        .filter((q) => wanted.includes(q.metric))
        .map((q) => {
          const u = quotaUsage(d, q, ctx);
          return { metric: q.metric, label: q.label ?? q.metric, unit: q.unit, limit: q.limit, used: u?.asOf ? u.used : null, asOf: u?.asOf?.toISOString() ?? null, source: u?.source ?? null };
        });
      return items.length ? { ...base, daysLeft: null, month: occ.dueKey.slice(-7), items } : null;
    }
    case "incomplete_contract":
      return { ...base, daysLeft: null, problem: d.problem?.kind ?? "missing_dates", fields: d.problem?.fields ?? [], message: d.problem?.message ?? "", endsOn: d.timeline?.endsOn ?? null };
  }
}

/** What the contract says about a consequence a notice mentions: the clauses to cite, or "policy" when none says it. */
export interface NoticeBacking {
  basis: ConsequenceBasis;
  refs: string[];
  noCarryOver: boolean;
  irrecoverable: boolean;
  /** Exceptions the cited clauses state, as written ("除法律法规另有规定以及不可抗力外"), kept in the wording. */
  exceptions: string[];
}

function backing(kind: ConsequenceKind, clauses: Clause[]): NoticeBacking {
  const b = consequenceBacking(kind, clauses);
  return { basis: b.basis, refs: b.clauses.map((c) => c.ref), noCarryOver: b.says.noCarryOver, irrecoverable: b.says.irrecoverable, exceptions: b.exceptions.map((e) => e.zh) };
}

/** Notice kinds whose wording depends on what the clauses say (their facts get {@link withClauses}). */
export const CITING_KINDS: ReadonlySet<string> = new Set(["renewal", "data_deletion", "consumable_lapse"]);

/**
 * Adds what the clauses say once they are loaded (they are left out of bulk planning): citations for data deletion,
 * and for renewal and lapse notices whether a clause says unused allowances lapse and what happens to data, so the
 * wording claims only what the contract says.
 */
export function withClauses(kind: string, facts: NoticeFacts, clauses: Clause[]): NoticeFacts {
  if (kind === "data_deletion") return { ...facts, clauses: cite(clauses) };
  if (kind === "consumable_lapse") return { ...facts, backing: { lapse: backing("consumables_lapse", clauses) } };
  if (kind === "renewal") {
    return { ...facts, backing: { lapse: backing("consumables_lapse", clauses), chat: backing("chat_history", clauses), drive: backing("drive_data", clauses) } };
  }
  return facts;
}
