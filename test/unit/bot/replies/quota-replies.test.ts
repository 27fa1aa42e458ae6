import { describe, expect, it } from "vitest";
import { allQuotasReply, quotaReply } from "../../../../src/bot/replies/quota.reply.js";
import { recordedReply, undoneReply } from "../../../../src/bot/replies/usage.reply.js";
import { clausesReply } from "../../../../src/bot/replies/clause.reply.js";
import type { UsageEntry } from "../../../../src/domain/model.js";
import { buildOverview } from "../../../support/bot-fixtures.js";

const TZ = "Asia/Shanghai";
const entries: UsageEntry[] = [
  { id: 1, metric: "phone_conference.minutes", kind: "delta", amount: 1240, occurredAt: new Date("2024-03-31T02:00:00Z"), source: "manual" },
  { id: 2, metric: "storage.capacity_gb", kind: "reading", amount: 700, occurredAt: new Date("2024-03-10T01:00:00Z"), source: "api" },
  { id: 3, metric: "storage.capacity_gb", kind: "reading", amount: 812, occurredAt: new Date("2024-04-05T01:10:00Z"), source: "api" },
];
const o = buildOverview({ entries });
const q = (m: string) => o.quotas.find((x) => x.metric === m)!;

describe("quota replies", () => {
  it("phone conference: remaining first, used, source and as-of, and what lapses", () => {
    const lines = quotaReply(o, q("phone_conference.minutes"), "zh", TZ).text.split("\n\n");
    expect(lines[0]).toBe("**电话会议：剩余 3,760 / 5,000 分钟**（本服务年 2023-05-06 起）");
    expect(lines[1]).toBe("依据：附件「电话会议」");
    expect(lines[2]).toBe("已用 1,240 分钟 · 数据来源：管理员录入，截至 2024-03-31");
    expect(lines[3]).toMatch(/^按目前用量，到期前用不完的约 3,[0-9]{3} 分钟将不再有效（不可顺延，合同 3\.1\.5）。$/);
  });
  it("storage: used / limit with percent, source as of today, fill-up forecast and deletion risk", () => {
    const lines = quotaReply(o, q("storage.capacity_gb"), "zh", TZ).text.split("\n\n");
    expect(lines[0]).toBe("**云盘空间（数字资产管理）：已用 812 / 1,024 GB（79.3%）**");
    expect(lines[1]).toBe("依据：附件「数字资产管理」");
    expect(lines[2]).toBe("数据来源：钉钉接口，截至今天 09:10");
    expect(lines[3]).toMatch(/^按近 30 天增速，预计 2024-\d\d-\d\d 用满。$/);
    expect(lines[4]).toBe("到期未续费时，超出免费空间的云盘数据可能被清除且不可恢复（附件 2.4）。");
  });
  it("a quota without usage says how to record some and forecasts nothing", () => {
    const text = quotaReply(o, q("ding.messages"), "zh", TZ).text;
    expect(text).toContain("还没有用量记录。回复「DING用了 10 条」这样的消息即可录入。");
    expect(text).not.toContain("作废");
  });
  it("all quotas: one line per tracked quota, caps without readings on one line", () => {
    const text = allQuotasReply(o, "zh").text;
    expect(text).toContain("- 电话会议：剩 3,760 / 5,000 分钟");
    expect(text).toContain("- 云盘空间（数字资产管理）：已用 812 / 1,024 GB");
    expect(text).toContain("其他上限：API 并发 40 QPS");
  });
  it("English", () => {
    expect(quotaReply(o, q("phone_conference.minutes"), "en", TZ).text).toMatch(/^\*\*Phone conference: 3,760 \/ 5,000 min left\*\* \(contract year from 2023-05-06\)/);
  });
});

describe("usage replies", () => {
  it("confirms a recorded delta like the spec", () => {
    const after = buildOverview({ entries: [...entries, { id: 4, metric: "phone_conference.minutes", kind: "delta", amount: 90, occurredAt: new Date("2024-04-05T06:02:00Z"), source: "bot" }] });
    const r = recordedReply({ quota: after.quotas.find((x) => x.metric === "phone_conference.minutes")!, amount: 90, kind: "delta", flagged: false, actorName: "王管理", at: new Date("2024-04-05T06:02:00Z"), tz: TZ }, "zh");
    expect(r.text).toBe("已记录 ✅ 电话会议 −90 分钟（王管理，2024-04-05 14:02）。剩余 3,670 分钟。回复「撤销」可撤回。");
  });
  it("flags usage above the limit and escapes the actor name", () => {
    const over = buildOverview({ entries: [{ id: 9, metric: "data_recovery.uses", kind: "delta", amount: 2, occurredAt: new Date("2024-04-01T00:00:00Z"), source: "bot" }] });
    const r = recordedReply({ quota: over.quotas.find((x) => x.metric === "data_recovery.uses")!, amount: 2, kind: "delta", flagged: true, actorName: "*王*", at: new Date("2024-04-05T06:02:00Z"), tz: TZ }, "zh");
    expect(r.text).toContain("\\*王\\*");
    expect(r.text).toContain("⚠️ 已超出上限 1 次，记录已保留并标记。");
  });
  it("confirms an undo with what is left now", () => {
    expect(undoneReply(q("phone_conference.minutes"), 90, "delta", "zh").text).toBe("已撤销 ↩️ 电话会议 −90 分钟。现在剩余 3,760 分钟。");
  });
});

describe("clause reply", () => {
  const clauses = [{ part: "body" as const, ref: "2.1", text: "甲方向乙方支付 8820 元（捌仟捌佰贰拾元整）。", tags: ["payment" as const] }];
  it("quotes clauses with refs, hiding money where amounts are not allowed", () => {
    expect(clausesReply("付款", clauses, "zh", false).text).toContain("> **合同 2.1** 甲方向乙方支付 8820 元（捌仟捌佰贰拾元整）。");
    expect(clausesReply("付款", clauses, "zh", true).text).toContain("> **合同 2.1** 甲方向乙方支付 \\*\\*\\*元（\\*\\*\\*元）。");
  });
  it("echoes the user's query safely when nothing is found", () => {
    const t = clausesReply("<img src=x onerror=alert(1)>", [], "zh", false).text;
    expect(t).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
    expect(t).not.toContain("<img");
  });
});
