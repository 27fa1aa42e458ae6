import { describe, expect, it } from "vitest";
import { MAX_MSG_PARAM_BYTES } from "../../../src/dingtalk/robot-messages.js";
import type { DueNotice } from "../../../src/domain/reminder-model.js";
import { dueNotices } from "../../../src/domain/reminder-policy.js";
import { withClauses } from "../../../src/domain/reminder-facts.js";
import type { UsageEntry } from "../../../src/domain/model.js";
import { renderDigest, renderDing, renderNotice } from "../../../src/services/reminder-text.js";
import { policyInput, reminderContract } from "../../support/reminder-fixtures.js";

const use = (metric: string, amount: number, kind: "delta" | "reading" = "delta"): UsageEntry => ({ metric, kind, amount, occurredAt: new Date("2025-08-20T02:00:00Z"), source: "manual" });
const contract = (id: number) => reminderContract({
  id, usage: [use("ding.messages", 360), use("phone_conference.minutes", 1330), use("storage.capacity_gb", 812, "reading")],
  clauses: [
    { part: "body", ref: "3.1.3", text: "服务到期后钉钉公司服务随即终止，未使用完毕的服务内容，不再有效，不可顺延。", tags: [] },
    { part: "annex", ref: "2.4", text: "超出免费空间的数据，乙方有权清除且该数据清除不可恢复。", tags: ["data_deletion"] },
  ],
});
/** As the sweep sends them: notices whose wording depends on the clauses carry what the clauses say. */
const cited = (notices: DueNotice[], clauses = contract(1).clauses ?? []): DueNotice[] => notices.map((n) => ({ ...n, facts: withClauses(n.kind, n.facts, clauses) }));
const robotNotices = (ids: number[]): DueNotice[] => cited(dueNotices(policyInput("2025-09-01T01:30:00Z", ids.map(contract))).filter((n) => n.channel === "robot" && n.kind !== "reading_request"));
const text = (m: { msgParam: Record<string, unknown> }) => String(m.msgParam.text);

describe("notice wording", () => {
  it("renewal T-30: days left, what lapses, what happens to data", () => {
    const r = renderNotice(robotNotices([1]).find((n) => n.kind === "renewal")!);
    expect(r.title).toBe("钉钉专业版 29 天后到期（2025-09-30）");
    expect(r.lines).toEqual([
      "作废提醒：DING 剩 640 条、电话会议剩 3,670 分钟，到期后不再有效、不可顺延（条款 3.1.3）",
      "数据：到期不续费，聊天记录回落至近 180 天（合同未载明，依据钉钉公布的数据政策）；云盘超出免费空间的 712 GB 可能被清除（条款 2.4）",
      "续费后回复「已续费」（或在小程序中导入续费合同）即停止提醒；回复「7天后提醒」可推迟",
    ]);
  });

  it("data deletion: the dates, the GB at risk and the clause that says so", () => {
    const r = renderNotice(robotNotices([1]).find((n) => n.kind === "data_deletion")!);
    expect(r.title).toContain("30 天后（2025-10-01）起数据受影响");
    expect(r.lines[0]).toBe("聊天记录：2025-10-01 起仅保留近 180 天，2025-04-04 之前的消息将不可见");
    expect(r.lines[1]).toBe("云盘：已用 812 GB，超出免费 100 GB 的 712 GB 自 2025-10-01 起可能被清除且不可恢复");
    expect(r.lines[2]).toBe("依据：附件 2.4「超出免费空间的数据，乙方有权清除且该数据清除不可恢复。」");
  });
});

describe("renewal and lapse notices claim only what the clauses say", () => {
  const uncited = () => dueNotices(policyInput("2025-09-01T01:30:00Z", [contract(1)])).filter((n) => n.channel === "robot");
  const pick = (ns: DueNotice[], kind: string) => renderNotice(ns.find((n) => n.kind === kind)!);

  it("with no clause on lapse or data, says the contract does not say so and where the figure comes from", () => {
    const ns = cited(uncited(), []);
    expect(pick(ns, "renewal").lines.slice(0, 2)).toEqual([
      "未用额度：DING 剩 640 条、电话会议剩 3,670 分钟，合同未载明到期后是否作废",
      "数据：到期不续费，聊天记录回落至近 180 天（合同未载明，依据钉钉公布的数据政策）；云盘超出免费空间的 712 GB 可能被清除（合同未载明，依据钉钉公布的数据政策）",
    ]);
    const lapse = pick(ns, "consumable_lapse");
    expect(lapse.title).toBe("DING、电话会议将于 2025-09-30 后到期（还剩 29 天）");
    expect(lapse.lines.at(-1)).toBe("未用完的额度合同未载明到期后是否作废");
  });

  it("with a clause that says unused allowances lapse, cites it; without 顺延 it does not claim 不可顺延", () => {
    const lapseOnly = [{ part: "body" as const, ref: "9.2", text: "服务期满后，未使用的DING条数作废。", tags: [] }];
    const ns = cited(uncited(), lapseOnly);
    expect(pick(ns, "renewal").lines[0]).toBe("作废提醒：DING 剩 640 条、电话会议剩 3,670 分钟，到期后不再有效（条款 9.2）");
    const lapse = pick(ns, "consumable_lapse");
    expect(lapse.title).toBe("DING、电话会议将于 2025-09-30 后作废（还剩 29 天）");
    expect(lapse.lines.at(-1)).toBe("未用完的额度到期后不再有效（条款 9.2）");
  });

  it("keeps the exceptions the cited clause states", () => {
    const withException = [{ part: "body" as const, ref: "3.1.5", text: "除法律法规另有规定以及不可抗力外，服务到期后未使用完毕的服务内容不再有效、不可顺延。", tags: [] }];
    expect(pick(cited(uncited(), withException), "renewal").lines[0]).toBe(
      "作废提醒：DING 剩 640 条、电话会议剩 3,670 分钟，到期后不再有效、不可顺延（条款 3.1.5，除法律法规另有规定以及不可抗力外）");
  });

  it("a chat-history clause is cited for the 180 days", () => {
    const chat = [{ part: "body" as const, ref: "2.9", text: "到期后聊天记录仅保存近180天。", tags: [] }];
    expect(pick(cited(uncited(), chat), "renewal").lines[1]).toContain("聊天记录回落至近 180 天（条款 2.9）");
  });
});

describe("a data-deletion notice cites only a clause that says it", () => {
  it("with only a mis-tagged clause ('删除旧功能'), it cites nothing, says where the fact comes from and drops 不可恢复", () => {
    const c = reminderContract({
      usage: [use("storage.capacity_gb", 812, "reading")],
      clauses: [{ part: "body", ref: "3.4", text: "钉钉公司有权对专业版进行更新、修改，包括开发新功能 / 权益、删除旧功能 / 权益等。", tags: ["data_deletion"] }],
    });
    const n = dueNotices(policyInput("2025-09-01T01:30:00Z", [c])).find((x) => x.kind === "data_deletion" && x.channel === "robot")!;
    const r = renderNotice(n);
    expect(r.lines.join("\n")).not.toContain("3.4");
    expect(r.lines).toContain("依据：合同未载明；按钉钉公布的数据政策（管家设置 dataRetention）");
    expect(r.lines[1]).not.toContain("不可恢复");
  });
});

describe("a '各N次' allowance in reminders is per kind, never 'N / N 次'", () => {
  const perKind = { each: 1, kinds: [{ zh: "聊天记录", en: "chat history" }, { zh: "云盘文件", en: "drive files" }] };
  const withRecovery = (used: number) => reminderContract({
    quotas: [
      { metric: "ding.messages", limit: 1000, unit: "message", period: "year", label: "DING" },
      { metric: "data_recovery.uses", limit: 1, unit: "use", period: "term", label: "数据恢复", perKind },
    ],
    usage: used ? [{ metric: "data_recovery.uses", kind: "delta", amount: used, occurredAt: new Date("2025-03-02T02:00:00Z"), source: "bot" }] : [],
  });
  const notice = (used: number, kind: string) => dueNotices(policyInput("2025-09-01T01:30:00Z", [withRecovery(used)])).find((n) => n.kind === kind && n.channel === "robot");

  it.each([
    [0, "数据恢复：聊天记录、云盘文件各 1 次"],
    [1, "数据恢复：聊天记录、云盘文件各 1 次，已用 1 次"],
  ])("lapse notice after %i use(s): %j", (used, line) => {
    const r = renderNotice(notice(used, "consumable_lapse")!);
    expect(r.lines).toContain(line);
    expect(r.lines.join("\n")).not.toMatch(/数据恢复：剩|（共 1）/);
    expect(renderNotice(notice(used, "renewal")!).lines[0]).toContain(`数据恢复（${line.slice(5)}）`);
  });

  it("one use of two kinds is 50 %, not a 100 % alert", () => {
    const t = notice(1, "quota_threshold");
    expect(t === undefined || renderNotice(t).title.includes("50%")).toBe(true);
  });
});

describe("incomplete-contract wording says only what is true", () => {
  const incomplete = (terms: Record<string, unknown>) =>
    dueNotices(policyInput("2025-03-03T02:00:00Z", [reminderContract({ terms })])).find((n) => n.kind === "incomplete_contract" && n.channel === "robot");
  it("a missing signing date blocks only the deadlines anchored on it: expiry reminders are scheduled", () => {
    const n = incomplete({ signedOn: null, paidOn: null });
    expect(n, "an incomplete notice is due").toBeDefined();
    expect(renderNotice(n!).title).toBe("合同缺少签订日期，无法安排依赖它的付款或开票截止提醒（到期提醒已按 2025-09-30 安排）");
  });
  it("a missing start date blocks the expiry reminders", () => {
    const n = incomplete({ startsOn: null });
    expect(n, "an incomplete notice is due").toBeDefined();
    expect(renderNotice(n!).title).toBe("合同缺少服务开始日期，无法安排到期提醒");
  });
});

describe("digest", () => {
  it("puts every notice of a run in one message, most urgent first, with an action card opening the mini-app", () => {
    const parts = renderDigest(robotNotices([1]), { publicUrl: "https://steward.example.com", actionCard: true, maxItemsPerMessage: 20, notes: ["DING 额度已用完"] });
    expect(parts).toHaveLength(1);
    const m = parts[0]!.message;
    expect(m.msgKey).toBe("sampleActionCard");
    expect(m.msgParam).toMatchObject({ singleTitle: "打开合同概览", singleURL: "https://steward.example.com/mini-app/" });
    expect((m.msgParam as { title: string }).title).toBe("钉钉专业版提醒 3 项：钉钉专业版 29 天后到期（2025-09-30）");
    const body = text(m);
    expect(body.indexOf("**1. 钉钉专业版 29 天后到期")).toBeGreaterThan(body.indexOf("> DING 额度已用完"));
    expect(body.indexOf("**2. DING、电话会议将于 2025-09-30 后作废")).toBeGreaterThan(body.indexOf("**1."));
    expect(body).toContain("**3. 30 天后（2025-10-01）起数据受影响");
    expect(body).toContain("示例科技（杭州）有限公司（合同 #1）");
  });

  it("falls back to markdown without a public URL, and splits long digests so each notice appears exactly once", () => {
    const notices = robotNotices(Array.from({ length: 60 }, (_, i) => i + 1));
    const parts = renderDigest(notices, { publicUrl: null, actionCard: true, maxItemsPerMessage: 20, notes: ["note"] });
    expect(parts.map((p) => p.message.msgKey)).toEqual(Array(parts.length).fill("sampleMarkdown"));
    expect(parts.length).toBeGreaterThanOrEqual(9);
    const numbers = parts.flatMap((p) => [...text(p.message).matchAll(/\*\*(\d+)\. /g)].map((x) => Number(x[1])));
    expect(numbers).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    expect(parts.flatMap((p) => p.notices)).toEqual(notices);
    expect(parts.filter((p) => text(p.message).includes("> note"))).toHaveLength(1);
    for (const p of parts) expect(Buffer.byteLength(JSON.stringify(p.message.msgParam))).toBeLessThan(MAX_MSG_PARAM_BYTES);
  });

  it("keeps a DING short and self-explanatory", () => {
    const d = renderDing(dueNotices(policyInput("2025-09-30T01:30:00Z", [contract(1)])).filter((n) => n.channel === "ding"), null);
    expect(d).toBe("【钉钉专业版提醒】示例科技（杭州）有限公司：钉钉专业版今天到期（2025-09-30）；1 天后（2025-10-01）起数据受影响：聊天记录回落、云盘超额数据可能被清除。详情见机器人消息。");
  });
});
