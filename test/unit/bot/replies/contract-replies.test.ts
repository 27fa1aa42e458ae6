import { describe, expect, it } from "vitest";
import { consequencesReply } from "../../../../src/bot/replies/consequences.reply.js";
import { contractReply } from "../../../../src/bot/replies/contract.reply.js";
import { entitlementsReply } from "../../../../src/bot/replies/entitlements.reply.js";
import { expiryReply } from "../../../../src/bot/replies/expiry.reply.js";
import { buildContractDocument } from "../../../support/contract-factory.js";
import { buildOverview } from "../../../support/bot-fixtures.js";

const opts = { chatHistoryDays: 180, freeStorageGb: 100 };

describe("expiry reply", () => {
  it("leads with the date and days left, cites the clauses, and says how to stop reminders", () => {
    const r = expiryReply(buildOverview(), "zh", opts);
    expect(r.text.split("\n\n")[0]).toBe("**钉钉专业版将于 2024-05-05 到期，还剩 30 天。**");
    expect(r.text).toContain("聊天记录仅保留近 180 天");
    expect(r.text).toContain("到期后不续费：聊天记录仅保留近 180 天（附件 2.3）；超出免费空间的云盘数据可能被清除且不可恢复（附件 2.4）。");
    expect(r.text).toContain("回复「已续费」可停止续费提醒");
  });
  it.each([
    ["2024-05-05T02:00:00Z", "active", "**钉钉专业版今天（2024-05-05）到期。**"],
    ["2024-05-10T02:00:00Z", "active", "**钉钉专业版已于 2024-05-05 到期，已过 5 天。**"],
    ["2024-04-05T02:00:00Z", "renewed", "**钉钉专业版已登记续费 ✅** 本期服务至 2024-05-05（还剩 30 天）。"],
  ] as const)("at %s (%s)", (now, status, head) => {
    expect(expiryReply(buildOverview({ now, status }), "zh", opts).text.split("\n\n")[0]).toBe(head);
  });
  it("answers in English", () => {
    expect(expiryReply(buildOverview(), "en", opts).text).toMatch(/^\*\*DingTalk Pro expires on 2024-05-05, 30 days left\.\*\*/);
  });
  it("explains a missing term", () => {
    const r = expiryReply(buildOverview({ doc: buildContractDocument({ termMonths: null }) }), "zh", opts);
    expect(r.text).toContain("没有找到完整的服务期");
  });
});

describe("contract reply", () => {
  const reseller = () => buildOverview({
    doc: buildContractDocument({ amount: { fen: 882000, currency: "CNY", words: "捌仟捌佰贰拾元整", wordsFen: 882000 } }),
    paidOn: "2024-03-01", sources: { "deadlines.invoice": "2.3" },
  });
  it("computes the late invoice penalty the way the contract says (0.2 %/day × 28 days)", () => {
    const r = contractReply(reseller(), "invoice", "zh");
    expect(r.text).toContain("发票：付款后 **5个工作日内**（截止 2024-03-08，附件 2.3）");
    expect(r.text).toContain("尚未收到发票，已逾期 28 天");
    expect(r.text).toContain("滞纳金累计 **¥493.92**（¥8,820.00 × 0.2% × 28）");
  });
  it("shows amount with capitals, parties and the term", () => {
    const r = contractReply(buildOverview(), "all", "zh");
    expect(r.text).toContain("金额：**¥9,800.00**（玖仟捌佰元整 ✓）");
    expect(r.text).toContain("甲方：示例科技（杭州）有限公司");
    expect(r.text).toContain("服务期：2023-05-06 → 2024-05-05（12 个月）");
  });
  it("shows only the parties for a parties question", () => {
    const r = contractReply(buildOverview(), "parties", "zh");
    expect(r.text).toContain("乙方：示例钉钉服务有限公司");
    expect(r.text).not.toMatch(/¥|金额/);
  });
  it("says which date is missing and how to record it", () => {
    expect(contractReply(buildOverview(), "invoice", "zh").text).toContain("尚未登记付款日期，登记后开始计算（`npm run cli -- contract update 1 --paid-on YYYY-MM-DD`）。");
  });
  it("reports an invoice issued on time", () => {
    const r = contractReply(buildOverview({ paidOn: "2024-03-01", invoicedOn: "2024-03-05" }), "invoice", "en");
    expect(r.text).toContain("Issued on 2024-03-05 ✅");
  });
});

describe("consequences reply", () => {
  it("dates each consequence and cites its clauses", () => {
    const r = consequencesReply(buildOverview(), "zh");
    expect(r.text).toContain("**若 2024-05-05 到期后不续费：**");
    expect(r.text).toContain("- **2024-05-06** 起：到期不续费，聊天记录仅保留近 180 天（附件 2.3）。");
    expect(r.text).toContain("- **2024-05-06** 起：到期不续费，超出免费空间的云盘数据可能被清除，且清除后不可恢复（附件 2.4）。");
    expect(r.text).toMatch(/- \*\*2024-05-05\*\*：DING 剩 1,000 条、电话会议剩 5,000 分钟.*到期后不再有效，不可顺延（合同 3\.1\.5）。/);
    expect(r.text).toContain("- 已付费用不予退款（合同 5.2）。");
  });
  it("says none of it happens once renewed", () => {
    expect(consequencesReply(buildOverview({ status: "renewed" }), "zh").text).toMatch(/^已登记续费 ✅ 以下情况不会发生。/);
  });
});

describe("entitlements reply", () => {
  it("groups entitlements by category with their limits", () => {
    const r = entitlementsReply(buildOverview(), "zh");
    expect(r.text).toContain("**钉钉专业版包含 6 项权益**");
    expect(r.text).toContain("**权益类（3）**：DING（1,000 条/年）、电话会议（5,000 分钟/年）、企业内部应用开发权益（500,000 次/月，40 QPS）");
    expect(r.text).toContain("**功能类（2）**：数字资产管理（1,024 GB）、保密群");
  });
});
