import { describe, expect, it } from "vitest";
import { findAnnexStart, isClauseHeading, joinWrappedLines, layoutDocument, tagClause } from "../../../src/contract/clause-splitter.js";

describe("layoutDocument", () => {
  it("splits numbered clauses and ignores numbers that are not headings", () => {
    const text = [
      "合同", "甲方：A", "1. 总则", "正文一", "1 钉钉专业版 1年", "1.1. 付款方式", "您于签署后", "3个月内付款", "1.2 开票", "2.3条另有约定",
      "1) 列表项", "2. 违约", "2.1.如您违约", "——正文结束——", "甲方：A", "时间：2024年1月1日", "附件：规则", "一、 服务", "1.1 内容",
      "、双方权利义务   二", "2.1钉钉公司有权", "第 5 条 不是", "5.1 不是",
    ].join("\n");
    const l = layoutDocument(text);
    expect(l.body.map((c) => c.ref)).toEqual(["1", "1.1", "1.2", "2", "2.1"]);
    expect(l.annex.map((c) => c.ref)).toEqual(["一", "1.1", "二", "2.1"]);
    expect(l.body.find((c) => c.ref === "1.1")?.text).toBe("付款方式\n您于签署后3个月内付款");
    expect(l.body.find((c) => c.ref === "1.2")?.text).toBe("开票\n2.3条另有约定1) 列表项");
    expect(l.headEnd).toBe(2);
    expect(l.annexStart).toBe(16);
  });
  it("restarts numbering when the style changes (签约声明 一、二、 then 1.)", () => {
    const l = layoutDocument("一、声明一\n二、声明二\n1. 正文\n1.1 条款\n2. 正文二");
    expect(l.body.map((c) => c.ref)).toEqual(["一", "二", "1", "1.1", "2"]);
  });
  it("reads 第X条 articles with sub-clauses", () => {
    const l = layoutDocument("第一条 内容\n1.1、甲\n第二条 费用\n2.1、乙\n第十条 其他");
    expect(l.body.map((c) => c.ref)).toEqual(["第一条", "1.1", "第二条", "2.1"]);
  });
});

describe("helpers", () => {
  it.each([["1.1 条款", true], ["2.3条", false], ["5 个工作日内", false], ["2. 期限", true], ["2.1. 付款", true], ["三、其他", true], ["第三条", true], ["、双方权利义务 三", true], ["3个月内", false], ["2023年", false], ["1) 项", false], ["1TB/年", false]])(
    "isClauseHeading(%j) = %s", (line, yes) => expect(isClauseHeading(line)).toBe(yes),
  );
  it("finds the annex start", () => {
    expect(findAnnexStart(["正文", "见附件一", "附件一：产品内容"])).toBe(2);
    expect(findAnnexStart(["附件"])).toBe(0);
    expect(findAnnexStart(["本合同附件", "附件说明文字很长"])).toBe(-1);
  });
  it("joins PDF-wrapped lines without spaces between CJK and keeps paragraphs", () => {
    expect(joinWrappedLines(["钉钉公司有权清除", "数据", "", "new", "line"])).toBe("钉钉公司有权清除数据\nnew line");
  });
  it.each([
    ["您同意不得以任何理由要求退款。", ["no_refund"]],
    ["钉钉公司有权清除您方存储在该空间的全部数据且该数据清除不可恢复。", ["data_deletion"]],
    ["保护群内文件消息（保密群）", []],
    ["一方应对商业秘密保密。", ["confidentiality"]],
    ["每逾期一日支付滞纳金", ["penalty"]],
    ["遭受不可抗力的一方应通知对方", ["force_majeure"]],
    ["任何争议提交人民法院诉讼解决", ["dispute"]],
    ["赔偿总额上限不超过当期费用", ["liability_cap", "penalty"]],
    ["变更将以公告方式通知您", ["change_notice"]],
    ["到期前续约或充值", ["renewal"]],
  ])("tags %j", (text, tags) => expect(tagClause(text)).toEqual(tags));
});
