import { describe, expect, it } from "vitest";
import { contractIntent, contractPartiesIntent } from "../../../../src/bot/intents/contract.intent.js";
import { norm } from "./match-kit.js";

describe("contract intent matcher (money: sensitive)", () => {
  it("is sensitive", () => expect(contractIntent.sensitive).toBe(true));
  it.each([
    ["合同", "all"], ["合同详情", "all"], ["金额", "amount"], ["合同多少钱", "amount"], ["合同金额是多少", "amount"], ["付款", "payment"],
    ["付款截止日期", "payment"], ["发票", "invoice"], ["发票开了吗", "invoice"], ["发漂开了没", "invoice"], ["滞纳金多少", "invoice"],
    ["乙方付款了吗", "payment"], ["contract details", "all"], ["invoice status", "invoice"], ["contract amount", "amount"], ["did we pay?", "payment"],
  ])("%j → focus %s", (raw, focus) => {
    expect(contractIntent.match(norm(raw))).toEqual({ focus });
  });
  it.each(["合同什么时候到期", "合同条款", "DING还剩多少", "续费"])("does not match %j", (raw) => {
    expect(contractIntent.match(norm(raw))).toBeNull();
  });
});

describe("contract parties matcher (not sensitive)", () => {
  it("is not sensitive", () => expect(contractPartiesIntent.sensitive).toBeFalsy());
  it.each(["乙方是谁", "甲方", "供应商是哪家", "服务商是谁", "经销商", "签约主体", "合作方是谁", "对方公司叫什么", "代理商是哪个", "who is the vendor", "contract parties"])(
    "matches %j",
    (raw) => expect(contractPartiesIntent.match(norm(raw))).toEqual({}),
  );
  it.each(["乙方发票开了吗", "付款给乙方多少钱"])("leaves money questions to the contract intent: %j", (raw) => {
    expect(contractPartiesIntent.match(norm(raw))).toBeNull();
  });
});
