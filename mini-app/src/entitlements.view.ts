/** Entitlements grouped: usage bars (green < 80 %, orange ≥ 80 %, red ≥ 100 %) with windows, "as of" and forecasts; caps; features. */
import type { EntitlementView, QuotaView } from "./api-types.js";
import { h } from "./dom.js";
import { formatInstant, formatNumber } from "./format.js";
import { enumLabel, unitLabel } from "./i18n.js";
import { caption, card, fold, progressBar, tag, usageTone, type ViewContext } from "./view-kit.js";

/** The quota's unit in words: the server's (shared with the bot and reminders), else the page's fallback table. */
export function quotaUnit(ctx: ViewContext, q: QuotaView): string {
  return q.unitLabel ?? unitLabel(ctx.lang, q.unit);
}

/** Display name of a quota: the server's label (shared with the bot and the reminders), else the entitlement name. */
export function quotaName(_ctx: ViewContext, ent: EntitlementView, q: QuotaView): string {
  return q.label ?? ent.name;
}

/** One quota: headline figure, bar, window, "as of" with source, and the forecast. */
export function quotaRow(ctx: ViewContext, name: string, q: QuotaView, showName: boolean): HTMLElement {
  const { t, lang } = ctx;
  const unit = quotaUnit(ctx, q);
  const num = (n: number): string => formatNumber(lang, n);
  const tone = usageTone(q.percent, q.overLimit);
  const children: (HTMLElement | null)[] = [];
  let headline: string;
  if (q.perKind) {
    headline = q.perKind.text;
  } else if (q.used === null) {
    headline = q.period === "none" ? `${num(q.limit)} ${unit}` : t("usedUnknown", { limit: num(q.limit), unit });
  } else if (q.overLimit && q.remaining !== null) {
    headline = t("overLimit", { n: num(Math.abs(q.remaining)), unit });
  } else {
    headline = t("remaining", { n: num(q.remaining ?? q.limit - q.used), unit });
  }
  children.push(
    h(
      "div",
      { class: "quota-head" },
      showName ? h("span", { class: "quota-name" }, name) : null,
      h("span", { class: `quota-figure tone-${tone}` }, headline),
    ),
  );
  if (q.used !== null) {
    const usedText = t("used", { used: num(q.used), limit: num(q.limit), unit });
    const percent = q.percent ?? (q.limit > 0 ? (q.used / q.limit) * 100 : 0);
    children.push(progressBar(t("usageBar", { name }), percent, usedText, tone));
    children.push(caption(`${usedText} · ${Math.round(percent)}% · ${enumLabel(lang, "period", q.period)}`));
  } else {
    children.push(caption(q.period === "none" ? t("periodNone") : enumLabel(lang, "period", q.period)));
  }
  if (q.window) children.push(caption(t("window", { start: q.window.start, end: q.window.end })));
  if (q.asOf) {
    const source = q.sourceLabel ?? (q.source ? enumLabel(lang, "source", q.source) : "—");
    if (q.staleDays) children.push(h("p", { class: "stale tone-warn" }, t("staleReading", { n: q.staleDays })));
    children.push(caption(t("asOf", { at: formatInstant(q.asOf), source })));
  }
  if (q.forecast?.exhaustsOn) {
    children.push(h("p", { class: "forecast tone-warn" }, t("exhaustsOn", { date: q.forecast.exhaustsOn })));
  } else if (q.forecast?.unusedAtWindowEnd) {
    children.push(h("p", { class: "forecast" }, t("unusedAtEnd", { n: num(q.forecast.unusedAtWindowEnd), unit })));
  }
  return h("div", { class: `quota quota-${tone}`, "data-metric": q.metric }, ...children);
}

function worstPercent(ent: EntitlementView): number {
  return Math.max(-1, ...ent.quotas.map((q) => (q.overLimit ? 1000 : q.percent ?? -1)));
}

/** A quota drawn as a bar: consumed allowances, and caps with a reading (drive space). */
function hasBar(q: QuotaView): boolean {
  return q.period !== "none" || q.used !== null;
}

function entitlementBlock(ctx: ViewContext, ent: EntitlementView, quotas: QuotaView[]): HTMLElement {
  const rows = quotas.map((q) => {
    const name = quotaName(ctx, ent, q);
    const node = quotaRow(ctx, name, q, quotas.length > 1 || name !== ent.name);
    ctx.quotaNodes.set(q.metric, node);
    return node;
  });
  return h(
    "li",
    { class: "ent" },
    h("div", { class: "ent-head" }, h("h3", { class: "ent-name" }, ent.name), tag(enumLabel(ctx.lang, "category", ent.category), "neutral")),
    ent.spec || ent.description ? h("p", { class: "ent-desc" }, ent.spec ?? ent.description) : null,
    ...rows,
  );
}

/**
 * The entitlements card, grouped: quotas with bars first (most used first), then in a fold the caps as a compact
 * table and the unmetered features as chips.
 */
export function entitlementsCard(ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const ents = ctx.summary.entitlements;
  const metered = ents.filter((e) => e.quotas.some(hasBar));
  metered.sort((a, b) => worstPercent(b) - worstPercent(a));
  const caps = ents.flatMap((e) => e.quotas.filter((q) => !hasBar(q)).map((q) => [e, q] as const));
  const features = ents.filter((e) => e.quotas.length === 0);
  const table = caps.length
    ? h(
        "table",
        { class: "caps" },
        h("caption", { class: "sub-title" }, t("capsTitle")),
        h("tbody", null, caps.map(([e, q]) => h("tr", { "data-metric": q.metric }, h("th", { scope: "row" }, quotaName(ctx, e, q)), h("td", null, `${formatNumber(lang, q.limit)} ${quotaUnit(ctx, q)}`)))),
      )
    : null;
  const chips = features.length
    ? h("div", { class: "others" }, h("h3", { class: "sub-title" }, t("otherEntitlements")), h("ul", { class: "chips" }, features.map((e) => h("li", { class: "chip", title: e.description }, e.name))))
    : null;
  const more = table || chips ? h("details", { class: "fold" }, h("summary", null, t("capsAndFeatures", { n: caps.length + features.length })), table, chips) : null;
  const list = h("ul", { class: "ent-list" }, metered.map((e) => entitlementBlock(ctx, e, e.quotas.filter(hasBar))));
  return card(t("entitlements"), "entitlements-card", fold(ctx, t("entitlementsFold", { n: ents.length }), list, more));
}
