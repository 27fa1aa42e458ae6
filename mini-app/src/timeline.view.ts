/** Key-dates list and the consequences card (folded on phones) with expandable clause quotes. */
import type { Consequence, KeyDate } from "./api-types.js";
import { h } from "./dom.js";
import { daysBetween } from "./format.js";
import { enumLabel } from "./i18n.js";
import { card, fold, tag, type Tone, type ViewContext } from "./view-kit.js";

const SEVERITY_TONE: Record<string, Tone> = { info: "brand", warning: "warn", critical: "danger" };

/** Relative wording of a date against today: "30 天后", "今天", "3 天前". */
export function relativeDay(ctx: ViewContext, date: string): string {
  const n = daysBetween(ctx.today, date);
  if (n === 0) return ctx.t("today");
  return n > 0 ? ctx.t("inDays", { n }) : ctx.t("daysAgo", { n: -n });
}

/** The key dates as a list in the given order, past ones dimmed (null when there are none). */
export function keyDatesList(ctx: ViewContext, dates: readonly KeyDate[]): HTMLElement | null {
  if (dates.length === 0) return null;
  const items = dates.map((d) => {
    const past = d.date < ctx.today;
    const tone = SEVERITY_TONE[d.severity] ?? "neutral";
    return h(
      "li",
      { class: `tl-item tl-${tone}${past ? " tl-past" : ""}` },
      h("span", { class: "tl-dot", "aria-hidden": "true" }),
      h(
        "div",
        { class: "tl-body" },
        h("p", { class: "tl-date" }, h("time", { datetime: d.date }, d.date), h("span", { class: "tl-rel" }, relativeDay(ctx, d.date))),
        h("p", { class: "tl-label" }, d.label),
        h(
          "p",
          { class: "tl-tags" },
          tag(enumLabel(ctx.lang, "kind", d.kind), "neutral"),
          d.severity !== "info" ? tag(enumLabel(ctx.lang, "severity", d.severity), tone) : null,
        ),
      ),
    );
  });
  return h("ol", { class: "timeline" }, items);
}

function consequenceItem(ctx: ViewContext, c: Consequence): HTMLElement {
  const clauses = c.clauses.map((cl) =>
    h(
      "details",
      { class: "clause" },
      h("summary", null, ctx.t("clauseRef", { part: enumLabel(ctx.lang, "part", cl.part), ref: cl.ref })),
      h("blockquote", { class: "clause-text" }, cl.text),
    ),
  );
  return h(
    "li",
    { class: "csq" },
    h("h3", { class: "csq-title" }, c.title, c.date ? h("time", { class: "csq-date", datetime: c.date }, c.date) : null),
    h("p", { class: "csq-text" }, c.text),
    clauses.length > 0 ? h("div", { class: "clauses" }, clauses) : null,
  );
}

/** What happens without renewal, each item backed by quotable clauses. */
export function consequencesCard(ctx: ViewContext): HTMLElement | null {
  if (ctx.summary.consequences.length === 0) return null;
  const list = h("ul", { class: "csq-list" }, ctx.summary.consequences.map((c) => consequenceItem(ctx, c)));
  return card(ctx.t("consequences"), "csq-card", fold(ctx, ctx.t("consequencesFold", { n: ctx.summary.consequences.length }), list));
}
