/**
 * The key figures row: days left (with the term bar), drive used %, API calls this month %, DING left and phone
 * minutes left, each with its "as of" and colour state (< 80 % / ≥ 80 % / ≥ 100 %). Missing quotas are left out.
 */
import type { QuotaView } from "./api-types.js";
import { h } from "./dom.js";
import { formatInstant, formatNumber } from "./format.js";
import type { MessageKey } from "./i18n.js";
import { quotaUnit } from "./entitlements.view.js";
import { progressBar, usageTone, type Tone, type ViewContext } from "./view-kit.js";

const TILES: [metric: string, label: MessageKey, show: "percent" | "left"][] = [
  ["storage.capacity_gb", "tileDrive", "percent"],
  ["api.calls", "tileApi", "percent"],
  ["ding.messages", "tileDing", "left"],
  ["phone_conference.minutes", "tilePhone", "left"],
];

function tile(label: string, value: string, tone: Tone, bar: HTMLElement, note: string, key: string): HTMLElement {
  return h("li", { class: `tile tile-${tone}`, "data-tile": key }, h("p", { class: "tile-label" }, label), h("p", { class: `tile-value tone-${tone}` }, value), bar, h("p", { class: "tile-note" }, note));
}

function quotaTile(ctx: ViewContext, q: QuotaView, labelKey: MessageKey, show: "percent" | "left"): HTMLElement {
  const { t, lang } = ctx;
  const num = (n: number): string => formatNumber(lang, Math.round(n));
  const tone = usageTone(q.percent, q.overLimit);
  const pct = q.percent ?? 0;
  const unit = quotaUnit(ctx, q);
  const value = q.used === null ? "—" : show === "percent" ? `${Math.round(pct)}%` : `${num(Math.max(0, q.remaining ?? 0))} ${unit}`;
  const asOf = q.asOf ? t("tileAsOf", { at: formatInstant(q.asOf).slice(0, 10) }) : t("chartNoData");
  const label = t(labelKey);
  const bar = progressBar(label, pct, `${t("tileOf", { n: num(q.limit), unit })} · ${Math.round(pct)}%`, tone);
  return tile(label, value, tone, bar, asOf, q.metric);
}

/** The tiles row (null without a contract). */
export function tilesRow(ctx: ViewContext): HTMLElement | null {
  const c = ctx.summary.contract;
  if (!c) return null;
  const { t } = ctx;
  const quotas = new Map(ctx.summary.entitlements.flatMap((e) => e.quotas).map((q) => [q.metric, q]));
  const dayTone: Tone = c.daysLeft < 0 ? "danger" : c.daysLeft <= 30 ? "warn" : "ok";
  const days = tile(
    t("tileDays"), c.daysLeft >= 0 ? t("daysValue", { n: c.daysLeft }) : t("expiredDays", { n: -c.daysLeft }), dayTone,
    progressBar(t("term"), c.progress * 100, t("termProgress", { pct: `${Math.round(c.progress * 100)}%` }), dayTone), t("tileEnds", { date: c.endsOn }), "days",
  );
  const rest = TILES.flatMap(([metric, label, show]) => {
    const q = quotas.get(metric);
    return q ? [quotaTile(ctx, q, label, show)] : [];
  });
  return h("section", { class: "tiles-wrap", "aria-label": t("keyFigures") }, h("ul", { class: "tiles" }, days, rest));
}
