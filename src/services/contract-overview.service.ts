import { ContractRepository, type ContractGraph } from "../db/repositories/contract.repository.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { businessDate } from "../domain/business-calendar.js";
import { contractTimeline, type ContractTimeline } from "../domain/contract-timeline.js";
import { expiryConsequences, type ConsequenceFact, type LapsingConsumable } from "../domain/expiry-consequences.js";
import type { Clause, ContractStatus, IsoDate, QuotaTerm, UsageEntry } from "../domain/model.js";
import { quotaWindow, summarizeUsage, type QuotaWindow, type UsageSummary } from "../domain/quota-usage.js";
import { metricPerKind } from "../domain/entitlement-display.js";
import { perKindCapacity, type PerKindAllowance } from "../domain/per-kind-allowance.js";
import { AppError } from "../lib/app-error.js";
import type { ServiceDeps } from "./service-deps.js";
import { usageSeries, type UsagePoint } from "./usage-series.js";

/** One quota with its usage in the current window. */
export interface QuotaState {
  metric: string;
  entitlementCode: string | null;
  entitlementName: string | null;
  term: QuotaTerm;
  window: QuotaWindow | null;
  /** "各N次" (data recovery): N for each kind the annex row names; usage is then counted against N × kinds. */
  perKind: PerKindAllowance | null;
  usage: UsageSummary;
  /** The window's ledger as running totals, one point per entry (for charts). */
  series: UsagePoint[];
}

/** Everything the bot, the page and the reminders say about one contract, as of one instant. */
export interface ContractOverview {
  today: IsoDate;
  graph: ContractGraph;
  /** Stored status, with `active` read as `expired` once the end date has passed. */
  status: ContractStatus;
  timeline: ContractTimeline;
  quotas: QuotaState[];
  clauses: Clause[];
  /** What is lost without renewal, dated and with citations. */
  consequences: ConsequenceFact[];
  history: { id: number; startsOn: IsoDate | null; endsOn: IsoDate | null; status: ContractStatus; amountFen: number | null }[];
}

/** The stored status as seen on `today`: an active contract past its end date is expired. */
export function effectiveStatus(status: ContractStatus, endsOn: IsoDate | null, today: IsoDate): ContractStatus {
  return status === "active" && endsOn && today > endsOn ? "expired" : status;
}

/** Metrics whose unused remainder lapses at the end of the term (DING, phone minutes, data-recovery uses). */
export const LAPSING_UNITS = new Set(["message", "minute", "use"]);

/** Computes quota states of a contract from its quotas and ledger (pure given its inputs). */
export function quotaStates(graph: ContractGraph, entries: UsageEntry[], now: Date, tz: string): QuotaState[] {
  const { contract } = graph;
  const byEnt = new Map(graph.entitlements.map((e) => [e.id, e]));
  return graph.quotas.map((q) => {
    const term: QuotaTerm = { metric: q.metric, limit: q.quotaLimit, unit: q.unit, period: q.period };
    const window = contract.startsOn && contract.endsOn ? quotaWindow(q.period, contract.startsOn, contract.endsOn, now, tz) : null;
    const mine = entries.filter((e) => e.metric === q.metric);
    const ent = q.entitlementId ? byEnt.get(q.entitlementId) : undefined;
    const perKind = metricPerKind(q.metric, ent);
    const counted = perKind ? { ...term, limit: perKindCapacity(perKind) } : term;
    return {
      metric: q.metric, entitlementCode: ent?.code ?? null, entitlementName: ent?.name ?? null, term, window, perKind,
      usage: summarizeUsage(counted, mine, q.period === "none" ? null : window, now, tz),
      series: usageSeries(term, mine, q.period === "none" ? null : window, now, tz),
    };
  });
}

/** The allowances whose unused remainder lapses at the end of the term (not monthly ones, not caps), as consequences read them. */
export function lapsingConsumables(quotas: readonly QuotaState[]): LapsingConsumable[] {
  return quotas
    .filter((q) => q.term.period !== "none" && q.term.period !== "month" && LAPSING_UNITS.has(q.term.unit))
    .map((q) => ({ metric: q.metric, remaining: q.usage.remaining ?? q.term.limit, unit: q.term.unit, perKind: q.perKind, used: q.usage.used }));
}

/**
 * The id of the org's current contract (its latest one): the org is `corpId`, else DINGTALK_CORP_ID, else the first
 * org. Null when there is none.
 */
export async function currentContractId(deps: ServiceDeps, corpId?: string): Promise<number | null> {
  const contracts = new ContractRepository(deps.ds);
  const corp = corpId ?? deps.config.dingtalk?.corpId ?? null;
  const org = corp ? await contracts.findOrg(corp) : await contracts.firstOrg();
  if (!org) return null;
  return (await contracts.latestForOrg(org.id, undefined, true))?.id ?? null;
}

/**
 * Loads a contract and derives its timeline and quota states as of the clock. `ref` is a contract id, or an org
 * corpId (then the org's current contract: the latest non-terminated one).
 */
export async function getContractOverview(deps: ServiceDeps, ref: { contractId?: number; corpId?: string }): Promise<ContractOverview | null> {
  const contracts = new ContractRepository(deps.ds);
  const id = ref.contractId ?? (await currentContractId(deps, ref.corpId));
  if (id === null) return null;
  const graph = await contracts.graph(id);
  if (!graph) return null;
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const today = businessDate(now, tz);
  const c = graph.contract;
  const retention = deps.config.settings.dataRetention;
  const timeline = contractTimeline(
    {
      startsOn: c.startsOn, termMonths: c.termMonths, endsOn: c.endsOn, signedOn: c.signedOn, paidOn: c.paidOn,
      invoiceRequestedOn: c.invoiceRequestedOn, invoicedOn: c.invoicedOn, paymentTerm: c.paymentTerms,
      invoiceTerm: c.invoiceTerms, amountFen: c.amountFen,
    },
    today,
    { chatHistoryDays: retention.chatHistoryDays, driveGraceDays: retention.driveGraceDays },
  );
  const entries = await new UsageRepository(deps.ds).entries(id);
  const history = await contracts.history(graph.org.id);
  const quotas = quotaStates(graph, entries, now, tz);
  const clauses = graph.clauses.map((k) => ({ part: k.part, ref: k.ref, text: k.text, tags: k.tags }));
  const storage = quotas.find((q) => q.metric === "storage.capacity_gb");
  const consequences = expiryConsequences({
    timeline, chatHistoryDays: retention.chatHistoryDays, storageUsedGb: storage?.usage.used ?? null, freeStorageGb: retention.freeStorageGb,
    consumables: lapsingConsumables(quotas),
    clauses,
  });
  return {
    today, graph, status: effectiveStatus(c.status, c.endsOn, today), timeline, quotas, clauses, consequences,
    history: history.map((h) => ({ id: h.id, startsOn: h.startsOn, endsOn: h.endsOn, status: effectiveStatus(h.status, h.endsOn, today), amountFen: h.amountFen })),
  };
}

/** The not_found error for a missing contract: which id, or how to import a first one. */
export function noContract(ref: { contractId?: number }): AppError {
  return new AppError("not_found", ref.contractId !== undefined
    ? `Contract ${ref.contractId} does not exist; \`npm run cli -- contract list\` shows the ids.`
    : "No contract has been imported yet. Import one with `npm run cli -- contract import 合同.pdf` or upload it in the mini-app.");
}

/** Like getContractOverview, but a missing contract is an AppError('not_found') telling how to import one. */
export async function requireContractOverview(deps: ServiceDeps, ref: { contractId?: number; corpId?: string }): Promise<ContractOverview> {
  const o = await getContractOverview(deps, ref);
  if (!o) throw noContract(ref);
  return o;
}

/** Persistence shapes the edges may read (types only; edges never import db). */
export type { ContractGraph } from "../db/repositories/contract.repository.js";
export type { ContractEntity } from "../db/entities/contract.entity.js";
