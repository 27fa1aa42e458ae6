import { businessDate } from "../../domain/business-calendar.js";
import { parseQuantityNumber } from "../../domain/chinese-quantity.js";
import type { Intent } from "../bot-context.js";
import { acknowledgedReply, nextReminderReply, remindersUnavailableReply, reminderListReply, snoozedReply, subscriptionReply } from "../replies/reminders.reply.js";
import { actorOf, loadOverview, withNextSteps } from "./intent-kit.js";

/** A reminder command. */
export type ReminderParams = { action: "list" | "next" | "acknowledge" | "subscribe" | "unsubscribe" } | { action: "snooze"; days: number };

/** Days the list looks ahead. */
const LIST_DAYS = 60;
/** Days "the next reminder" looks ahead (a year: the next one may be far off). */
const NEXT_DAYS = 366;
const N = "(\\d+|[一二两三四五六七八九十]+)";
const SNOOZE_ZH = new RegExp(`(暂停|推迟|延后|稍后|暂缓|静音)(一下)?提醒\\s*(?:${N}\\s*(天|日|周|星期|个星期))?|${N}\\s*(天|日|周)后(再)?提醒`);
const SNOOZE_EN = /snooze(?:\s+(?:for\s+)?(\d+)\s*(days?|weeks?))?|remind me (?:in|after) (\d+)\s*(days?|weeks?)/;
const ACK = /确认提醒|已读提醒|提醒已读|收到提醒|已知悉|^已处理$|^acknowledge(d)?$|^ack$/;
const UNSUB = /取消订阅|退订|取消提醒|关闭提醒|不要(再)?提醒|别(再)?提醒|不再提醒|unsubscribe|stop (the )?reminders?|no more reminders/;
const SUB = /订阅|开启提醒|打开提醒|接收提醒|subscribe|turn on reminders?/;
const NEXT = /(下一?次|下一个|下个|下一条|下条|最近的?|最近一次|接下来的?|即将)(的)?提醒|提醒.{0,4}(什么时候|啥时候|何时|几号|哪天)|(什么时候|啥时候|何时|哪天)(会|再|才)?(发|给我|来)?提醒|next reminders?|when is the next reminder|when (will|do) (i|we) (get|be) (reminded|the next reminder)/;
const LIST = /提醒列表|我的提醒|有哪些提醒|什么提醒|查看提醒|提醒(设置|情况|记录|计划)|^提醒$|^reminders?$|list (my )?reminders|my reminders|reminder list|upcoming reminders/;

function days(n: string | undefined, unit: string | undefined): number {
  const v = n === undefined ? 7 : /^\d/.test(n) ? Number(n) : (parseQuantityNumber(n) ?? 7);
  return Math.max(1, Math.min(365, Math.round(v * (unit && /周|星期|week/.test(unit) ? 7 : 1))));
}

/** Parses reminder commands: list, snooze N days (default 7, at most 365), acknowledge (「已处理」 too), subscribe, unsubscribe. */
export function parseReminderCommand(text: string): ReminderParams | null {
  const zh = SNOOZE_ZH.exec(text);
  if (zh) return { action: "snooze", days: zh[3] !== undefined ? days(zh[3], zh[4]) : zh[5] !== undefined ? days(zh[5], zh[6]) : 7 };
  const en = SNOOZE_EN.exec(text);
  if (en) return { action: "snooze", days: days(en[1] ?? en[3], en[2] ?? en[4]) };
  if (ACK.test(text)) return { action: "acknowledge" };
  if (NEXT.test(text)) return { action: "next" };
  if (UNSUB.test(text)) return { action: "unsubscribe" };
  if (SUB.test(text)) return { action: "subscribe" };
  if (LIST.test(text)) return { action: "list" };
  return null;
}

/** 「提醒列表」「暂停提醒 7 天」「确认提醒」「订阅提醒」「取消订阅」 through the reminder services. */
export const remindersIntent: Intent<ReminderParams> = {
  name: "reminders",
  examples: { zh: ["提醒列表", "下次提醒是什么时候", "暂停提醒 7 天", "确认提醒", "订阅提醒", "取消订阅"], en: ["my reminders", "when is the next reminder", "snooze 7 days", "unsubscribe"] },
  writes: (p) => p.action !== "list",
  match: parseReminderCommand,
  async handle(ctx, p) {
    const s = ctx.deps.services;
    const actor = actorOf(ctx);
    const userId = ctx.sender.staffId;
    if ((p.action === "list" || p.action === "next") && s.listUpcoming && s.reminderRecipients) {
      const contractId = (await loadOverview(ctx)).graph.contract.id;
      const days = p.action === "next" ? NEXT_DAYS : LIST_DAYS;
      const [items, recipients] = await Promise.all([s.listUpcoming({ contractId, days }), s.reminderRecipients()]);
      const subscribed = userId !== null && recipients.users.includes(userId);
      return ctx.reply(p.action === "next" ? nextReminderReply(items, subscribed, days, ctx.lang) : reminderListReply(items, subscribed, days, ctx.lang));
    }
    if (p.action === "snooze" && s.snoozeReminder) {
      const contractId = (await loadOverview(ctx)).graph.contract.id;
      const r = await s.snoozeReminder({ contractId, kind: "all", days: p.days, actor });
      return ctx.reply(withNextSteps(ctx, snoozedReply(businessDate(r.snoozedUntil, ctx.deps.config.timezone), p.days, ctx.lang), ["acknowledged", "reminder_list"]));
    }
    if (p.action === "acknowledge" && s.acknowledgeReminder) {
      const contractId = (await loadOverview(ctx)).graph.contract.id;
      await s.acknowledgeReminder({ contractId, kind: "all", actor });
      return ctx.reply(withNextSteps(ctx, acknowledgedReply(ctx.lang), ["reminder_list"]));
    }
    if ((p.action === "subscribe" || p.action === "unsubscribe") && s.subscribe && s.unsubscribe && userId) {
      await (p.action === "subscribe" ? s.subscribe : s.unsubscribe)({ userId, actor });
      return ctx.reply(subscriptionReply(p.action === "subscribe", ctx.lang));
    }
    await ctx.reply(remindersUnavailableReply(ctx.lang));
  },
};
