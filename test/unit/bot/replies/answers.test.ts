import { describe, expect, it } from "vitest";
import { capacityReply } from "../../../../src/bot/replies/capacity.reply.js";
import { quotaReply } from "../../../../src/bot/replies/quota.reply.js";
import { nextReminderReply, reminderListReply } from "../../../../src/bot/replies/reminders.reply.js";
import { runOutReply } from "../../../../src/bot/replies/run-out.reply.js";
import { hasCjk } from "../../../../src/domain/entitlement-display.js";
import type { UsageEntry } from "../../../../src/domain/model.js";
import { DUE_KEY_PATTERN } from "../../../../src/domain/notice-titles.js";
import type { UpcomingReminder } from "../../../../src/services/reminder.service.js";
import { buildOverview } from "../../../support/bot-fixtures.js";
import { seedDocument } from "../../../support/seed-documents.js";

const TZ = "Asia/Shanghai";
const NOW = "2024-04-05T06:02:00.000Z";
const seed = async (file: string, entries: UsageEntry[] = []) => buildOverview({ doc: await seedDocument(file), now: NOW, entries });
const entry = (metric: string, amount: number, at: string, source: UsageEntry["source"] = "manual", kind: UsageEntry["kind"] = "delta"): UsageEntry =>
  ({ id: Math.floor(Math.random() * 1e6), metric, kind, amount, occurredAt: new Date(at), source });

describe("capacity answers come from the quota terms, with the annex row", () => {
  it.each([
    ["direct-basic.txt", "video", "people", "**视频会议专业版：单场最多 200 方参会**", "另外：最多同时开 8 场，单场最长 24 小时。", "依据：附件 1.2「视频会议专业版」：8个200方24小时高清会议"],
    ["direct-basic.txt", "video", "duration", "**视频会议专业版：单场最长 24 小时**", "另外：单场最多 200 方参会，最多同时开 8 场。", "依据：附件 1.2「视频会议专业版」"],
    ["direct-basic.txt", "video", "concurrency", "**视频会议专业版：最多同时开 8 场**", "另外：单场最多 200 方参会，单场最长 24 小时。", "依据：附件 1.2"],
    ["reseller-basic.txt", "video", "people", "**视频会议专业版：单场最多 300 方参会**", "另外：最多同时开 6 场，单场最长 24 小时。", "依据：附件「视频会议专业版」：6 个 300 方 24 小时高清会议"],
    ["reseller-basic.txt", "live", "people", "**直播：单场最多 800 方观看**", "另外：共 4 个直播间。", "依据：附件「直播」：4 个 800 方不限时高清直播间"],
    ["reseller-basic.txt", "live", "concurrency", "**直播：共 4 个直播间**", "另外：单场最多 800 方观看。", "依据：附件「直播」"],
    ["reseller-basic.txt", "live", "duration", "**直播：合同写明「不限时」**", "合同写明的是：单场最多 800 方观看，共 4 个直播间。", "依据：附件「直播」"],
    ["reseller-basic.txt", "contacts", "people", "**通讯录：通讯录最多 2,000 人**", "依据：附件「通讯录」", "依据：附件「通讯录」"],
    ["direct-basic.txt", "devices", "concurrency", "**多端登录：同时最多 6 台设备登录**", "依据：附件 1.2「多端登录」：同时登录设备上限6个", "依据"],
    ["direct-basic.txt", "docs", "people", "**文档类权益：文档在线编辑人数上限 80 人**", "依据：附件 1.2「文档类权益」", "依据"],
  ] as const)("%s · %s / %s", async (file, subject, facet, head, second, source) => {
    const text = capacityReply(await seed(file), subject, facet, "zh").text;
    const lines = text.split("\n\n");
    expect(lines[0]).toBe(head);
    expect(text).toContain(second);
    expect(text).toContain(source);
    expect(text).not.toMatch(/¥|元/);
  });

  it.each([
    ["direct-basic.txt", "live", "people", "合同附件的产品表里没有「直播」这项权益，合同未载明它的规格。"],
    ["direct-basic.txt", "phone", "people", "**合同未载明电话会议的人数上限。**"],
    ["reseller-basic.txt", "video", null, "**视频会议专业版：单场最多 300 方参会，最多同时开 6 场，单场最长 24 小时**"],
  ] as const)("%s · %s / %s says what the contract does not state", async (file, subject, facet, line) => {
    expect(capacityReply(await seed(file), subject, facet, "zh").text).toContain(line);
  });

  it.each(["direct-basic.txt", "reseller-basic.txt"])("%s: in English, without Chinese", async (file) => {
    const text = capacityReply(await seed(file), "video", "people", "en").text;
    expect(text).toMatch(/^\*\*Video conferencing Pro: up to (200|300) participants per meeting\*\*/);
    expect(text).toMatch(/Per (Annex 1\.2|the annex), Video conferencing Pro row/);
    expect(text).not.toSatisfy(hasCjk);
  });
});

describe("what to do when an allowance runs out", () => {
  it("direct seed, phone minutes: the term ends with the contract year, the contract's top-up clause and the price rule are cited", async () => {
    const o = await seed("direct-basic.txt", [entry("phone_conference.minutes", 6000, "2024-04-01T02:00:00Z")]);
    const text = runOutReply(o, o.quotas.find((q) => q.metric === "phone_conference.minutes")!, "zh").text;
    expect(text).toContain("**电话会议：剩余 0 / 6,000 分钟**");
    expect(text).toContain("本服务期于 2025-03-14 结束，期内不再补充；续约后以新合同写明的额度为准。");
    expect(text).toContain("按合同，消耗型服务需要继续使用时可续约或充值（附件 2.1）：在钉钉管理后台或联系签约方（钉钉（演示）信息技术有限公司）。");
    expect(text).toContain("费用以钉钉页面所载说明及订购时为准（附件 1.2），管家不提供报价。");
    expect(text).not.toMatch(/¥|\d+\s*元/);
  });
  it("reseller seed, DING: a new contract year starts on the anniversary; no clause, so no citation; the partner is named", async () => {
    const o = await seed("reseller-basic.txt");
    const text = runOutReply(o, o.quotas.find((q) => q.metric === "ding.messages")!, "zh").text;
    expect(text).toContain("这是每服务年的额度，2025-01-08 起按新的服务年重新计算。");
    expect(text).toContain("可在钉钉管理后台充值或加购或联系签约方（演示信息技术（北京）有限公司）。");
    expect(text).not.toMatch(/（附件|（合同|¥/);
  });
  it.each([
    ["direct-basic.txt", "api.calls", "这是每月的额度，2024-05-01 起恢复。", "管家自己计量的调用在本月额度用完后会暂停"],
    ["direct-basic.txt", "storage.capacity_gb", "这是上限，不会随时间恢复或增加。", "或在钉钉管理后台购买云盘扩容或联系签约方（钉钉（演示）信息技术有限公司）（附件 2.4）"],
    ["reseller-basic.txt", "data_recovery.uses", "这是整个服务期的额度，期内不会补充；", "组织架构（家校通讯录、解散组织除外）、成员信息、内部群聊、群文件各 1 次"],
    ["reseller-basic.txt", "video_conference.participants", "这是上限", "需要更高规格时，另行选购相应规格服务"],
  ] as const)("%s · %s", async (file, metric, refill, action) => {
    const o = await seed(file);
    const text = runOutReply(o, o.quotas.find((q) => q.metric === metric)!, "zh").text;
    expect(text).toContain(refill);
    expect(text).toContain(action);
    expect(runOutReply(o, o.quotas.find((q) => q.metric === metric)!, "en").text).not.toMatch(/[\u4e00-\u9fff](?![^(]*\))/u);
  });
});

describe("quota answers: per kind, old readings, metered source, the annex row", () => {
  it.each([
    ["direct-basic.txt", "**数据恢复：组织架构、成员信息、内部群聊、群文件各 2 次**", "**Data recovery: twice each for org structure, member info, internal group chats and group files**"],
    ["reseller-basic.txt", "**数据恢复：组织架构（家校通讯录、解散组织除外）、成员信息、内部群聊、群文件各 1 次**", "**Data recovery: once each for org structure (except home-school directories and disbanded organisations), member info, internal group chats and group files**"],
  ])("%s: data recovery is once (or twice) of each kind, never 'N / N 次'", async (file, zh, en) => {
    const o = await seed(file, [entry("data_recovery.uses", 1, "2024-04-01T02:00:00Z", "bot")]);
    const q = o.quotas.find((x) => x.metric === "data_recovery.uses")!;
    const text = quotaReply(o, q, "zh", TZ).text;
    expect(text.split("\n\n")[0]).toMatch(new RegExp(`^${zh.replace(/[*()（）]/g, "\\$&")}`));
    expect(text).not.toMatch(/\d+ \/ \d+ 次|超出上限/);
    expect(text).toContain("已用 1 次");
    expect(quotaReply(o, q, "en", TZ).text.split("\n\n")[0]).toMatch(new RegExp(`^${en.replace(/[*()]/g, "\\$&")}`));
    expect(q.usage.overLimit).toBe(false);
  });

  it("flags a reading older than a month, not a recent one", async () => {
    const old = await seed("direct-basic.txt", [entry("storage.capacity_gb", 300, "2024-02-20T02:00:00Z", "api", "reading")]);
    const recent = await seed("direct-basic.txt", [entry("storage.capacity_gb", 300, "2024-03-28T02:00:00Z", "api", "reading")]);
    const q = (o: typeof old) => o.quotas.find((x) => x.metric === "storage.capacity_gb")!;
    expect(quotaReply(old, q(old), "zh", TZ).text.split("\n\n")[0]).toBe("⚠️ 以下为 45 天前的记录，录入新用量可得到最新结果。");
    expect(quotaReply(old, q(old), "en", TZ).text).toContain("The figures below are from 45 days ago");
    expect(quotaReply(recent, q(recent), "zh", TZ).text).not.toContain("天前的记录");
  });

  it("API calls the steward metered are 'measured by the steward', not self-reported", async () => {
    const o = await seed("direct-basic.txt", [entry("api.calls", 1200, "2024-04-05T01:00:00Z", "self")]);
    const q = o.quotas.find((x) => x.metric === "api.calls")!;
    expect(quotaReply(o, q, "zh", TZ).text).toContain("数据来源：管家自动计量");
    expect(quotaReply(o, q, "zh", TZ).text).not.toContain("自助");
    expect(quotaReply(o, q, "en", TZ).text).toContain("Source: measured by the steward");
  });

  it.each(["direct-basic.txt", "reseller-basic.txt"])("%s: every figure answer cites its annex row", async (file) => {
    const o = await seed(file);
    for (const q of o.quotas) {
      expect(quotaReply(o, q, "zh", TZ).text, q.metric).toMatch(/依据：附件[^「]*「[^」]+」/);
      expect(quotaReply(o, q, "en", TZ).text, q.metric).toMatch(/Limit per (Annex 1\.2|the annex), [A-Za-z][^\n]* row/);
    }
  });
});

describe("the next reminder", () => {
  const item = (over: Partial<UpcomingReminder>): UpcomingReminder => ({
    contractId: 1, kind: "renewal", dueKey: "T-30@2024-05-05", date: "2024-04-05", time: "09:30", channel: "robot", recipients: ["a"], severity: "info",
    title: "钉钉专业版 30 天后到期（2024-05-05）", snoozedUntil: null, acknowledged: false, delivered: false, ...over,
  });
  const items = [
    item({ delivered: true }),
    item({ kind: "data_deletion", dueKey: "del-30@2024-05-06", date: "2024-04-08", title: "28 天后（2024-05-06）起数据受影响：聊天记录回落、云盘超额数据可能被清除" }),
    item({ kind: "data_deletion", dueKey: "del-30@2024-05-06", date: "2024-04-08", channel: "group", title: "28 天后（2024-05-06）起数据受影响：聊天记录回落、云盘超额数据可能被清除" }),
    item({ kind: "reading_request", dueKey: "read@2024-05", date: "2024-05-01", title: "请录入 2024-05 的用量：DING、电话会议" }),
    item({ kind: "incomplete_contract", dueKey: "fix@2024-05-02", date: "2024-05-02", title: "合同缺少服务开始日期，无法安排到期提醒" }),
  ];
  it("is the first one not sent yet, with its channels, then the next two", () => {
    const text = nextReminderReply(items, true, 366, "zh").text;
    expect(text.split("\n\n")[0]).toBe("**下次提醒：2024-04-08 09:30** 28 天后（2024-05-06）起数据受影响：聊天记录回落、云盘超额数据可能被清除（机器人单聊、管理员群）");
    expect(text).toContain("- 2024-05-01 09:30 请录入 2024-05 的用量：DING、电话会议");
    expect(text).not.toMatch(DUE_KEY_PATTERN);
  });
  it("in English, in English, and never with a due key", () => {
    const text = nextReminderReply(items, false, 366, "en").text;
    expect(text.split("\n\n")[0]).toBe("**Next reminder: 2024-04-08 09:30** Data affected in 28 days \\(from 2024-05-06\\): chat history falls back, drive data may be cleared (bot chat, admin group)");
    for (const t of [text, reminderListReply(items, false, 60, "en").text]) {
      expect(t).not.toMatch(DUE_KEY_PATTERN);
      expect(t).not.toSatisfy(hasCjk);
    }
  });
  it("says so when nothing is pending", () => {
    expect(nextReminderReply([items[0]!], true, 366, "zh").text).toContain("未来 366 天内没有待发的提醒。");
  });
});
