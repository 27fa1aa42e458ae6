import { describe, expect, it } from "vitest";
import { expiryIntent } from "../../../../src/bot/intents/expiry.intent.js";
import { norm } from "./match-kit.js";

describe("expiry intent matcher", () => {
  it.each([
    "什么时候到期", "还剩几天", "专业版还有多久到期", "专业版到其了吗", "到气时间", "有效期到哪天", "服务期还有多少天", "什么时候续费",
    "when does Pro expire", "When does it expire?", "expiry date", "how many days left", "when does the contract end", "expirey",
  ])("matches %j", (raw) => {
    expect(expiryIntent.match(norm(raw))).toEqual({});
  });
  it.each(["DING还剩多少", "发票开了吗", "帮助", "到了吗"])("does not match %j", (raw) => {
    expect(expiryIntent.match(norm(raw))).toBeNull();
  });
});
