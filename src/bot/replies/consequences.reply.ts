/**
 * "不续费会怎样": the dated timeline of what an org loses without renewal, each claim in the shared words right
 * after the clauses that say it (or 「合同未载明」 and DingTalk's published policy when none does). Pure.
 */
import type { ConsequenceFact } from "../../domain/expiry-consequences.js";
import type { ContractOverview } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { consequenceText } from "../../domain/consequence-wording.js";
import { cite, reply, t } from "./format.js";

function line(f: ConsequenceFact, lang: Lang, past: boolean): string {
  const text = consequenceText(f, lang, { past, refs: cite(f.clauses, lang) });
  if (!f.date) return `- ${text}`;
  const from = f.kind === "chat_history" || f.kind === "drive_data" ? " 起" : "";
  return t(lang, `- **${f.date}**${from}：${text}`, `- **${f.date}**: ${text}`);
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
