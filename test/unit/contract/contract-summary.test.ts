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
      "  · 视频会议专业版：视频会议并发场数 8 场，单场参会方数 200 人，单场会议时长 24 小时",
    ]);
    expect(s).toContain("  · DING：DING 条数 2,000 条/年");
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
  });
  it("formats quotas", () => {
    expect(formatQuota({ metric: "api.calls", limit: 500000, unit: "call", period: "month" })).toBe("API 调用次数 500,000 次/月");
    expect(formatQuota({ metric: "data_recovery.uses", limit: 1, unit: "use", period: "term" })).toBe("数据恢复次数 1 次（服务期内）");
  });
});
