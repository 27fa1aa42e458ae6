import { describe, expect, it } from "vitest";
import { formatAmount, formatQuantity, isWholeUnit } from "../../../src/domain/display-labels.js";

describe("amounts people read: whole for counted units, cautious when computed", () => {
  it.each([
    // what is left of a forecast errs low, what is used errs high, recorded figures round
    [1106.63, "message", "down", "1,106"],
    [6645.09, "minute", "down", "6,645"],
    [6645.09, "minute", "up", "6,646"],
    [2.0000000001, "call", "up", "2"],
    [0.4, "use", "down", "0"],
    [-0.2, "use", "nearest", "0"],
    [812.46, "gb", "down", "812.5"],
    [3.25, "hour", "nearest", "3.3"],
    [1234567, "call", "nearest", "1,234,567"],
  ] as const)("%s %s rounded %s → %s", (n, unit, round, text) => {
    expect(formatAmount(n, unit, round)).toBe(text);
  });

  it.each([
    [1, "use", "en", "1 use"],
    [2, "use", "en", "2 uses"],
    [1.2, "use", "en", "1 use"],
    [1, "person", "en", "1 person"],
    [300, "person", "en", "300 people"],
    [1, "minute", "en", "1 min"],
    [1106.6, "message", "zh", "1,107 条"],
    [812.5, "gb", "zh", "812.5 GB"],
  ] as const)("%s %s in %s → %s", (n, unit, lang, text) => {
    expect(formatQuantity(n, unit, lang)).toBe(text);
  });

  it("only GB and hours are measured; everything else is counted", () => {
    expect(["gb", "hour"].filter(isWholeUnit)).toEqual([]);
    expect(["message", "minute", "call", "use", "person", "room", "device", "account"].every(isWholeUnit)).toBe(true);
  });
});
