import type { QuotaState } from "../../services/contract-overview.service.js";
import type { QuotaView } from "../../../mini-app/src/api-types.js";

/** How the usage form records a metric: consumables as deltas, storage as a reading, other caps not at all. */
export function recordAs(q: QuotaState): QuotaView["recordAs"] {
  if (q.term.period !== "none") return "delta";
  return q.term.unit === "gb" ? "reading" : null;
}

/**
 * QuotaState → the page's QuotaView (whitelisted fields, ISO instants). `remaining` is limit − used and goes
 * negative above the limit (the page shows the overage from it); the domain's own figure stops at 0.
 */
export function presentQuota(q: QuotaState): QuotaView {
  const u = q.usage;
  return {
    metric: q.metric, unit: q.term.unit, period: q.term.period, limit: q.term.limit, used: u.used,
    remaining: u.used === null ? null : q.term.limit - u.used,
    percent: u.percent, overLimit: u.overLimit, window: q.window, asOf: u.asOf ? u.asOf.toISOString() : null, source: u.source,
    forecast: u.forecast ? { exhaustsOn: u.forecast.exhaustsOn, unusedAtWindowEnd: u.forecast.unusedAtWindowEnd } : null,
    recordAs: recordAs(q),
  };
}
