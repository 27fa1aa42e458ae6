/** "什么时候到期": end date, days left, what to do, and the consequences in one line with clause refs. Pure. */
import type { ContractOverview } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { consequenceBrief } from "../../domain/consequence-wording.js";
import { productName } from "./contract-facts.js";
import { cite, escapeMarkdown, reply, t } from "./format.js";

/** Options the reply needs from configuration (the days come from the consequences, which read the clause or the settings). */
export interface ExpiryReplyOptions {
  chatHistoryDays: number;
}

function headline(o: ContractOverview, lang: Lang): string {
  const p = productName(o, lang);
  const { endsOn, daysLeft } = o.timeline;
  if (!endsOn || daysLeft === null) return "";
  if (o.status === "terminated") return t(lang, `**合同已终止**（原服务期至 ${endsOn}）。`, `**The contract was terminated** (term was to end on ${endsOn}).`);
  if (o.status === "renewed") {
    return t(lang, `**${p}已登记续费 ✅** 本期服务至 ${endsOn}（还剩 ${Math.max(0, daysLeft)} 天）。`, `**${p} is marked renewed ✅** This term runs to ${endsOn} (${Math.max(0, daysLeft)} days left).`);
  }
  if (daysLeft > 0) return t(lang, `**${p}将于 ${endsOn} 到期，还剩 ${daysLeft} 天。**`, `**${p} expires on ${endsOn}, ${daysLeft} day${daysLeft === 1 ? "" : "s"} left.**`);
  if (daysLeft === 0) return t(lang, `**${p}今天（${endsOn}）到期。**`, `**${p} expires today (${endsOn}).**`);
  return t(lang, `**${p}已于 ${endsOn} 到期，已过 ${-daysLeft} 天。**`, `**${p} expired on ${endsOn}, ${-daysLeft} day${daysLeft === -1 ? "" : "s"} ago.**`);
}

function consequenceLine(o: ContractOverview, lang: Lang): string | null {
  if (o.status === "renewed" || o.status === "terminated") return null;
  const facts = o.consequences.filter((f) => f.kind === "chat_history" || f.kind === "drive_data");
  if (facts.length === 0) return null;
  const claims = facts.map((f) => `${consequenceBrief(f, lang)}${cite(f.clauses, lang)}`).join(t(lang, "；", "; "));
  if ((o.timeline.daysLeft ?? 0) < 0) {
    const from = o.timeline.chatHistory?.fallbackOn ?? o.timeline.driveDataRiskOn;
    return t(lang, `未续费（自 ${from} 起）：${claims}。`, `Not renewed (from ${from}): ${claims}.`);
  }
  return t(lang, `到期后不续费：${claims}。`, `If not renewed: ${claims}.`);
}

function actionLine(o: ContractOverview, lang: Lang): string | null {
  if (o.status === "renewed") return t(lang, "续费提醒已停止。", "Renewal reminders are stopped.");
  if (o.status === "terminated") return null;
  if (o.status === "renewing") return t(lang, "已登记正在续费；完成后回复「已续费」停止续费提醒。", "Marked as renewing; reply \"renewed\" when done to stop renewal reminders.");
  return t(lang, "回复「已续费」可停止续费提醒；发「不续费会怎样」查看时间线。", "Reply \"renewed\" to stop renewal reminders; ask \"what happens if we don't renew\" for the timeline.");
}

/** The expiry answer, figures first. */
export function expiryReply(o: ContractOverview, lang: Lang, opts: ExpiryReplyOptions): BotReply {
  const title = t(lang, "到期时间", "Expiry");
  if (!o.timeline.endsOn) {
    const missing = o.timeline.missing.filter((m) => m === "startsOn" || m === "termMonths").map(escapeMarkdown).join(", ");
    return reply(title, [
      t(lang, `合同里没有找到完整的服务期（缺少：${missing || "结束日期"}）。`, `The contract's term is incomplete (missing: ${missing || "end date"}).`),
      t(lang, "请重新导入并指定开始日期：`npm run cli -- contract import 合同.pdf --starts-on 2024-05-06`。", "Re-import it with a start date: `npm run cli -- contract import contract.pdf --starts-on 2024-05-06`."),
    ]);
  }
  const term = o.timeline.startsOn ? t(lang, `服务期 ${o.timeline.startsOn} → ${o.timeline.endsOn}`, `Term ${o.timeline.startsOn} → ${o.timeline.endsOn}`) : null;
  return reply(title, [headline(o, lang), consequenceLine(o, lang), actionLine(o, lang), term]);
}
