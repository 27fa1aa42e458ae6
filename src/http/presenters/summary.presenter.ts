import type { ContractOverview } from "../../services/contract-overview.service.js";
import type { DeadlineState } from "../../domain/contract-timeline.js";
import { BUSINESS_TZ, daysBetween } from "../../domain/business-calendar.js";
import type { SessionUser } from "../../services/session.service.js";
import type { ContractView, KeyDate, ReminderLogEntry, Summary, UpcomingReminder } from "../../../mini-app/src/api-types.js";
import { consequenceBrief } from "../../domain/consequence-wording.js";
import { entitlementAbout, entitlementName, entitlementSpec } from "../../domain/entitlement-display.js";
import { presentConsequence, type Lang } from "./consequence.presenter.js";
import { presentQuota } from "./quota.presenter.js";

function deadline(d: DeadlineState | null) {
  return {
    deadline: d?.dueOn ?? null,
    status: d ? d.status : ("unknown" as const),
    daysOverdue: d && d.status === "overdue" ? d.daysLate : 0,
  };
}

function presentContract(o: ContractOverview): ContractView {
  const c = o.graph.contract;
  const t = o.timeline;
  const total = c.startsOn && t.endsOn ? daysBetween(c.startsOn, t.endsOn) + 1 : 0;
  const elapsed = c.startsOn ? daysBetween(c.startsOn, o.today) + 1 : 0;
  return {
    id: c.id, title: c.title ?? "钉钉专业版合同", product: c.product ?? "钉钉专业版", customer: c.customerName ?? "", vendors: c.vendors,
    amountFen: c.amountFen ?? 0, amountWords: c.amountWords,
    amountWordsOk: !c.source.warnings.some((w) => w.code === "AMOUNT_WORDS_MISMATCH"),
    startsOn: c.startsOn ?? "", endsOn: t.endsOn ?? "", termMonths: c.termMonths ?? 0, daysLeft: t.daysLeft ?? 0,
    progress: total > 0 ? Math.min(1, Math.max(0, elapsed / total)) : 0, status: o.status,
    payment: { ...deadline(t.payment), paidOn: c.paidOn },
    invoice: {
      ...deadline(t.invoice), invoicedOn: c.invoicedOn, penaltyFen: t.invoice?.penaltyFen ?? 0,
      ratePerDay: c.invoiceTerms?.latePenaltyRatePerDay ?? null,
    },
  };
}

function keyDates(o: ContractOverview, lang: Lang): KeyDate[] {
  const zh = lang === "zh";
  const out: KeyDate[] = [];
  const t = o.timeline;
  if (t.endsOn) {
    const left = t.daysLeft ?? 0;
    out.push({ date: t.endsOn, kind: "expiry", severity: left <= 7 ? "critical" : left <= 30 ? "warning" : "info", label: zh ? "专业版到期" : "Pro edition expires" });
  }
  const unless = (f: (typeof o.consequences)[number]) => {
    const brief = consequenceBrief(f, lang);
    return zh ? `未续费则${brief}` : `Unless renewed, ${brief}`;
  };
  for (const f of o.consequences) {
    if (!f.date) continue;
    if (f.kind === "chat_history") out.push({ date: f.date, kind: "chat_history", severity: "warning", label: unless(f) });
    if (f.kind === "drive_data") out.push({ date: f.date, kind: "data_deletion", severity: "critical", label: unless(f) });
    if (f.kind === "consumables_lapse") {
      const brief = consequenceBrief(f, lang);
      out.push({ date: f.date, kind: "lapse", severity: "warning", label: zh ? brief : brief.charAt(0).toUpperCase() + brief.slice(1) });
    }
  }
  for (const [kind, d] of [["payment", t.payment], ["invoice", t.invoice]] as const) {
    if (d?.dueOn && d.status !== "met") {
      out.push({
        date: d.dueOn, kind, severity: d.status === "overdue" ? "critical" : "warning",
        label: kind === "payment" ? (zh ? "付款截止" : "Payment due") : zh ? "发票开具截止" : "Invoice due",
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** Reminder information the summary shows, supplied by the reminder service when present. */
export interface ReminderPanel {
  upcoming: UpcomingReminder[];
  log: ReminderLogEntry[];
}

/** The page's Summary without the viewer: the same for every admin looking at it. */
export type SharedSummary = Omit<Summary, "viewer">;

/**
 * The `{data: Summary}` response body from a serialized shared summary plus who is looking, without serializing
 * the shared part again (it is the bulk of the page's data and the same for every admin).
 */
export function summaryJson(sharedJson: string, viewer: SessionUser): string {
  const v = JSON.stringify({ userId: viewer.userId, name: viewer.name, isAdmin: viewer.isAdmin });
  return `{"data":{"viewer":${v},${sharedJson.slice(1)}}`;
}

/** What stays after expiry without renewal, from the data-retention settings (shown on the drive chart). */
export interface RetentionView {
  freeStorageGb: number;
  chatHistoryDays: number;
}

/** Builds the page's Summary (minus the viewer) from the contract overview (null = nothing imported yet). */
export function presentSummary(
  o: ContractOverview | null, demo: boolean, lang: Lang, reminders: ReminderPanel, now: Date, tz: string = BUSINESS_TZ, retention?: RetentionView,
): SharedSummary {
  const base = { demo, generatedAt: now.toISOString(), ...(retention ? { retention: { ...retention } } : {}) };
  if (!o) return { ...base, org: null, contract: null, entitlements: [], keyDates: [], consequences: [], reminders, renewals: [] };
  const byEntitlement = new Map<number, ReturnType<typeof presentQuota>[]>();
  const quotaView = { lang, today: o.today, tz };
  for (const q of o.quotas) {
    const entId = o.graph.quotas.find((x) => x.metric === q.metric)?.entitlementId;
    if (entId != null) byEntitlement.set(entId, [...(byEntitlement.get(entId) ?? []), presentQuota(q, quotaView)]);
  }
  const notices = [...new Map(reminders.upcoming.map((r) => [`${r.date}|${r.title}`, r])).values()];
  const reminderDates: KeyDate[] = notices.slice(0, 3).map((r) => ({ date: r.date, kind: "renewal_reminder", severity: r.severity, label: r.title }));
  return {
    ...base,
    org: { corpId: o.graph.org.corpId, name: o.graph.org.name },
    contract: presentContract(o),
    entitlements: o.graph.entitlements.map((e) => {
      const row = { code: e.code, name: e.name, description: e.description, spec: e.spec, quotas: o.graph.quotas.filter((q) => q.entitlementId === e.id).map((q) => ({ metric: q.metric, limit: q.quotaLimit, unit: q.unit, period: q.period })) };
      const spec = entitlementSpec(row, lang);
      return {
        code: e.code, name: entitlementName(e.code, e.name, lang), category: e.category, description: entitlementAbout(e.code, e.description, lang),
        ...(spec ? { spec } : {}), quotas: byEntitlement.get(e.id) ?? [],
      };
    }),
    keyDates: [...keyDates(o, lang), ...reminderDates].sort((a, b) => a.date.localeCompare(b.date)),
    consequences: o.consequences.map((f) => presentConsequence(f, lang, o.today)),
    reminders,
    renewals: o.history.filter((h) => h.startsOn && h.endsOn).map((h) => ({ id: h.id, startsOn: h.startsOn!, endsOn: h.endsOn!, status: h.status, amountFen: h.amountFen ?? 0 })),
  };
}
