/**
 * The charts card: for each consumable quota (DING, phone minutes, API calls) the window's usage from the ledger
 * against the limit, the forecast to the end of the window and the run-out or lapse date; for drive space the
 * trend of readings with the limit and the free space that is kept after expiry.
 */
import type { QuotaView } from "./api-types.js";
import { axis, chartSvg, dots, hRule, line, scale, vMark } from "./chart-kit.js";
import { h } from "./dom.js";
import { addDays, formatNumber } from "./format.js";
import { quotaUnit } from "./entitlements.view.js";
import { caption, card, type ViewContext } from "./view-kit.js";

const CONSUMABLE_UNITS = new Set(["message", "minute", "call"]);

/** Quotas drawn as consumable charts: replenishing allowances counted in messages, minutes or calls. */
export function chartedConsumables(ctx: ViewContext): QuotaView[] {
  return ctx.summary.entitlements.flatMap((e) => e.quotas).filter((q) => q.period !== "none" && q.window && CONSUMABLE_UNITS.has(q.unit) && q.limit > 0);
}

function name(q: QuotaView): string {
  return q.label ?? q.metric;
}

function consumableChart(ctx: ViewContext, q: QuotaView): HTMLElement {
  const { t, lang } = ctx;
  const win = q.window!;
  const series = q.series ?? [];
  const used = q.used ?? 0;
  const today = ctx.today < win.end ? ctx.today : win.end;
  const f = q.forecast;
  const target: [string, number] | null = f?.exhaustsOn ? [f.exhaustsOn, q.limit] : f?.unusedAtWindowEnd != null ? [win.end, q.limit - f.unusedAtWindowEnd] : null;
  const max = Math.max(q.limit, used) * 1.08;
  const sc = scale(win.start, win.end, max);
  const pts: [number, number][] = series.map((p) => [sc.x(p.date), sc.y(p.used)]);
  const path: [number, number][] = [[sc.x(win.start), sc.y(0)], ...pts];
  const unit = quotaUnit(ctx, q);
  const num = (n: number): string => formatNumber(lang, Math.round(n));
  const end = q.forecast?.exhaustsOn ?? null;
  const label = t("chartAria", { name: name(q), used: num(used), limit: num(q.limit), unit, n: series.length });
  return figure(
    q,
    chartSvg(
      sc, label, series.length,
      axis(sc, win.start, win.end),
      hRule(sc, sc.y(q.limit), t("chartLimit", { n: num(q.limit) }), "lim"),
      target ? line([[sc.x(today), sc.y(used)], [sc.x(target[0]), sc.y(target[1])]], "fc") : null,
      line(path, "use"),
      dots(pts),
      vMark(sc, sc.x(ctx.today), t("today"), "now", false),
      end ? vMark(sc, sc.x(end), t("chartRunsOut", { date: end }), "out") : vMark(sc, sc.x(win.end), t("chartLapse", { date: win.end }), "out"),
    ),
    caption(
      t("used", { used: num(used), limit: num(q.limit), unit }),
      q.forecast?.unusedAtWindowEnd ? ` · ${t("unusedAtEnd", { n: num(q.forecast.unusedAtWindowEnd), unit })}` : null,
    ),
  );
}

/** One chart as a figure named after its quota, with the caption under it. */
function figure(q: QuotaView, svg: SVGElement, note: HTMLElement): HTMLElement {
  return h("figure", { class: "chart-fig", "data-metric": q.metric }, h("figcaption", { class: "chart-name" }, name(q)), svg, note);
}

function driveChart(ctx: ViewContext, q: QuotaView): HTMLElement {
  const { t, lang } = ctx;
  const series = q.series ?? [];
  const free = ctx.summary.retention?.freeStorageGb ?? null;
  const endsOn = ctx.summary.contract?.endsOn ?? ctx.today;
  const from = series[0] && series[0].date < ctx.today ? series[0].date : addDays(ctx.today, -30);
  const to = endsOn > ctx.today ? endsOn : ctx.today;
  const max = Math.max(q.limit, ...series.map((p) => p.used)) * 1.08;
  const sc = scale(from, to, max);
  const pts: [number, number][] = series.map((p) => [sc.x(p.date), sc.y(p.used)]);
  const num = (n: number): string => formatNumber(lang, Math.round(n));
  const label = t("chartAria", { name: name(q), used: num(q.used ?? 0), limit: num(q.limit), unit: "GB", n: series.length });
  return figure(
    q,
    chartSvg(
      sc, label, series.length,
      axis(sc, from, to),
      hRule(sc, sc.y(q.limit), t("chartLimit", { n: `${num(q.limit)} GB` }), "lim"),
      free !== null ? hRule(sc, sc.y(free), t("chartFree", { n: num(free) }), "free") : null,
      line(pts, "use"),
      dots(pts),
      vMark(sc, sc.x(ctx.today), t("today"), "now", false),
      vMark(sc, sc.x(endsOn), t("chartEnds", { date: endsOn }), "out"),
    ),
    caption(q.used === null ? t("chartNoData") : t("used", { used: num(q.used), limit: num(q.limit), unit: "GB" })),
  );
}

/** The charts card, or null when the contract has nothing to chart. */
export function chartsCard(ctx: ViewContext): HTMLElement | null {
  const figures = chartedConsumables(ctx).map((q) => consumableChart(ctx, q));
  const drive = ctx.summary.entitlements.flatMap((e) => e.quotas).find((q) => q.metric === "storage.capacity_gb");
  if (drive) figures.push(driveChart(ctx, drive));
  if (figures.length === 0) return null;
  return card(ctx.t("charts"), "charts-card", h("div", { class: "charts" }, figures));
}
