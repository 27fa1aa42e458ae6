import { describe, expect, it } from "vitest";
import { summarizeContract, formatQuota } from "../../../src/contract/contract-summary.js";
import { parseContract } from "../../../src/contract/contract-parser.js";
import { fixtureText } from "./fixture-files.js";

describe("summarizeContract", () => {
  it("summarizes a direct contract", () => {
    const s = summarizeContract(parseContract(fixtureText("direct-basic.txt")));
    const lines = s.split("\n");
    expect(lines.slice(0, 11)).toEqual([
      "《钉钉商务套件销售与服务合同》 · 钉钉直签",
      "产品：钉钉专业版（pro）",
      "金额：¥12,800.00（壹万贰仟捌佰元整 ✓）",
      "甲方：示例科技（杭州）有限公司",
      "乙方：钉钉（演示）信息技术有限公司；钉钉演示科技有限公司",
      "服务期：12 个月",
      "签署日期：2024-03-15",
      "付款：签署后 3 个月内付款（条款 3.1.4）",
      "开票：收到申请后 30 天内开具发票（条款 2.2）",
      "权益：20 项，额度：15 项",
      "  · 视频会议专业版：视频会议并发场数 8 场，视频会议单场参会方数 200 人，视频会议单场时长 24 小时",
    ]);
    expect(s).toContain("  · DING 2,000 条/年\n");
    expect(s).toContain("  · 数据恢复：组织架构、成员信息、内部群聊、群文件各 2 次\n");
    expect(s).toContain("提醒（1）：\n  ⚠️ 有 2 处签署日期为空");
  });
  it("marks a words mismatch and a blank signing date", () => {
    const s = summarizeContract(parseContract(fixtureText("direct-variant.txt")));
    expect(s).toContain("金额：¥25,600.00（贰万伍仟伍佰元整 ✗ 应为 贰万伍仟陆佰元整）");
    expect(s).toContain("签署日期：空白");
    expect(s).toContain("⚠️ 合同金额小写 ¥25,600.00");
  });
  it("shows the late penalty of a reseller contract", () => {
    const s = summarizeContract(parseContract(fixtureText("reseller-basic.txt")));
    expect(s).toContain("《钉钉专业版销售与服务协议》 · 服务商代理");
    expect(s).toContain("开票：付款后 5 个工作日内开具发票；逾期每日 0.2%（条款 2.3）");
    expect(s).not.toContain("提醒");
    expect(s).toContain("  · 数据恢复：组织架构（家校通讯录、解散组织除外）、成员信息、内部群聊、群文件各 1 次\n");
    expect(s).not.toMatch(/数据恢复次数 1 次/u);
  });
  it("shows a written service period next to the term", () => {
    const text = fixtureText("reseller-basic.txt").replace("有效期为三年（3）年。", "有效期为三年（3）年，服务期限自2024年2月1日起至2027年1月31日止。");
    expect(summarizeContract(parseContract(text))).toContain("服务期：36 个月，2024-02-01 至 2027-01-31（条款 8.1）");
  });
  it("formats quotas", () => {
    expect(formatQuota({ metric: "api.calls", limit: 500000, unit: "call", period: "month" })).toBe("API 调用 500,000 次/月");
    expect(formatQuota({ metric: "data_recovery.uses", limit: 1, unit: "use", period: "term" })).toBe("数据恢复 1 次（服务期内）");
  });
});
