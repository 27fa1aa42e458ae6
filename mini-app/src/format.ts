/** Number, money and date formatting through Intl; business time zone Asia/Shanghai. */
import type { Lang } from "./i18n.js";

const TZ = "Asia/Shanghai";

function locale(lang: Lang): string {
  return lang === "en" ? "en-US" : "zh-CN";
}

/** Formats fen as yuan with two decimals: 980000 → `¥9,800.00`. */
export function formatMoney(lang: Lang, fen: number): string {
  const yuan = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    Math.abs(fen) / 100,
  );
  return `${fen < 0 ? "-" : ""}¥${yuan}`;
}

/** Formats a count with grouping and at most two decimals: 3760 → `3,760`. */
export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(n);
}

/** Formats a 0..1 ratio as a whole percentage: 0.918 → `92%`. */
export function formatRatio(lang: Lang, ratio: number): string {
  return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** Formats a per-day rate such as 0.002 → `0.2%`. */
export function formatRate(lang: Lang, rate: number): string {
  return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 3 }).format(rate);
}

/** Formats an ISO instant as a business-time `YYYY-MM-DD HH:mm`, or returns the input when unparsable. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(d);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** Today's business date (Asia/Shanghai) of an instant, `YYYY-MM-DD`. */
export function businessDate(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** Wraps text in parentheses of the language: full-width in Chinese, ` (x)` in English. */
export function paren(lang: Lang, text: string): string {
  return lang === "en" ? ` (${text})` : `（${text}）`;
}

/** The date `n` days after `date` (both `YYYY-MM-DD`; `n` may be negative). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
