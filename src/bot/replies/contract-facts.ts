/** Small readers over a ContractOverview shared by several replies (product name, clause lookup, consumables). Pure. */
import { parseQuantityNumber } from "../../domain/chinese-quantity.js";
import { clausesSaying, type ClaimKind } from "../../domain/clause-claims.js";
import { entitlementName } from "../../domain/entitlement-display.js";
import type { Clause } from "../../domain/model.js";
import type { ContractOverview, QuotaState } from "../../services/contract-overview.service.js";
import type { Lang } from "../text-normalize.js";
import { escapeMarkdown } from "./format.js";

/** The product as people call it ("钉钉专业版" / "DingTalk Pro"). */
export function productName(o: ContractOverview, lang: Lang): string {
  const p = o.graph.contract.product ?? "钉钉专业版";
  if (lang === "en") return /专业版/.test(p) ? "DingTalk Pro" : escapeMarkdown(p);
  return escapeMarkdown(p);
}

/** Clauses whose text says the claim (clause-claims.ts), at most `limit`; [] when none does. */
export function supporting(o: ContractOverview, kind: ClaimKind, limit = 2): Clause[] {
  return clausesSaying(kind, o.clauses, limit);
}

/** An entitlement's name for chat: the catalog's English name as is, the contract's own name markdown-escaped. */
export function shownName(code: string, name: string, lang: Lang): string {
  const shown = entitlementName(code, name, lang);
  return shown === name ? escapeMarkdown(name) : shown;
}

/** "附件 1.2" → "Annex 1.2", "附件一" → "Annex 1", "附件" → "the annex". */
function annexRefEn(ref: string): string {
  const rest = ref.replace(/^附件\s*/, "").replace(/[：:].*$/, "").trim();
  if (rest === "") return "the annex";
  const n = /^[\d.]+$/.test(rest) ? rest : parseQuantityNumber(rest);
  return n === null ? "the annex" : `Annex ${n}`;
}

/**
 * Where an entitlement's figures come from: its row of the annex table, 「附件 1.2「视频会议专业版」：8个200方24小时高清会议」
 * (the spec cell quoted as written), in English "Annex 1.2, Video conferencing Pro row". "" when the row is unknown.
 */
export function annexRow(o: ContractOverview, code: string | null, lang: Lang): string {
  const e = code ? o.graph.entitlements.find((x) => x.code === code) : undefined;
  if (!e) return "";
  const ref = o.graph.contract.source?.sources?.entitlements ?? "附件";
  const zhRef = /^附件/.test(ref) ? ref : `附件 ${ref}`;
  if (lang === "en") return `${annexRefEn(zhRef)}, ${shownName(e.code, e.name, "en")} row`;
  const spec = e.spec && !/^[\s/\\\-—]*$/.test(e.spec) ? `：${escapeMarkdown(e.spec.trim())}` : "";
  return `${escapeMarkdown(zhRef)}「${escapeMarkdown(e.name)}」${spec}`;
}

/** The annex row in brackets for a figure: "（附件 1.2「电话会议」：6000分钟/年）" / " (Annex 1.2, Phone conferencing row)". */
export function citeRow(o: ContractOverview, code: string | null, lang: Lang): string {
  const row = annexRow(o, code, lang);
  return row ? (lang === "en" ? ` (${row})` : `（${row}）`) : "";
}

/** The clause an extracted field came from (`sources["deadlines.invoice"] = "2.3"`), as a citable clause. */
export function sourceClause(o: ContractOverview, field: string): Pick<Clause, "part" | "ref">[] {
  const ref = o.graph.contract.source?.sources?.[field];
  if (!ref) return [];
  const found = o.clauses.find((c) => c.ref === ref);
  return [found ?? { part: "body", ref }];
}

/** True for a quota that is used up over time (not a cap). */
export function isConsumable(q: QuotaState): boolean {
  return q.term.period !== "none";
}

/** The quota of a metric, or undefined. */
export function quotaOf(o: ContractOverview, metric: string): QuotaState | undefined {
  return o.quotas.find((q) => q.metric === metric);
}
