import { describe, expect, it } from "vitest";
import { hasCjk } from "../../../src/domain/entitlement-display.js";
import { DUE_KEY_PATTERN, englishNoticeTitle, parseDueKey } from "../../../src/domain/notice-titles.js";
import { presentQuota } from "../../../src/http/presenters/quota.presenter.js";
import { presentUpcoming } from "../../../src/http/presenters/reminder.presenter.js";
import { presentSummary } from "../../../src/http/presenters/summary.presenter.js";
import type { UpcomingReminder } from "../../../src/services/reminder.service.js";
import { buildOverview } from "../../support/bot-fixtures.js";
import { SEED_FILES, seedDocument } from "../../support/seed-documents.js";

const NOW = new Date("2024-04-05T06:02:00.000Z");

/** One upcoming notice of every kind, with due keys as the policy writes them (a snoozed copy too). */
const UPCOMING: UpcomingReminder[] = [
  ["renewal", "T-30@2024-05-05", "2024-04-05", "钉钉专业版 30 天后到期（2024-05-05）"],
  ["renewal", "T-30@2024-05-05~2024-04-12", "2024-04-12", "钉钉专业版 23 天后到期（2024-05-05）"],
  ["renewal", "T+7@2024-05-05", "2024-05-12", "钉钉专业版已到期 7 天（2024-05-05），尚未续费"],
  ["data_deletion", "del-30@2024-05-06", "2024-04-06", "30 天后（2024-05-06）起数据受影响：聊天记录回落、云盘超额数据可能被清除"],
  ["consumable_lapse", "lapse-30@2024-05-05", "2024-04-05", "DING、电话会议将于 2024-05-05 后作废（还剩 30 天）"],
  ["quota_threshold", "q:api.calls@2024-04-01:90", "2024-04-05", "API 调用已用 92%（达到 90% 提醒线）"],
  ["payment_deadline", "pay-3@2024-04-08", "2024-04-05", "付款截止 2024-04-08（还剩 3 天）"],
  ["invoice_deadline", "inv+7@2024-03-29", "2024-04-05", "发票已逾期 7 天未开具（应于 2024-03-29 前）"],
  ["reading_request", "read@2024-05", "2024-05-01", "请录入 2024-05 的用量：DING、电话会议"],
  ["incomplete_contract", "fix@2024-04-05", "2024-04-05", "合同缺少服务开始日期，无法安排到期提醒"],
].map(([kind, dueKey, date, title]) => ({
  contractId: 1, kind: kind!, dueKey: dueKey!, date: date!, time: "09:30", channel: "robot", recipients: ["admin1"], severity: "info" as const,
  title: title!, snoozedUntil: null, acknowledged: false, delivered: false,
}));

describe("upcoming notices on the page", () => {
  it.each(UPCOMING.map((r) => [r.dueKey, r] as const))("%s: an English title, no due key, no Chinese", (_key, r) => {
    const en = presentUpcoming(r, "en");
    expect(en.title).not.toMatch(DUE_KEY_PATTERN);
    expect(en.title).not.toMatch(/fix@|read@/);
    expect(en.title).not.toSatisfy(hasCjk);
    const zh = presentUpcoming(r, "zh");
    expect(zh.title).toBe(r.title);
    expect(zh.title).not.toMatch(DUE_KEY_PATTERN);
  });

  it.each([
    [UPCOMING[0]!, "DingTalk Pro expires in 30 days (2024-05-05)"],
    [UPCOMING[1]!, "DingTalk Pro expires in 23 days (2024-05-05)"],
    [UPCOMING[2]!, "DingTalk Pro expired 7 days ago (2024-05-05), not renewed yet"],
    [UPCOMING[5]!, "API calls reached the 90% alert level"],
    [UPCOMING[6]!, "Payment due 2024-04-08 (3 days left)"],
    [UPCOMING[7]!, "Invoice 7 days overdue (due 2024-03-29)"],
    [UPCOMING[8]!, "Please enter the usage for 2024-05"],
  ])("titles %j in English", (r, title) => {
    expect(englishNoticeTitle(r)).toBe(title);
  });

  it("reads due keys as the policy writes them", () => {
    expect(parseDueKey("T-30@2024-05-05~2024-04-12")).toEqual({ eventOn: "2024-05-05", month: null, metric: null, level: null });
    expect(parseDueKey("q:api.calls@2024-04-01:90")).toEqual({ eventOn: null, month: null, metric: "api.calls", level: 90 });
  });
});

describe.each(SEED_FILES)("%s on the page", (file) => {
  it("in English: the entitlement list (names, specs, descriptions, quota labels and units) holds no CJK; reminders and key dates no due keys", async () => {
    const o = buildOverview({ doc: await seedDocument(file), now: NOW.toISOString() });
    const s = presentSummary(o, false, "en", { upcoming: UPCOMING.map((r) => presentUpcoming(r, "en")), log: [] }, NOW);
    expect(s.entitlements.length).toBeGreaterThan(15);
    for (const e of s.entitlements) {
      for (const text of [e.name, e.description, e.spec ?? ""]) expect(text, `${e.code}: ${text}`).not.toSatisfy(hasCjk);
      for (const q of e.quotas) for (const text of [q.label ?? "", q.unitLabel ?? "", q.perKind?.text ?? ""]) expect(text, q.metric).not.toSatisfy(hasCjk);
    }
    for (const k of s.keyDates) expect(k.label).not.toMatch(DUE_KEY_PATTERN);
    for (const c of s.consequences) for (const text of [c.title, c.text]) expect(text).not.toMatch(/[\u4e00-\u9fff]/u);
  });

  it("in Chinese: data recovery shows per kind, with uses × kinds as the limit", async () => {
    const o = buildOverview({ doc: await seedDocument(file), now: NOW.toISOString() });
    const s = presentSummary(o, false, "zh", { upcoming: [], log: [] }, NOW);
    const dr = s.entitlements.find((e) => e.code === "data_recovery")!;
    expect(dr.spec).toMatch(/^组织架构.*、成员信息、内部群聊、群文件各 [12] 次$/);
    expect(dr.quotas[0]!.perKind!.kinds).toHaveLength(4);
    expect(dr.quotas[0]!.limit).toBe(dr.quotas[0]!.perKind!.each * 4);
  });
});

describe("quota view", () => {
  it("labels the steward's own metering and flags an old reading", () => {
    const o = buildOverview({ entries: [
      { id: 1, metric: "api.calls", kind: "delta", amount: 10, occurredAt: new Date("2024-04-05T01:00:00Z"), source: "self" },
      { id: 2, metric: "storage.capacity_gb", kind: "reading", amount: 300, occurredAt: new Date("2024-02-20T01:00:00Z"), source: "api" },
    ] });
    const api = presentQuota(o.quotas.find((q) => q.metric === "api.calls")!, { lang: "zh", today: o.today });
    expect(api).toMatchObject({ sourceLabel: "管家自动计量", staleDays: null, unitLabel: "次" });
    expect(presentQuota(o.quotas.find((q) => q.metric === "api.calls")!, { lang: "en" }).sourceLabel).toBe("measured by the steward");
    expect(presentQuota(o.quotas.find((q) => q.metric === "storage.capacity_gb")!, { lang: "zh", today: o.today }).staleDays).toBe(45);
  });
});

describe("chart data", () => {
  const at = (iso: string) => new Date(iso);
  const entries = [
    { id: 1, metric: "ding.messages", kind: "delta" as const, amount: 40, occurredAt: at("2023-04-20T02:00:00Z"), source: "manual" as const },
    { id: 2, metric: "ding.messages", kind: "delta" as const, amount: 100, occurredAt: at("2024-01-10T02:00:00Z"), source: "manual" as const },
    { id: 3, metric: "ding.messages", kind: "delta" as const, amount: 999, occurredAt: at("2024-02-01T02:00:00Z"), source: "manual" as const, revokedAt: at("2024-02-01T03:00:00Z") },
    { id: 4, metric: "ding.messages", kind: "delta" as const, amount: 50, occurredAt: at("2024-03-01T02:00:00Z"), source: "bot" as const },
    { id: 5, metric: "ding.messages", kind: "delta" as const, amount: 7, occurredAt: at("2024-06-01T02:00:00Z"), source: "manual" as const },
    { id: 6, metric: "storage.capacity_gb", kind: "reading" as const, amount: 300, occurredAt: at("2024-02-20T01:00:00Z"), source: "api" as const },
    { id: 7, metric: "storage.capacity_gb", kind: "reading" as const, amount: 280, occurredAt: at("2024-03-20T01:00:00Z"), source: "api" as const },
  ];

  it("sends each quota's window ledger as running totals, one point per counted entry (outside the window, revoked and future ones left out)", () => {
    const o = buildOverview({ entries });
    const ding = presentQuota(o.quotas.find((q) => q.metric === "ding.messages")!, { lang: "zh", today: o.today });
    expect(ding.series).toEqual([{ date: "2024-01-10", used: 100 }, { date: "2024-03-01", used: 150 }]);
    expect(ding.used).toBe(150);
    const drive = presentQuota(o.quotas.find((q) => q.metric === "storage.capacity_gb")!, { lang: "zh", today: o.today });
    expect(drive.series).toEqual([{ date: "2024-02-20", used: 300 }, { date: "2024-03-20", used: 280 }]);
    const none = presentQuota(o.quotas.find((q) => q.metric === "phone_conference.minutes")!, { lang: "zh" });
    expect(none.series).toEqual([]);
  });

  it("tells the page the free drive space kept after expiry, and dates a notice sent on several channels once", () => {
    const o = buildOverview({ entries });
    const copies = [UPCOMING[0]!, { ...UPCOMING[0]!, channel: "ding" }, UPCOMING[3]!].map((r) => presentUpcoming(r, "zh"));
    const s = presentSummary(o, false, "zh", { upcoming: copies, log: [] }, NOW, "Asia/Shanghai", { freeStorageGb: 100, chatHistoryDays: 180 });
    expect(s.retention).toEqual({ freeStorageGb: 100, chatHistoryDays: 180 });
    const reminderDates = s.keyDates.filter((d) => d.kind === "renewal_reminder");
    expect(reminderDates.map((d) => d.date)).toEqual(["2024-04-05", "2024-04-06"]);
    expect(presentSummary(o, false, "zh", { upcoming: [], log: [] }, NOW).retention).toBeUndefined();
  });
});
