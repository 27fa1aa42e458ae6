/** "不续费会怎样": the dated timeline of what an org loses without renewal, each item with its clauses. Pure. */
import type { ConsequenceFact } from "../../domain/expiry-consequences.js";
import type { ContractOverview } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { cite, fmtNum, fmtQty, reply, t } from "./format.js";
import { metricLabel } from "../../domain/display-labels.js";

function line(f: ConsequenceFact, lang: Lang, past: boolean): string {
  const refs = cite(f.clauses, lang);
  if (f.kind === "chat_history") {
    return t(lang,
      `- **${f.date}** 起，聊天记录仅保留近 ${f.figures.days} 天${refs}`,
      `- **${f.date}**: chat history falls back to the last ${f.figures.days} days${refs}`);
  }
  if (f.kind === "drive_data") {
    const used = f.figures.usedGb;
    const over = f.figures.atRiskGb;
    const figures = used === null
      ? ""
      : t(lang, `；目前已用 ${fmtNum(used)} GB，超出 ${fmtNum(over ?? 0)} GB`, `; ${fmtNum(used)} GB used now, ${fmtNum(over ?? 0)} GB above it`);
    return t(lang,
      `- **${f.date}** 起，云盘超出免费空间（${fmtNum(f.figures.freeGb ?? 0)} GB）的数据可能被清除且不可恢复${figures}${refs}`,
      `- **${f.date}**: drive data above the free ${fmtNum(f.figures.freeGb ?? 0)} GB may be deleted for good${figures}${refs}`);
  }
  if (f.kind === "consumables_lapse") {
    const items = (f.lapsing ?? []).map((c) => `${metricLabel(c.metric, lang)} ${fmtQty(Math.round(c.remaining), c.unit, lang)}`).join(t(lang, "、", ", "));
    return past
      ? t(lang, `- **${f.date}**：未用完的${items}已作废，不可顺延${refs}`, `- **${f.date}**: unused ${items} lapsed and do not carry over${refs}`)
      : t(lang, `- **${f.date}**：未用完的${items}将作废，不可顺延${refs}`, `- **${f.date}**: unused ${items} lapse and do not carry over${refs}`);
  }
  return t(lang, `- 已付费用不予退还${refs}`, `- Fees already paid are not refunded${refs}`);
}

/** The consequences timeline (the overview's facts); says so when the contract is already renewed or has no end date. */
export function consequencesReply(o: ContractOverview, lang: Lang): BotReply {
  const title = t(lang, "不续费的影响", "If you don't renew");
  const facts = o.consequences;
  if (!o.timeline.endsOn || facts.length === 0) {
    return reply(title, [t(lang, "合同里没有找到服务期结束日期，无法推算到期后的时间线。", "The contract has no end date, so there is no timeline to show.")]);
  }
  const expired = (o.timeline.daysLeft ?? 0) < 0;
  const head = expired
    ? t(lang, `**已于 ${o.timeline.endsOn} 到期，未续费时：**`, `**Expired on ${o.timeline.endsOn}; without renewal:**`)
    : t(lang, `**若 ${o.timeline.endsOn} 到期后不续费：**`, `**If the term ends on ${o.timeline.endsOn} without renewal:**`);
  const before = o.status === "renewed" ? t(lang, "已登记续费 ✅ 以下情况不会发生。", "Marked renewed ✅ none of this will happen.") : null;
  const after = o.status === "renewed" || o.status === "terminated" ? null : t(lang, "回复「已续费」可停止续费提醒。", "Reply \"renewed\" to stop renewal reminders.");
  return reply(title, [before, head, facts.map((f) => line(f, lang, expired)).join("\n"), after]);
}
