/** Confirmations of recorded and undone usage entries. Pure. */
import type { QuotaState } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { escapeMarkdown, fmtDateTime, fmtQty, reply, t } from "./format.js";
import { metricLabel } from "../../domain/display-labels.js";

/** What was recorded, by whom and when. */
export interface RecordedUsage {
  quota: QuotaState;
  amount: number;
  kind: "delta" | "reading";
  flagged: boolean;
  actorName: string;
  at: Date;
  tz: string;
}

function remainingLine(q: QuotaState, lang: Lang): string {
  const u = q.usage;
  if (u.overLimit) return t(lang, `⚠️ 已超出上限 ${fmtQty((u.used ?? 0) - u.limit, q.term.unit, lang)}，记录已保留并标记。`, `⚠️ Over the limit by ${fmtQty((u.used ?? 0) - u.limit, q.term.unit, lang)}; the entry is kept and flagged.`);
  return t(lang, `剩余 ${fmtQty(u.remaining ?? 0, q.term.unit, lang)}。`, `${fmtQty(u.remaining ?? 0, q.term.unit, lang)} left.`);
}

/** "已记录 ✅ 电话会议 −90 分钟（王管理，2024-04-05 14:02）。剩余 3,670 分钟。回复「撤销」可撤回。" */
export function recordedReply(r: RecordedUsage, lang: Lang): BotReply {
  const label = metricLabel(r.quota.metric, lang);
  const qty = fmtQty(r.amount, r.quota.term.unit, lang);
  const who = `${escapeMarkdown(r.actorName)}${t(lang, "，", ", ")}${fmtDateTime(r.at, r.tz)}`;
  const what = r.kind === "delta"
    ? t(lang, `${label} −${qty}（${who}）`, `${label} −${qty} (${who})`)
    : t(lang, `${label} 当前已用 ${qty}（${who}）`, `${label} now at ${qty} used (${who})`);
  return reply(t(lang, "已记录", "Recorded"), [
    t(lang, `已记录 ✅ ${what}。${remainingLine(r.quota, lang)}回复「撤销」可撤回。`, `Recorded ✅ ${what}. ${remainingLine(r.quota, lang)} Reply "undo" to revert.`),
  ]);
}

/** The undo confirmation with the quota as it stands now. */
export function undoneReply(q: QuotaState, amount: number, kind: "delta" | "reading", lang: Lang): BotReply {
  const label = metricLabel(q.metric, lang);
  const qty = fmtQty(amount, q.term.unit, lang);
  const what = kind === "delta" ? t(lang, `${label} −${qty}`, `${label} −${qty}`) : t(lang, `${label} 已用 ${qty} 的读数`, `${label} reading of ${qty}`);
  return reply(t(lang, "已撤销", "Undone"), [t(lang, `已撤销 ↩️ ${what}。现在${remainingLine(q, lang)}`, `Undone ↩️ ${what}. Now ${remainingLine(q, lang)}`)]);
}
