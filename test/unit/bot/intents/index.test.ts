import { describe, expect, it } from "vitest";
import { INTENTS, routeText } from "../../../../src/bot/intents/index.js";
import { norm } from "./match-kit.js";

describe("intent table order: the first match wins", () => {
  it.each([
    ["帮助", "help"], ["你能做什么", "help"], ["@钉钉管家", "help"], ["专业版还有多久到期", "expiry"], ["还剩几天", "expiry"], ["合同什么时候到期", "expiry"],
    ["when does Pro expire", "expiry"], ["DING还剩多少", "quota"], ["电话会议还有多少分钟", "quota"], ["电话会议还有多久", "quota"], ["云盘快满了吗", "quota"],
    ["API调用量", "quota"], ["所有额度", "quota"], ["我们买了什么", "entitlements"], ["专业版包含哪些权益", "entitlements"], ["合同", "contract"],
    ["发票开了吗", "contract"], ["合同多少钱", "contract"], ["乙方是谁", "contract.parties"], ["不续费会怎样", "consequences"],
    ["数据会被删除吗", "consequences"], ["退款", "clauses"], ["数据删除条款", "clauses"], ["条款 3.1.5", "clauses"], ["不可抗力", "clauses"],
    ["DING 用了 30 条", "usage.record"], ["电话会议用了 120 分钟", "usage.record"], ["云盘已用 300GB", "usage.record"], ["API调用 12万次", "usage.record"],
    ["撤销", "usage.undo"], ["已续费", "renewal"], ["不续费", "renewal"], ["合同终止", "renewal"], ["提醒列表", "reminders"], ["暂停提醒 7 天", "reminders"],
    ["帮我订会议室", "fallback"], ["'; DROP TABLE users; --", "fallback"], ["<img src=x onerror=alert(1)>", "fallback"],
  ])("%j → %s", (raw, name) => {
    expect(routeText(norm(raw)).intent.name).toBe(name);
  });
  it("routes a 10,000-character message to the fallback (matchers only see the first 500 characters)", () => {
    expect(routeText(norm("测".repeat(5_000) + "x".repeat(5_000))).intent.name).toBe("fallback");
  });
  it("has unique names and examples in both languages for every intent", () => {
    expect(new Set(INTENTS.map((i) => i.name)).size).toBe(INTENTS.length);
    for (const i of INTENTS) expect(i.examples.zh.length + i.examples.en.length).toBeGreaterThan(0);
  });
});
