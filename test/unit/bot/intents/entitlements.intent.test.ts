import { describe, expect, it } from "vitest";
import { entitlementsIntent } from "../../../../src/bot/intents/entitlements.intent.js";
import { norm } from "./match-kit.js";

describe("entitlements intent matcher", () => {
  it.each([
    "我们买了什么", "专业版包含哪些权益", "买了哪些", "都有啥", "权益清单", "专业版包括什么", "有哪些服务", "套餐内容", "我们有什么",
    "专业版权意", "what did we buy", "What's included?", "list our entitlements", "features",
  ])("matches %j", (raw) => {
    expect(entitlementsIntent.match(norm(raw))).toEqual({});
  });
  it.each(["DING还剩多少", "帮助", "发票开了吗"])("does not match %j", (raw) => {
    expect(entitlementsIntent.match(norm(raw))).toBeNull();
  });
});
