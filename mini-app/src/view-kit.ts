/** Shared building blocks of the page views: the view context, cards, rows, tags and progress bars. */
import type { ApiClient } from "./api-client.js";
import type { Summary } from "./api-types.js";
import { h, uid, type Child } from "./dom.js";
import type { Lang, Translate } from "./i18n.js";

/** Everything a view needs: language, translator, today's business date, the API and the loaded summary. */
export interface ViewContext {
  lang: Lang;
  t: Translate;
  /** Today's business date, `YYYY-MM-DD`. */
  today: string;
  client: ApiClient;
  summary: Summary;
  /** Quota rows on the page by metric, so a recorded usage can update its bar in place. */
  quotaNodes: Map<string, HTMLElement>;
  /** The PC grid layout (≥ 1024 px): folds start open. */
  wide: boolean;
  /** Reloads the whole summary (after an import or a reminder action). */
  reload: () => Promise<void>;
}

/** Visual tone of a status: neutral, good, warning or danger. */
export type Tone = "neutral" | "ok" | "warn" | "danger" | "brand";

/** A titled card section, labelled by its heading for screen readers. */
export function card(title: string, className: string, ...body: (Child | Child[])[]): HTMLElement {
  const id = uid("card");
  return h("section", { class: `card ${className}`, "aria-labelledby": id }, h("h2", { id, class: "card-title" }, title), ...body);
}

/** A small coloured tag; the colour is decoration, the text carries the meaning. */
export function tag(text: string, tone: Tone): HTMLElement {
  return h("span", { class: `tag tag-${tone}` }, text);
}

/** A label/value row of a definition list. */
export function row(label: string, ...value: (Child | Child[])[]): HTMLElement[] {
  return [h("dt", null, label), h("dd", null, ...value)];
}

/** Usage tone of a percentage: green below 80 %, orange from 80 %, red from 100 %. */
export function usageTone(percent: number | null, overLimit = false): Tone {
  if (overLimit || (percent !== null && percent >= 100)) return "danger";
  if (percent !== null && percent >= 80) return "warn";
  if (percent === null) return "neutral";
  return "ok";
}

/** An accessible progress bar (`role=progressbar`) filled to `percent` (clamped to 0..100). */
export function progressBar(label: string, percent: number, valueText: string, tone: Tone): HTMLElement {
  const clamped = Math.max(0, Math.min(100, percent));
  const fill = h("span", { class: "bar-fill" });
  fill.style.width = `${clamped}%`;
  return h(
    "div",
    {
      class: `bar bar-${tone}`,
      role: "progressbar",
      "aria-label": label,
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-valuenow": Math.round(clamped),
      "aria-valuetext": valueText,
    },
    fill,
  );
}

/** A muted caption line. */
export function caption(...text: (Child | Child[])[]): HTMLElement {
  return h("p", { class: "caption" }, ...text);
}

/** A collapsible block (`details.fold`): open on the PC grid, closed on phones so the page stays a few screens long. */
export function fold(ctx: ViewContext, label: string, ...body: (Child | Child[])[]): HTMLElement {
  return h("details", { class: "fold", open: ctx.wide }, h("summary", null, label), ...body);
}
