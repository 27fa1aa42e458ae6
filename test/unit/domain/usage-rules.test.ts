import { describe, expect, it } from "vitest";
import { cleanFreeText, isWholeNumberUnit, usageAmountProblem } from "../../../src/domain/usage-rules.js";

describe("usage amount rules", () => {
  const ding = { unit: "message", limit: 1000 };
  const drive = { unit: "gb", limit: 1024 };
  it.each([
    [30, "delta", ding, null], [2000, "delta", ding, null], [2001, "delta", ding, "over_limit"], [-90, "delta", ding, "negative"],
    [0, "delta", ding, "zero"], [0, "reading", drive, null], [0.0001, "delta", ding, "fraction"], [1.5, "reading", drive, null],
    [Number.NaN, "delta", ding, "not_finite"], [Number.POSITIVE_INFINITY, "reading", drive, "not_finite"], [1e13, "delta", ding, "too_large"],
    [99_999_999_999, "delta", ding, "over_limit"], [3000, "reading", drive, "over_limit"], [5, "delta", { unit: "use", limit: 0 }, null],
  ] as const)("%d as %s on %j → %s", (amount, kind, quota, problem) => {
    expect(usageAmountProblem(amount, kind, quota)).toBe(problem);
  });
  it("counts messages, minutes, calls, uses and seats in whole numbers; GB and hours may be fractions", () => {
    expect(["message", "minute", "call", "use", "person", "account", "device"].every(isWholeNumberUnit)).toBe(true);
    expect(["gb", "hour"].some(isWholeNumberUnit)).toBe(false);
  });
  it.each([
    ["备注\u0000NUL", "备注NUL"], ["a\u202eevil\u202c b", "aevil b"], ["x\ud800y", "xy"], ["\udc00z", "z"], ["😀 ok", "😀 ok"],
    ["tab\there\nline", "tab here line"], ["\u2066iso\u2069 \u200fmark", "iso mark"], ["\u0085c1\u009f", "c1"], ["  spaced   out  ", "spaced out"],
  ])("cleans %j to %j", (raw, clean) => {
    expect(cleanFreeText(raw)).toBe(clean);
  });
});
