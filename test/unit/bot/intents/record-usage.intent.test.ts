import { describe, expect, it } from "vitest";
import { parseUsage, recordUsageIntent } from "../../../../src/bot/intents/record-usage.intent.js";
import { norm } from "./match-kit.js";

describe("record usage matcher", () => {
  it.each([
    ["DING 用了 30 条", "ding.messages", 30, "delta"],
    ["电话会议用了 120 分钟", "phone_conference.minutes", 120, "delta"],
    ["电话会议用了2小时", "phone_conference.minutes", 120, "delta"],
    ["云盘已用 300GB", "storage.capacity_gb", 300, "reading"],
    ["云盘现在用了 1.5TB", "storage.capacity_gb", 1536, "reading"],
    ["数据恢复用了 1 次", "data_recovery.uses", 1, "delta"],
    ["数据恢复用了一次", "data_recovery.uses", 1, "delta"],
    ["API调用 12万次", "api.calls", 120000, "delta"],
    ["ＤＩＮＧ发了３０条", "ding.messages", 30, "delta"],
    ["@钉钉管家 电话会议 用了 1,200 分钟", "phone_conference.minutes", 1200, "delta"],
    ["DING 累计用了 360 条", "ding.messages", 360, "reading"],
    ["用了 30 条", "ding.messages", 30, "delta"],
    ["phone conference used 90 minutes", "phone_conference.minutes", 90, "delta"],
    ["used 30 DING", "ding.messages", 30, "delta"],
    ["storage used 300 GB", "storage.capacity_gb", 300, "delta"],
    ["record 120k API calls", "api.calls", 120000, "delta"],
    ["DING 30 条", "ding.messages", 30, "auto"],
  ])("%j → %s %d (%s)", (raw, metric, amount, mode) => {
    expect(recordUsageIntent.match(norm(raw))).toMatchObject({ metric, amount, mode });
  });
  it.each([
    "DING还剩多少", "电话会议用了多少分钟", "DING 用了 30 条吗", "条款 3.1.5", "第3条", "DING", "云盘快满了吗", "30", "2024-05-05 到期",
    "how many DING messages used", "第一条", "第二条", "看看第三条",
  ])("does not match %j", (raw) => {
    expect(parseUsage(norm(raw))).toBeNull();
  });
});

describe("record usage matcher on figures that must not be misread", () => {
  it.each([
    ["电话会议用了 -90 分钟", "phone_conference.minutes", -90],
    ["DING用了-30条", "ding.messages", -30],
    ["电话会议用了负90分钟", "phone_conference.minutes", -90],
    ["DING 用了 0 条", "ding.messages", 0],
    ["DING 用了 0.0001 条", "ding.messages", 0.0001],
    ["DING用了 99999999999 条", "ding.messages", 99_999_999_999],
    ["云盘已用 1.1TB", "storage.capacity_gb", 1126.4],
    ["电话会议用了 0.1 小时", "phone_conference.minutes", 6],
    ["API调用 1.5万次", "api.calls", 15_000],
  ])("%j → %s %d exactly", (raw, metric, amount) => {
    const p = parseUsage(norm(raw));
    expect(p).toMatchObject({ metric, amount });
    expect(p?.problem).toBeUndefined();
  });
  it.each([
    ["云盘已用 1e9GB", "scientific"], ["DING用了 1E3 条", "scientific"], ["电话会议用了 2.5e2 分钟", "scientific"],
    ["电话会议用了 1,5 分钟", "format"], ["DING 用了 1,2000 条", "format"], ["DING 用了 1.2.3 条", "format"],
  ])("%j is recognised as usage but flagged %s", (raw, problem) => {
    expect(parseUsage(norm(raw))).toMatchObject({ problem });
  });
});
