import { describe, expect, it } from "vitest";
import { formatCapitalAmount, parseCapitalAmount, parseChineseNumber } from "../../../src/domain/chinese-numerals.js";

describe("parseChineseNumber", () => {
  it.each([
    ["一", 1], ["两", 2], ["十", 10], ["十二", 12], ["二十", 20], ["二十四", 24], ["一百零五", 105], ["一千零十", 1010],
    ["三千五百", 3500], ["十万", 100000], ["一万二千", 12000], ["一亿二千万", 120000000], ["二〇二三", 2023],
    ["壹万玖仟陆佰", 19600], ["玖仟捌佰", 9800], ["零", 0], ["12", 12], [" 三 十 ", 30],
  ])("%s → %d", (s, n) => expect(parseChineseNumber(s)).toBe(n));

  it.each(["", "abc", "三个", "十十", "万", "两两", "一二十"])("rejects %j", (s) => expect(parseChineseNumber(s)).toBeNull());
});

describe("parseCapitalAmount", () => {
  it.each([
    ["玖仟捌佰元整", 980000], ["捌仟捌佰贰拾元", 882000], ["捌仟捌佰贰拾元整", 882000], ["壹万玖仟陆佰元整", 1960000],
    ["贰万陆仟肆佰陆拾元整", 2646000], ["人民币壹万柒仟陆佰肆拾元整", 1764000], ["大写：伍仟捌佰捌拾元正", 588000],
    ["壹拾贰元叁角肆分", 1234], ["壹拾贰元零肆分", 1204], ["伍角", 50], ["零元整", 0], ["壹仟零伍圆整", 100500],
    ["壹拾万元整", 10000000], ["壹亿零伍元整", 10000000500], ["【 玖仟捌佰元整 】", 980000],
  ])("%s → %d fen", (s, fen) => expect(parseCapitalAmount(s)).toBe(fen));

  it.each(["", "元整", "玖仟捌佰", "九千八百块", "壹拾元叁毛"])("rejects %j", (s) => expect(parseCapitalAmount(s)).toBeNull());
});

describe("formatCapitalAmount", () => {
  it.each([
    [980000, "玖仟捌佰元整"], [882000, "捌仟捌佰贰拾元整"], [1960000, "壹万玖仟陆佰元整"], [100500, "壹仟零伍元整"],
    [1234, "壹拾贰元叁角肆分"], [1204, "壹拾贰元零肆分"], [1050, "壹拾元伍角"], [5, "伍分"], [0, "零元整"],
    [10000000, "壹拾万元整"], [10050000, "壹拾万零伍佰元整"], [10000000500, "壹亿零伍元整"], [2646000, "贰万陆仟肆佰陆拾元整"],
  ])("%d fen → %s", (fen, words) => expect(formatCapitalAmount(fen)).toBe(words));

  it("round-trips through parseCapitalAmount", () => {
    for (const fen of [1, 99, 100, 101, 1000, 100001, 12345678, 98000000, 300000000000, 4000000005]) {
      expect(parseCapitalAmount(formatCapitalAmount(fen))).toBe(fen);
    }
  });

  it.each([-1, 1.5, Number.NaN])("refuses %d", (fen) => expect(() => formatCapitalAmount(fen)).toThrow(RangeError));
});
