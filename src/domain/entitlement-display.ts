/**
 * How an entitlement (an annex row) is shown to people in Chinese or English: its name, what it is, and its spec.
 * Chinese shows the contract's own words; English the catalog's names and a spec built from the quota figures, so
 * no Chinese leaks into `lang=en`. One source for the bot, the page and the reminders. Pure.
 */
import { toHalfWidth } from "./chinese-quantity.js";
import { formatQuantity, metricLabel, type Lang } from "./display-labels.js";
import { findCatalogEntry } from "./entitlement-catalog.js";
import type { QuotaPeriod, QuotaTerm } from "./model.js";
import { perKindAllowance, perKindText, type PerKindAllowance } from "./per-kind-allowance.js";

/** The parts of an annex row the display needs. */
export interface EntitlementRow {
  code: string;
  name: string;
  description?: string | null;
  spec?: string | null;
  quotas: readonly QuotaTerm[];
}

/** True when `s` holds a Chinese (CJK) character or CJK punctuation. */
export function hasCjk(s: string): boolean {
  return /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(s);
}

/** The entitlement's name: as the contract writes it (zh), the catalog's English name (en; a row the catalog lacks keeps its own). */
export function entitlementName(code: string, name: string, lang: Lang): string {
  return lang === "en" ? (findCatalogEntry(code)?.nameEn ?? name) : name;
}

/** What the entitlement is: the contract's 产品内容 (zh), the catalog's English line (en; "" for a row the catalog lacks). */
export function entitlementAbout(code: string, description: string | null | undefined, lang: Lang): string {
  return lang === "en" ? (findCatalogEntry(code)?.aboutEn ?? "") : (description ?? "");
}

/** The per-kind allowance of a metric whose catalog entry reads "各N次" that way, from its row; null otherwise. */
export function metricPerKind(metric: string, row: Pick<EntitlementRow, "code" | "spec" | "description"> | null | undefined): PerKindAllowance | null {
  if (!row) return null;
  const m = findCatalogEntry(row.code)?.metrics.find((x) => x.metric === metric);
  return m?.perKind ? perKindAllowance(row.spec, row.description) : null;
}

const PER: Record<QuotaPeriod, [string, string]> = { year: ["/年", "/year"], month: ["/月", "/month"], term: ["（服务期内）", " per term"], none: ["", ""] };

/** One quota as people read it: "视频会议并发场数 8 场" / "Concurrent video meetings: 8 meetings"; per kind when it is. */
export function quotaTermText(q: QuotaTerm, lang: Lang, perKind?: PerKindAllowance | null): string {
  const label = metricLabel(q.metric, lang);
  if (perKind) return lang === "en" ? `${label}: ${perKindText(perKind, lang)}` : `${label}：${perKindText(perKind, lang)}`;
  const amount = `${formatQuantity(q.limit, q.unit, lang)}${PER[q.period][lang === "en" ? 1 : 0]}`;
  return lang === "en" ? `${label}: ${amount}` : `${label} ${amount}`;
}

/** A spec cell that says nothing ("/", "—", empty). */
function blank(spec: string | null | undefined): boolean {
  return !spec || /^[\s/\\\-—–_]*$/.test(spec);
}

/**
 * The row's spec: the cell as written (zh), per kind when it reads "各N次"; in English the quota figures, else the
 * cell when it holds no Chinese ("7*10, 8:00-18:00"), else "" (never Chinese in English).
 */
export function entitlementSpec(row: EntitlementRow, lang: Lang): string {
  const perKind = row.quotas.map((q) => metricPerKind(q.metric, row)).find((x) => x !== null) ?? null;
  if (lang === "zh") {
    if (perKind) return perKindText(perKind, "zh");
    if (!blank(row.spec)) return row.spec!.trim();
    return row.quotas.map((q) => quotaTermText(q, "zh")).join("，");
  }
  if (row.quotas.length > 0) return row.quotas.map((q) => quotaTermText(q, "en", metricPerKind(q.metric, row))).join("; ");
  if (blank(row.spec)) return "";
  const half = toHalfWidth(row.spec!).replace(/\s+/g, " ").trim();
  return hasCjk(half) ? "" : half;
}
