/** Replies of the reminder commands: the upcoming list, snooze, acknowledge, subscribe and unsubscribe. Pure. */
import type { IsoDate } from "../../domain/model.js";
import type { UpcomingReminder } from "../../services/reminder.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { noticeTitle } from "../../domain/notice-titles.js";
import { escapeMarkdown, reply, t } from "./format.js";

/** Most reminders listed in chat. */
export const MAX_LISTED = 8;

function state(r: UpcomingReminder, lang: Lang): string {
  if (r.delivered) return t(lang, "（已发送）", " (sent)");
  if (r.acknowledged) return t(lang, "（已确认，本期不再提醒）", " (acknowledged)");
  if (r.snoozedUntil) return t(lang, `（暂停至 ${r.snoozedUntil}）`, ` (snoozed until ${r.snoozedUntil})`);
  return "";
}

/** The next reminders of the current contract and whether the asker receives them. */
export function reminderListReply(items: readonly UpcomingReminder[], subscribed: boolean, days: number, lang: Lang): BotReply {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of items) {
    const key = `${r.date}|${r.title}`;
    if (seen.has(key) || lines.length >= MAX_LISTED) continue;
    seen.add(key);
    lines.push(`- ${r.date} ${r.time} ${escapeMarkdown(noticeTitle(r, lang))}${state(r, lang)}`);
  }
  const more = seen.size < new Set(items.map((r) => `${r.date}|${r.title}`)).size ? t(lang, "……（更多请在工作台查看）", "… (more in the workbench page)") : null;
  return reply(t(lang, "提醒列表", "Reminders"), [
    t(lang, `**未来 ${days} 天的提醒**`, `**Reminders in the next ${days} days**`),
    lines.length ? lines.join("\n") : t(lang, "近期没有待发的提醒。", "No reminders are due soon."),
    more,
    subscribed ? t(lang, "你会收到这些提醒 ✅", "You receive these ✅") : t(lang, "你没有订阅（回复「订阅提醒」开启）。", "You are not subscribed (reply \"subscribe\")."),
    t(lang, "可回复「暂停提醒 7 天」「确认提醒」「取消订阅」。", "Reply \"snooze 7 days\", \"acknowledge\" or \"unsubscribe\"."),
  ]);
}

const CHANNELS: Record<string, [string, string]> = { robot: ["机器人单聊", "bot chat"], group: ["管理员群", "admin group"], ding: ["DING", "DING"] };

/** "下次提醒是什么时候": the first notice still to go out (not sent, not acknowledged) with its channels, then the two after it. */
export function nextReminderReply(items: readonly UpcomingReminder[], subscribed: boolean, days: number, lang: Lang): BotReply {
  const title = t(lang, "下次提醒", "Next reminder");
  const groups = new Map<string, UpcomingReminder[]>();
  for (const r of items.filter((x) => !x.delivered && !x.acknowledged)) {
    const key = `${r.date}|${r.time}|${noticeTitle(r, lang)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const [first, ...rest] = [...groups.values()];
  if (!first) return reply(title, [t(lang, `未来 ${days} 天内没有待发的提醒。`, `No reminder is due in the next ${days} days.`), t(lang, "发「提醒列表」查看全部。", "Ask \"my reminders\" for the list.")]);
  const head = first[0]!;
  const channels = first.map((r) => CHANNELS[r.channel]?.[lang === "en" ? 1 : 0] ?? r.channel).join(t(lang, "、", ", "));
  const after = rest.slice(0, 2).map((g) => `- ${g[0]!.date} ${g[0]!.time} ${escapeMarkdown(noticeTitle(g[0]!, lang))}`);
  return reply(title, [
    t(lang, `**下次提醒：${head.date} ${head.time}** ${escapeMarkdown(noticeTitle(head, lang))}（${channels}）`, `**Next reminder: ${head.date} ${head.time}** ${escapeMarkdown(noticeTitle(head, lang))} (${channels})`),
    head.snoozedUntil ? t(lang, `已暂停至 ${head.snoozedUntil}。`, `Snoozed until ${head.snoozedUntil}.`) : null,
    after.length ? `${t(lang, "之后：", "After that:")}\n${after.join("\n")}` : null,
    subscribed ? t(lang, "你会收到这些提醒 ✅", "You receive these ✅") : t(lang, "你没有订阅（回复「订阅提醒」开启）。", "You are not subscribed (reply \"subscribe\")."),
  ]);
}

/** Snooze confirmation (applies to every admin of this contract). */
export function snoozedReply(until: IsoDate, days: number, lang: Lang): BotReply {
  return reply(t(lang, "已暂停提醒", "Snoozed"), [
    t(lang, `好的，本合同的提醒暂停 ${days} 天，${until} 起恢复（对所有管理员生效）。`, `OK, this contract's reminders are snoozed for ${days} days and resume on ${until} (for every admin).`),
  ]);
}

/** Acknowledge confirmation: the current cycle of every notice stops. */
export function acknowledgedReply(lang: Lang): BotReply {
  return reply(t(lang, "已确认", "Acknowledged"), [
    t(lang, "已确认 ✅ 本期提醒不再重复发送；下一个节点到来时会再提醒。", "Acknowledged ✅ The current notices stop repeating; the next milestone will notify again."),
  ]);
}

/** Subscribe / unsubscribe confirmation. */
export function subscriptionReply(subscribed: boolean, lang: Lang): BotReply {
  return subscribed
    ? reply(t(lang, "已订阅", "Subscribed"), [t(lang, "已订阅 ✅ 到期、发票和数据风险提醒会私聊发给你。", "Subscribed ✅ Expiry, invoice and data-risk reminders will come to you 1:1.")])
    : reply(t(lang, "已取消订阅", "Unsubscribed"), [t(lang, "已取消订阅，你不会再收到提醒。回复「订阅提醒」可重新开启。", "Unsubscribed; you will get no more reminders. Reply \"subscribe\" to turn them back on.")]);
}

/** The reminder services are not wired into this process. */
export function remindersUnavailableReply(lang: Lang): BotReply {
  return reply(t(lang, "提醒", "Reminders"), [t(lang, "提醒功能尚未启用，请联系部署管理员。", "Reminders are not enabled on this steward; ask whoever runs it.")]);
}
