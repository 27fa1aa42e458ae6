import { describe, expect, it } from "vitest";
import { clauseRefs, escapeMarkdown, fmtAsOf, fmtQty, fmtYuan, quoteUser, redactSensitive } from "../../../../src/bot/replies/format.js";

describe("reply formatting", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"],
    ["**bold** _it_ [x](http://e.com)", "\\*\\*bold\\*\\* \\_it\\_ \\[x\\]\\(http://e.com\\)"],
    ["# 标题", "\\# 标题"],
    ["- item", "\\- item"],
    ["'; DROP TABLE contract; --", "'; DROP TABLE contract; --"],
    ["a & b", "a &amp; b"],
  ])("escapeMarkdown(%j) = %j", (raw, out) => expect(escapeMarkdown(raw)).toBe(out));
  it("quotes user text on one line, truncated", () => {
    expect(quoteUser("a\nb\tc")).toBe("a b c");
    expect(quoteUser("长".repeat(50), 10)).toBe(`${"长".repeat(10)}…`);
  });
  it("formats money, quantities and refs", () => {
    expect(fmtYuan(980000)).toBe("¥9,800.00");
    expect(fmtYuan(49392)).toBe("¥493.92");
    expect(fmtQty(3760, "minute", "zh")).toBe("3,760 分钟");
    expect(fmtQty(1, "use", "en")).toBe("1 use");
    expect(fmtQty(2, "use", "en")).toBe("2 uses");
    expect(clauseRefs([{ part: "annex", ref: "2.3" }, { part: "annex", ref: "2.4" }, { part: "body", ref: "3.1.5" }, { part: "annex", ref: "2.3" }], "zh")).toBe("附件 2.3、2.4；合同 3.1.5");
    expect(clauseRefs([{ part: "annex", ref: "2.3" }, { part: "body", ref: "3.1.5" }], "en")).toBe("Annex 2.3; §3.1.5");
  });
  it("says 'today hh:mm' for an instant of today, else the business date", () => {
    expect(fmtAsOf(new Date("2024-04-05T01:10:00Z"), "2024-04-05", "Asia/Shanghai", "zh")).toBe("今天 09:10");
    expect(fmtAsOf(new Date("2024-03-31T01:10:00Z"), "2024-04-05", "Asia/Shanghai", "zh")).toBe("2024-03-31");
  });
  it.each([
    ["甲方向乙方支付 8820 元", "甲方向乙方支付 ***元"], ["合同金额¥9,800.00整", "合同金额¥***整"], ["玖仟捌佰元整", "***元"], ["5 个工作日内", "5 个工作日内"],
  ])("redactSensitive(%j) = %j", (raw, out) => expect(redactSensitive(raw)).toBe(out));
});
