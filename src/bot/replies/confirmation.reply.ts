/** Questions and answers around confirming a destructive command (「合同终止」, an over-limit figure). Pure. */
import type { ContractOverview, QuotaState } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { escapeMarkdown, fmtDateTime, fmtQty, reply, t } from "./format.js";
import { metricLabel } from "../../domain/display-labels.js";

/** What the bot is waiting to be confirmed. */
export type ConfirmKind = "terminate" | "usage";

const PHRASE: Record<ConfirmKind, [string, string]> = { terminate: ["确认终止", "confirm termination"], usage: ["确认录入", "confirm entry"] };

/** The phrase that confirms `kind`: 「确认终止」 / 「确认录入」. */
export function confirmPhrase(kind: ConfirmKind, lang: Lang): string {
  return t(lang, `「${PHRASE[kind][0]}」`, `"${PHRASE[kind][1]}"`);
}

function deadlineLine(kind: ConfirmKind, expiresAt: Date, tz: string, lang: Lang): string {
  const by = fmtDateTime(expiresAt, tz);
  return t(lang,
    `请在 5 分钟内（${by} 前）回复${confirmPhrase(kind, "zh")}；回复「取消」或超时则不做任何更改。`,
    `Reply ${confirmPhrase(kind, "en")} within 5 minutes (by ${by}); reply "cancel", or let it expire, and nothing changes.`);
}

/** 「合同终止」: what termination does, and the request to reply 「确认终止」 within 5 minutes. */
export function terminationConfirmReply(o: ContractOverview, expiresAt: Date, tz: string, lang: Lang): BotReply {
  const c = o.graph.contract;
  const title = escapeMarkdown(c.title ?? t(lang, "合同", "the contract"));
  const term = c.startsOn && c.endsOn ? t(lang, `（${c.startsOn} 至 ${c.endsOn}）`, ` (${c.startsOn} to ${c.endsOn})`) : "";
  return reply(t(lang, "确认终止合同？", "Terminate the contract?"), [
    t(lang, `⚠️ **终止后：**《${title}》${term}将标记为已终止，它的所有提醒（续费、数据删除、额度、付款和发票）都会停止，且不能在聊天中撤销。`,
      `⚠️ **Terminating** "${title}"${term} marks it terminated and stops every reminder for it (renewal, data deletion, quotas, payment and invoice); it cannot be undone in chat.`),
    deadlineLine("terminate", expiresAt, tz, lang),
  ]);
}

/** A figure more than 2× the limit: the figure, the limit, and the request to reply 「确认录入」 within 5 minutes. */
export function overLimitConfirmReply(r: { quota: QuotaState; amount: number; expiresAt: Date; tz: string }, lang: Lang): BotReply {
  const label = metricLabel(r.quota.metric, lang);
  const qty = fmtQty(r.amount, r.quota.term.unit, lang);
  const limit = fmtQty(r.quota.term.limit, r.quota.term.unit, lang);
  return reply(t(lang, "请确认用量", "Confirm the figure"), [
    t(lang, `⚠️ 这个数字超过${label}额度上限的 2 倍：你录入 ${qty}，上限 ${limit}。还没有记录。`,
      `⚠️ That is more than twice the ${label} limit: you sent ${qty}, the limit is ${limit}. Nothing is recorded yet.`),
    t(lang, "如有笔误，直接重新发送正确的数字即可。", "If it is a typo, just send the right figure."),
    deadlineLine("usage", r.expiresAt, r.tz, lang),
  ]);
}

/** 「确认」 with nothing pending (never asked, already done, or from another conversation). */
export function nothingToConfirmReply(lang: Lang): BotReply {
  return reply(t(lang, "没有待确认的操作", "Nothing to confirm"), [
    t(lang, "没有等待你确认的操作。确认只对你本人在同一会话中 5 分钟内发起的操作有效；如需终止合同，请重新发送「合同终止」。",
      "Nothing is waiting for your confirmation. A confirmation only counts for a command you sent in this chat in the last 5 minutes; to terminate the contract, send \"contract terminated\" again."),
  ]);
}

/** 「确认」 after the 5 minutes. */
export function expiredConfirmReply(kind: ConfirmKind, lang: Lang): BotReply {
  const again = kind === "terminate" ? t(lang, "「合同终止」", "\"contract terminated\"") : t(lang, "用量", "the figure");
  return reply(t(lang, "确认已过期", "Confirmation expired"), [
    t(lang, `确认已超过 5 分钟，没有做任何更改。如仍需操作，请重新发送${again}。`, `More than 5 minutes have passed, so nothing was changed. To go ahead, send ${again} again.`),
  ]);
}

/** The reply confirms something other than what is pending. */
export function otherKindReply(pending: ConfirmKind, lang: Lang): BotReply {
  return reply(t(lang, "请确认对应的操作", "Confirm the right command"), [
    t(lang, `正在等待确认的是${pending === "terminate" ? "终止合同" : "录入用量"}，请回复${confirmPhrase(pending, "zh")}，或回复「取消」。`,
      `What is waiting for confirmation is ${pending === "terminate" ? "terminating the contract" : "a usage figure"}; reply ${confirmPhrase(pending, "en")}, or "cancel".`),
  ]);
}

/** 「取消」: whether a pending command was dropped. */
export function cancelledReply(dropped: boolean, lang: Lang): BotReply {
  return reply(t(lang, "已取消", "Cancelled"), [
    dropped ? t(lang, "已取消，没有做任何更改。", "Cancelled; nothing was changed.") : t(lang, "没有等待确认的操作，无需取消。", "Nothing was waiting for confirmation."),
  ]);
}
