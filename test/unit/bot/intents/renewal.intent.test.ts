import { describe, expect, it } from "vitest";
import { parseRenewal } from "../../../../src/bot/intents/renewal.intent.js";
import { norm } from "./match-kit.js";

describe("renewal declaration matcher", () => {
  it.each([
    ["已续费", "renewed"], ["已续费。", "renewed"], ["我们已经续费了", "renewed"], ["续费好了", "renewed"], ["已续废", "renewed"], ["续约完成", "renewed"],
    ["正在续费", "renewing"], ["续费中", "renewing"], ["我们在走续费流程", "renewing"], ["不续费", "not_renewing"], ["不续了", "not_renewing"],
    ["我们决定不续费了", "not_renewing"], ["合同终止", "terminated"], ["已终止", "terminated"], ["renewed", "renewed"], ["We have renewed.", "renewed"],
    ["renewing", "renewing"], ["not renewing", "not_renewing"], ["we won't renew", "not_renewing"], ["contract terminated", "terminated"],
  ])("%j → %s", (raw, declaration) => {
    expect(parseRenewal(norm(raw))).toEqual({ declaration });
  });
  it.each(["不续费会怎样", "续费", "什么时候续费", "已续费吗", "续费多少钱", "what happens if we are not renewing", "renewal date"])("does not match %j", (raw) => {
    expect(parseRenewal(norm(raw))).toBeNull();
  });
});
