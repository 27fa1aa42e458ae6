import { describe, expect, it } from "vitest";
import { parseContract } from "../../../src/contract/contract-parser.js";
import { contractDocumentSchema } from "../../../src/contract/contract-document.schema.js";
import { isAppError } from "../../../src/lib/app-error.js";
import type { ContractDocument } from "../../../src/domain/contract-document.js";
import { fixtureText } from "./fixture-files.js";

const quotas = (doc: ContractDocument) =>
  Object.fromEntries(doc.entitlements.flatMap((e) => e.quotas.map((q) => [q.metric, `${q.limit} ${q.unit}/${q.period}`])));
const codes = (doc: ContractDocument) => doc.warnings.map((w) => w.code);

describe("direct layout (PDF-extracted text with layout noise)", () => {
  const doc = parseContract(fixtureText("direct-basic.txt"), { fileName: "direct-basic.txt" });

  it("is a valid ContractDocument", () => expect(contractDocumentSchema.safeParse(doc).success).toBe(true));
  it("reads the header fields", () => {
    expect(doc).toMatchObject({
      schemaVersion: 1, format: "direct", title: "钉钉商务套件销售与服务合同", product: "钉钉专业版", edition: "pro",
      customer: { name: "示例科技（杭州）有限公司" },
      vendors: [{ name: "钉钉（演示）信息技术有限公司" }, { name: "钉钉演示科技有限公司" }],
    });
  });
  it("reads the amount from displaced digits (full-width) and capitals", () => {
    expect(doc.amount).toEqual({ fen: 1280000, currency: "CNY", words: "壹万贰仟捌佰元整", wordsFen: 1280000 });
  });
  it("reads the term from the product list and the latest filled signature date", () => {
    expect(doc.termMonths).toBe(12);
    expect(doc.signedOn).toBe("2024-03-15");
    expect(codes(doc)).toEqual(["SIGNING_DATE_INCOMPLETE"]);
  });
  it("reads payment (3 months from signing) and invoice (30 days from request) deadlines", () => {
    expect(doc.deadlines).toEqual({
      payment: { within: { value: 3, unit: "month" }, from: "signing" },
      invoice: { within: { value: 30, unit: "day" }, from: "request", latePenaltyRatePerDay: null },
    });
  });
  it("records where each field came from", () => {
    expect(doc.sources).toMatchObject({ amount: "1", termMonths: "1", "deadlines.payment": "3.1.4", "deadlines.invoice": "2.2", entitlements: "附件 1.2", signedOn: "signature" });
  });
  it("reads all 20 annex rows with names split over lines", () => {
    expect(doc.entitlements.map((e) => e.code)).toEqual([
      "custom_workbench", "chat_history_extension", "secure_groups", "attendance_pro", "oa_approval_pro", "video_conference", "storage",
      "drive_audit_log", "executive_protection", "data_recovery", "docs_pro", "app_dev", "digital_insights", "multi_device_login",
      "hr_onboarding", "smart_finance", "online_service", "verified_badge", "ding", "phone_conference",
    ]);
    expect(doc.entitlements.find((e) => e.code === "custom_workbench")).toMatchObject({ name: "自定义工作台-专业版", spec: "/", category: "feature" });
    expect(doc.entitlements.find((e) => e.code === "online_service")).toMatchObject({ category: "service", spec: "7*10，8:00-18:00", quotas: [] });
    expect(doc.entitlements.find((e) => e.code === "ding")?.category).toBe("benefit");
  });
  it("reads the quotas of every cell", () => {
    expect(quotas(doc)).toEqual({
      "video_conference.concurrent_meetings": "8 meeting/none", "video_conference.participants": "200 person/none",
      "video_conference.hours": "24 hour/none", "storage.capacity_gb": "2048 gb/none", "data_recovery.uses": "2 use/term",
      "docs.editors": "80 person/none", "docs.file_insert_gb": "2 gb/none", "docs.kb_upload_gb": "30 gb/none",
      "api.qps": "60 qps/none", "api.calls": "800000 call/month", "connector.flows": "400000 flow/month",
      "login.devices": "6 device/none", "hr_onboarding.maps": "30 map/term", "ding.messages": "2000 message/year",
      "phone_conference.minutes": "6000 minute/year",
    });
  });
  it("splits numbered clauses of body and annex, including displaced headings", () => {
    const refs = doc.clauses.map((c) => `${c.part}:${c.ref}`);
    expect(refs).toEqual(expect.arrayContaining(["body:3.1.4", "body:3.2.2", "body:7.1", "annex:1.2", "annex:2.4", "annex:三", "annex:3.1", "annex:4.1"]));
    expect(refs).not.toContain("body:1 钉钉专业版");
    expect(doc.clauses.filter((c) => c.part === "body" && c.ref === "1")).toHaveLength(1);
    const annex24 = doc.clauses.find((c) => c.part === "annex" && c.ref === "2.4");
    expect(annex24?.tags).toEqual(expect.arrayContaining(["data_deletion", "renewal"]));
    expect(doc.clauses.find((c) => c.ref === "3.2.2")?.tags).toContain("no_refund");
    expect(doc.clauses.find((c) => c.ref === "5.1")?.tags).toEqual(expect.arrayContaining(["liability_cap", "penalty"]));
  });
  it("keeps the annex table out of clause text", () => {
    const c12 = doc.clauses.find((c) => c.part === "annex" && c.ref === "1.2");
    expect(c12?.text).not.toContain("保护群内文件消息");
    expect(c12?.text).toContain("具体服务规格");
  });
});

describe("direct layout as clean text with a tab-separated annex", () => {
  const a = parseContract(fixtureText("direct-basic.source.txt"));
  const b = parseContract(fixtureText("direct-basic.txt"));
  it("gives the same fields and entitlements as the noisy text", () => {
    for (const k of ["format", "customer", "vendors", "amount", "termMonths", "signedOn", "deadlines"] as const) expect(a[k]).toEqual(b[k]);
    expect(quotas(a)).toEqual(quotas(b));
    expect(a.entitlements.map((e) => e.code)).toEqual(b.entitlements.map((e) => e.code));
  });
});

describe("direct variant: 24 months, words mismatch, blank dates, unknown and missing rows", () => {
  const doc = parseContract(fixtureText("direct-variant.txt"));
  it("flags the amount words mismatch and keeps both values", () => {
    expect(doc.amount).toEqual({ fen: 2560000, currency: "CNY", words: "贰万伍仟伍佰元整", wordsFen: 2550000 });
    const w = doc.warnings.find((x) => x.code === "AMOUNT_WORDS_MISMATCH");
    expect(w?.message).toContain("¥25,600.00");
    expect(w?.message).toContain("¥25,500.00");
  });
  it("reads 24个月 and working-day / from-payment deadlines", () => {
    expect(doc.termMonths).toBe(24);
    expect(doc.deadlines.payment).toEqual({ within: { value: 15, unit: "working_day" }, from: "signing" });
    expect(doc.deadlines.invoice).toEqual({ within: { value: 10, unit: "day" }, from: "payment", latePenaltyRatePerDay: null });
  });
  it("gives a null signing date with SIGNING_DATE_MISSING when every date is blank", () => {
    expect(doc.signedOn).toBeNull();
    expect(codes(doc)).toEqual(["AMOUNT_WORDS_MISMATCH", "SIGNING_DATE_MISSING", "UNKNOWN_ENTITLEMENT"]);
  });
  it("keeps an unknown row as other:<name> and reads full-width and spaced cells", () => {
    expect(doc.entitlements.map((e) => e.code)).toEqual([
      "custom_workbench", "secure_groups", "oa_approval_pro", "video_conference", "storage", "other:智能填表", "app_dev",
      "multi_device_login", "online_service", "ding", "phone_conference",
    ]);
    expect(doc.entitlements.find((e) => e.code === "other:智能填表")).toMatchObject({ name: "智能填表", quotas: [], category: "feature" });
    expect(quotas(doc)).toMatchObject({
      "storage.capacity_gb": "500 gb/none", "api.calls": "1000000 call/month", "ding.messages": "1000 message/year",
      "video_conference.concurrent_meetings": "10 meeting/none", "login.devices": "3 device/none",
    });
  });
});

describe("reseller layout (Markdown-like, tab-separated annex)", () => {
  const doc = parseContract(fixtureText("reseller-basic.txt"));
  it("is a valid ContractDocument without warnings", () => {
    expect(contractDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.warnings).toEqual([]);
  });
  it("reads the header fields", () => {
    expect(doc).toMatchObject({
      format: "reseller", title: "钉钉专业版销售与服务协议", product: "钉钉专业版", edition: "pro",
      customer: { name: "示例贸易（上海）有限公司" }, vendors: [{ name: "演示信息技术（北京）有限公司" }],
      amount: { fen: 2646000, currency: "CNY", words: "贰万陆仟肆佰陆拾元整", wordsFen: 2646000 },
      termMonths: 36, signedOn: "2024-01-08",
    });
  });
  it("reads deadlines with the late penalty rate", () => {
    expect(doc.deadlines).toEqual({
      payment: { within: { value: 30, unit: "day" }, from: "signing" },
      invoice: { within: { value: 5, unit: "working_day" }, from: "payment", latePenaltyRatePerDay: 0.002 },
    });
    expect(doc.sources).toMatchObject({ "deadlines.payment": "2.2", "deadlines.invoice": "2.3", amount: "第一条" });
  });
  it("reads 23 rows, the category from the catalog, and quotas with spaces inside numbers", () => {
    expect(doc.entitlements).toHaveLength(23);
    expect(doc.entitlements.find((e) => e.code === "ding")?.category).toBe("benefit");
    expect(doc.entitlements.find((e) => e.code === "contacts")).toMatchObject({ spec: "", description: "通讯录人数上限 2 000 人" });
    expect(quotas(doc)).toMatchObject({
      "live_streaming.rooms": "4 room/none", "live_streaming.participants": "800 person/none", "storage.capacity_gb": "3072 gb/none",
      "api.qps": "50 qps/none", "api.calls": "1000000 call/month", "connector.flows": "350000 flow/month",
      "api.high_value_apis": "10 api/none", "ding.in_app": "1500 message/term", "enterprise_accounts.accounts": "3000 account/none",
      "contacts.members": "2000 person/none", "login.devices": "4 device/none", "ding.messages": "1500 message/year",
      "phone_conference.minutes": "8000 minute/year", "data_recovery.uses": "1 use/term",
    });
  });
  it("splits 第X条 articles and their sub-clauses", () => {
    expect(doc.clauses.slice(0, 3).map((c) => c.ref)).toEqual(["第一条", "1.1", "1.2"]);
    expect(doc.clauses.find((c) => c.ref === "3.2")?.tags).toEqual(expect.arrayContaining(["no_refund", "renewal"]));
    expect(doc.clauses.every((c) => !c.text.includes("**"))).toBe(true);
  });
});

describe("reseller variants", () => {
  it("reads a contract without annex: ANNEX_MISSING, ¥ amount, 万分之五 penalty, request anchor", () => {
    const doc = parseContract(fixtureText("reseller-no-annex.txt"));
    expect(doc.entitlements).toEqual([]);
    expect(codes(doc)).toEqual(["ANNEX_MISSING"]);
    expect(doc.amount?.fen).toBe(1764000);
    expect(doc.termMonths).toBe(24);
    expect(doc.signedOn).toBe("2024-06-18");
    expect(doc.deadlines.payment).toEqual({ within: { value: 10, unit: "day" }, from: "signing" });
    expect(doc.deadlines.invoice).toEqual({ within: { value: 7, unit: "working_day" }, from: "request", latePenaltyRatePerDay: 0.0005 });
  });
  it("reads a Markdown pipe table, bold labels and a payment penalty", () => {
    const doc = parseContract(fixtureText("reseller-pipe.txt"));
    expect(doc.customer?.name).toBe("演示物流（深圳）有限公司");
    expect(doc.vendors).toEqual([{ name: "示例云服务（深圳）有限公司" }]);
    expect(doc.signedOn).toBe("2024-02-29");
    expect(doc.deadlines.payment).toEqual({ within: { value: 5, unit: "working_day" }, from: "signing", latePenaltyRatePerDay: 0.0005 });
    expect(doc.entitlements.map((e) => e.code)).toEqual(["custom_workbench", "video_conference", "storage", "data_recovery", "other:智能巡店", "ding", "phone_conference"]);
    expect(quotas(doc)).toMatchObject({ "storage.capacity_gb": "1024 gb/none", "ding.messages": "800 message/year", "phone_conference.minutes": "2000 minute/year", "data_recovery.uses": "1 use/term" });
    expect(codes(doc)).toEqual(["UNKNOWN_ENTITLEMENT"]);
  });
});

describe("refusals", () => {
  const refusal = (text: string) => {
    try {
      parseContract(text, { fileName: "x.txt" });
    } catch (err) {
      if (isAppError(err)) return err;
      throw err;
    }
    throw new Error("expected a refusal");
  };
  it("names the required parts a non-contract lacks", () => {
    const err = refusal(fixtureText("not-a-contract.txt"));
    expect(err.code).toBe("not_a_contract");
    expect(err.message).toBe(
      '"x.txt" is not a DingTalk edition contract: required parts not found: contract wording (合同/协议); customer (甲方：…); vendor (乙方：…). ' +
        "Upload the contract signed with DingTalk or its partner (text, PDF or DOCX).",
    );
    expect(err.details).toEqual({ missing: ["contract wording (合同/协议)", "customer (甲方：…)", "vendor (乙方：…)"] });
  });
  it("refuses a contract that is not about a DingTalk edition", () => {
    const err = refusal("软件采购合同\n甲方：示例公司\n乙方：演示公司\n1. 采购内容\n办公软件一套。");
    expect(err.code).toBe("not_a_contract");
    expect(err.message).toContain("DingTalk edition (钉钉专业版/专属版/专有版)");
  });
  it("refuses empty text", () => {
    const err = refusal(" \n\t\n ");
    expect(err.code).toBe("invalid_input");
    expect(err.message).toBe('"x.txt" has no text; paste the contract text or upload a text PDF or DOCX.');
  });
});

describe("only a DingTalk edition contract is accepted", () => {
  it("refuses a contract that mentions 钉钉专业版 only to exclude it", () => {
    const text = "Teambition 项目协作服务合同\n甲方：示例科技有限公司\n乙方：示例软件服务有限公司\n1. 服务内容\n1.1 乙方为甲方提供 Teambition 企业版。本合同不包含钉钉专业版。\n";
    expect(() => parseContract(text, { fileName: "tb.txt" })).toThrow(/not a DingTalk edition contract[\s\S]*that the contract sells, not one it excludes/);
  });
});
