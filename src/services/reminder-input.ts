/**
 * Loads what the reminder policy needs from the database in bulk (a handful of queries however many contracts):
 * contracts with their successors, quotas, ledger, deliveries of the last 400 days, preferences and recipients.
 */
import { ReminderRepository, type SweepContractRow } from "../db/repositories/reminder.repository.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { businessDate } from "../domain/business-calendar.js";
import type { Clause } from "../domain/model.js";
import type { PolicyInput, ReminderContract, ReminderSettings } from "../domain/reminder-model.js";
import { resolveRecipients } from "../domain/reminder-policy.js";
import { metricLabel } from "../domain/display-labels.js";
import { metricPerKind } from "../domain/entitlement-display.js";
import type { ServiceDeps } from "./service-deps.js";

/** Deliveries older than this cannot matter to the policy (its longest look-back). */
export const DELIVERY_HISTORY_DAYS = 400;

/** The policy input as of `now`, for every contract or only `contractIds`. */
export async function loadPolicyInput(deps: ServiceDeps, now: Date, contractIds?: number[]): Promise<PolicyInput> {
  const repo = new ReminderRepository(deps.ds);
  const tz = deps.config.timezone;
  const live = (await repo.contracts(contractIds)).filter((c) => c.status !== "terminated" && c.status !== "draft");
  const orgs = await repo.orgs(contractIds ? live.map((c) => c.orgId) : undefined);
  // The admins configured are this org's: another org's contracts (an upload naming its corpId) never reach them.
  const ownCorp = deps.config.dingtalk?.corpId ?? null;
  const rows = live.filter((c) => ownCorp === null || orgs.get(c.orgId)?.corpId === ownCorp);
  const ids = rows.map((c) => c.id);
  const [successors, quotas, usage, prefs, deliveries, subs] = await Promise.all([
    repo.successors(contractIds ? ids : undefined),
    repo.quotas(ids),
    new UsageRepository(deps.ds).entriesFor(ids),
    repo.preferences(ids),
    repo.deliveries(ids, new Date(now.getTime() - DELIVERY_HISTORY_DAYS * 86_400_000)),
    repo.subscriptions(),
  ]);
  const quotasBy = new Map<number, ReminderContract["quotas"]>();
  for (const q of quotas) {
    const list = quotasBy.get(q.contractId) ?? [];
    const row = q.entitlementCode ? { code: q.entitlementCode, spec: q.entitlementSpec, description: q.entitlementDescription } : null;
    list.push({ metric: q.metric, limit: q.quotaLimit, unit: q.unit, period: q.period, label: metricLabel(q.metric, "zh", q.entitlementName), perKind: metricPerKind(q.metric, row) });
    quotasBy.set(q.contractId, list);
  }
  const contracts = rows.map((c) => toReminderContract(c, orgs.get(c.orgId)?.name ?? "", successors.get(c.id) ?? null, quotasBy.get(c.id) ?? [], usage.get(c.id) ?? [], tz));
  return {
    now,
    tz,
    settings: deps.config.settings.reminders as ReminderSettings,
    retention: deps.config.settings.dataRetention,
    contracts,
    deliveries,
    preferences: prefs.map((p) => ({ contractId: p.contractId, kind: p.kind, snoozedUntil: p.snoozedUntil, acknowledgedOn: p.acknowledgedOn })),
    recipients: resolveRecipients({ userIds: deps.config.admins.userIds, groups: deps.config.admins.groups }, subs.map((s) => ({ userId: s.userId, subscribed: s.state === "subscribed" }))),
  };
}

function toReminderContract(
  c: SweepContractRow, orgName: string, successor: ReminderContract["renewedBy"], quotas: ReminderContract["quotas"],
  usage: ReminderContract["usage"], tz: string,
): ReminderContract {
  return {
    id: c.id, orgName, status: c.status, createdOn: businessDate(c.createdAt, tz), renewedBy: successor, quotas, usage,
    terms: {
      startsOn: c.startsOn, termMonths: c.termMonths, endsOn: c.endsOn, signedOn: c.signedOn, paidOn: c.paidOn,
      invoiceRequestedOn: c.invoiceRequestedOn, invoicedOn: c.invoicedOn, paymentTerm: c.paymentTerms, invoiceTerm: c.invoiceTerms,
      amountFen: c.amountFen,
    },
  };
}

/** Clauses of some contracts, for citing in notices: every id asked for has an entry (empty when it has none). */
export async function loadClauses(deps: ServiceDeps, contractIds: number[]): Promise<Map<number, Clause[]>> {
  const out = new Map<number, Clause[]>(contractIds.map((id) => [id, []]));
  if (contractIds.length === 0) return out;
  for (const k of await new ReminderRepository(deps.ds).clauses(contractIds)) {
    const list = out.get(k.contractId) ?? [];
    list.push({ part: k.part, ref: k.ref, text: k.text, tags: k.tags });
    out.set(k.contractId, list);
  }
  return out;
}
