import { describe, expect, it } from "vitest";
import {
  compactQuantityText, findQuantities, normalizeQuantityText, parseQuantity, parseQuantityNumber, toGigabytes, toHalfWidth,
} from "../../../src/domain/chinese-quantity.js";

describe("parseQuantity", () => {
  it.each([
    ["50万次", { value: 500000, unit: "次", per: null, each: false }],
    ["1TB", { value: 1024, unit: "gb", per: null, each: false }],
    ["1TB/年", { value: 1024, unit: "gb", per: "year", each: false }],
    ["20G", { value: 20, unit: "gb", per: null, each: false }],
    ["500GB", { value: 500, unit: "gb", per: null, each: false }],
    ["各1次", { value: 1, unit: "次", per: null, each: true }],
    ["各 １ 次", { value: 1, unit: "次", per: null, each: true }],
    ["5个", { value: 5, unit: "个", per: null, each: false }],
    ["2 000 人", { value: 2000, unit: "人", per: null, each: false }],
    ["2,000人", { value: 2000, unit: "人", per: null, each: false }],
    ["30万次/月", { value: 300000, unit: "次", per: "month", each: false }],
    ["30 万次 / 月", { value: 300000, unit: "次", per: "month", each: false }],
    ["40qps", { value: 40, unit: "qps", per: null, each: false }],
    ["４０ＱＰＳ", { value: 40, unit: "qps", per: null, each: false }],
    ["1000条/年", { value: 1000, unit: "条", per: "year", each: false }],
    ["每月5000分钟", { value: 5000, unit: "分钟", per: null, each: false }],
    ["1.5万次", { value: 15000, unit: "次", per: null, each: false }],
    ["二十个", { value: 20, unit: "个", per: null, each: false }],
  ])("%s", (text, expected) => expect(parseQuantity(text)).toMatchObject(expected));

  it.each(["/", "", "7*10，8:00-18:00", "不限"])("no quantity in %j", (s) => expect(parseQuantity(s)).toBeNull());
});

describe("findQuantities", () => {
  it("finds every quantity of a multi-metric cell in order", () => {
    const q = findQuantities("API并发权益40qps API调用50万次/月 连接器连接流30万次/月");
    expect(q.map((x) => [x.value, x.unit, x.per])).toEqual([[40, "qps", null], [500000, "次", "month"], [300000, "次", "month"]]);
  });
  it("reads a video conference spec", () => {
    expect(findQuantities("5个100方24小时高清会议").map((x) => [x.value, x.unit])).toEqual([[5, "个"], [100, "方"], [24, "小时"]]);
  });
});

describe("helpers", () => {
  it("converts full-width ASCII to half-width", () => expect(toHalfWidth("ＡＰＩ１２３／％　")).toBe("API123/% "));
  it("joins digit groups and unit spacing", () => {
    expect(normalizeQuantityText("通讯录人数上限 2 000 人")).toBe("通讯录人数上限 2000人");
    expect(compactQuantityText("API 调用 50 万次 / 月")).toBe("API调用50万次/月");
  });
  it.each([["50万", 500000], ["1.5万", 15000], ["一千", 1000], ["两", 2], ["3亿", 300000000], ["abc", null], ["", null]])(
    "parseQuantityNumber(%j) = %j", (s, n) => expect(parseQuantityNumber(s)).toBe(n),
  );
  it.each([[1, "TB", 1024], [2, "t", 2048], [20, "G", 20], [512, "MB", 0.5], [3, "次", null]])(
    "toGigabytes(%d, %s) = %j", (v, u, gb) => expect(toGigabytes(v, u)).toBe(gb),
  );
});
