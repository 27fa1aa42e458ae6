/** Confirmations of recorded and undone usage entries. Pure. */
import type { QuotaState } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { escapeMarkdown, fmtDateTime, fmtQty, quoteUser, reply, t, unitLabel } from "./format.js";
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

/** Why the bot did not record a figure: the service's refusals and the parser's. */
export type UsageRefusal = "negative" | "zero" | "fraction" | "too_large" | "not_finite" | "scientific" | "format";

/** The refused figure: its metric, the amount as understood, the text as typed, and the quota's unit when known. */
export interface RefusedUsage {
  metric: string;
  amount: number;
  written: string;
  unit: string | null;
}

const EXACT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** "没有记录" with what was wrong with the figure and how to write it; nothing was stored. */
export function usageRefusedReply(why: UsageRefusal, u: RefusedUsage, lang: Lang): BotReply {
  const label = metricLabel(u.metric, lang);
  const unit = u.unit ? unitLabel(u.unit, lang) : "";
  const example = t(lang, "「DING 用了 30 条」", "\"DING used 30\"");
  const lines: Record<UsageRefusal, [string, string]> = {
    negative: ["用量不能是负数；如要更正上一次录入，请发「撤销」，再录入正确的数字。", "Usage cannot be negative; to correct your last entry, send \"undo\" and then the right figure."],
    zero: [`用量必须大于 0，没有需要记录的内容。录入时请写实际用量，例如${example}。`, `Usage must be above 0; there is nothing to record. Send the amount used, e.g. ${example}.`],
    fraction: [
      `${label}只能录入整数${unit ? `（单位：${unit}）` : ""}，不能录入 ${EXACT.format(u.amount)}${unit ? ` ${unit}` : ""}。请写整数，例如${example}。`,
      `${label} is counted in whole numbers${unit ? ` (${unit})` : ""}; ${EXACT.format(u.amount)} cannot be recorded. Send a whole number, e.g. ${example}.`,
    ],
    too_large: ["这个数字太大了（超过 1 万亿），请核对后重新录入。", "That figure is too large (over 1,000,000,000,000); check it and send it again."],
    not_finite: [`没看懂这个数字，请写成${example}这样。`, `I could not read that number; write it like ${example}.`],
    scientific: ["不支持 1e9 这样的科学计数法，请写出完整数字，例如「云盘已用 300GB」。", "Scientific notation such as 1e9 is not accepted; write the number out, e.g. \"storage used 300 GB\"."],
    format: [`看不懂数字「${quoteUser(u.written)}」：千位分隔请写成「1,500」，小数请用小数点，如「1.5」。`, `I cannot read the number "${quoteUser(u.written)}": write thousands as 1,500 and decimals with a point, as in 1.5.`],
  };
  const [zh, en] = lines[why];
  return reply(t(lang, "没有记录", "Not recorded"), [t(lang, `没有记录 ❌ ${zh}`, `Not recorded ❌ ${en}`)]);
}

/** 「录入用量」: how to record a figure in chat (examples the usage intent understands) or on the page. */
export function usagePromptReply(lang: Lang): BotReply {
  return reply(t(lang, "录入用量", "Record usage"), [
    t(lang, "请直接回复用量，例如「DING 已用 360」「电话会议用了 120 分钟」「云盘已用 300GB」。", "Reply with the figure, e.g. \"DING used 360\", \"phone conference used 120 minutes\" or \"storage used 300 GB\"."),
    t(lang, "也可以在工作台小程序的「用量」页录入；录错了回复「撤销」。", "Or record it on the workbench page's usage tab; reply \"undo\" to take back a wrong entry."),
  ]);
}
