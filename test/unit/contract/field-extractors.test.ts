import { describe, expect, it } from "vitest";
import { layoutDocument } from "../../../src/contract/clause-splitter.js";
import { extractAmount, extractParties, extractProduct, extractSigningDate, extractTerm, extractTitle } from "../../../src/contract/field-extractors.js";
import { formatYuan } from "../../../src/domain/display-labels.js";
import { extractDeadlines, parseDailyRate } from "../../../src/contract/deadline-extractor.js";

const body = (text: string) => layoutDocument(text).body;

describe("extractAmount", () => {
  it.each([
    ["1. 服务\n总计金额为：9800.00元（大写：玖仟捌佰元整）。", 980000, "玖仟捌佰元整", 980000],
    ["1. 服务\n总计金额为：【 】（大写：【 】）。如下：９８００元 玖仟捌佰元整", 980000, "玖仟捌佰元整", 980000],
    ["1. 服务\n总计金额为：**【8820】**元（大写：**【捌仟捌佰贰拾元】**整）", 882000, "捌仟捌佰贰拾元整", 882000],
    ["1. 服务\n合同金额：¥ 17,640.50（大写：人民币壹万柒仟陆佰肆拾元伍角）", 1764050, "壹万柒仟陆佰肆拾元伍角", 1764050],
    ["1. 服务\n合同总价为人民币1.2万元整（大写：壹万贰仟元整）", 1200000, "壹万贰仟元整", 1200000],
    ["1. 服务\n合同金额为：3000元。", 300000, null, null],
    ["1. 服务\n合同金额为：大写叁仟元整。", 300000, "叁仟元整", 300000],
  ])("%j", (text, fen, words, wordsFen) => {
    const r = extractAmount(body(text), "");
    expect(r.amount).toEqual({ fen, currency: "CNY", words, wordsFen });
    expect(r.warnings).toEqual([]);
    expect(r.ref).toBe("1");
  });
  it("warns on a mismatch and on unreadable capitals", () => {
    expect(extractAmount(body("1. 服务\n总计金额为：9900元（大写：玖仟捌佰元整）"), "").warnings.map((w) => w.code)).toEqual(["AMOUNT_WORDS_MISMATCH"]);
    expect(extractAmount(body("1. 服务\n总计金额为：9800元（大写：玖仟捌佰捌元角整）"), "").warnings.map((w) => w.code)).toEqual(["AMOUNT_WORDS_UNREADABLE"]);
  });
  it("warns when no amount is written", () => {
    const r = extractAmount(body("1. 服务\n双方另行约定费用。"), "");
    expect(r.amount).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(["AMOUNT_MISSING"]);
  });
  it("formats yuan with integer arithmetic", () => {
    expect(formatYuan(980000)).toBe("¥9,800.00");
    expect(formatYuan(123456789)).toBe("¥1,234,567.89");
    expect(formatYuan(5)).toBe("¥0.05");
  });
});

describe("extractParties and extractTitle", () => {
  const lines = [
    "# **钉钉专业版服务合同**",
    "甲    方： 示例科技（杭州）有限公司（简称“您/您方”）",
    "联系地址：杭州",
    "乙 方 一：钉钉（演示）信息技术有限公司",
    "乙方二：钉钉演示科技有限公司",
    "乙方（服务商）：",
    "甲方(盖章)：另一家公司",
  ];
  it("reads customer and vendors in document order, dropping 简称 and blank labels", () => {
    const r = extractParties(lines, lines.length);
    expect(r.customer?.value).toEqual({ name: "示例科技（杭州）有限公司" });
    expect(r.vendors).toEqual([{ name: "钉钉（演示）信息技术有限公司" }, { name: "钉钉演示科技有限公司" }]);
  });
  it("reads two labels on one line", () => {
    const r = extractParties(["甲方：甲公司有限公司    乙方：乙公司有限公司"], 1);
    expect([r.customer?.value.name, r.vendors]).toEqual(["甲公司有限公司", [{ name: "乙公司有限公司" }]]);
  });
  it("reads the title without markup", () => expect(extractTitle(lines, lines.length)?.value).toBe("钉钉专业版服务合同"));
  it("reads the edition", () => {
    expect(extractProduct("钉钉专业版 钉钉专业版 钉钉标准版")).toEqual({ product: "钉钉专业版", edition: "pro" });
    expect(extractProduct("钉钉专属版")).toEqual({ product: "钉钉专属版", edition: "exclusive" });
    expect(extractProduct("钉钉标准版")).toBeNull();
  });
});

describe("extractTerm", () => {
  it.each([
    ["1. 期限\n本协议有效期为一年（1）年。", 12],
    ["1. 期限\n有效期为两年。", 24],
    ["1. 期限\n服务期限：24个月。", 24],
    ["1. 期限\n有效期为三（3）年", 36],
    ["1. 产品\n1 钉钉专业版 钉钉专业版 钉钉专业版 2年", 24],
    ["1. 期限\n付款期限：30天；服务期限为18个月", 18],
  ])("%j → %d months", (text, months) => expect(extractTerm(body(text), "")?.value).toBe(months));
  it("returns null without a term", () => expect(extractTerm(body("1. 期限\n有效期内可使用。"), "")).toBeNull());
});

describe("extractSigningDate", () => {
  const run = (lines: string[]) => extractSigningDate(lines, () => false);
  it("takes the latest filled date and warns about blanks", () => {
    const r = run(["时间：       年   月   日          时间：2023年05月06日", "签订日期：2023-05-04"]);
    expect(r.signedOn?.value).toBe("2023-05-06");
    expect(r.warnings.map((w) => w.code)).toEqual(["SIGNING_DATE_INCOMPLETE", "SIGNING_DATES_DIFFER"]);
  });
  it("gives null and SIGNING_DATE_MISSING when all dates are blank", () => {
    const r = run(["时间： 年 月 日", "时间： 年 月 日"]);
    expect(r.signedOn).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(["SIGNING_DATE_MISSING"]);
  });
  it("ignores other dates and impossible dates", () => {
    const r = run(["生效日期：2024年1月1日", "签署日期：2024年2月30日", "服务时间：8:00-18:00"]);
    expect(r.signedOn).toBeNull();
  });
  it("says an impossible date is not a date, instead of calling it blank", () => {
    const r = run(["时间：2023年02月30日", "时间： 年 月 日"]);
    expect(r.signedOn).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(["SIGNING_DATE_INVALID"]);
    expect(r.warnings[0]!.message).toContain("「2023年02月30日」不是有效日期");
    const mixed = run(["时间：2023年02月30日", "时间：2023年03月02日"]);
    expect(mixed.signedOn?.value).toBe("2023-03-02");
    expect(mixed.warnings.map((w) => w.code)).toEqual(["SIGNING_DATE_INVALID"]);
  });
});

describe("extractDeadlines", () => {
  const deadlines = (text: string) => {
    const r = extractDeadlines(body(text));
    return { payment: r.payment?.value ?? null, invoice: r.invoice?.value ?? null };
  };
  it.each([
    ["1. 付款\n若您于签署本合同3个月内未完成支付约定费用，钉钉公司有权终止。", { within: { value: 3, unit: "month" }, from: "signing" }],
    ["1. 付款\n合同签订后 30 天内付款。", { within: { value: 30, unit: "day" }, from: "signing" }],
    ["1. 付款\n甲方应于合同生效之日起十（10）个工作日内支付全部款项。", { within: { value: 10, unit: "working_day" }, from: "signing" }],
    ["1. 付款\n甲方应在服务开通后15日内付清服务费。", { within: { value: 15, unit: "day" }, from: "start" }],
  ])("payment: %j", (text, payment) => expect(deadlines(text).payment).toEqual(payment));
  it.each([
    ["1. 开票\n钉钉公司收到申请且在确认费用支付完成后30天内开具并传递给您。", { within: { value: 30, unit: "day" }, from: "request", latePenaltyRatePerDay: null }],
    ["1. 开票\n乙方应于甲方付款后 5 个工作日内向甲方开具发票，每逾期一日，乙方应支付应开票总额的 0.2%作为滞纳金。", { within: { value: 5, unit: "working_day" }, from: "payment", latePenaltyRatePerDay: 0.002 }],
    ["1. 开票\n乙方于收到款项后七个自然日内开具增值税专用发票；逾期开具的，每日按千分之一支付违约金。", { within: { value: 7, unit: "day" }, from: "payment", latePenaltyRatePerDay: 0.001 }],
  ])("invoice: %j", (text, invoice) => expect(deadlines(text).invoice).toEqual(invoice));
  it("ignores within-expressions about other things", () => {
    expect(deadlines("1. 其他\n遭受不可抗力的一方应在三日内通知另一方；争议开始后三十（30）日之内协商解决。")).toEqual({ payment: null, invoice: null });
  });
  it.each([["每逾期一日按0.05%支付", 0.0005], ["每日万分之五", 0.0005], ["按日千分之三", 0.003], ["逾期每日 1‰", 0.001], ["支付 5% 违约金", null]])(
    "parseDailyRate(%j) = %j", (s, rate) => expect(parseDailyRate(s)).toBe(rate),
  );
});

describe("which DingTalk edition a contract sells", () => {
  it.each([
    ["本合同为钉钉专业版服务合同，乙方为甲方开通钉钉专业版。", "pro"],
    ["甲方购买钉钉专属版。本合同不包含钉钉专业版。", "exclusive"],
    ["Teambition 服务合同。本合同不包含钉钉专业版，也不含“钉钉专属版”。", null],
    ["本服务非钉钉专业版；乙方提供钉钉专有版部署。", "dedicated"],
  ] as const)("%s → %s", (text, edition) => {
    expect(extractProduct(text)?.edition ?? null).toBe(edition);
  });
});
