/** Confirmation of a renewal declaration, saying which reminders stop or continue. Pure. */
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { reply, t } from "./format.js";

/** What the admin declared (services/usage.service RENEWAL_DECLARATIONS). */
export type RenewalDeclaration = "renewed" | "renewing" | "not_renewing" | "terminated";

/** 「撤销续费」 done: the status the contract is back to. */
export function renewalUndoneReply(status: string, lang: Lang): BotReply {
  const zh: Record<string, string> = { active: "未续费（提醒照常）", renewing: "正在续费", renewed: "已续费" };
  const en: Record<string, string> = { active: "not renewed (reminders continue)", renewing: "renewal in progress", renewed: "renewed" };
  return reply(t(lang, "已撤销", "Undone"), [
    t(lang, `已撤销上一次续费登记，合同恢复为：**${zh[status] ?? status}**。`, `Your last renewal declaration is undone; the contract is back to **${en[status] ?? status}**.`),
  ]);
}

/** "已登记：已续费 ✅ 续费提醒和数据删除提醒已停止。" and the like. */
export function renewalReply(declaration: RenewalDeclaration, lang: Lang): BotReply {
  const title = t(lang, "已登记", "Noted");
  switch (declaration) {
    case "renewed":
      return reply(title, [
        t(lang, "已登记：**已续费** ✅ 续费提醒和数据删除提醒已停止。", "Noted: **renewed** ✅ Renewal reminders and data-deletion notices are stopped."),
        t(lang, "导入新合同后，到期时间和额度会按新合同计算。", "Import the new contract so dates and quotas follow it."),
      ]);
    case "renewing":
      return reply(title, [
        t(lang, "已登记：**正在续费**。续费提醒改为只发机器人消息（不再 DING）；数据删除提醒照常。", "Noted: **renewal in progress**. Renewal reminders continue as robot messages only (no more DINGs); data-deletion notices continue."),
        t(lang, "续费完成后请回复「已续费」。", "Reply \"renewed\" once it is done."),
      ]);
    case "not_renewing":
      return reply(title, [
        t(lang, "已登记：**不续费**。到期和数据删除提醒会继续，便于你在到期前导出聊天记录和云盘数据。", "Noted: **not renewing**. Expiry and data-deletion reminders continue so you can export chat history and drive data in time."),
        t(lang, "发「不续费会怎样」查看到期后的时间线。", "Ask \"what happens if we don't renew\" for the timeline."),
      ]);
    case "terminated":
      return reply(title, [t(lang, "已登记：**合同终止**。该合同的所有提醒已停止。", "Noted: **contract terminated**. All reminders for it are stopped.")]);
  }
}
