import { describe, expect, it } from "vitest";
import { clauseQuery, clauseSearchIntent } from "../../../../src/bot/intents/clause-search.intent.js";
import { norm } from "./match-kit.js";

describe("clause search intent matcher", () => {
  it.each([
    ["退款", "退款"], ["退款条款是什么", "退款"], ["违约怎么算", "违约怎么算"], ["保密条款", "保密"], ["不可抗力", "不可抗力"],
    ["争议怎么解决", "争议怎么解决"], ["查一下赔偿的条款", "赔偿"], ["refund clause", "refund"], ["force majeure", "force majeure"],
    ["what does the contract say about confidentiality?", "confidentiality"], ["发票条款", "发票"],
  ])("%j → query %j", (raw, query) => {
    expect(clauseSearchIntent.match(norm(raw))).toEqual({ query, ref: null });
  });
  it.each([
    ["条款 3.1.5", "3.1.5"], ["条款3.2", "3.2"], ["第8条", "8"], ["3.1.5条", "3.1.5"], ["3.1.5", "3.1.5"], ["clause 2.4", "2.4"], ["§5.2", "5.2"],
    ["第一条", "第一条"], ["第 三 条", "第三条"], ["看看第十二条", "第十二条"],
  ])("%j → ref %s", (raw, ref) => {
    expect(clauseSearchIntent.match(norm(raw))).toMatchObject({ ref });
  });
  it.each(["DING还剩多少", "不续费会怎样", "DING 用了 30 条", "合同金额"])("does not match %j", (raw) => {
    expect(clauseSearchIntent.match(norm(raw))).toBeNull();
  });
  it("keeps the whole text when only filler words remain", () => expect(clauseQuery("条款")).toBe("条款"));
});
