/** "我们买了什么": the entitlements by category, with their limits. Pure. */
import type { EntitlementCategory, QuotaPeriod } from "../../domain/model.js";
import type { ContractOverview } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { perKindText } from "../../domain/per-kind-allowance.js";
import { annexRow, productName, shownName } from "./contract-facts.js";
import { fmtQty, reply, t } from "./format.js";

const CATEGORIES: [EntitlementCategory, string, string][] = [
  ["feature", "功能类", "Features"], ["service", "服务类", "Services"], ["benefit", "权益类", "Benefits"],
];
const PER: Record<QuotaPeriod, [string, string]> = { year: ["/年", "/year"], month: ["/月", "/month"], term: ["/服务期", "/term"], none: ["", ""] };

function annexSource(o: ContractOverview, lang: Lang): string | null {
  const first = o.graph.entitlements[0];
  const row = first ? annexRow(o, first.code, lang) : "";
  if (!row) return null;
  const where = lang === "en" ? row.replace(/,.*$/, "") : row.replace(/「.*$/, "");
  return t(lang, `依据：合同${where}${/\d$/.test(where) ? " " : ""}产品表。`, `Source: the product table in ${where}.`);
}

/** Entitlements grouped as the annex groups them (English names with lang=en); limits in parentheses, per kind for "各N次". */
export function entitlementsReply(o: ContractOverview, lang: Lang): BotReply {
  const ents = o.graph.entitlements;
  const title = t(lang, "已购权益", "Entitlements");
  if (ents.length === 0) return reply(title, [t(lang, "合同里没有识别到权益清单（附件表格）。", "No entitlement list (annex table) was found in the contract.")]);
  const byEnt = new Map<number, string[]>();
  for (const q of o.quotas) {
    const e = ents.find((x) => x.code === q.entitlementCode);
    if (!e) continue;
    const per = PER[q.term.period][lang === "en" ? 1 : 0];
    const limit = q.perKind ? perKindText(q.perKind, lang) : `${fmtQty(q.term.limit, q.term.unit, lang)}${per}`;
    byEnt.set(e.id, [...(byEnt.get(e.id) ?? []), limit]);
  }
  const groups = CATEGORIES.map(([cat, zh, en]) => {
    const items = ents.filter((e) => e.category === cat).map((e) => {
      const limits = byEnt.get(e.id);
      return `${shownName(e.code, e.name, lang)}${limits ? t(lang, `（${limits.join("，")}）`, ` (${limits.join(", ")})`) : ""}`;
    });
    return items.length ? t(lang, `**${zh}（${items.length}）**：`, `**${en} (${items.length})**: `) + items.join(t(lang, "、", ", ")) : null;
  });
  const term = o.timeline.endsOn ? t(lang, `，服务期至 ${o.timeline.endsOn}`, `, term ends ${o.timeline.endsOn}`) : "";
  return reply(title, [
    t(lang, `**${productName(o, lang)}包含 ${ents.length} 项权益**${term}`, `**${productName(o, lang)} includes ${ents.length} entitlements**${term}`),
    ...groups,
    annexSource(o, lang),
    t(lang, "问「所有额度」查看用量。", "Ask \"all quotas\" for usage."),
  ]);
}
