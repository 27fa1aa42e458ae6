/**
 * The explicit service period a contract may write out ("服务期限：自2025年1月15日起至2026年1月14日止"), read so
 * that the term starts and ends where the text says instead of at the signing date. Linear regexes only.
 */
import type { ParseWarning } from "../domain/contract-document.js";
import type { IsoDate } from "../domain/model.js";
import { daysBetween } from "../domain/business-calendar.js";
import { termEndsOn } from "../domain/contract-timeline.js";
import type { ClauseBlock } from "./clause-splitter.js";
import { citeClause } from "./field-extractors.js";

/** A service period written in the contract, with the clause it came from. */
export interface ServicePeriodFound {
  startsOn: IsoDate;
  endsOn: IsoDate;
  ref: string;
}

const DATE = String.raw`(\d{4})[ \t]{0,2}[年./-][ \t]{0,2}(\d{1,2})[ \t]{0,2}[月./-][ \t]{0,2}(\d{1,2})[ \t]{0,2}日?`;
const PERIOD_RE = new RegExp(
  String.raw`(?:服务期限|服务期间|服务期|服务时间|有效期限|有效期|合同期限|协议期限|使用期限)[ \t]{0,2}(?:为|是)?[ \t]{0,2}[:：]?[ \t]{0,2}(?:自|从)?[ \t]{0,2}` +
    DATE + String.raw`[ \t]{0,2}(?:起|开始)?[ \t]{0,2}(?:至|到|~|～|—|–|-)[ \t]{0,2}` + DATE,
  "gu",
);

function calendarDate(y: string, m: string, d: string): IsoDate | null {
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  const dt = new Date(Date.UTC(yy, mm - 1, dd));
  if (dt.getUTCFullYear() !== yy || dt.getUTCMonth() !== mm - 1 || dt.getUTCDate() !== dd) return null;
  return `${y}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

/**
 * The first well-formed period in the header or the clauses (body before annex). A period whose dates are not
 * calendar dates, or that ends before it starts, is not used and becomes a warning naming what was written.
 */
export function extractServicePeriod(clauses: readonly ClauseBlock[], headText: string): { period: ServicePeriodFound | null; warnings: ParseWarning[] } {
  const ordered = [...clauses.filter((c) => c.part === "body"), ...clauses.filter((c) => c.part === "annex")];
  const sources = [{ text: headText, ref: "header" }, ...ordered.map((c) => ({ text: c.text, ref: citeClause(c) }))];
  const warnings: ParseWarning[] = [];
  for (const { text, ref } of sources) {
    for (const m of text.matchAll(PERIOD_RE)) {
      const written = m[0].trim();
      const startsOn = calendarDate(m[1]!, m[2]!, m[3]!);
      const endsOn = calendarDate(m[4]!, m[5]!, m[6]!);
      if (!startsOn || !endsOn) {
        warnings.push({ code: "SERVICE_PERIOD_INVALID", message: `服务期限“${written}”（条款 ${ref}）含有不存在的日期，未采用；请核对合同，或导入时用 --starts-on 指定开始日期。` });
        continue;
      }
      if (daysBetween(startsOn, endsOn) < 0) {
        warnings.push({ code: "SERVICE_PERIOD_INVALID", message: `服务期限“${written}”（条款 ${ref}）的结束日期早于开始日期，未采用；请核对合同。` });
        continue;
      }
      return { period: { startsOn, endsOn, ref }, warnings };
    }
  }
  return { period: null, warnings };
}

/** Whole months from `startsOn` to the inclusive `endsOn` when the period is exactly that many months, else null. */
export function wholeMonths(startsOn: IsoDate, endsOn: IsoDate): number | null {
  const [sy, sm] = startsOn.split("-").map(Number) as [number, number];
  const [ey, em] = endsOn.split("-").map(Number) as [number, number];
  const guess = (ey - sy) * 12 + (em - sm);
  for (const months of [guess, guess + 1]) {
    if (months >= 1 && months <= 120 && termEndsOn(startsOn, months) === endsOn) return months;
  }
  return null;
}

/**
 * A warning when the written period and the term in months disagree (e.g. "有效期一年" but "自2025-01-15至2025-06-30"):
 * the written dates are used, and the admin is told to check which one the parties meant.
 */
export function periodTermConflict(period: ServicePeriodFound, termMonths: number | null, termRef: string | undefined): ParseWarning | null {
  if (termMonths === null) return null;
  const expected = termEndsOn(period.startsOn, termMonths);
  if (expected === period.endsOn) return null;
  return {
    code: "SERVICE_PERIOD_MISMATCH",
    message: `服务期限写明自 ${period.startsOn} 至 ${period.endsOn}（条款 ${period.ref}），但${termRef ? `条款 ${termRef}` : "合同"}约定期限 ${termMonths} 个月（应至 ${expected}）。` +
      `到期提醒按写明的 ${period.endsOn} 安排；请与对方核对，必要时用 contract update ID --starts-on 更正。`,
  };
}
