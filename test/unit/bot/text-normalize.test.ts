import { describe, expect, it } from "vitest";
import { cleanText, compact, detectLang, normalizeText, stripMentions } from "../../../src/bot/text-normalize.js";

describe("text normalization", () => {
  it.each([
    ["@钉钉管家 DING还剩多少", "DING还剩多少"],
    [" 帮我查一下 ", "帮我查一下"],
    ["@钉钉管家 @张三 到期", "到期"],
    ["到期 @钉钉管家", "到期"],
    ["@钉钉管家", ""],
    ["email@example.com 到期", "email@example.com 到期"],
  ])("stripMentions(%j) = %j", (raw, out) => expect(stripMentions(raw)).toBe(out));

  it.each([
    ["ＤＩＮＧ　还剩多少？", "DING 还剩多少?"],
    ["到期\u200b了吗", "到期了吗"],
    ["a\n\tb", "a b"],
  ])("cleanText(%j) = %j (NFKC, zero-width removed, spaces collapsed)", (raw, out) => expect(cleanText(raw)).toBe(out));

  it.each([
    ["专业版到其了吗", "专业版到期了吗"],
    ["到气时间", "到期时间"],
    ["已续废", "已续费"],
    ["电化会意还剩多少", "电话会议还剩多少"],
    ["When Does Pro EXPIRE", "when does pro expire"],
  ])("normalizeText(%j) = %j (lower case, typos corrected)", (raw, out) => expect(normalizeText(raw)).toBe(out));

  it("caps the matched text at 500 characters", () => expect(normalizeText("a".repeat(10_000))).toHaveLength(500));
  it("compacts to letters and digits", () => expect(compact("DING 还剩 多少？!")).toBe("DING还剩多少"));
  it.each([
    ["when does Pro expire", "en"], ["DING还剩多少", "zh"], ["DING", "zh"], ["API 12万次", "zh"], ["DING left", "en"], ["😀", "zh"], ["", "zh"], ["3.1.5", "zh"],
  ] as const)("detectLang(%j) = %s", (raw, lang) => expect(detectLang(raw)).toBe(lang));
});
