import { describe, expect, it } from "vitest";
import { parseContract } from "../../../src/contract/contract-parser.js";
import { contractDocumentSchema } from "../../../src/contract/contract-document.schema.js";
import { wholeMonths } from "../../../src/contract/service-period.js";
import { fixtureText } from "./fixture-files.js";

const reseller = fixtureText("reseller-basic.txt");
const TERM_LINE = "8.1、本协议自双方加盖公章之日起生效，有效期为三年（3）年。";
const withClause = (clause: string) => reseller.replace(TERM_LINE, clause);
const codes = (text: string) => parseContract(text).warnings.map((w) => w.code);

describe("explicit service period (服务期限：自…起至…止)", () => {
  it("the fixture still holds the clause this test rewrites", () => expect(reseller).toContain(TERM_LINE));

  it("is read in the ways contracts write it, with the clause it came from", () => {
    const table: [string, { startsOn: string; endsOn: string }][] = [
      ["8.1、服务期限：自2025年1月15日起至2028年1月14日止。", { startsOn: "2025-01-15", endsOn: "2028-01-14" }],
      ["8.1、本协议服务期限为 2025 年 01 月 15 日至 2028 年 01 月 14 日。", { startsOn: "2025-01-15", endsOn: "2028-01-14" }],
      ["8.1、服务期间：2025-01-15 至 2028-01-14。", { startsOn: "2025-01-15", endsOn: "2028-01-14" }],
      ["8.1、有效期自2025.1.15起至2028.1.14止，有效期为三年（3）年。", { startsOn: "2025-01-15", endsOn: "2028-01-14" }],
      ["8.1、服务时间：从2025年1月15日开始到2028年1月14日。", { startsOn: "2025-01-15", endsOn: "2028-01-14" }],
    ];
    for (const [clause, period] of table) {
      const doc = parseContract(withClause(clause));
      expect(doc.servicePeriod, clause).toEqual(period);
      expect(doc.sources?.servicePeriod, clause).toBe("8.1");
      expect(contractDocumentSchema.safeParse(doc).success, clause).toBe(true);
    }
  });

  it("gives the term in months when only the period is written", () => {
    const doc = parseContract(withClause("8.1、服务期限：自2025年1月15日起至2026年1月14日止。"));
    expect(doc.termMonths).toBe(36);
    const onlyPeriod = parseContract(withClause("8.1、服务期限：自2025年1月15日起至2026年1月14日止。").replaceAll(/有效期为三年/gu, "有效期见8.1"));
    expect(onlyPeriod.termMonths).toBe(12);
    expect(onlyPeriod.warnings.map((w) => w.code)).not.toContain("TERM_MISSING");
  });

  it("warns when the period contradicts the term in months, naming both", () => {
    const doc = parseContract(withClause("8.1、服务期限：自2025年1月15日起至2026年1月14日止。"));
    const w = doc.warnings.find((x) => x.code === "SERVICE_PERIOD_MISMATCH");
    expect(w?.message).toContain("2025-01-15 至 2026-01-14");
    expect(w?.message).toContain("36 个月");
    expect(w?.message).toContain("2028-01-14");
  });

  it("agrees silently when the period and the term say the same", () => {
    expect(codes(withClause("8.1、服务期限：自2025年1月15日起至2028年1月14日止，有效期为三年（3）年。"))).not.toContain("SERVICE_PERIOD_MISMATCH");
  });

  it("refuses impossible or reversed periods with a warning and uses none", () => {
    for (const clause of ["8.1、服务期限：自2025年2月30日起至2028年1月14日止。", "8.1、服务期限：自2028年1月15日起至2025年1月14日止。"]) {
      const doc = parseContract(withClause(clause));
      expect(doc.servicePeriod, clause).toBeNull();
      expect(doc.warnings.find((w) => w.code === "SERVICE_PERIOD_INVALID")?.message, clause).toContain("未采用");
    }
  });

  it("is absent from the seed-like fixtures, which write no dates", () => {
    expect(parseContract(reseller).servicePeriod).toBeNull();
    expect(parseContract(fixtureText("direct-basic.txt")).servicePeriod).toBeNull();
  });

  it("counts whole months only for exact month periods", () => {
    expect(wholeMonths("2025-01-15", "2026-01-14")).toBe(12);
    expect(wholeMonths("2024-02-29", "2025-02-28")).toBe(12);
    expect(wholeMonths("2025-01-01", "2025-06-30")).toBe(6);
    expect(wholeMonths("2025-01-15", "2025-06-30")).toBeNull();
  });
});
