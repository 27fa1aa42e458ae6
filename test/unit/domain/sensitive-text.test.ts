import { describe, expect, it } from "vitest";
import { hasSensitiveText, maskSensitiveText } from "../../../src/domain/sensitive-text.js";

describe("maskSensitiveText", () => {
  it.each([
    // money: digits before 元/万元, ¥/RMB/人民币, amounts in 【】, Chinese-numeral amounts
    ["总计金额为：【8820】元", "总计金额为：【***】元"],
    ["总计金额为：**【26460】**元（大写：**【贰万陆仟肆佰陆拾元】**整）", "总计金额为：**【***】**元（大写：**【***】**整）"],
    ["总计金额为：【26460】元（大写：【贰万陆仟肆佰陆拾元】整）", "总计金额为：【***】元（大写：【***】整）"],
    ["您选购的产品/服务如下：１２８００.００元 壹万贰仟捌佰元整", "您选购的产品/服务如下：***元 ***元"],
    ["钉钉专业版\t8820 元\t每/年", "钉钉专业版\t***元\t每/年"],
    ["甲方向乙方支付 26460 元，乙方开具 6%的全额增值税专用发票", "甲方向乙方支付 ***元，乙方开具 6%的全额增值税专用发票"],
    ["合同金额¥9,800.00整", "合同金额¥***整"],
    ["违约金 ￥ 493.92", "违约金 ￥ ***"],
    ["人民币（大写）：捌仟捌佰贰拾元整", "人民币（大写）：***元"],
    ["RMB 8,820.00 / CNY 12800", "RMB *** / CNY ***"],
    ["年费 1.28万元，单价 600元/人/年", "年费 ***元，单价 ***元/人/年"],
    ["合同价款为【玖仟捌佰】元", "合同价款为【***】元"],
    ["费用合计：【12,800.00】", "费用合计：【***】"],
    ["八千八百二十元", "***元"],
    // account numbers: long digit runs, with spaces or dashes
    ["乙方银行帐号：6222 0212 3456 7890 123", "乙方银行帐号：***"],
    ["账号 1202-0212-0990-0123-456（工商银行）", "账号 ***（工商银行）"],
    ["开户账号：33050161672700000123", "开户账号：***"],
    // taxpayer ids
    ["统一社会信用代码：91330106MA27XKWA3X", "统一社会信用代码：***"],
    ["纳税人识别号 91110108MA01ABCD2X，地址…", "纳税人识别号 ***，地址…"],
    ["税号:110108123456789", "税号:***"],
    ["（91310115MA1H7XYW0Q）", "（***）"],
    // phones
    ["手机 13812345678", "手机 ***"],
    ["联系人：赵演示 138-1234-5678", "联系人：赵演示 ***"],
    ["联系电话：021-0000 0002", "联系电话：***"],
    ["(0571) 8888 6666", "***"],
    ["客服热线 400-820-8820", "客服热线 ***"],
    ["总机 0571-88886666", "总机 ***"],
    // e-mail
    ["发票寄送至 finance.dept@demo-it.example.com 即可", "发票寄送至 *** 即可"],
  ])("%j → %j", (raw, masked) => {
    expect(maskSensitiveText(raw)).toBe(masked);
    expect(maskSensitiveText(masked)).toBe(masked);
    expect(hasSensitiveText(raw)).toBe(true);
  });

  it.each([
    "服务期 2024-03-15 至 2025-03-14", "2024-03-15 2025-03-14", "每逾期一日支付应开票总额的 0.2%作为滞纳金", "API调用50万次/月", "5,000 分钟",
    "已用 10,000,000,005 %", "条款 3.1.5", "云盘空间 1TB 容量", "合同签订后 30 天内付款", "单位：万元", "有效期为三年（3）年", "服务期限为【1】年",
    "DING 剩 640 条、电话会议剩 3,670 分钟", "钉钉专业版将于 2024-05-05 到期，还剩 30 天", "附件 2.3、2.4", "5 个工作日内",
  ])("leaves %j alone", (text) => {
    expect(maskSensitiveText(text)).toBe(text);
    expect(hasSensitiveText(text)).toBe(false);
  });

  it("uses the mask it is given (the bot passes an escaped one for markdown)", () => {
    expect(maskSensitiveText("支付 8820 元，账号 6222021234567890123", "\\*\\*\\*")).toBe("支付 \\*\\*\\*元，账号 \\*\\*\\*");
  });

  it.each([
    ["digits and spaces", "1 ".repeat(25_000)],
    ["a long e-mail-ish run without a domain", `${"a.".repeat(25_000)}@`],
    ["capital numerals without 元", "壹".repeat(50_000)],
    ["brackets", "【".repeat(50_000)],
    ["digit groups with commas", "1,".repeat(25_000)],
    ["a 50,000-digit run", "9".repeat(50_000)],
    ["labels without figures", "金额".repeat(25_000)],
  ])("stays linear on %s (50,000 characters)", (_name, text) => {
    const t0 = performance.now();
    maskSensitiveText(text);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
