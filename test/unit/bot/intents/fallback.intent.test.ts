import { describe, expect, it } from "vitest";
import { suggest } from "../../../../src/bot/intents/fallback.intent.js";
import { INTENTS } from "../../../../src/bot/intents/index.js";
import { norm } from "./match-kit.js";

describe("fallback suggestions (character-bigram similarity to example phrasings)", () => {
  it.each([
    ["帮我订会议室", "zh", "电话会议还有多少分钟"],
    ["专业版几号结束啊", "zh", "专业版什么时候到期"],
    ["云盘容量", "zh", "云盘快满了吗"],
    ["合同的钱", "zh", "合同"],
    ["pro expire soon?", "en", "when does Pro expire"],
  ] as const)("%j suggests %j first", (raw, lang, first) => {
    expect(suggest(norm(raw), INTENTS, lang)[0]).toBe(first);
  });
  it("gives three suggestions from distinct intents, never a state-changing command", () => {
    const s = suggest(norm("电话会议用多少了呢要不要续费"), INTENTS, "zh");
    expect(s).toHaveLength(3);
    expect(new Set(s).size).toBe(3);
    for (const x of s) expect(["已续费", "正在续费", "不续费", "撤销", "取消订阅", "DING 用了 30 条"]).not.toContain(x);
  });
  it("falls back to default suggestions when nothing is similar", () => {
    expect(suggest(norm("🙂"), INTENTS, "zh")).toEqual(["DING 还剩多少", "专业版什么时候到期", "不续费会怎样"]);
  });
});
