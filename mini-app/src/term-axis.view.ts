/**
 * The term's time axis around what is coming: from shortly before today (or the first key date) to the last key
 * date, marking today, the end date, payment/invoice deadlines, the data-deletion date and the next reminders, each
 * labelled with its kind; the full list of key dates folds out below it.
 */
import { axis, chartSvg, s, scale, vMark } from "./chart-kit.js";
import { h } from "./dom.js";
import { addDays } from "./format.js";
import { enumLabel } from "./i18n.js";
import { keyDatesList } from "./timeline.view.js";
import { card, type ViewContext } from "./view-kit.js";

const TONE: Record<string, string> = { info: "brand", warning: "warn", critical: "danger" };
/** Label rows under the axis line; each label takes the first row where it does not touch the previous one. */
const ROWS = 4;

/** The time-axis card (null without a contract term); one mark per key date, plus today and the end date. */
export function termAxisCard(ctx: ViewContext): HTMLElement | null {
  const c = ctx.summary.contract;
  if (!c?.startsOn || !c.endsOn) return null;
  const dates = [...ctx.summary.keyDates].sort((a, b) => a.date.localeCompare(b.date));
  const all = [c.endsOn, ctx.today, ...dates.map((d) => d.date)].sort();
  const first = addDays(all[0]!, -7);
  const from = first > c.startsOn ? first : c.startsOn;
  const to = addDays(all.at(-1)!, 3);
  const sc = ctx.wide ? scale(from, to, 1, 640, 140) : scale(from, to, 1, 320, 150);
  const y = 34;
  const ends = Array<number>(ROWS).fill(-Infinity);
  const marks = dates.map((d) => {
    const x = Math.round(sc.x(d.date) * 10) / 10;
    const text = `${d.date.slice(5)} ${enumLabel(ctx.lang, "kind", d.kind)}`;
    const width = text.length * (ctx.lang === "en" ? 6 : 8);
    const anchor = x > sc.w * 0.75 ? "end" : x < sc.w * 0.25 ? "start" : "middle";
    const left = anchor === "end" ? x - width : anchor === "start" ? x : x - width / 2;
    let row = ends.findIndex((e) => e + 4 < left);
    if (row < 0) row = ends.indexOf(Math.min(...ends));
    ends[row] = left + width;
    const ty = y + 22 + row * 16;
    return s(
      "g",
      { class: `mk mk-${TONE[d.severity] ?? "brand"}` },
      s("line", { x1: x, x2: x, y1: y, y2: ty - 10 }),
      s("circle", { cx: x, cy: y, r: 5 }),
      s("text", { x, y: ty, "text-anchor": anchor }, text),
      s("title", {}, `${d.date} ${d.label}`),
    );
  });
  const label = ctx.t("axisAria", { start: c.startsOn, end: c.endsOn, today: ctx.today, n: dates.length });
  const svg = chartSvg(
    sc, label, dates.length,
    axis(sc, from, to),
    s("line", { class: "term-line-bg", x1: sc.x(from), x2: sc.x(to), y1: y, y2: y }),
    s("line", { class: "term-line-done", x1: sc.x(from), x2: sc.x(ctx.today), y1: y, y2: y }),
    vMark(sc, sc.x(ctx.today), ctx.t("today"), "now"),
    s("g", { class: "mks" }, ...marks),
  );
  const list = keyDatesList(ctx, dates);
  return card(
    ctx.t("termAxis"),
    "axis-card",
    svg,
    list ? h("details", { class: "fold" }, h("summary", null, ctx.t("allDates", { n: dates.length })), list) : null,
  );
}
