import { describe, expect, it } from "vitest";
import { parseReminderCommand } from "../../../../src/bot/intents/reminders.intent.js";
import { norm } from "./match-kit.js";

describe("reminder commands matcher", () => {
  it.each([
    ["提醒列表", { action: "list" }], ["我的提醒", { action: "list" }], ["有哪些提醒", { action: "list" }], ["提醒", { action: "list" }],
    ["暂停提醒 7 天", { action: "snooze", days: 7 }], ["暂停提醒", { action: "snooze", days: 7 }], ["暂停提醒三天", { action: "snooze", days: 3 }],
    ["推迟提醒 2 周", { action: "snooze", days: 14 }], ["7天后提醒", { action: "snooze", days: 7 }], ["暂停提醒 1000 天", { action: "snooze", days: 365 }],
    ["订阅提醒", { action: "subscribe" }], ["开启提醒", { action: "subscribe" }], ["取消订阅", { action: "unsubscribe" }], ["别再提醒了", { action: "unsubscribe" }],
    ["退订", { action: "unsubscribe" }], ["snooze 3 days", { action: "snooze", days: 3 }], ["snooze", { action: "snooze", days: 7 }],
    ["unsubscribe", { action: "unsubscribe" }], ["subscribe", { action: "subscribe" }], ["确认提醒", { action: "acknowledge" }], ["acknowledge", { action: "acknowledge" }], ["my reminders", { action: "list" }],
  ])("%j → %o", (raw, params) => {
    expect(parseReminderCommand(norm(raw))).toEqual(params);
  });
  it.each([
    "下次提醒是什么时候", "下一次提醒什么时候发", "下个提醒是啥", "下一条提醒是什么", "最近的提醒是哪天", "接下来的提醒", "提醒什么时候发",
    "什么时候会提醒我", "啥时候提醒", "提醒几号发", "何时提醒", "next reminder", "when is the next reminder",
  ])("%j → the next reminder", (raw) => {
    expect(parseReminderCommand(norm(raw))).toEqual({ action: "next" });
  });
  it.each(["DING还剩多少", "不续费会怎样", "帮助"])("does not match %j", (raw) => {
    expect(parseReminderCommand(norm(raw))).toBeNull();
  });
});
