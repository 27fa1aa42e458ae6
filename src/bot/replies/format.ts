/** Formatting helpers shared by the reply builders: numbers, money, dates, clause refs, safe echo. Pure. */
import { businessDate } from "../../domain/business-calendar.js";
import type { Clause, IsoDate, QuotaUnit, UsageSource } from "../../domain/model.js";
import { formatAmount, formatQuantity, formatYuan, sourceLabel as domainSourceLabel, unitLabel, type Lang } from "../../domain/display-labels.js";
import { maskSensitiveText } from "../../domain/sensitive-text.js";

export { unitLabel };
import type { BotReply } from "../bot-context.js";

/** Picks the Chinese or English string. */
export function t(lang: Lang, zh: string, en: string): string {
  return lang === "en" ? en : zh;
}

const NUM = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** 3760 → "3,760"; 12.345 → "12.3". */
export function fmtNum(n: number): string {
  return NUM.format(n);
}

/** Fen as yuan: 980000 → "¥9,800.00". */
export const fmtYuan = formatYuan;


/** A quantity with its unit, whole for counted units: "3,760 分钟", "812.5 GB", "1 use" (see formatQuantity). */
export function fmtQty(n: number, unit: QuotaUnit | string, lang: Lang, round: "down" | "up" | "nearest" = "nearest"): string {
  return formatQuantity(n, unit, lang, round);
}

/** An amount of `unit` without the unit, whole for counted units (see formatAmount). */
export function fmtAmount(n: number, unit: QuotaUnit | string, round: "down" | "up" | "nearest" = "nearest"): string {
  return formatAmount(n, unit, round);
}

/** "附件 2.4" / "合同 3.1.5" (zh), "Annex 2.4" / "§3.1.5" (en). */
export function clauseRef(c: Pick<Clause, "part" | "ref">, lang: Lang): string {
  const ref = escapeMarkdown(c.ref);
  if (c.part === "annex") return t(lang, `附件 ${ref}`, `Annex ${ref}`);
  return t(lang, `合同 ${ref}`, `§${ref}`);
}

/** Clause refs grouped by part: "附件 2.3、2.4；合同 3.1.5" / "Annex 2.3, 2.4; §3.1.5". Empty string for none. */
export function clauseRefs(cs: readonly Pick<Clause, "part" | "ref">[], lang: Lang): string {
  const groups = new Map<Clause["part"], string[]>();
  for (const c of cs) {
    const refs = groups.get(c.part) ?? [];
    const ref = escapeMarkdown(c.ref);
    if (!refs.includes(ref)) refs.push(ref);
    groups.set(c.part, refs);
  }
  return [...groups].map(([part, refs]) => {
    if (lang === "en") return part === "annex" ? `Annex ${refs.join(", ")}` : refs.map((r) => `§${r}`).join(", ");
    return `${part === "annex" ? "附件" : "合同"} ${refs.join("、")}`;
  }).join(t(lang, "；", "; "));
}

/** "（附件 2.4）" / " (Annex 2.4)" or "" when no clause supports it. */
export function cite(cs: readonly Pick<Clause, "part" | "ref">[], lang: Lang): string {
  const refs = clauseRefs(cs, lang);
  return refs ? t(lang, `（${refs}）`, ` (${refs})`) : "";
}

/** When a figure was last updated: "今天 09:10" when on `today`, else the business date. */
export function fmtAsOf(at: Date, today: IsoDate, tz: string, lang: Lang): string {
  const day = businessDate(at, tz);
  if (day !== today) return day;
  const hm = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hour12: false }).format(at);
  return t(lang, `今天 ${hm}`, `today ${hm}`);
}

/** Business date and time: "2024-04-05 14:02". */
export function fmtDateTime(at: Date, tz: string): string {
  const hm = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hour12: false }).format(at);
  return `${businessDate(at, tz)} ${hm}`;
}

/** Where a usage figure came from, in words (the shared display label: `self` is the steward's own metering). */
export function sourceLabel(source: UsageSource, lang: Lang): string {
  return domainSourceLabel(source, lang);
}

/** Escapes text so DingTalk markdown shows it literally (no links, emphasis, headings, HTML). */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]()#|~!{}])/g, "\\$1")
    .replace(/^([-+]|\d+\.)(\s)/gm, "\\$1$2");
}

/** User text made safe to echo: one line, at most `max` characters (…), markdown-escaped. */
export function quoteUser(s: string, max = 40): string {
  const line = s.replace(/\s+/g, " ").trim();
  const chars = [...line];
  const cut = chars.length > max ? `${chars.slice(0, max).join("")}…` : line;
  return escapeMarkdown(cut);
}

/** Builds a reply from a title and lines (empty lines dropped; paragraphs separated for DingTalk markdown). */
export function reply(title: string, lines: readonly (string | null | undefined | false)[]): BotReply {
  return { title, text: lines.filter((l): l is string => typeof l === "string" && l !== "").join("\n\n") };
}

/** Hides money, account numbers, taxpayer ids, phone numbers and e-mail addresses in plain text (see domain/sensitive-text). */
export function redactSensitive(s: string): string {
  return maskSensitiveText(s);
}
