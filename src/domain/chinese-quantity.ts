/**
 * Quantities as contracts write them in table cells: `50万次`, `1TB`, `20G`, `各1次`, `5个`, `2 000 人`,
 * `30万次/月`, `40qps`, with full- or half-width digits. Pure functions.
 */
import { parseChineseNumber } from "./chinese-numerals.js";

/** A quantity found in a text, with its value in the canonical unit (data sizes in GB). */
export interface Quantity {
  value: number;
  /** Canonical unit token: "gb", "qps", "次", "个", "人", "条", "分钟", "小时", "方", … */
  unit: string;
  /** Replenishment written after the quantity ("/月", "每年"), or null. */
  per: "day" | "month" | "year" | null;
  /** True for "各1次" (the same limit for each kind). */
  each: boolean;
  /** The matched text (after normalization). */
  text: string;
  /** Start of the match in the normalized text. */
  index: number;
}

/**
 * Regex source of a number as written in cells: Arabic with optional decimals, or Chinese numerals, with an
 * optional 万/亿/千 multiplier. Use with {@link parseQuantityNumber}. A number is only tried from the start of
 * its run of digits (or numerals): a match from inside a run implies one from its start, and retrying every
 * position of a long run is quadratic.
 */
export const QUANTITY_NUMBER_SOURCE =
  "(?:(?<!\\d)\\d+(?:\\.\\d+)?|(?<![零一二两三四五六七八九十百千])[零一二两三四五六七八九十百千]+)(?:万|亿|千)?";

const UNIT_SOURCE = "TB|T|GB|G|MB|M|qps|分钟|小时|次|个|人|条|方|台|天|年|月|间|路|张|份|项|款";
const QUANTITY_RE = new RegExp(
  `(各)?(${QUANTITY_NUMBER_SOURCE})(${UNIT_SOURCE})(?:(?:\\/|每)(月|年|天|日))?`,
  "giu",
);

/** Converts full-width ASCII (digits, letters, punctuation) and the ideographic space to half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Normalizes a cell for quantity matching: half-width, digit groups joined ("2 000" → "2000", "1,000" → "1000"),
 * and the spaces between a number and its unit removed ("50 万次 / 月" → "50万次/月").
 */
export function normalizeQuantityText(s: string): string {
  let t = toHalfWidth(s).replace(/\u00a0/g, " ");
  t = t.replace(/(\d)[ ,](?=\d{3}(?!\d))/g, "$1");
  t = t.replace(/(\d)[ ,](?=\d{3}(?!\d))/g, "$1");
  t = t.replace(/(\d)\s+(?=[^\s\d])/g, "$1");
  t = t.replace(/(?:(?<!\s)\s+)?\/\s*/g, "/");
  return t;
}

/** Removes every whitespace character after {@link normalizeQuantityText}; used for pattern matching. */
export function compactQuantityText(s: string): string {
  return normalizeQuantityText(s).replace(/\s+/g, "");
}

/** Parses a number with an optional multiplier: "50万" → 500000, "1.5万" → 15000, "一千" → 1000, "两" → 2. */
export function parseQuantityNumber(s: string): number | null {
  const t = normalizeQuantityText(s).replace(/\s+/g, "");
  const last = t[t.length - 1];
  const multiplier = last === "万" || last === "亿" || last === "千" ? last : undefined;
  const digits = multiplier ? t.slice(0, -1) : t;
  if (digits === "") return null;
  const base = /^\d+(?:\.\d+)?$/.test(digits) ? Number(digits) : parseChineseNumber(digits);
  if (base === null || !Number.isFinite(base)) return null;
  const mult = multiplier === "万" ? 1e4 : multiplier === "亿" ? 1e8 : multiplier === "千" ? 1e3 : 1;
  return Math.round(base * mult * 1000) / 1000;
}

/** Converts a data size to GB (1 TB = 1024 GB). Returns null for a unit that is not a data size. */
export function toGigabytes(value: number, unit: string): number | null {
  const u = unit.toLowerCase();
  if (u === "tb" || u === "t") return value * 1024;
  if (u === "gb" || u === "g") return value;
  if (u === "mb" || u === "m") return Math.round((value / 1024) * 1000) / 1000;
  return null;
}

function canonicalUnit(unit: string): string {
  const u = unit.toLowerCase();
  return u === "tb" || u === "t" || u === "gb" || u === "g" || u === "mb" || u === "m" ? "gb" : u;
}

const PER: Readonly<Record<string, Quantity["per"]>> = { 月: "month", 年: "year", 天: "day", 日: "day" };

/** Finds every quantity in `s` in order ("API调用50万次/月 连接流30万次/月" → two quantities). */
export function findQuantities(s: string): Quantity[] {
  const text = compactQuantityText(s);
  const out: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY_RE)) {
    const n = parseQuantityNumber(m[2]);
    if (n === null) continue;
    const unit = canonicalUnit(m[3]);
    const value = unit === "gb" ? (toGigabytes(n, m[3]) ?? n) : n;
    out.push({ value, unit, per: m[4] ? PER[m[4]] : null, each: m[1] === "各", text: m[0], index: m.index });
  }
  return out;
}

/** Parses the first quantity of a cell ("1TB/年" → 1024 gb per year), or null when there is none. */
export function parseQuantity(s: string): Quantity | null {
  return findQuantities(s)[0] ?? null;
}
