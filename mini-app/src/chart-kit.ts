/**
 * Hand-written inline SVG for the page's charts: elements built with createElementNS (never markup strings), a
 * date/value scale over a drawing box, and an accessible chart frame (`role=img` with `<title>` and `aria-label`).
 */
import { daysBetween } from "./format.js";

const NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element with attributes and children; strings become text nodes. */
export function s(tag: string, attrs: Record<string, string | number>, ...children: (Node | string | null)[]): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

const PAD = { l: 6, r: 6, t: 16, b: 18 };

/** Maps dates (`YYYY-MM-DD`) and values into a `w`×`h` drawing box (viewBox units; the SVG scales to the card). */
export interface Scale {
  w: number;
  h: number;
  x(date: string): number;
  y(value: number): number;
}

/** A linear scale from `[from, to]` × `[0, max]` into a `w`×`h` box, dates clamped to the range. */
export function scale(from: string, to: string, max: number, w = 320, h = 132): Scale {
  const span = Math.max(1, daysBetween(from, to));
  const top = max > 0 ? max : 1;
  return {
    w, h,
    x: (d) => PAD.l + (Math.min(span, Math.max(0, daysBetween(from, d))) / span) * (w - PAD.l - PAD.r),
    y: (v) => h - PAD.b - (Math.max(0, Math.min(v, top)) / top) * (h - PAD.t - PAD.b),
  };
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

/** A polyline through the points. */
export function line(points: [number, number][], cls: string): SVGElement {
  return s("polyline", { class: cls, points: points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(" "), fill: "none" });
}

/** A horizontal rule at value `y` with its label above the left end. */
export function hRule(sc: Scale, y: number, label: string, cls: string): SVGElement {
  return s("g", { class: cls }, s("line", { x1: PAD.l, x2: sc.w - PAD.r, y1: r1(y), y2: r1(y) }), s("text", { x: PAD.l + 2, y: r1(y) - 3 }, label));
}

/** A vertical marker at `x`, labelled above the plot (`top`) or at the bottom left of the line, kept inside the box. */
export function vMark(sc: Scale, x: number, label: string, cls: string, top = true): SVGElement {
  const anchor = !top || x > sc.w * 0.7 ? "end" : x < sc.w * 0.3 ? "start" : "middle";
  return s(
    "g",
    { class: cls },
    s("line", { x1: r1(x), x2: r1(x), y1: PAD.t, y2: sc.h - PAD.b }),
    s("text", { x: r1(top ? x : x - 3), y: top ? PAD.t - 4 : sc.h - PAD.b - 4, "text-anchor": anchor }, label),
  );
}

/** The axis line with the first and last date under it. */
export function axis(sc: Scale, from: string, to: string): SVGElement {
  const y = sc.h - PAD.b;
  return s(
    "g",
    { class: "ax" },
    s("line", { x1: PAD.l, x2: sc.w - PAD.r, y1: y, y2: y }),
    s("text", { x: PAD.l, y: sc.h - 4 }, from),
    s("text", { x: sc.w - PAD.r, y: sc.h - 4, "text-anchor": "end" }, to),
  );
}

/** Dots for data points (`.pt`, one per ledger entry). */
export function dots(points: [number, number][]): SVGElement {
  return s("g", { class: "pts" }, ...points.map(([x, y]) => s("circle", { class: "pt", cx: r1(x), cy: r1(y), r: 3 })));
}

/** The accessible chart frame: `role=img`, a `<title>` and the same text as `aria-label`; `points` = data marks. */
export function chartSvg(sc: Scale, label: string, points: number, ...parts: (SVGElement | null)[]): SVGElement {
  return s("svg", { viewBox: `0 0 ${sc.w} ${sc.h}`, role: "img", "aria-label": label, class: "chart", "data-points": points }, s("title", {}, label), ...parts);
}
