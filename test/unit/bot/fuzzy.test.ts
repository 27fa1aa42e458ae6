import { describe, expect, it } from "vitest";
import { bigramSimilarity, bigrams, editDistance, hasWord } from "../../../src/bot/fuzzy.js";

describe("fuzzy helpers", () => {
  it.each([
    ["quota", "qouta", 1], ["expire", "expier", 1], ["expire", "expire", 0], ["renew", "renewed", 2], ["", "abc", 3], ["到期", "到其", 1],
  ])("editDistance(%j, %j) = %d", (a, b, d) => expect(editDistance(a, b)).toBe(d));
  it.each([
    ["when does it expier", ["expire"], true], ["ding quotta left", ["quota"], true], ["help", ["help"], true], ["hlep", ["help"], false],
    ["expired", ["expire"], true], ["regarding", ["ding"], false],
  ] as const)("hasWord(%j, %j) = %s", (text, kw, out) => expect(hasWord(text, kw)).toBe(out));
  it("splits bigrams and scores Dice similarity", () => {
    expect(bigrams("到期了")).toEqual(["到期", "期了"]);
    expect(bigrams("a")).toEqual(["a"]);
    expect(bigramSimilarity("专业版到期", "专业版到期")).toBe(1);
    expect(bigramSimilarity("云盘容量", "云盘快满了吗")).toBeCloseTo(2 / 8);
    expect(bigramSimilarity("", "abc")).toBe(0);
  });
});
