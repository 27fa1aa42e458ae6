import { businessDate } from "../../domain/business-calendar.js";
import { metricLabel, sourceLabel, staleDays, unitLabel, type Lang } from "../../domain/display-labels.js";
import { perKindText } from "../../domain/per-kind-allowance.js";
import type { QuotaState } from "../../services/contract-overview.service.js";
import type { QuotaView } from "../../../mini-app/src/api-types.js";

/** How the usage form records a metric: consumables as deltas, storage as a reading, other caps not at all. */
export function recordAs(q: QuotaState): QuotaView["recordAs"] {
  if (q.term.period !== "none") return "delta";
  return q.term.unit === "gb" ? "reading" : null;
}

/** What the quota view needs besides the quota: the page's language, and today with the time zone (for "N days ago"). */
export interface QuotaViewOptions {
  lang?: Lang;
  today?: string;
  tz?: string;
}

/**
 * QuotaState → the page's QuotaView (whitelisted fields, ISO instants), its words (name, source, "各N次") in the
 * page's language from the shared display labels. `remaining` is limit − used and goes negative above the limit (the
 * page shows the overage from it); the domain's own figure stops at 0. For a per-kind allowance the limit is uses ×
 * kinds (what can be used in all).
 */
export function presentQuota(q: QuotaState, o: QuotaViewOptions = {}): QuotaView {
  const u = q.usage;
  const lang = o.lang ?? "zh";
  const stale = u.asOf && o.today ? staleDays(businessDate(u.asOf, o.tz), o.today) : null;
  return {
    metric: q.metric, label: metricLabel(q.metric, lang, q.entitlementName), unit: q.term.unit, unitLabel: unitLabel(q.term.unit, lang), period: q.term.period, limit: u.limit, used: u.used,
    remaining: u.used === null ? null : u.limit - u.used,
    percent: u.percent, overLimit: u.overLimit, window: q.window, asOf: u.asOf ? u.asOf.toISOString() : null, source: u.source,
    sourceLabel: u.source ? sourceLabel(u.source, lang) : null,
    staleDays: stale,
    perKind: q.perKind ? { each: q.perKind.each, kinds: q.perKind.kinds.map((k) => (lang === "en" ? (k.en ?? k.zh) : k.zh)), text: perKindText(q.perKind, lang) } : null,
    forecast: u.forecast ? { exhaustsOn: u.forecast.exhaustsOn, unusedAtWindowEnd: u.forecast.unusedAtWindowEnd } : null,
    recordAs: recordAs(q),
    series: q.series.map((p) => ({ date: p.date, used: p.used })),
  };
}
